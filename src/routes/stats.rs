use engine::{Event, EventBody, LocalDate, Outcome, Readiness};
use leptos::prelude::*;

use crate::platform::today;
use crate::state::{engine, use_app_state};
use crate::text::escape;

/// Weeks shown in the activity calendar.
const CALENDAR_WEEKS: i32 = 18;
/// Active days shown per readiness line.
const HISTORY_DAYS: usize = 60;

/// Progress over time, drawn as inline SVG: readiness per topic with its band, an activity
/// calendar, and accuracy by difficulty.
#[component]
pub fn StatsPage() -> impl IntoView {
    let state = use_app_state();
    let content = move || {
        let events = state.events.get();
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
            let mut d: Vec<LocalDate> = answers.iter().map(|(e, _)| e.local_date).collect();
            d.dedup();
            d.sort_unstable();
            d.dedup();
            d.len()
        };
        let summary = format!(
            "{} answers on {} day{} · {}% correct",
            answers.len(),
            days,
            if days == 1 { "" } else { "s" },
            correct * 100 / answers.len()
        );
        view! {
            <p class="lede">{summary}</p>
            <section aria-labelledby="readiness-title">
                <h2 id="readiness-title" class="section-title">"Readiness over time"</h2>
                <p class="hint">"The line is the estimate; the shaded band is where it likely lies (95 %)."</p>
                <ul class="plain-list chart-list">{readiness_charts(&events)}</ul>
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
    };
    view! {
        <main class="page">
            <h1>"Stats"</h1>
            {content}
        </main>
    }
}

/// Readiness of each practised topic at the end of each active day, replayed from the log.
fn readiness_history(events: &[Event]) -> Vec<(u16, Vec<(LocalDate, Readiness)>)> {
    let engine = engine();
    let topics = engine.bank().topics.len();
    let mut progress = engine.empty_progress();
    let mut history: Vec<Vec<(LocalDate, Readiness)>> = vec![Vec::new(); topics];
    let mut touched = vec![false; topics];
    let mut sorted: Vec<&Event> = events.iter().collect();
    sorted.sort_by_key(|e| (e.at_ms, e.id));
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
        if day_ends {
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
        .map(|(t, mut h)| {
            if h.len() > HISTORY_DAYS {
                h.drain(..h.len() - HISTORY_DAYS);
            }
            (t as u16, h)
        })
        .collect()
}

/// Charts are SVG markup built as text (numbers and escaped labels only) and inserted as HTML:
/// a typed view per SVG element would cost far more wasm for static drawings.
fn readiness_charts(events: &[Event]) -> impl IntoView {
    let (width, height, pad) = (320.0_f64, 96.0_f64, 4.0_f64);
    readiness_history(events)
        .into_iter()
        .map(|(topic, points)| {
            let title = engine().bank().topics[usize::from(topic)].title.clone();
            let n = points.len();
            let x = |i: usize| if n == 1 { width / 2.0 } else { pad + (width - 2.0 * pad) * i as f64 / (n - 1) as f64 };
            let y = |score: u8| pad + (height - 2.0 * pad) * (1.0 - f64::from(score) / 100.0);
            let line: Vec<String> = points.iter().enumerate().map(|(i, (_, r))| format!("{:.1},{:.1}", x(i), y(r.score))).collect();
            let upper = points.iter().enumerate().map(|(i, (_, r))| format!("{:.1},{:.1}", x(i), y(r.high)));
            let lower = points.iter().enumerate().rev().map(|(i, (_, r))| format!("{:.1},{:.1}", x(i), y(r.low)));
            let band: Vec<String> = upper.chain(lower).collect();
            let (first_date, _) = points[0];
            let (last_date, last) = points[n - 1];
            let label = format!("{title}: readiness {} ({}–{}) on {last_date}, from {first_date}", last.band.label(), last.low, last.high);
            // Band thresholds: 40, 65, 85.
            let grid: String = [40u8, 65, 85]
                .iter()
                .map(|&t| format!(r#"<line class="chart-grid" x1="0" x2="{width}" y1="{0:.1}" y2="{0:.1}"/>"#, y(t)))
                .collect();
            let dot = if n == 1 { format!(r#"<circle class="chart-dot" cx="{:.1}" cy="{:.1}" r="3"/>"#, x(0), y(last.score)) } else { String::new() };
            let svg = format!(
                r#"<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{}">{grid}<polygon class="chart-band" points="{}"/><polyline class="chart-line" points="{}"/>{dot}</svg>"#,
                escape(&label),
                band.join(" "),
                line.join(" ")
            );
            view! {
                <li class="card chart-card">
                    <span class="topic-head">
                        <span class="topic-title">{title}</span>
                        <span class="topic-meta">{format!("{} · {}–{}", last.band.label(), last.low, last.high)}</span>
                    </span>
                    <div inner_html=svg></div>
                </li>
            }
        })
        .collect_view()
}

fn calendar(answers: &[(&Event, &engine::Answer)]) -> impl IntoView {
    let today = today();
    let (cell, gap) = (14.0_f64, 3.0_f64);
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
                r#"<rect class="heat heat-{}" x="{:.0}" y="{:.0}" width="{cell}" height="{cell}" rx="3"><title>{}: {count} answer{}</title></rect>"#,
                heat_level(count),
                col as f64 * (cell + gap),
                row as f64 * (cell + gap),
                start.add_days(i as i32),
                if count == 1 { "" } else { "s" }
            )
        })
        .collect();
    let (width, height) = (f64::from(CALENDAR_WEEKS) * (cell + gap), 7.0 * (cell + gap));
    let svg = format!(
        r#"<svg class="calendar" viewBox="0 0 {width} {height}" role="img" aria-label="Activity over the last {CALENDAR_WEEKS} weeks: {active} active days">{cells}</svg>"#
    );
    let legend: String = (0..5)
        .map(|l| format!(r#"<svg class="legend-cell" viewBox="0 0 14 14" aria-hidden="true"><rect class="heat heat-{l}" width="14" height="14" rx="3"/></svg>"#))
        .collect();
    view! {
        <div class="card">
            <div inner_html=svg></div>
            <p class="hint calendar-legend" inner_html=format!("Less {legend} More")></p>
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
    view! { <ul class="plain-list card bars" inner_html=rows></ul> }
}
