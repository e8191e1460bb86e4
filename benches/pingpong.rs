//! Ping-pong: two tasks exchanging a number through two capacity-1 channels, against tokio's
//! `LocalSet` with futures' and tokio's channels, plus the channels alone (same group). The
//! cases are in `benches/pingpong_cases.rs`.
//!
//! Run: `cargo bench -p anext-benches --bench pingpong`

use anext_benches::pingpong_cases::{CASES, run};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

const ROUND_TRIPS: u64 = 10_000;

fn pingpong(c: &mut Criterion) {
    let mut group = c.benchmark_group("pingpong");
    group.throughput(Throughput::Elements(ROUND_TRIPS));
    for case in CASES {
        group.bench_function(case, |b| b.iter(|| run(case, black_box(ROUND_TRIPS))));
    }
    group.finish();
}

criterion_group!(benches, pingpong);
criterion_main!(benches);
