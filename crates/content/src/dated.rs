//! Facts that age: a question whose answer depends on a version, a vendor, a price or a date
//! carries `as_of = "YYYY-MM"`, the month its facts were last true by a check. The build refuses a
//! dated question older than [`AS_OF_HORIZON_MONTHS`] unless it was re-checked since
//! (`rechecked = "YYYY-MM"`), so staleness fails CI instead of teaching an old fact.

use std::fmt;
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

/// How many months a dated fact may age before the build refuses it. Re-check the question and
/// write `rechecked = "YYYY-MM"` (or correct it and move `as_of`) to let it through again.
pub const AS_OF_HORIZON_MONTHS: i32 = 12;

/// A calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct YearMonth {
    pub year: i32,
    pub month: u8,
}

impl YearMonth {
    /// `"2026-11"` → November 2026; anything else is `None`.
    pub fn parse(text: &str) -> Option<Self> {
        let (y, m) = text.split_once('-')?;
        if y.len() != 4 || m.len() != 2 || !(y.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let year: i32 = y.parse().ok()?;
        let month: u8 = m.parse().ok()?;
        ((1..=12).contains(&month) && year >= 2000).then_some(YearMonth { year, month })
    }

    /// Whole months from `self` to `later`.
    pub fn months_until(self, later: YearMonth) -> i32 {
        (later.year * 12 + i32::from(later.month)) - (self.year * 12 + i32::from(self.month))
    }

    /// The month the build runs in (UTC, from the system clock).
    pub fn today() -> YearMonth {
        static TODAY: OnceLock<YearMonth> = OnceLock::new();
        *TODAY.get_or_init(|| {
            let secs = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            let days = i32::try_from(secs / 86_400).unwrap_or(i32::MAX);
            let (year, month, _) = engine::LocalDate::from_days_since_epoch(days).ymd();
            YearMonth { year, month }
        })
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_year_dash_month() {
        assert_eq!(
            YearMonth::parse("2026-11"),
            Some(YearMonth {
                year: 2026,
                month: 11
            })
        );
        for bad in [
            "2026-13",
            "2026-1",
            "26-11",
            "2026/11",
            "2026-11-01",
            "",
            "abcd-ef",
            "1999-01",
        ] {
            assert_eq!(YearMonth::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn counts_months_across_years() {
        let a = YearMonth::parse("2026-11").unwrap();
        assert_eq!(a.months_until(YearMonth::parse("2027-11").unwrap()), 12);
        assert_eq!(a.months_until(YearMonth::parse("2026-09").unwrap()), -2);
    }
}
