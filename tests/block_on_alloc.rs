//! `block_on` allocates nothing for futures that do not keep their waker, and exactly once per
//! call for a future that clones it.

mod common;

use anext::block_on;
use common::{CountingAllocator, scaled};
use core::future::poll_fn;
use core::task::Poll;

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

#[test]
fn block_on_allocates_only_when_the_waker_is_cloned() {
    let rounds = scaled(10_000);

    let before = CountingAllocator::count();
    for i in 0..rounds {
        assert_eq!(block_on(async move { i }), i);
    }
    assert_eq!(CountingAllocator::count() - before, 0, "ready futures");

    let before = CountingAllocator::count();
    for _ in 0..rounds {
        let mut left = 10;
        block_on(poll_fn(|cx| {
            if left == 0 {
                return Poll::Ready(());
            }
            left -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }));
    }
    assert_eq!(
        CountingAllocator::count() - before,
        0,
        "self-waking futures"
    );

    let before = CountingAllocator::count();
    for _ in 0..rounds {
        let mut left = 10;
        block_on(poll_fn(|cx| {
            if left == 0 {
                return Poll::Ready(());
            }
            left -= 1;
            // A clone that is kept and woken later, as a real I/O future would do.
            let kept = cx.waker().clone();
            kept.wake_by_ref();
            drop(kept);
            Poll::Pending
        }));
    }
    assert_eq!(
        CountingAllocator::count() - before,
        rounds,
        "futures that clone their waker: one allocation per call, however many clones"
    );
}
