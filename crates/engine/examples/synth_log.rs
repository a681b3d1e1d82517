//! Writes a synthetic learner log (postcard `Vec<Event>`) for benchmarks of the app's start-up:
//! `n` answers over the year before 2026-01-01 in sittings of 5, to the real corpus's questions,
//! plus a bookmark every 50 answers.
//!
//! ```text
//! cargo run --release -p engine --example synth_log -- target/corpus/index.bin 10000 OUT
//! ```
//! `scripts/bench-start.mjs` runs it and wraps the log as a backup file.

use std::process::ExitCode;

use engine::{
    Answer, Event, EventBody, EventId, LocalDate, Mode, Response, SessionId, SplitMix64,
    EVENT_VERSION, MS_PER_DAY,
};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [bank, n, out] = args.as_slice() else {
        eprintln!("usage: synth_log INDEX.bin N OUT");
        return ExitCode::FAILURE;
    };
    let Ok(n) = n.parse::<usize>() else {
        eprintln!("N must be a whole number, not {n}");
        return ExitCode::FAILURE;
    };
    let index = match std::fs::read(bank)
        .map_err(|e| e.to_string())
        .and_then(|b| postcard::from_bytes::<engine::Index>(&b).map_err(|e| e.to_string()))
    {
        Ok(index) => index,
        Err(err) => {
            eprintln!("cannot read the index {bank}: {err}");
            return ExitCode::FAILURE;
        }
    };
    let items = &index.bank.items;
    let mut rng = SplitMix64::new(20_260_101);
    let start = 1_735_689_600_000i64; // 2025-01-01T00:00Z
    let span = 365 * MS_PER_DAY;
    let mut events = Vec::with_capacity(n + n / 50);
    for k in 0..n {
        let at = start + (k as i64) * (span / n.max(1) as i64);
        let local_date = LocalDate::from_utc_ms(at, 60);
        let item = &items[rng.below(items.len())];
        let dont_know = rng.next_f64() < 0.1;
        events.push(Event::answered(
            EventId(rng.next_u64()),
            at,
            local_date,
            Answer {
                question: item.id.clone(),
                response: if dont_know {
                    Response::DontKnow
                } else {
                    Response::Chose(vec![rng.below(usize::from(item.options)) as u8])
                },
                correct: !dont_know && rng.next_f64() < 0.65,
                time_taken_ms: 5_000 + rng.below(60_000) as u32,
                mode: if k % 35 < 5 { Mode::Daily } else { Mode::Test },
                session: SessionId(k as u64 / 5),
            },
        ));
        if k % 50 == 49 {
            events.push(Event {
                version: EVENT_VERSION,
                id: EventId(rng.next_u64()),
                at_ms: at + 1,
                local_date,
                body: EventBody::Bookmarked {
                    question: item.id.clone(),
                    on: true,
                },
            });
        }
    }
    let bytes = postcard::to_allocvec(&events).expect("events serialize");
    if let Err(err) = std::fs::write(out, &bytes) {
        eprintln!("cannot write {out}: {err}");
        return ExitCode::FAILURE;
    }
    eprintln!("{} events, {} bytes → {out}", events.len(), bytes.len());
    ExitCode::SUCCESS
}
