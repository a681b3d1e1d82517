//! Readiness as a person reads it: a named band with its 95 % interval, never a bare score.

use engine::{Band, Readiness};
use leptos::prelude::*;

#[component]
pub fn ReadinessBadge(readiness: Readiness) -> impl IntoView {
    let class = match readiness.band {
        Band::GettingStarted => "band band-start",
        Band::Building => "band band-building",
        Band::InterviewReady => "band band-ready",
        Band::Strong => "band band-strong",
    };
    let interval = if readiness.ability.answers == 0 {
        "no answers yet".to_string()
    } else {
        format!("{}–{}", readiness.low, readiness.high)
    };
    let label = format!("Readiness: {}, likely {}", readiness.band.label(), interval);
    view! {
        <span class=class title=label.clone() aria-label=label>
            <span class="band-name">{readiness.band.label()}</span>
            <span class="band-range">{interval}</span>
        </span>
    }
}
