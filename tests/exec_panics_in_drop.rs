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
