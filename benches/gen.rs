//! Per-item cost of draining a 1,000,000-item generator, one criterion group per drain and
//! body (`gen/dyn/plain`, `gen/inline/plain`, ...), every implementation in each group:
//! `cargo bench -p anext-benches --bench gen`.

use anext_benches::gen_cases::{BODIES, IMPLEMENTATIONS, run, run_inlined};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

const ITEMS: u64 = 1_000_000;

/// A case runner: `run` (through `dyn`) or `run_inlined`.
type Run = fn(&str, &str, u64) -> u64;

fn generators(c: &mut Criterion) {
    let drains: [(&str, Run); 2] = [("inline", run_inlined), ("dyn", run)];
    for (drain, run) in drains {
        for body in BODIES {
            let mut group = c.benchmark_group(format!("gen/{drain}/{body}"));
            group.throughput(Throughput::Elements(ITEMS));
            group.sample_size(20);
            group.warm_up_time(Duration::from_millis(500));
            group.measurement_time(Duration::from_secs(2));
            for implementation in IMPLEMENTATIONS {
                group.bench_function(BenchmarkId::from_parameter(implementation), |b| {
                    b.iter(|| run(black_box(implementation), black_box(body), black_box(ITEMS)))
                });
            }
            group.finish();
        }
    }
}

criterion_group!(benches, generators);
criterion_main!(benches);
