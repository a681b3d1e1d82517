//! Small settings kept in localStorage (not progress: losing them loses nothing that matters).

/// Colour theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    pub fn key(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "Match the device",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    fn from_key(key: &str) -> Theme {
        Theme::ALL
            .into_iter()
            .find(|t| t.key() == key)
            .unwrap_or(Theme::System)
    }
}

const THEME_KEY: &str = "prepwise.theme";
const GOAL_KEY: &str = "prepwise.daily-goal";
/// Daily goals offered, in answers per day.
pub const GOALS: [u32; 4] = [5, 10, 20, 30];

pub fn theme() -> Theme {
    crate::platform::local_storage()
        .and_then(|s| s.get_item(THEME_KEY).ok().flatten())
        .map_or(Theme::System, |k| Theme::from_key(&k))
}

/// Saves the theme and applies it to the page (`data-theme` on the root element).
pub fn set_theme(theme: Theme) {
    if let Some(s) = crate::platform::local_storage() {
        let _ = s.set_item(THEME_KEY, theme.key());
    }
    apply_theme(theme);
}

pub fn apply_theme(theme: Theme) {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    if let Some(root) = root {
        let _ = match theme {
            Theme::System => root.remove_attribute("data-theme"),
            other => root.set_attribute("data-theme", other.key()),
        };
    }
}

pub fn daily_goal() -> u32 {
    crate::platform::local_storage()
        .and_then(|s| s.get_item(GOAL_KEY).ok().flatten())
        .and_then(|v| v.parse().ok())
        .filter(|g| GOALS.contains(g))
        .unwrap_or(GOALS[0])
}

pub fn set_daily_goal(goal: u32) {
    if let Some(s) = crate::platform::local_storage() {
        let _ = s.set_item(GOAL_KEY, &goal.to_string());
    }
}
