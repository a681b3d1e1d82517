//! Readiness as a person reads it: words until the estimate means something ("answer N more to
//! see your level"), then one number with its range and a named band, never a bare score.

use engine::{Band, Readiness};

use crate::html::Html;

/// The readiness badge as markup (it holds no user text).
pub fn readiness_html(readiness: &Readiness) -> Html {
    let class = match readiness.band {
        Band::GettingStarted => "band-start",
        Band::Building => "band-building",
        Band::InterviewReady => "band-ready",
        Band::Strong => "band-strong",
    };
    let (name, detail) = readiness_words(readiness);
    Html::from_markup(format!(
        r#"<span class="band {class}"><span class="band-name">{name}</span> <span class="band-range">{detail}</span></span>"#
    ))
}

/// The band's name (or "Not measured yet") and the words that go with it.
pub fn readiness_words(readiness: &Readiness) -> (&'static str, String) {
    if readiness.ability.answers == 0 {
        return ("Not started", String::new());
    }
    if !readiness.is_settled() {
        let n = readiness.answers_to_settle();
        return (
            "Not measured yet",
            format!("answer {n} more to see your level",),
        );
    }
    (
        readiness.band.label(),
        format!(
            "{} % (likely {}–{} %)",
            readiness.score, readiness.low, readiness.high
        ),
    )
}

/// What a sitting did to a topic's readiness, in a sentence; none while the level is still
/// being measured (the badge says how many answers remain).
pub fn readiness_change(before: &Readiness, after: &Readiness) -> Option<String> {
    if !after.is_settled() {
        return None;
    }
    if !before.is_settled() {
        return Some(format!(
            "Your level now shows: {} ({} %).",
            after.band.label(),
            after.score
        ));
    }
    let delta = i32::from(after.score) - i32::from(before.score);
    Some(match delta {
        -2..=2 => format!(
            "Steady at {} %: this sitting confirmed your level.",
            after.score
        ),
        d if d > 0 => format!("Up {d} points: right answers at or above your level raise it."),
        d => format!(
            "Down {} points: misses on questions at your level lower it; they come back in Review.",
            -d
        ),
    })
}
