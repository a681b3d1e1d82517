//! Prints how long compiling the real corpus takes (load + validate + render + serialize),
//! best and median of several runs. Run: `cargo run --profile host -p content --example bench`.

use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "content".into());
    let runs = 5;
    let mut times = Vec::new();
    let mut questions = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let corpus = content::load(Path::new(&dir))
            .unwrap_or_else(|d| panic!("{} problems; run `content check`", d.len()));
        let renderer = content::Renderer::new();
        let (index, chunks) = content::compile_bytes(&corpus, &renderer);
        std::hint::black_box((index, chunks));
        times.push(start.elapsed());
        questions = corpus.questions.len();
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{{\"bench\": \"compile_corpus\", \"questions\": {questions}, \"runs\": {runs}, \"best_ms\": {:.1}, \"median_ms\": {:.1}}}",
        ms(times[0]),
        ms(times[runs / 2])
    );
}
