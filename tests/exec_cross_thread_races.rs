//! Adversarial checks of the `exec` merge (issue 11): the executor's drop racing with wakes
//! from other threads, the main future's uncounted waker in a join slot outliving `run`, and
//! the channel's spin lock released by a panicking waker `clone`.

use anext::exec::{JoinError, JoinHandle, LocalExecutor};
use anext::sync::channel;
use anext::{AsyncIterator, block_on};
use core::future::{Future, poll_fn};
use core::pin::Pin;
use core::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;

/// Counts drops of the futures it is moved into.
struct CountDrop(Arc<AtomicUsize>);

impl Drop for CountDrop {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

/// Tasks hand their wakers to threads that wake them in a loop while the executor is
/// dropped: each future is dropped exactly once, and every task block is freed (the
/// `Arc` each future holds comes back to one count once the wakers are gone).
fn drop_races_with_wakes(seed: Option<u64>) {
    let tasks = if cfg!(miri) { 3 } else { 16 };
    let drops = Arc::new(AtomicUsize::new(0));
    let tracker = Arc::new(());
    let stop = Arc::new(AtomicBool::new(false));
    let ex = match seed {
        Some(seed) => LocalExecutor::with_seed(seed),
        None => LocalExecutor::new(),
    };
    let mut wakers = Vec::new();
    let mut threads = Vec::new();
    for _ in 0..tasks {
        let (tx, rx) = mpsc::channel::<Waker>();
        let guard = CountDrop(Arc::clone(&drops));
        let held = Arc::clone(&tracker);
        ex.spawn(poll_fn(move |cx| {
            let _ = (&guard, &held);
            let _ = tx.send(cx.waker().clone());
            Poll::<()>::Pending
        }))
        .detach();
        wakers.push(rx);
    }
    ex.run_until_stalled();
    for rx in wakers {
        let stop = Arc::clone(&stop);
        threads.push(thread::spawn(move || {
            let waker = rx.recv().unwrap();
            let mut rounds = 0;
            while !stop.load(Ordering::Relaxed) && rounds < 1000 {
                waker.wake_by_ref();
                rounds += 1;
                thread::yield_now();
            }
            waker.wake();
        }));
    }
    // Let some wakes land, some be under way.
    ex.run_until_stalled();
    drop(ex);
    stop.store(true, Ordering::Relaxed);
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(drops.load(Ordering::SeqCst), tasks);
    assert_eq!(Arc::strong_count(&tracker), 1, "a task block leaked");
}

#[test]
fn executor_drop_racing_with_wakes_from_other_threads_frees_each_task_once() {
    drop_races_with_wakes(None);
}

#[test]
fn seeded_executor_drop_racing_with_wakes_from_other_threads_frees_each_task_once() {
    drop_races_with_wakes(Some(3));
}

/// An executor whose `run` has returned with the main future's (uncounted) waker left in the
/// join slot of a task that never ends, and that task's handle.
fn main_waker_left_in_a_join_slot() -> (LocalExecutor, JoinHandle<()>) {
    let ex = LocalExecutor::new();
    let mut handle = ex.spawn(core::future::pending::<()>());
    ex.run(poll_fn(|cx| {
        assert!(Pin::new(&mut handle).poll(cx).is_pending());
        Poll::Ready(())
    }));
    (ex, handle)
}

/// The main future leaves its (uncounted) waker in a task's join slot, `run` returns, and
/// the executor is dropped: cancelling the task wakes that waker, whose `Shared` the task
/// block keeps alive; the handle then reads `Cancelled` on another thread.
#[test]
fn uncounted_main_waker_in_a_join_slot_outlives_run_and_the_executor() {
    let (ex, handle) = main_waker_left_in_a_join_slot();
    let joiner = thread::spawn(move || block_on(handle));
    drop(ex);
    assert!(matches!(joiner.join().unwrap(), Err(JoinError::Cancelled)));
}

/// The same, with the handle dropped on another thread while the executor's drop cancels
/// its task (the slot's uncounted waker is either woken by the completer or dropped by the
/// handle, never both, and never after the block is freed).
#[test]
fn handle_holding_the_uncounted_main_waker_dropped_on_another_thread_during_executor_drop() {
    let (ex, handle) = main_waker_left_in_a_join_slot();
    let dropper = thread::spawn(move || drop(handle));
    drop(ex);
    dropper.join().unwrap();
}

static PANIC_ON_CLONE: RawWakerVTable = RawWakerVTable::new(panic_clone, noop, noop, noop);

unsafe fn panic_clone(_: *const ()) -> RawWaker {
    panic!("this waker's clone panics");
}
unsafe fn noop(_: *const ()) {}

fn panicking_clone_waker() -> Waker {
    // SAFETY: the vtable touches no data; `clone` panics before returning a `RawWaker`.
    unsafe { Waker::from_raw(RawWaker::new(core::ptr::null(), &PANIC_ON_CLONE)) }
}

/// A waker's `clone`, the one foreign call under the channel's spin lock, panics while the
/// receiver registers: the guard releases the lock as it unwinds, so the channel still works
/// (with a `SpinLock` that stayed locked, the `try_send` below would spin forever).
#[test]
fn receiver_waker_clone_panicking_under_the_channel_lock_leaves_it_usable() {
    let (tx, mut rx) = channel::<u32>(1);
    let waker = panicking_clone_waker();
    let mut cx = Context::from_waker(&waker);
    let result = catch_unwind(AssertUnwindSafe(|| Pin::new(&mut rx).poll_next(&mut cx)));
    assert!(result.is_err());
    tx.try_send(1).unwrap();
    assert_eq!(rx.try_recv(), Ok(1));
}

/// The same for a send that waits for room.
#[test]
fn sender_waker_clone_panicking_under_the_channel_lock_leaves_it_usable() {
    let (tx, mut rx) = channel::<u32>(1);
    tx.try_send(1).unwrap();
    let waker = panicking_clone_waker();
    let mut cx = Context::from_waker(&waker);
    {
        let mut send = tx.send(2);
        let result = catch_unwind(AssertUnwindSafe(|| Pin::new(&mut send).poll(&mut cx)));
        assert!(result.is_err());
    }
    assert_eq!(rx.try_recv(), Ok(1));
    tx.try_send(3).unwrap();
    assert_eq!(rx.try_recv(), Ok(3));
}
