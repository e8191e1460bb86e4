//! Adapters and channels against `futures`, same group, same `block_on` (anext's), so only
//! the iterator / channel code differs.
//!
//! - `map_filter_take`: `map`, `filter`, `take` over 1,000,000 ready items, folded; `filter`
//!   keeps every other item and `take`'s limit is never reached, as in `icount/adapters.rs`:
//!   every source item is mapped and filtered, so the figure is per source item.
//! - `buffered`: 1,000,000 ready futures through `buffered(8)`.
//! - `channel_round_trip`: send one item, receive it, 100,000 times (capacity-1 channel
//!   against `futures::channel::mpsc::channel(1)`, capacity 1 + 1 per sender: with
//!   `channel(0)` its `send(..).await` waits in `poll_flush` for the receiver, which deadlocks
//!   a single task that sends then receives).
//!
//! Run: `cargo bench -p anext-benches --bench adapters`

use anext::{AsyncIteratorExt, block_on};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use futures::{SinkExt, StreamExt, future::ready};
use std::hint::black_box;

const ITEMS: u64 = 1_000_000;
const ROUND_TRIPS: u64 = 100_000;

fn map_filter_take(c: &mut Criterion) {
    let mut group = c.benchmark_group("map_filter_take");
    group.throughput(Throughput::Elements(ITEMS));
    group.bench_function("anext", |b| {
        b.iter(|| {
            let it = anext::iter(0..black_box(ITEMS))
                .map(|x| x * 3)
                .filter(|x| x % 2 == 0)
                .take(ITEMS as usize);
            block_on(it.fold(0u64, |acc, x| acc.wrapping_add(x)))
        })
    });
    group.bench_function("futures", |b| {
        b.iter(|| {
            let it = futures::stream::iter(0..black_box(ITEMS))
                .map(|x| x * 3)
                .filter(|x| ready(x % 2 == 0))
                .take(ITEMS as usize);
            block_on(it.fold(0u64, |acc, x| ready(acc.wrapping_add(x))))
        })
    });
    group.finish();
}

fn buffered(c: &mut Criterion) {
    let mut group = c.benchmark_group("buffered");
    group.throughput(Throughput::Elements(ITEMS));
    group.bench_function("anext", |b| {
        b.iter(|| {
            let it = anext::iter(0..black_box(ITEMS))
                .map(|x| async move { x })
                .buffered(8);
            block_on(it.fold(0u64, |acc, x| acc.wrapping_add(x)))
        })
    });
    group.bench_function("futures", |b| {
        b.iter(|| {
            let it = futures::stream::iter(0..black_box(ITEMS))
                .map(|x| async move { x })
                .buffered(8);
            block_on(it.fold(0u64, |acc, x| ready(acc.wrapping_add(x))))
        })
    });
    group.finish();
}

fn channel_round_trip(c: &mut Criterion) {
    let mut group = c.benchmark_group("channel_round_trip");
    group.throughput(Throughput::Elements(ROUND_TRIPS));
    group.bench_function("anext", |b| {
        b.iter(|| {
            let (tx, mut rx) = anext::sync::channel(1);
            block_on(async {
                let mut sum = 0u64;
                for i in 0..ROUND_TRIPS {
                    tx.send(i).await.unwrap();
                    sum = sum.wrapping_add(rx.next().await.unwrap());
                }
                sum
            })
        })
    });
    group.bench_function("futures", |b| {
        b.iter(|| {
            let (mut tx, mut rx) = futures::channel::mpsc::channel(1);
            block_on(async {
                let mut sum = 0u64;
                for i in 0..ROUND_TRIPS {
                    tx.send(i).await.unwrap();
                    sum = sum.wrapping_add(rx.next().await.unwrap());
                }
                sum
            })
        })
    });
    group.finish();
}

criterion_group!(benches, map_filter_take, buffered, channel_round_trip);
criterion_main!(benches);
