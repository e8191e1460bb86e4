//! Sleeps outside any executor, on the helper thread, allocate their slot and nothing else,
//! and leave nothing behind. Its own test binary: other tests' sleeps on the same helper
//! would grow its wheel meanwhile and disturb the count.

mod common;

use anext::time::sleep;
use common::{CountingAllocator, scaled};
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Waker};
use std::time::Duration;

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// A sleep that completed on the helper thread leaves the helper's wheel when it is dropped:
/// with one far sleep keeping the helper busy, each further sleep allocates its own slot and
/// nothing else, however many have come and gone (a fired entry left in the wheel's slab
/// would grow it, a reallocation every doubling).
#[test]
fn completed_helper_sleeps_leave_nothing_behind() {
    let mut cx = Context::from_waker(Waker::noop());
    let mut keep_busy = pin!(sleep(Duration::from_secs(3600)));
    assert!(keep_busy.as_mut().poll(&mut cx).is_pending());
    let mut complete_one = || {
        let mut s = pin!(sleep(Duration::from_micros(1)));
        while s.as_mut().poll(&mut cx).is_pending() {
            std::thread::sleep(Duration::from_micros(50));
        }
    };
    complete_one();
    let rounds = scaled(500).max(20);
    let before = CountingAllocator::count();
    for _ in 0..rounds {
        complete_one();
    }
    assert_eq!(
        CountingAllocator::count() - before,
        rounds,
        "one allocation per sleep (its slot)"
    );
}
