use engine::{Event, EventBody, LocalDate, Outcome, Readiness};
use leptos::prelude::*;

use crate::components::streak::{streak_text, study_day_rule};
use crate::html::{escape, Html};
use crate::platform::today;
use crate::state::{engine, use_app_state, AppState};

/// Weeks shown in the activity calendar.
const CALENDAR_WEEKS: i32 = 18;
/// Active days shown per readiness line.
const HISTORY_DAYS: usize = 60;
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Progress over time, drawn as inline SVG: readiness per topic with its band, an activity
/// calendar, and accuracy by difficulty.
#[component]
pub fn StatsPage() -> impl IntoView {
    let state = use_app_state();
    // Read in place: a year's log is too big to copy for a page.
    let content = move || state.events.with(|events| stats(state, events));
    view! {
        <main class="page">
            <h1>"Stats"</h1>
            {content}
        </main>
    }
}

/// The page's content for the log `events`.
fn stats(state: AppState, events: &[Event]) -> AnyView {
    let answers: Vec<(&Event, &engine::Answer)> = events
        .iter()
        .filter_map(|e| match &e.body {
            EventBody::Answered(a) => Some((e, a)),
            _ => None,
        })
        .collect();
    if answers.is_empty() {
        return view! {
            <p class="card">"No answers yet. Take a test and your progress appears here."</p>
        }
        .into_any();
    }
    let correct = answers
        .iter()
        .filter(|(_, a)| a.outcome() == Outcome::Correct)
        .count();
    let days = {
        let mut d: Vec<LocalDate> = Vec::new();
        for (event, _) in &answers {
            engine::order::insert_unique(&mut d, event.local_date);
        }
        d.len()
    };
    let summary = format!(
        "{} answer{} on {} day{} · {}% correct",
        answers.len(),
        if answers.len() == 1 { "" } else { "s" },
        days,
        if days == 1 { "" } else { "s" },
        correct * 100 / answers.len()
    );
    let streak = state
        .progress
        .with(|p| streak_text(p.streak().status(today())))
        .map(|text| view! { <p class="hint">{text}". "{study_day_rule()}</p> });
    view! {
        <p class="lede">{summary}</p>
        {streak}
        <section aria-labelledby="readiness-title">
            <h2 id="readiness-title" class="section-title">"Readiness over time"</h2>
            <p class="hint">
                "Readiness (0–100 %) is the share of a topic's typical interview questions you would likely get right, at the end of each day you practised. Dashed lines mark where Building (40), Interview-ready (65) and Strong (85) begin."
            </p>
            <p class="hint chart-legend" inner_html=Html::from_markup(CHART_LEGEND.to_string()).into_inner()></p>
            <ul class="plain-list chart-list">{readiness_charts(events)}</ul>
        </section>
        <section aria-labelledby="activity-title">
            <h2 id="activity-title" class="section-title">"Activity"</h2>
            {calendar(&answers)}
        </section>
        <section aria-labelledby="accuracy-title">
            <h2 id="accuracy-title" class="section-title">"Accuracy by difficulty"</h2>
            {accuracy(&answers)}
        </section>
    }
    .into_any()
}

