//! Criterion: the executor against its peers, one operation per group, same workload per
//! crate (see `executor_cases.rs`). `cargo bench -p anext-benches --bench executor`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

#[path = "executor_cases.rs"]
mod cases;

fn block_on_ready(c: &mut Criterion) {
    let mut g = c.benchmark_group("block_on_ready");
    g.throughput(Throughput::Elements(1));
    g.bench_function("anext", |b| b.iter(|| cases::anext_block_on_ready(1)));
    g.bench_function("pollster", |b| b.iter(|| cases::pollster_block_on_ready(1)));
    g.bench_function("futures-executor", |b| {
        b.iter(|| cases::futures_block_on_ready(1))
    });
    g.finish();
}

fn self_wake(c: &mut Criterion) {
    let mut g = c.benchmark_group("block_on_self_wake_1000");
    g.throughput(Throughput::Elements(1000));
    g.bench_function("anext", |b| b.iter(|| cases::anext_self_wake(1000)));
    g.bench_function("pollster", |b| b.iter(|| cases::pollster_self_wake(1000)));
    g.bench_function("futures-executor", |b| {
        b.iter(|| cases::futures_self_wake(1000))
    });
    g.finish();
}

fn spawn_join(c: &mut Criterion) {
    let mut g = c.benchmark_group("spawn_run_join");
    g.throughput(Throughput::Elements(100));
    g.bench_function("anext", |b| b.iter(|| cases::anext_spawn_join(100)));
    g.bench_function("futures LocalPool", |b| {
        b.iter(|| cases::localpool_spawn_join(100))
    });
    g.bench_function("async-executor", |b| {
        b.iter(|| cases::async_executor_spawn_join(100))
    });
    g.bench_function("tokio LocalSet", |b| {
        b.iter(|| cases::tokio_localset_spawn_join(100))
    });
    g.finish();
}

fn timers(c: &mut Criterion) {
    let mut g = c.benchmark_group("timers_10000");
    g.sample_size(20);
    g.throughput(Throughput::Elements(10_000));
    g.bench_function("anext", |b| b.iter(|| cases::anext_timers(10_000, 10_000)));
    g.bench_function("tokio", |b| b.iter(|| cases::tokio_timers(10_000, 10_000)));
    g.finish();
    let mut g = c.benchmark_group("timers_10000_whole_ms");
    g.sample_size(20);
    g.throughput(Throughput::Elements(10_000));
    g.bench_function("anext", |b| {
        b.iter(|| cases::anext_timers_ms(10_000, 10_000))
    });
    g.bench_function("tokio", |b| {
        b.iter(|| cases::tokio_timers_ms(10_000, 10_000))
    });
    g.finish();
}

fn tasks(c: &mut Criterion) {
    let mut g = c.benchmark_group("tasks_10000");
    g.sample_size(20);
    g.throughput(Throughput::Elements(10_000));
    g.bench_function("anext", |b| b.iter(|| cases::anext_tasks(10_000, 10_000)));
    g.bench_function("futures LocalPool", |b| {
        b.iter(|| cases::localpool_tasks(10_000, 10_000))
    });
    g.finish();
}

criterion_group!(
    benches,
    block_on_ready,
    self_wake,
    spawn_join,
    timers,
    tasks
);
criterion_main!(benches);
