//! The few things the app takes from the browser for the engine: the clock, the time zone and
//! randomness. The engine itself reads none of them.

use engine::LocalDate;

/// Now, UTC milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// The learner's offset from UTC right now, in minutes (east positive), daylight saving included.
pub fn utc_offset_minutes() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}

/// The learner's local date now.
pub fn today() -> LocalDate {
    LocalDate::from_utc_ms(now_ms(), utc_offset_minutes())
}

/// 64 random bits (event ids, session seeds). Two draws of 32 bits from `Math.random`.
pub fn random_u64() -> u64 {
    let draw = || (js_sys::Math::random() * 4_294_967_296.0) as u64;
    (draw() << 32) | draw()
}

/// The origin's localStorage, when the browser offers it (a private window may not).
pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// A User Timing mark (`performance.mark`), for benchmarks that read the timeline.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}