/// Readiness of each practised topic at the end of each of the last HISTORY_DAYS active days,
/// replayed from the log.
fn readiness_history(events: &[Event]) -> Vec<(u16, Vec<(LocalDate, Readiness)>)> {
    let engine = engine();
    let topics = engine.bank().topics.len();
    let mut progress = engine.empty_progress();
    let mut history: Vec<Vec<(LocalDate, Readiness)>> = vec![Vec::new(); topics];
    let mut touched = vec![false; topics];
    let mut sorted: Vec<&Event> = events.iter().collect();
    engine::order::sort_by_key(&mut sorted, |e| (e.at_ms, e.id));
    // A practised topic gets a point at every later day's end, so every line's last
    // HISTORY_DAYS points are at the log's last HISTORY_DAYS day ends: readiness (the costly
    // part) is computed there only. The replay before them still has to run.
    let first_drawn = {
        // Where the last HISTORY_DAYS runs of one local date begin (a day ends where a run does).
        let mut runs = 0;
        let mut start = sorted.len();
        while start > 0 && runs < HISTORY_DAYS {
            let date = sorted[start - 1].local_date;
            while start > 0 && sorted[start - 1].local_date == date {
                start -= 1;
            }
            runs += 1;
        }
        start
    };
    for (i, event) in sorted.iter().enumerate() {
        engine.apply(&mut progress, event);
        if let EventBody::Answered(a) = &event.body {
            if let Some(item) = engine.find(&a.question) {
                touched[usize::from(engine.bank().items[item].topic)] = true;
            }
        }
        let day_ends = sorted
            .get(i + 1)
            .is_none_or(|next| next.local_date != event.local_date);
        if day_ends && i >= first_drawn {
            for (t, seen) in touched.iter().enumerate() {
                if *seen {
                    let r = engine.readiness(&progress, t as u16, event.at_ms);
                    history[t].push((event.local_date, r));
                }
            }
        }
    }
    history
        .into_iter()
        .enumerate()
        .filter(|(_, h)| !h.is_empty())
        .map(|(t, h)| (t as u16, h))
        .collect()
}

/// The readiness charts' key: what the line and the band are.
const CHART_LEGEND: &str = r#"<svg class="legend-swatch" viewBox="0 0 24 12" aria-hidden="true"><line class="chart-line" x1="2" y1="6" x2="22" y2="6"/></svg> estimate <svg class="legend-swatch" viewBox="0 0 24 12" aria-hidden="true"><rect class="chart-band" width="24" height="12" rx="2"/></svg> likely range (95 %)"#;

/// A coordinate for SVG markup, to a tenth. Written with integer arithmetic: printing an `f64`
/// would pull float formatting (several KB) into the wasm for nothing.
struct Px(i64);

fn px(value: f64) -> Px {
    Px((value * 10.0).round() as i64)
}

impl std::fmt::Display for Px {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (sign, tenths) = if self.0 < 0 {
            ("-", -self.0)
        } else {
            ("", self.0)
        };
        match tenths % 10 {
            0 => write!(f, "{sign}{}", tenths / 10),
            d => write!(f, "{sign}{}.{d}", tenths / 10),
        }
    }
}

/// "3 Mar", with the year when it is not this year's.
fn short_date(date: LocalDate) -> String {
    let (year, month, day) = date.ymd();
    let month = MONTHS[usize::from(month.clamp(1, 12)) - 1];
    if year == today().ymd().0 {
        format!("{day} {month}")
    } else {
        format!("{day} {month} {year}")
    }
}

