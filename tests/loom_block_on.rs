//! loom model of `block_on`'s parker (`exec/parker.rs`) and its remote waker
//! (`exec/block_on.rs`): a wake from another thread is never lost, and whatever the waking
//! thread wrote before it woke is visible to the poll that follows.
//!
//! Run: `RUSTFLAGS="--cfg loom" LOOM_MAX_PREEMPTIONS=2 CARGO_TARGET_DIR=target/loom
//! cargo test --release -p anext --test loom_block_on` (also in `.ci/run`).
#![cfg(loom)]

use core::future::poll_fn;
use core::task::Poll;
use loom::sync::Arc;
use loom::sync::atomic::{AtomicUsize, Ordering};
use loom::thread;

/// The waking thread writes `data` (Relaxed: only the wake may order it), then wakes `wakes`
/// times; the future completes once it reads the write.
fn wake_after_write(wakes: usize) {
    loom::model(move || {
        let data = Arc::new(AtomicUsize::new(0));
        let mut waking = None;
        anext::block_on(poll_fn(|cx| {
            if waking.is_none() {
                let waker = cx.waker().clone();
                let data = data.clone();
                waking = Some(thread::spawn(move || {
                    data.store(1, Ordering::Relaxed);
                    for _ in 1..wakes {
                        waker.wake_by_ref();
                    }
                    waker.wake();
                }));
            }
            if data.load(Ordering::Relaxed) == 1 {
                Poll::Ready(())
            } else {
                Poll::Pending
            }
        }));
        waking.unwrap().join().unwrap();
    });
}

#[test]
fn block_on_sees_a_write_made_before_a_wake_from_another_thread() {
    wake_after_write(1);
}

#[test]
fn block_on_sees_a_write_made_before_merged_wakes_from_another_thread() {
    wake_after_write(2);
}

/// A clone dropped without a wake while `block_on` waits: the park must end with the
/// deadlock panic, not sleep forever (loom reports a sleep forever as a deadlock).
#[test]
fn block_on_reports_a_deadlock_when_the_last_clone_is_dropped_on_another_thread() {
    loom::model(|| {
        let mut dropping = None;
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            anext::block_on(poll_fn(|cx| {
                if dropping.is_none() {
                    let waker = cx.waker().clone();
                    dropping = Some(thread::spawn(move || drop(waker)));
                }
                Poll::<()>::Pending
            }))
        }));
        assert!(
            result.is_err(),
            "block_on returned without its future being ready"
        );
        dropping.unwrap().join().unwrap();
    });
}
