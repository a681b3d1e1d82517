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

/// Puts the theme on the root element as `data-theme="light|dark"`, the device's preference
/// resolved for `System`: the stylesheet writes the dark palette once, for `[data-theme=dark]`.
/// index.html's first script does the same before the first paint, and follows the device
/// while the theme is `System`.
pub fn apply_theme(theme: Theme) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let dark = match theme {
        Theme::Dark => true,
        Theme::Light => false,
        Theme::System => window
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches()),
    };
    if let Some(root) = window.document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-theme", if dark { "dark" } else { "light" });
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

const WRAP_KEY: &str = "prepwise.wrap-code";
const TRACK_KEY: &str = "prepwise.track";
const INTERVIEW_KEY: &str = "prepwise.interview-date";
const WELCOMED_KEY: &str = "prepwise.welcomed";

fn get(key: &str) -> Option<String> {
    crate::platform::local_storage().and_then(|s| s.get_item(key).ok().flatten())
}

fn set(key: &str, value: Option<&str>) {
    if let Some(s) = crate::platform::local_storage() {
        let _ = match value {
            Some(v) => s.set_item(key, v),
            None => s.remove_item(key),
        };
    }
}

const OPEN_IN_TESTS_KEY: &str = "prepwise.open-in-tests";

/// Whether a topic test ends with an open (interview) question when the topic has one to ask.
/// On unless turned off.
pub fn open_in_tests() -> bool {
    get(OPEN_IN_TESTS_KEY).as_deref() != Some("0")
}

pub fn set_open_in_tests(on: bool) {
    set(OPEN_IN_TESTS_KEY, Some(if on { "1" } else { "0" }));
}

/// Whether long code lines wrap (rather than scroll sideways).
pub fn wrap_code() -> bool {
    get(WRAP_KEY).as_deref() == Some("1")
}

pub fn set_wrap_code(on: bool) {
    set(WRAP_KEY, Some(if on { "1" } else { "0" }));
    apply_wrap_code();
}

/// Marks the root element `data-wrap` when long code lines wrap: the stylesheet then wraps
/// every code block, the explanations' included.
pub fn apply_wrap_code() {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = if wrap_code() {
            root.set_attribute("data-wrap", "")
        } else {
            root.remove_attribute("data-wrap")
        };
    }
}

/// The role track chosen at the first run (a slug of `content/tracks.toml`), if any.
pub fn track() -> Option<String> {
    get(TRACK_KEY).filter(|t| !t.is_empty())
}

pub fn set_track(slug: Option<&str>) {
    set(TRACK_KEY, slug);
}

/// The interview date, if the learner gave one.
pub fn interview_date() -> Option<engine::LocalDate> {
    let text = get(INTERVIEW_KEY)?;
    parse_date(&text)
}

pub fn set_interview_date(date: Option<engine::LocalDate>) {
    set(INTERVIEW_KEY, date.map(|d| d.to_string()).as_deref());
}

/// A `YYYY-MM-DD` date (as an `<input type="date">` gives it).
pub fn parse_date(text: &str) -> Option<engine::LocalDate> {
    let mut parts = text.trim().splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    engine::LocalDate::from_ymd(year, month, day)
}

/// Whether the first run has been completed or skipped on this device.
pub fn welcomed() -> bool {
    get(WELCOMED_KEY).is_some()
}

pub fn set_welcomed() {
    set(WELCOMED_KEY, Some("1"));
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_parse_as_an_input_gives_them() {
        let date = super::parse_date("2027-01-15").unwrap();
        assert_eq!(date.to_string(), "2027-01-15");
        assert_eq!(super::parse_date("2027-02-30"), None);
        assert_eq!(super::parse_date("soon"), None);
    }
}
