//! Panics in destructors and join wakers, from the unsafe-code review: the executor neither
//! leaks, double-drops, nor lets a task hang in RUNNING.

use anext::exec::LocalExecutor;
use std::cell::Cell;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

struct PanicOnDrop;
impl Drop for PanicOnDrop {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            panic!("output drop");
        }
    }
}

/// A future whose `poll` returns an output with a panicking destructor, and whose own
/// destructor panics as well.
struct BadFuture;
impl Future for BadFuture {
    type Output = PanicOnDrop;
    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<PanicOnDrop> {
        Poll::Ready(PanicOnDrop)
    }
}
impl Drop for BadFuture {
    fn drop(&mut self) {
        panic!("future drop");
    }
}

/// The future's destructor panics and so does the output it produced: the task still
/// completes (as `Panicked`), nothing escapes `run_until_stalled`, and the executor drops
/// cleanly (before the fix: the task stayed RUNNING and the executor's drop aborted).
#[test]
fn output_and_future_destructors_both_panicking_still_complete_the_task() {
    let ex = LocalExecutor::new();
    let task = ex.spawn_local(BadFuture);
    let escaped = catch_unwind(AssertUnwindSafe(|| ex.run_until_stalled()));
    assert!(escaped.is_ok(), "a panic escaped run_until_stalled");
    assert!(task.is_finished(), "task never completes");
    drop(task);
    drop(ex);
}

struct Counted(Rc<Cell<usize>>);
impl Drop for Counted {
    fn drop(&mut self) {
        self.0.set(self.0.get() + 1);
    }
}

struct PanicWaker;
impl Wake for PanicWaker {
    fn wake(self: Arc<Self>) {
        panic!("join waker");
    }
}

/// A join waker that panics while the executor is dropped does not stop the drop half-way:
/// every other task's future is still dropped, then the waker's panic is re-raised.
#[test]
fn panicking_join_waker_during_executor_drop_still_drops_every_task() {
    let drops = Rc::new(Cell::new(0));
    let ex = LocalExecutor::new();
    // Spawned first, so it is last in the (LIFO) list.
    let guard = Counted(Rc::clone(&drops));
    ex.spawn_local(async move {
        let _g = guard;
        std::future::pending::<()>().await
    })
    .detach();
    let mut awaited = ex.spawn_local(std::future::pending::<()>());
    let waker = Waker::from(Arc::new(PanicWaker));
    let mut cx = Context::from_waker(&waker);
    assert!(Pin::new(&mut awaited).poll(&mut cx).is_pending());
    let r = catch_unwind(AssertUnwindSafe(move || drop(ex)));
    assert_eq!(drops.get(), 1, "the other task's future was dropped");
    let payload = r.expect_err("the join waker's panic is re-raised after the drop");
    assert_eq!(payload.downcast_ref::<&str>(), Some(&"join waker"));
}

/// A failing test drops its executor while unwinding; a join waker that panics during that
/// drop must not turn the test's failure into a process abort (before the fix, `Drop`
/// resumed the waker's panic while the thread was already panicking: "panic in a
/// destructor during cleanup", and the whole test binary aborted).
#[test]
fn executor_dropped_while_unwinding_with_a_panicking_join_waker_does_not_abort() {
    let drops = Rc::new(Cell::new(0));
    // The handle outlives the executor, so the executor's drop wakes its (panicking) waker.
    let mut handle = None;
    let result = catch_unwind(AssertUnwindSafe(|| {
        let ex = LocalExecutor::new();
        let guard = Counted(Rc::clone(&drops));
        let awaited = handle.insert(ex.spawn_local(async move {
            let _g = guard;
            std::future::pending::<()>().await
        }));
        let waker = Waker::from(Arc::new(PanicWaker));
        let mut cx = Context::from_waker(&waker);
        assert!(Pin::new(awaited).poll(&mut cx).is_pending());
        panic!("the test body failed");
    }));
    let payload = result.expect_err("the body's panic propagates");
    assert_eq!(
        payload.downcast_ref::<&str>(),
        Some(&"the test body failed"),
        "the body's own panic, not the join waker's, is what the test reports"
    );
    assert_eq!(
        drops.get(),
        1,
        "the task's future was dropped during the unwind"
    );
}

/// A task whose future's destructor panics while the executor is dropped: its handle
/// reports that panic as `JoinError::Panicked` (what `Drop`'s docs promise), and the drop
/// itself does not panic.
#[test]
fn destructor_panic_during_executor_drop_goes_to_that_tasks_handle() {
    struct PanicsWhenDropped;
    impl Drop for PanicsWhenDropped {
        fn drop(&mut self) {
            panic!("future drop");
        }
    }
    let ex = LocalExecutor::new();
    let bomb = PanicsWhenDropped;
    let task = ex.spawn_local(async move {
        let _bomb = bomb;
        std::future::pending::<()>().await
    });
    let quiet = ex.spawn_local(std::future::pending::<()>());
    ex.run_until_stalled();
    let dropped = catch_unwind(AssertUnwindSafe(move || drop(ex)));
    assert!(
        dropped.is_ok(),
        "the destructor's panic escaped the executor's drop"
    );
    let error = anext::block_on(task).expect_err("the task never finished");
    assert_eq!(error.panic_message(), Some("future drop"));
    assert!(anext::block_on(quiet).unwrap_err().is_cancelled());
}

struct PanicsInWake;

impl Wake for PanicsInWake {
    fn wake(self: Arc<Self>) {
        panic!("foreign waker panics in wake");
    }
}

/// Polls its future with a foreign waker that panics when woken.
struct PanickyWaker<F>(Pin<Box<F>>);

impl<F: Future> Future for PanickyWaker<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<F::Output> {
        let waker = Waker::from(Arc::new(PanicsInWake));
        self.0.as_mut().poll(&mut Context::from_waker(&waker))
    }
}

/// Timers that fire together are woken as one batch: a waker that panics there must not
/// drop the others unwoken (their timers are already fired, so their tasks would never run
/// again and the next `run` would report a false deadlock).
#[test]
fn a_panicking_timer_waker_does_not_lose_the_other_timers_of_its_batch() {
    let ex = LocalExecutor::with_virtual_clock();
    ex.spawn(PanickyWaker(Box::pin(anext::time::sleep(
        std::time::Duration::from_secs(1),
    ))))
    .detach();
    let victim = ex.spawn(anext::time::sleep(std::time::Duration::from_secs(1)));
    let first = catch_unwind(AssertUnwindSafe(|| {
        ex.run(anext::time::sleep(std::time::Duration::from_secs(5)))
    }));
    assert!(
        first.is_err(),
        "the foreign waker's panic propagates out of run"
    );
    let second = catch_unwind(AssertUnwindSafe(|| ex.run(victim)));
    assert!(
        matches!(second, Ok(Ok(()))),
        "the victim task never ran again: its waker was dropped unwoken"
    );
}
