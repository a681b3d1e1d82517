//! Readiness as a person reads it: a named band with its 95 % interval, never a bare score.

use engine::{Band, Readiness};

/// The readiness badge as markup (inserted with `inner_html`; it holds no user text).
pub fn readiness_html(readiness: &Readiness) -> String {
    let class = match readiness.band {
        Band::GettingStarted => "band-start",
        Band::Building => "band-building",
        Band::InterviewReady => "band-ready",
        Band::Strong => "band-strong",
    };
    let interval = if readiness.ability.answers == 0 {
        "no answers yet".to_string()
    } else {
        format!("{}–{} %", readiness.low, readiness.high)
    };
    let name = readiness.band.label();
    format!(
        r#"<span class="band {class}" title="Readiness: {name}, likely {interval}" aria-label="Readiness: {name}, likely {interval}"><span class="band-name">{name}</span> <span class="band-range">{interval}</span></span>"#
    )
}
