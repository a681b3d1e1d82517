//! Calendar dates in the learner's own time zone. The engine never reads a
//! clock: the app passes the instant (`now_ms`, UTC milliseconds) and the
//! learner's current UTC offset, and the local date is derived here.

use core::fmt;

use serde::{Deserialize, Serialize};

/// Milliseconds in a civil day.
pub const MS_PER_DAY: i64 = 86_400_000;

/// A date on the learner's wall calendar, stored as days since 1970-01-01
/// (proleptic Gregorian). Streaks, the daily challenge and review due dates
/// are all counted in these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LocalDate {
    days_since_epoch: i32,
}

impl LocalDate {
    /// The date `days` after 1970-01-01 (negative before it).
    pub const fn from_days_since_epoch(days: i32) -> Self {
        LocalDate {
            days_since_epoch: days,
        }
    }

    /// Days since 1970-01-01.
    pub const fn days_since_epoch(self) -> i32 {
        self.days_since_epoch
    }

    /// The local date at instant `utc_ms` for a learner whose clock is
    /// `utc_offset_minutes` ahead of UTC (e.g. +60 for CET, −240 for EDT).
    /// Daylight-saving time needs nothing special: the app passes the offset
    /// in force at that instant, so the date rolls over at local midnight.
    pub fn from_utc_ms(utc_ms: i64, utc_offset_minutes: i32) -> Self {
        let local_ms = utc_ms.saturating_add(i64::from(utc_offset_minutes) * 60_000);
        let days = local_ms.div_euclid(MS_PER_DAY);
        LocalDate {
            days_since_epoch: days.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32,
        }
    }

    /// The date with this year, month (1–12) and day (1–31), if it exists.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Self> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        let days = days_from_civil(i64::from(year), u32::from(month), u32::from(day));
        i32::try_from(days).ok().map(Self::from_days_since_epoch)
    }

    /// Year, month (1–12) and day (1–31).
    pub fn ymd(self) -> (i32, u8, u8) {
        let (y, m, d) = civil_from_days(i64::from(self.days_since_epoch));
        (y as i32, m as u8, d as u8)
    }

    /// The date `days` later (earlier when negative), saturating at the ends
    /// of the representable range.
    pub fn add_days(self, days: i32) -> Self {
        LocalDate {
            days_since_epoch: self.days_since_epoch.saturating_add(days),
        }
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: LocalDate) -> i32 {
        later.days_since_epoch.saturating_sub(self.days_since_epoch)
    }
}

impl fmt::Display for LocalDate {
    /// ISO 8601, e.g. `2024-03-10`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Howard Hinnant's `days_from_civil` ("chrono-Compatible Low-Level Date
/// Algorithms", 2013): days since 1970-01-01 for a proleptic Gregorian date.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = i64::from((month + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`] (same source).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}
