//! Zero allocations per item: a counting global allocator watches a generator being drained
//! of 1,000,000 items (fewer under Miri). One test function only, so that no other test
//! thread allocates while it counts.

mod common;

use std::pin::pin;
use std::task::{Context, Poll, Waker};

use anext::{AsyncIterator, Gen, r#gen, iter, try_gen};
use common::{CountingAllocator, pending_once};

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

const ITEMS: u64 = if cfg!(miri) { 200 } else { 1_000_000 };

/// Drains `it` by polling with a no-op waker; returns (items, sum) and the allocations made.
fn drain<I: AsyncIterator>(it: I, value: impl Fn(I::Item) -> u64) -> (u64, usize) {
    let mut it = pin!(it);
    let mut cx = Context::from_waker(Waker::noop());
    let before = CountingAllocator::count();
    let mut sum = 0u64;
    loop {
        match it.as_mut().poll_next(&mut cx) {
            Poll::Ready(Some(x)) => sum = sum.wrapping_add(value(x)),
            Poll::Ready(None) => break,
            Poll::Pending => {}
        }
    }
    (sum, CountingAllocator::count() - before)
}

const SUM: u64 = ITEMS * (ITEMS - 1) / 2;

#[test]
fn draining_a_million_items_allocates_nothing() {
    let plain = Gen::new(async |mut co| {
        for i in 0..ITEMS {
            co.yield_(i).await;
        }
    });
    assert_eq!(drain(plain, |x| x), (SUM, 0), "plain yield");

    let await_ready = Gen::new(async |mut co| {
        for i in 0..ITEMS {
            let x = core::future::ready(i).await;
            co.yield_(x).await;
        }
    });
    assert_eq!(
        drain(await_ready, |x| x),
        (SUM, 0),
        "await ready, then yield"
    );

    let await_pending_once = r#gen! {
        for i in 0..ITEMS {
            pending_once().await;
            yield i;
        }
    };
    assert_eq!(
        drain(await_pending_once, |x| x),
        (SUM, 0),
        "await pending once"
    );

    let delegating = r#gen! {
        yield from iter(0..ITEMS);
    };
    assert_eq!(drain(delegating, |x| x), (SUM, 0), "yield from");

    let fallible = try_gen! {
        for i in 0..ITEMS {
            let x: u64 = Ok::<u64, ()>(i)?;
            yield x;
        }
    };
    assert_eq!(drain(fallible, |r| r.unwrap()), (SUM, 0), "try_gen");
}
