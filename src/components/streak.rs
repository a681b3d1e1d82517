//! The study streak in words, the same on the home page and the stats page. The streak counts
//! study days: local dates with at least `DAILY_GOAL_ANSWERS` answers in any mode (a test, the
//! daily challenge, review), so its name says "study", not "daily challenge".

use engine::{StreakStatus, DAILY_GOAL_ANSWERS};

/// One line on the streak, or `None` when the learner turned streaks off.
pub fn streak_text(status: StreakStatus) -> Option<String> {
    let plural = |n: u32| if n == 1 { "" } else { "s" };
    Some(match status {
        StreakStatus::Off => return None,
        StreakStatus::Active {
            days,
            done_today,
            answers_today,
            freezes_left,
        } => {
            let today = if done_today {
                "today counted".to_string()
            } else {
                let more = DAILY_GOAL_ANSWERS.saturating_sub(answers_today);
                format!(
                    "{more} more answer{} today keep{} it going",
                    plural(more),
                    if more == 1 { "s" } else { "" }
                )
            };
            let freezes = if freezes_left > 0 {
                format!(" · {freezes_left} freeze{} left", plural(freezes_left))
            } else {
                String::new()
            };
            format!("{days}-day study streak · {today}{freezes}")
        }
        StreakStatus::Inactive { best_days, .. } if best_days > 0 => {
            format!(
                "No study streak running · best {best_days} day{}",
                plural(best_days)
            )
        }
        StreakStatus::Inactive { .. } => {
            format!("Answer {DAILY_GOAL_ANSWERS} questions in a day to start a study streak")
        }
    })
}

/// What makes a study day, for where the streak is explained.
pub fn study_day_rule() -> String {
    format!("A study day has at least {DAILY_GOAL_ANSWERS} answers: any test, the daily challenge or review.")
}
