//! Merged wakes from other threads: every wake happens-before the poll that follows it, even
//! when it finds its task already scheduled and adds nothing to the state (issue 9, defect 1).
//!
//! Each test bumps a counter (SeqCst) and then wakes, from other threads, `ROUNDS` times; the
//! woken future completes only once it reads the final count. If a wake that merged into an
//! earlier one published nothing, the poll it relies on may read a stale count, return
//! `Pending`, and never be woken again: under Miri's weak-memory emulation that is a hang,
//! which Miri reports as a deadlock. These tests are meant for Miri over many seeds
//! (`.ci/run`'s "miri many seeds" lane); natively they pass on x86 either way.

use anext::block_on;
use anext::exec::LocalExecutor;
use std::future::poll_fn;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Poll, Waker};
use std::thread::{self, JoinHandle};

const ROUNDS: usize = if cfg!(miri) { 6 } else { 2_000 };

/// Starts a thread that bumps `counter` and then wakes `waker`, `ROUNDS` times.
fn bump_and_wake(counter: &Arc<AtomicUsize>, waker: Waker) -> JoinHandle<()> {
    let counter = Arc::clone(counter);
    thread::spawn(move || {
        for _ in 0..ROUNDS {
            counter.fetch_add(1, Ordering::SeqCst);
            waker.wake_by_ref();
        }
    })
}

/// A future that, on its first poll, starts `threads` waking threads with its own waker, and
/// completes once it reads `threads * ROUNDS` (then joins them).
fn wait_for_every_bump(threads: usize) -> impl Future<Output = usize> {
    let counter = Arc::new(AtomicUsize::new(0));
    let mut wakers: Vec<JoinHandle<()>> = Vec::new();
    poll_fn(move |cx| {
        if wakers.is_empty() {
            for _ in 0..threads {
                wakers.push(bump_and_wake(&counter, cx.waker().clone()));
            }
        }
        // Relaxed on purpose: the wake alone must make the bump visible to this poll.
        let seen = counter.load(Ordering::Relaxed);
        if seen < threads * ROUNDS {
            return Poll::Pending;
        }
        for handle in wakers.drain(..) {
            handle.join().unwrap();
        }
        Poll::Ready(seen)
    })
}

#[test]
fn task_sees_every_bump_before_a_merged_wake_from_another_thread() {
    let ex = LocalExecutor::new();
    let task = ex.spawn(wait_for_every_bump(1));
    assert_eq!(ex.run(task).unwrap(), ROUNDS);
}

#[test]
fn task_sees_every_bump_before_merged_wakes_from_two_threads() {
    let ex = LocalExecutor::new();
    let task = ex.spawn(wait_for_every_bump(2));
    assert_eq!(ex.run(task).unwrap(), 2 * ROUNDS);
}

#[test]
fn main_future_sees_every_bump_before_merged_wakes_from_two_threads() {
    let ex = LocalExecutor::new();
    assert_eq!(ex.run(wait_for_every_bump(2)), 2 * ROUNDS);
}

#[test]
fn block_on_sees_every_bump_before_merged_wakes_from_two_threads() {
    assert_eq!(block_on(wait_for_every_bump(2)), 2 * ROUNDS);
}
