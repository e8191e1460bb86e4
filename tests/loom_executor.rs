//! loom models of the executor's cross-thread protocols: the task state word (`exec/task.rs`:
//! wake vs poll vs complete vs abort vs join hand-off), the remote-wake queue
//! (`exec/queue.rs`), the main future's waker and the executor's parker.
//!
//! Run: `RUSTFLAGS="--cfg loom" LOOM_MAX_PREEMPTIONS=2 CARGO_TARGET_DIR=target/loom
//! cargo test --release -p anext --test loom_executor` (also in `.ci/run`).
#![cfg(loom)]

use anext::exec::{JoinError, LocalExecutor};
use anext::sync::oneshot;
use core::future::{Future, poll_fn};
use core::task::Poll;
use loom::sync::Arc;
use loom::sync::atomic::{AtomicUsize, Ordering};
use loom::thread;
use std::sync::Arc as StdArc;

/// `loom::model`, with the body on a thread with room for the executor's frames (its
/// timer-firing batch alone holds 32 wakers on the stack): they overflow loom's default
/// coroutine stack.
fn model(f: impl Fn() + Sync + Send + 'static) {
    let f = StdArc::new(f);
    loom::model(move || {
        let f = f.clone();
        spawn(move || f()).join().unwrap();
    });
}

/// `loom::thread::spawn` with the same room.
fn spawn<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> thread::JoinHandle<T> {
    thread::Builder::new().stack_size(1 << 20).spawn(f).unwrap()
}

/// A task hands its waker to another thread, which wakes it, writes `data` (Relaxed: only a
/// wake may order it) and wakes it again. The second wake may find the task queued or
/// running (a merged wake, issue 9 defect 1): it must still happen-before the poll that
/// follows, or the task reads 0, goes idle with no wake left, and the executor parks forever
/// (which loom reports as a deadlock).
#[test]
fn task_sees_a_write_made_before_a_merged_wake_from_another_thread() {
    model(|| {
        let ex = LocalExecutor::new();
        let data = Arc::new(AtomicUsize::new(0));
        let seen = data.clone();
        let mut waking = None;
        let task = ex.spawn(poll_fn(move |cx| {
            if waking.is_none() {
                let waker = cx.waker().clone();
                let data = data.clone();
                waking = Some(spawn(move || {
                    waker.wake_by_ref();
                    data.store(1, Ordering::Relaxed);
                    waker.wake();
                }));
            }
            if seen.load(Ordering::Relaxed) == 1 {
                waking.take().unwrap().join().unwrap();
                Poll::Ready(7)
            } else {
                Poll::Pending
            }
        }));
        assert_eq!(ex.run(task).unwrap(), 7);
    });
}

/// Another thread aborts a task and awaits its handle (the join hand-off through the
/// `JOIN_WAKER` bit, to a `block_on` waker) while the executor polls the task, which wakes
/// itself once; then it tells the main future through a oneshot (the main waker, from
/// another thread). The task ends exactly once, as cancelled or completed.
#[test]
fn abort_and_join_from_another_thread_race_with_the_poll() {
    model(|| {
        let ex = LocalExecutor::new();
        let mut yielded = false;
        let task = ex.spawn(poll_fn(move |cx| {
            if yielded {
                Poll::Ready(1)
            } else {
                yielded = true;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        }));
        let (done, finished) = oneshot::channel();
        let joiner = spawn(move || {
            task.abort();
            let result = anext::block_on(task);
            done.send(result).unwrap();
        });
        match ex.run(finished).unwrap() {
            Ok(value) => assert_eq!(value, 1),
            Err(error) => assert!(matches!(error, JoinError::Cancelled)),
        }
        joiner.join().unwrap();
        assert_eq!(ex.task_count(), 0);
    });
}

/// A wake from another thread races with the executor's drop: the task is dropped exactly
/// once, the wake neither crashes nor pushes into a queue nobody drains.
#[test]
fn wake_from_another_thread_races_with_the_executor_drop() {
    model(|| {
        let drops = Arc::new(AtomicUsize::new(0));
        struct CountDrop(Arc<AtomicUsize>);
        impl Drop for CountDrop {
            fn drop(&mut self) {
                self.0.fetch_add(1, Ordering::Relaxed);
            }
        }
        let ex = LocalExecutor::new();
        let guard = CountDrop(drops.clone());
        let (waker_tx, waker_rx) = loom::sync::mpsc::channel();
        ex.spawn(poll_fn(move |cx| {
            let _keep = &guard;
            waker_tx.send(cx.waker().clone()).unwrap();
            Poll::<()>::Pending
        }))
        .detach();
        ex.run_until_stalled();
        let waker = waker_rx.recv().unwrap();
        let waking = spawn(move || waker.wake());
        drop(ex);
        waking.join().unwrap();
        assert_eq!(drops.load(Ordering::Relaxed), 1);
    });
}

/// The executor's drop waits for a wake on another thread that has already scheduled the
/// task (it counts the tasks it finds SCHEDULED and pops that many queue references), so the
/// task block is freed, not leaked with a reference stranded in the queue. The block owns
/// the waker left in its join slot, whose `Tracker` holds a loom `Arc`: a leaked block is a
/// leaked `Arc`, which loom reports. (With the drop's wait for pushes still under way
/// removed, this model fails with "Arc leaked".)
#[test]
fn executor_drop_frees_a_task_that_another_thread_is_waking() {
    struct Tracker(#[allow(dead_code)] Arc<()>);
    impl std::task::Wake for Tracker {
        fn wake(self: StdArc<Self>) {}
    }
    model(|| {
        let ex = LocalExecutor::new();
        let (waker_tx, waker_rx) = loom::sync::mpsc::channel();
        let mut handle = ex.spawn(poll_fn(move |cx| {
            waker_tx.send(cx.waker().clone()).unwrap();
            Poll::<()>::Pending
        }));
        ex.run_until_stalled();
        let join_waker = std::task::Waker::from(StdArc::new(Tracker(Arc::new(()))));
        let mut cx = std::task::Context::from_waker(&join_waker);
        assert!(core::pin::Pin::new(&mut handle).poll(&mut cx).is_pending());
        drop(join_waker);
        let waker = waker_rx.recv().unwrap();
        let waking = spawn(move || waker.wake());
        drop(ex);
        waking.join().unwrap();
        // Cancelled by the drop (COMPLETE): the handle leaves the slot to the block.
        assert!(handle.is_finished());
        drop(handle);
    });
}

/// Two threads each write their own flag (Relaxed) and wake the main future of `run`: the
/// main future must see both writes. With a plain store of the "main woken" flag, the second
/// waker's store could hide the first one's from `run`'s acquiring swap (issue 9, defect 1).
#[test]
fn main_future_sees_the_writes_of_two_threads_that_woke_it() {
    model(|| {
        let ex = LocalExecutor::new();
        let flags = Arc::new([AtomicUsize::new(0), AtomicUsize::new(0)]);
        let mut waking = Vec::new();
        ex.run(poll_fn(|cx| {
            if waking.is_empty() {
                for i in 0..2 {
                    let waker = cx.waker().clone();
                    let flags = flags.clone();
                    waking.push(spawn(move || {
                        flags[i].store(1, Ordering::Relaxed);
                        waker.wake();
                    }));
                }
            }
            if flags.iter().all(|f| f.load(Ordering::Relaxed) == 1) {
                Poll::Ready(())
            } else {
                Poll::Pending
            }
        }));
        for handle in waking {
            handle.join().unwrap();
        }
    });
}
