//! Zero allocations per item: a counting global allocator watches every adapter (except the
//! boxed ones, and the chunking ones, which allocate the `Vec` they hand out) drain many
//! items. The bounded-concurrency adapters allocate their slot array once, never per item;
//! the channel allocates at creation, never per send or receive.
//!
//! The counter is per thread (`common::CountingAllocator`), so nothing else running in the
//! process can disturb a measurement.

use anext::{AsyncIterator, AsyncIteratorExt, block_on, iter};
mod common;

use common::CountingAllocator;

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

const N: u64 = if cfg!(miri) { 200 } else { 1_000_000 };

/// Allocations made while `run` drains an iterator built by `make` over `N` items.
fn allocations<I: AsyncIterator<Item = u64>>(make: impl FnOnce(u64) -> I) -> usize {
    let before = CountingAllocator::count();
    let sum = block_on(make(N).fold(0u64, |acc, x| acc.wrapping_add(x)));
    let after = CountingAllocator::count();
    std::hint::black_box(sum);
    after - before
}

fn src(n: u64) -> impl AsyncIterator<Item = u64> {
    iter(0..n)
}

#[test]
fn no_adapter_and_no_channel_operation_allocates_per_item() {
    let cases: Vec<(&str, usize, usize)> = vec![
        ("map", 0, allocations(|n| src(n).map(|x| x + 1))),
        (
            "then",
            0,
            allocations(|n| src(n).then(|x| async move { x + 1 })),
        ),
        ("filter", 0, allocations(|n| src(n).filter(|x| x % 3 == 0))),
        (
            "filter_async",
            0,
            allocations(|n| {
                src(n).filter_async(|x| {
                    let keep = x % 3 == 0;
                    async move { keep }
                })
            }),
        ),
        (
            "filter_map",
            0,
            allocations(|n| src(n).filter_map(|x| (x % 2 == 0).then_some(x))),
        ),
        (
            "filter_map_async",
            0,
            allocations(|n| src(n).filter_map_async(|x| async move { Some(x) })),
        ),
        ("take", 0, allocations(|n| src(n * 2).take(n as usize))),
        ("skip", 0, allocations(|n| src(n).skip(10))),
        (
            "take_while",
            0,
            allocations(|n| src(n).take_while(|_| true)),
        ),
        (
            "skip_while",
            0,
            allocations(|n| src(n).skip_while(|x| *x < 10)),
        ),
        ("map_while", 0, allocations(|n| src(n).map_while(Some))),
        ("step_by", 0, allocations(|n| src(n).step_by(3))),
        (
            "enumerate",
            0,
            allocations(|n| src(n).enumerate().map(|(i, x)| i as u64 + x)),
        ),
        ("chain", 0, allocations(|n| src(n / 2).chain(src(n / 2)))),
        (
            "zip",
            0,
            allocations(|n| src(n).zip(src(n)).map(|(a, b)| a + b)),
        ),
        (
            "flat_map",
            0,
            allocations(|n| src(n).flat_map(|x| iter([x, x]))),
        ),
        (
            "flatten",
            0,
            allocations(|n| src(n).map(|x| iter([x])).flatten()),
        ),
        ("fuse", 0, allocations(|n| src(n).fuse())),
        ("peekable", 0, allocations(|n| src(n).peekable())),
        (
            "inspect",
            0,
            allocations(|n| {
                src(n).inspect(|x| {
                    std::hint::black_box(x);
                })
            }),
        ),
        (
            "scan",
            0,
            allocations(|n| {
                src(n).scan(0u64, |s, x| {
                    *s += x;
                    Some(*s)
                })
            }),
        ),
        ("merge", 0, allocations(|n| src(n).merge(src(n)))),
        (
            "take_until",
            0,
            allocations(|n| src(n).take_until(core::future::pending::<()>())),
        ),
        (
            "catch_unwind",
            0,
            allocations(|n| src(n).catch_unwind().map(Result::unwrap)),
        ),
        (
            "map_ok + map_err",
            0,
            allocations(|n| {
                src(n)
                    .map(Ok::<u64, u64>)
                    .map_ok(|x| x + 1)
                    .map_err(|e| e + 1)
                    .map(Result::unwrap)
            }),
        ),
        (
            "and_then",
            0,
            allocations(|n| {
                src(n)
                    .map(Ok::<u64, ()>)
                    .and_then(|x| async move { Ok(x + 1) })
                    .map(Result::unwrap)
            }),
        ),
        (
            "try_filter",
            0,
            allocations(|n| {
                src(n)
                    .map(Ok::<u64, ()>)
                    .try_filter(|x| {
                        let keep = x % 3 == 0;
                        async move { keep }
                    })
                    .map(Result::unwrap)
            }),
        ),
        // The iterator array, once.
        (
            "select_all",
            1,
            allocations(|n| anext::iter::select_all([src(n / 2), src(n / 2)])),
        ),
        // The slot array, once.
        (
            "flatten_unordered",
            1,
            allocations(|n| src(n).map(|x| iter([x, x])).flatten_unordered(4)),
        ),
        // The slot array, once per iterator.
        (
            "buffered",
            1,
            allocations(|n| src(n).map(|x| async move { x }).buffered(8)),
        ),
        (
            "buffer_unordered",
            1,
            allocations(|n| src(n).map(|x| async move { x }).buffer_unordered(8)),
        ),
    ];
    let before = CountingAllocator::count();
    block_on(src(N).for_each_concurrent(8, |x| async move {
        std::hint::black_box(x);
    }));
    let for_each_concurrent = CountingAllocator::count() - before;

    // The consumers that search or pick allocate nothing either.
    let before = CountingAllocator::count();
    std::hint::black_box(block_on(src(N).min()));
    std::hint::black_box(block_on(src(N).max_by_key(|x| x % 1000)));
    std::hint::black_box(block_on(src(N).find(|x| *x == N)));
    std::hint::black_box(block_on(src(N).position(|x| x == N)));
    let _ = std::hint::black_box(block_on(src(N).map(Ok::<u64, ()>).try_next()));
    let consumers = CountingAllocator::count() - before;
    assert_eq!(consumers, 0, "min, max_by_key, find, position, try_next");

    let wrong: Vec<_> = cases
        .iter()
        .filter(|(_, expected, got)| expected != got)
        .collect();
    assert!(
        wrong.is_empty(),
        "(adapter, expected, allocations) over {N} items: {wrong:?}"
    );
    assert_eq!(
        for_each_concurrent, 1,
        "for_each_concurrent: the slot array only"
    );

    // The channel allocates at creation only, never per send or receive.
    let (tx, mut rx) = anext::sync::channel::<u64>(4);
    let before = CountingAllocator::count();
    for i in 0..N {
        block_on(tx.send(i)).unwrap();
        assert_eq!(block_on(rx.next()), Some(i));
    }
    let after = CountingAllocator::count();
    assert_eq!(after - before, 0, "channel round trips");
}
