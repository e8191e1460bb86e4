//! Per-item cost of draining a 1,000,000-item generator through `dyn AsyncIterator` and in a
//! loop with `poll_next` inlined, one criterion group per body and drain, every
//! implementation in each group: `cargo bench -p anext-benches --bench gen`.

use anext_benches::gen_cases::{BODIES, IMPLEMENTATIONS, run};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

const ITEMS: u64 = 1_000_000;

fn generators(c: &mut Criterion) {
    for (body, inline) in BODIES.iter().flat_map(|b| [(*b, false), (*b, true)]) {
        let drain = if inline { "inline" } else { "dyn" };
        let mut group = c.benchmark_group(format!("gen/{body}/{drain}"));
        group.throughput(Throughput::Elements(ITEMS));
        group.sample_size(20);
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(2));
        for implementation in IMPLEMENTATIONS {
            group.bench_function(BenchmarkId::from_parameter(implementation), |b| {
                b.iter(|| {
                    run(
                        black_box(implementation),
                        black_box(body),
                        black_box(ITEMS),
                        black_box(inline),
                    )
                })
            });
        }
        group.finish();
    }
}

criterion_group!(benches, generators);
criterion_main!(benches);