/// Charts are SVG markup built as text (numbers and escaped labels only) and inserted as HTML:
/// a typed view per SVG element would cost far more wasm for static drawings. Each chart has a
/// readiness axis (0–100, the band thresholds dashed) and its first and last dates below. A
/// single day is a dot with its band drawn as a short bar, since a band needs two points.
fn readiness_charts(events: &[Event]) -> impl IntoView {
    // The plot area: left of it the readiness axis, below it the dates.
    let (width, height) = (320.0_f64, 132.0_f64);
    let (left, right, top, bottom) = (40.0_f64, 312.0_f64, 8.0_f64, 110.0_f64);
    let dates_y = bottom + 16.0;
    readiness_history(events)
        .into_iter()
        .map(|(topic, points)| {
            let title = engine().bank().topics[usize::from(topic)].title.clone();
            let n = points.len();
            let x = |i: usize| if n == 1 { (left + right) / 2.0 } else { left + (right - left) * i as f64 / (n - 1) as f64 };
            let y = |score: u8| top + (bottom - top) * (1.0 - f64::from(score) / 100.0);
            let (first_date, _) = points[0];
            let (last_date, last) = points[n - 1];
            let label = format!("{title}: readiness {} ({}–{}) on {last_date}, from {first_date}", last.band.label(), last.low, last.high);
            // The band thresholds (40, 65, 85) dashed, the scale's ends solid, each labelled.
            let axis: String = [0u8, 40, 65, 85, 100]
                .iter()
                .map(|&t| {
                    let class = if t % 100 == 0 { "chart-rule" } else { "chart-grid" };
                    format!(
                        r#"<line class="{class}" x1="{2}" x2="{3}" y1="{0}" y2="{0}"/><text class="chart-axis" x="{1}" y="{0}" text-anchor="end" dominant-baseline="middle">{t}</text>"#,
                        px(y(t)),
                        px(left - 6.0),
                        px(left),
                        px(right)
                    )
                })
                .collect();
            let axis_title = format!(
                r#"<text class="chart-axis" transform="translate(8 {}) rotate(-90)" text-anchor="middle" dominant-baseline="middle">Readiness %</text>"#,
                px((top + bottom) / 2.0)
            );
            let dates = if n == 1 {
                format!(r#"<text class="chart-axis" x="{}" y="{}" text-anchor="middle">{}</text>"#, px(x(0)), px(dates_y), short_date(first_date))
            } else {
                format!(
                    r#"<text class="chart-axis" x="{2}" y="{4}" text-anchor="start">{0}</text><text class="chart-axis" x="{3}" y="{4}" text-anchor="end">{1}</text>"#,
                    short_date(first_date),
                    short_date(last_date),
                    px(left),
                    px(right),
                    px(dates_y)
                )
            };
            let data = if n == 1 {
                format!(
                    r#"<rect class="chart-band" x="{}" y="{}" width="20" height="{}" rx="3"/><circle class="chart-dot" cx="{}" cy="{}" r="4"/>"#,
                    px(x(0) - 10.0),
                    px(y(last.high)),
                    px((y(last.low) - y(last.high)).max(2.0)),
                    px(x(0)),
                    px(y(last.score))
                )
            } else {
                let line: Vec<String> = points.iter().enumerate().map(|(i, (_, r))| format!("{},{}", px(x(i)), px(y(r.score)))).collect();
                let upper = points.iter().enumerate().map(|(i, (_, r))| format!("{},{}", px(x(i)), px(y(r.high))));
                let lower = points.iter().enumerate().rev().map(|(i, (_, r))| format!("{},{}", px(x(i)), px(y(r.low))));
                let band: Vec<String> = upper.chain(lower).collect();
                format!(r#"<polygon class="chart-band" points="{}"/><polyline class="chart-line" points="{}"/>"#, band.join(" "), line.join(" "))
            };
            let svg = format!(
                r#"<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}">{axis}{axis_title}{data}{dates}</svg>"#,
                px(width),
                px(height),
                escape(&label)
            );
            view! {
                <li class="card chart-card">
                    <span class="topic-head">
                        <span class="topic-title">{title}</span>
                        <span class="topic-meta">{{ let (name, detail) = crate::components::readiness::readiness_words(&last); format!("{name} · {detail}") }}</span>
                    </span>
                    <div inner_html=Html::from_markup(svg).into_inner()></div>
                </li>
            }
        })
        .collect_view()
}

/// The last weeks as a contribution calendar: a column per week (Monday first), a row per
/// weekday, with the months along the top and Mon, Wed, Fri down the side.
fn calendar(answers: &[(&Event, &engine::Answer)]) -> impl IntoView {
    let today = today();
    let (cell, gap) = (14.0_f64, 3.0_f64);
    // Room for the weekday names on the left and the month names on top.
    let (left, top) = (30.0_f64, 16.0_f64);
    // Columns are weeks ending with the current one; rows are days Monday..Sunday.
    let weekday = |d: LocalDate| (d.days_since_epoch() + 3).rem_euclid(7); // 1970-01-01 was a Thursday
    let start = today.add_days(-(weekday(today) + 7 * (CALENDAR_WEEKS - 1)));
    let mut counts = vec![0u32; (CALENDAR_WEEKS * 7) as usize];
    for (event, _) in answers {
        let offset = start.days_until(event.local_date);
        if (0..CALENDAR_WEEKS * 7).contains(&offset) {
            counts[offset as usize] += 1;
        }
    }
    let active = counts.iter().filter(|&&c| c > 0).count();
    let cells: String = counts
        .iter()
        .enumerate()
        .filter(|(i, _)| start.add_days(*i as i32) <= today)
        .map(|(i, &count)| {
            let (col, row) = (i / 7, i % 7);
            format!(
                r#"<rect class="heat heat-{}" x="{}" y="{}" width="{}" height="{}" rx="3"><title>{}: {count} answer{}</title></rect>"#,
                heat_level(count),
                px(left + col as f64 * (cell + gap)),
                px(top + row as f64 * (cell + gap)),
                px(cell),
                px(cell),
                start.add_days(i as i32),
                if count == 1 { "" } else { "s" }
            )
        })
        .collect();
    let weekdays: String = [(0, "Mon"), (2, "Wed"), (4, "Fri")]
        .iter()
        .map(|(row, name)| {
            format!(
                r#"<text class="chart-axis" x="0" y="{}" dominant-baseline="middle">{name}</text>"#,
                px(top + f64::from(*row) * (cell + gap) + cell / 2.0)
            )
        })
        .collect();
    // A month's name stands over the first week that starts in it; the first column's is left
    // out when the next month's name would overlap it.
    let month_of = |col: i32| start.add_days(7 * col).ymd().1;
    let months: String = (0..CALENDAR_WEEKS)
        .filter(|&col| {
            if col == 0 {
                (1..3).all(|next| month_of(next) == month_of(0))
            } else {
                month_of(col) != month_of(col - 1)
            }
        })
        .map(|col| {
            format!(
                r#"<text class="chart-axis" x="{}" y="10">{}</text>"#,
                px(left + f64::from(col) * (cell + gap)),
                MONTHS[usize::from(month_of(col)) - 1]
            )
        })
        .collect();
    let (width, height) = (
        px(left + f64::from(CALENDAR_WEEKS) * (cell + gap)),
        px(top + 7.0 * (cell + gap)),
    );
    let svg = format!(
        r#"<svg class="calendar" viewBox="0 0 {width} {height}" role="img" aria-label="Activity over the last {CALENDAR_WEEKS} weeks: {active} active day{}">{months}{weekdays}{cells}</svg>"#,
        if active == 1 { "" } else { "s" }
    );
    let legend: String = (0..5)
        .map(|l| format!(r#"<svg class="legend-cell" viewBox="0 0 14 14" aria-hidden="true"><rect class="heat heat-{l}" width="14" height="14" rx="3"/></svg>"#))
        .collect();
    view! {
        <div class="card">
            <div inner_html=Html::from_markup(svg).into_inner()></div>
            <p class="hint calendar-legend" inner_html=Html::from_markup(format!("Less {legend} More")).into_inner()></p>
        </div>
    }
}

fn heat_level(count: u32) -> u8 {
    match count {
        0 => 0,
        1..=4 => 1,
        5..=9 => 2,
        10..=19 => 3,
        _ => 4,
    }
}

fn accuracy(answers: &[(&Event, &engine::Answer)]) -> impl IntoView {
    let bank = engine().bank();
    let mut tally = [(0u32, 0u32); 5];
    for (_, answer) in answers {
        let Some(item) = engine().find(&answer.question) else {
            continue;
        };
        let level = usize::from(bank.items[item].difficulty.clamp(1, 5)) - 1;
        tally[level].1 += 1;
        if answer.outcome() == Outcome::Correct {
            tally[level].0 += 1;
        }
    }
    let names = ["Recall", "Explain", "Apply", "Analyse", "Expert"];
    let rows: String = tally
        .iter()
        .enumerate()
        .map(|(level, &(right, total))| {
            let share = (right * 100).checked_div(total).unwrap_or(0);
            let text = if total == 0 { "no answers".to_string() } else { format!("{share}% of {total}") };
            format!(
                r#"<li class="bar-row"><span class="bar-label">{n} · {name}</span><svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="Level {n} ({name}): {text}"><rect class="bar-track" width="100" height="10" rx="2"/><rect class="bar-fill" width="{share}" height="10" rx="2"/></svg><span class="bar-value">{text}</span></li>"#,
                n = level + 1,
                name = names[level],
            )
        })
        .collect();
    view! { <ul class="plain-list card bars" inner_html=Html::from_markup(rows).into_inner()></ul> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::{Answer, EventId, Mode, Response, SessionId, MS_PER_DAY};

    /// The history as first written: readiness at every day's end, the last HISTORY_DAYS kept.
    fn every_day_then_truncated(events: &[Event]) -> Vec<(u16, Vec<(LocalDate, Readiness)>)> {
        let engine = engine();
        let mut progress = engine.empty_progress();
        let mut history = vec![Vec::new(); engine.bank().topics.len()];
        let mut touched = vec![false; engine.bank().topics.len()];
        for (i, event) in events.iter().enumerate() {
            engine.apply(&mut progress, event);
            if let EventBody::Answered(a) = &event.body {
                let item = engine.find(&a.question).unwrap();
                touched[usize::from(engine.bank().items[item].topic)] = true;
            }
            if events
                .get(i + 1)
                .is_none_or(|next| next.local_date != event.local_date)
            {
                for (t, seen) in touched.iter().enumerate() {
                    if *seen {
                        history[t].push((
                            event.local_date,
                            engine.readiness(&progress, t as u16, event.at_ms),
                        ));
                    }
                }
            }
        }
        history
            .into_iter()
            .enumerate()
            .filter(|(_, h)| !h.is_empty())
            .map(|(t, mut h)| {
                h.drain(..h.len().saturating_sub(HISTORY_DAYS));
                (t as u16, h)
            })
            .collect()
    }

    #[test]
    fn readiness_is_computed_only_where_it_is_drawn_and_the_lines_are_the_same() {
        let items = &engine().bank().items;
        let start = 20_000 * MS_PER_DAY;
        // 150 days of use, a few answers a day, topics taken up at different times; days missed.
        let mut events = Vec::new();
        for day in 0..150_i64 {
            if day % 7 == 3 {
                continue;
            }
            for k in 0..(1 + day % 4) {
                let item = (day * 37 + k * 101) as usize % items.len().min(40 + day as usize * 4);
                let at = start + day * MS_PER_DAY + k * 60_000;
                events.push(Event::answered(
                    EventId((day * 10 + k) as u64),
                    at,
                    LocalDate::from_utc_ms(at, 0),
                    Answer {
                        question: items[item].id.clone(),
                        response: if (day + k) % 3 != 0 {
                            Response::Chose(vec![0])
                        } else {
                            Response::DontKnow
                        },
                        correct: (day + k) % 3 != 0,
                        time_taken_ms: 9_000,
                        mode: Mode::Test,
                        session: SessionId(day as u64),
                    },
                ));
            }
        }
        let expected = every_day_then_truncated(&events);
        assert!(
            expected.iter().any(|(_, h)| h.len() == HISTORY_DAYS),
            "a line long enough to be cut"
        );
        assert_eq!(readiness_history(&events), expected);
        // Fewer days than are drawn: every day is.
        events.truncate(40);
        assert_eq!(
            readiness_history(&events),
            every_day_then_truncated(&events)
        );
    }

    #[test]
    fn coordinates_print_to_a_tenth_without_float_formatting() {
        assert_eq!(px(12.0).to_string(), "12");
        assert_eq!(px(12.34).to_string(), "12.3");
        assert_eq!(px(12.36).to_string(), "12.4");
        assert_eq!(px(0.04).to_string(), "0");
        assert_eq!(px(-0.26).to_string(), "-0.3");
        assert_eq!(px(-4.0).to_string(), "-4");
    }
}
