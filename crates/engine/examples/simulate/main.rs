//! Measures the engine against simulated learners and prints JSON.
//!
//! ```text
//! cargo run --release -p engine --example simulate [-- --bank PATH] [--learners N] [--seed S]
//! ```
//!
//! With `--bank PATH` it reads a postcard-serialized `engine::Index` (the
//! compiled corpus) and simulates on its topics, labels and option counts;
//! without it, on a synthetic bank of the corpus's planned shape. `--truth labels` draws the
//! true difficulties around the labels even where the bank has authored ones (`irt_b` with its
//! `irt_b_sd`); `--engine labels` gives the engine the labels alone. Together they measure what
//! authored difficulties are worth, and what they cost if they were wrong. `--self-credit LO,HI`
//! sets the range of the learners' self-grading bias on open questions (default 0.10,0.20).

mod sim;

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut bank_path = None;
    let mut four_option = false;
    let mut learners = 4000;
    let mut seed = 20_250_106;
    let mut truth = sim::DifficultySource::Authored;
    let mut engine_sees = sim::DifficultySource::Authored;
    let mut self_credit = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        match (arg.as_str(), value) {
            ("--bank", Some(path)) => bank_path = Some(path),
            ("--synthetic", Some(shape)) if shape == "corpus" || shape == "four-option" => {
                four_option = shape == "four-option"
            }
            ("--learners", Some(n)) if n.parse::<usize>().is_ok() => {
                learners = n.parse().unwrap_or(learners)
            }
            ("--seed", Some(s)) if s.parse::<u64>().is_ok() => seed = s.parse().unwrap_or(seed),
            ("--truth", Some(s)) if sim::DifficultySource::parse(&s).is_some() => {
                truth = sim::DifficultySource::parse(&s).unwrap_or(truth)
            }
            ("--self-credit", Some(s)) if parse_range(&s).is_some() => {
                self_credit = parse_range(&s)
            }
            ("--engine", Some(s)) if sim::DifficultySource::parse(&s).is_some() => {
                engine_sees = sim::DifficultySource::parse(&s).unwrap_or(engine_sees)
            }
            _ => {
                eprintln!(
                    "usage: simulate [--bank PATH | --synthetic corpus|four-option] [--learners N] [--seed S] [--truth authored|labels] [--engine authored|labels] [--self-credit LO,HI]"
                );
                return ExitCode::from(2);
            }
        }
    }
    let (bank, source) = match bank_path {
        None if four_option => (
            sim::four_option_bank(),
            "synthetic, four-option".to_string(),
        ),
        None => (
            sim::synthetic_bank(),
            "synthetic, corpus-shaped".to_string(),
        ),
        Some(path) => {
            let bytes = match std::fs::read(&path) {
                Ok(bytes) => bytes,
                Err(err) => {
                    eprintln!("cannot read {path}: {err}");
                    return ExitCode::FAILURE;
                }
            };
            match postcard::from_bytes::<engine::Index>(&bytes) {
                Ok(index) => (index.bank, path),
                Err(err) => {
                    eprintln!("{path} is not a postcard engine::Index: {err}");
                    return ExitCode::FAILURE;
                }
            }
        }
    };
    let standard = sim::SimConfig::standard(learners, seed);
    let config = sim::SimConfig {
        truth,
        engine_sees,
        self_credit: self_credit.unwrap_or(standard.self_credit),
        ..standard
    };
    let report = sim::run(&bank, &source, &config);
    match serde_json::to_string_pretty(&report) {
        Ok(json) => println!("{json}"),
        Err(err) => {
            eprintln!("cannot print the report: {err}");
            return ExitCode::FAILURE;
        }
    }
    // The JSON says which targets are met; tests/simulation.rs is the gate.
    ExitCode::SUCCESS
}

/// "LO,HI" with 0 ≤ LO ≤ HI ≤ 1.
fn parse_range(s: &str) -> Option<(f64, f64)> {
    let (lo, hi) = s.split_once(',')?;
    let (lo, hi): (f64, f64) = (lo.trim().parse().ok()?, hi.trim().parse().ok()?);
    (0.0 <= lo && lo <= hi && hi <= 1.0).then_some((lo, hi))
}
