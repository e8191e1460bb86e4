//! Dropping the executor, and panics in destructors: every task is dropped exactly once.

use anext::exec::{JoinError, LocalExecutor};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

struct CountDrop(Rc<Cell<usize>>);

impl Drop for CountDrop {
    fn drop(&mut self) {
        self.0.set(self.0.get() + 1);
    }
}

#[test]
fn dropping_the_executor_drops_every_pending_task_exactly_once() {
    let n = if cfg!(miri) { 100 } else { 10_000 };
    let ex = LocalExecutor::new();
    let drops = Rc::new(Cell::new(0));
    for i in 0..n {
        let guard = CountDrop(Rc::clone(&drops));
        let task = ex.spawn_local(async move {
            let _guard = guard;
            std::future::pending::<()>().await;
        });
        // Half were polled once (idle, not queued); half never ran (still queued).
        if i % 2 == 0 {
            task.detach();
        } else {
            drop(task);
        }
        if i == n / 2 {
            ex.run_until_stalled();
        }
    }
    assert_eq!(ex.task_count(), n);
    drop(ex);
    assert_eq!(drops.get(), n);
}

#[test]
fn join_handle_of_a_dropped_executor_gives_cancelled() {
    let ex = LocalExecutor::new();
    let task = ex.spawn(std::future::pending::<()>());
    ex.run_until_stalled();
    drop(ex);
    assert!(task.is_finished());
    assert!(matches!(anext::block_on(task), Err(JoinError::Cancelled)));
}

#[test]
fn join_handle_of_a_never_polled_task_gives_cancelled_after_executor_drop() {
    let ex = LocalExecutor::new();
    let task = ex.spawn(async { 1 });
    drop(ex);
    assert!(anext::block_on(task).unwrap_err().is_cancelled());
}

#[test]
fn finished_outputs_survive_the_executor() {
    let ex = LocalExecutor::new();
    let task = ex.spawn(async { String::from("kept") });
    ex.run_until_stalled();
    drop(ex);
    assert_eq!(anext::block_on(task).unwrap(), "kept");
}

struct PanicOnDrop;

impl Drop for PanicOnDrop {
    fn drop(&mut self) {
        panic!("destructor panics on purpose");
    }
}

#[test]
fn panic_in_one_tasks_drop_does_not_leak_or_double_drop_the_others() {
    let ex = LocalExecutor::new();
    let drops = Rc::new(Cell::new(0));
    let mut handles = Vec::new();
    for i in 0..10 {
        let guard = CountDrop(Rc::clone(&drops));
        let bomb = if i == 4 { Some(PanicOnDrop) } else { None };
        handles.push(ex.spawn_local(async move {
            let _guard = guard;
            let _bomb = bomb;
            std::future::pending::<()>().await;
        }));
    }
    ex.run_until_stalled();
    drop(ex);
    assert_eq!(drops.get(), 10);
    let results: Vec<_> = handles.into_iter().map(anext::block_on).collect();
    assert_eq!(
        results
            .iter()
            .filter(|r| matches!(r, Err(e) if e.is_panic()))
            .count(),
        1
    );
    assert_eq!(
        results
            .iter()
            .filter(|r| matches!(r, Err(e) if e.is_cancelled()))
            .count(),
        9
    );
}

#[test]
fn panic_in_a_finished_futures_drop_is_reported_and_the_executor_keeps_running() {
    let ex = LocalExecutor::new();
    let bad = ex.spawn(async {
        let _bomb = PanicOnDrop;
        1
    });
    let good = ex.spawn(async { 2 });
    assert!(ex.run(bad).unwrap_err().is_panic());
    assert_eq!(ex.run(good).unwrap(), 2);
}

#[test]
fn panic_in_an_outputs_drop_does_not_escape() {
    let ex = LocalExecutor::new();
    ex.spawn(async { PanicOnDrop }).detach();
    ex.run_until_stalled();
    let kept = ex.spawn(async { PanicOnDrop });
    ex.run_until_stalled();
    drop(kept);
    assert_eq!(ex.run(async { 3 }), 3);
}

#[test]
fn tasks_dropped_with_the_executor_may_hold_each_others_handles() {
    let ex = LocalExecutor::new();
    let log = Rc::new(RefCell::new(Vec::new()));
    let first = ex.spawn_local(std::future::pending::<()>());
    let inner_log = Rc::clone(&log);
    ex.spawn_local(async move {
        let _ = first.await;
        inner_log.borrow_mut().push("never");
    })
    .detach();
    ex.run_until_stalled();
    drop(ex);
    assert!(log.borrow().is_empty());
}

#[test]
fn executor_drop_is_not_confused_by_wakes_from_dropping_futures() {
    // A destructor that wakes another task while the executor is being dropped.
    let ex = LocalExecutor::new();
    let slot = Arc::new(std::sync::Mutex::new(None::<std::task::Waker>));
    let taken = Arc::clone(&slot);
    ex.spawn(std::future::poll_fn(move |cx| {
        *taken.lock().unwrap() = Some(cx.waker().clone());
        std::task::Poll::<()>::Pending
    }))
    .detach();
    struct WakeOnDrop(
        Arc<std::sync::Mutex<Option<std::task::Waker>>>,
        Arc<AtomicUsize>,
    );
    impl Drop for WakeOnDrop {
        fn drop(&mut self) {
            if let Some(w) = self.0.lock().unwrap().take() {
                w.wake();
                self.1.fetch_add(1, Ordering::SeqCst);
            }
        }
    }
    let woke = Arc::new(AtomicUsize::new(0));
    let guard = WakeOnDrop(slot, Arc::clone(&woke));
    ex.spawn(async move {
        let _guard = guard;
        std::future::pending::<()>().await
    })
    .detach();
    ex.run_until_stalled();
    drop(ex);
    assert_eq!(woke.load(Ordering::SeqCst), 1);
}

#[test]
fn panicking_join_waker_does_not_make_the_executor_drop_a_task_twice() {
    use std::task::{RawWaker, RawWakerVTable, Waker};
    static VTABLE: RawWakerVTable = RawWakerVTable::new(
        |p| RawWaker::new(p, &VTABLE),
        |_| panic!("join waker panics on purpose"),
        |_| panic!("join waker panics on purpose"),
        |_| {},
    );
    // SAFETY: the vtable's functions ignore the data pointer.
    let waker = unsafe { Waker::from_raw(RawWaker::new(std::ptr::null(), &VTABLE)) };
    let ex = LocalExecutor::new();
    let drops = Rc::new(Cell::new(0));
    let guard = CountDrop(Rc::clone(&drops));
    let mut task = ex.spawn_local(async move {
        let _guard = guard;
    });
    let mut cx = std::task::Context::from_waker(&waker);
    assert!(std::pin::Pin::new(&mut task).poll(&mut cx).is_pending());
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| ex.run_until_stalled()));
    assert!(result.is_err(), "the waker's panic reaches the caller");
    drop(ex);
    assert_eq!(drops.get(), 1);
    drop(task);
}
