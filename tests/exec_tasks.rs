//! Spawning, joining, aborting and stepping tasks on a `LocalExecutor`. Transition numbers
//! refer to the lifecycle diagram at the top of `src/exec/task.rs`.

use anext::exec::{JoinError, LocalExecutor, Outcome, Step};
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

type Log = Rc<RefCell<Vec<String>>>;

fn log() -> Log {
    Rc::new(RefCell::new(Vec::new()))
}

fn take(log: &Log) -> Vec<String> {
    std::mem::take(&mut *log.borrow_mut())
}

/// A future that records each poll and drop, returning Pending `pendings` times (waking
/// itself only if `self_wake`).
struct Traced {
    name: &'static str,
    log: Log,
    pendings: usize,
    self_wake: bool,
}

impl Future for Traced {
    type Output = &'static str;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {
        self.log.borrow_mut().push(format!("poll {}", self.name));
        if self.pendings == 0 {
            return Poll::Ready(self.name);
        }
        self.pendings -= 1;
        if self.self_wake {
            cx.waker().wake_by_ref();
        }
        Poll::Pending
    }
}

impl Drop for Traced {
    fn drop(&mut self) {
        self.log.borrow_mut().push(format!("drop {}", self.name));
    }
}

/// A value that records its drop (an output that is not a future).
struct Noisy(&'static str, Log);

impl Drop for Noisy {
    fn drop(&mut self) {
        self.1.borrow_mut().push(format!("drop {}", self.0));
    }
}

fn traced(name: &'static str, log: &Log, pendings: usize, self_wake: bool) -> Traced {
    Traced {
        name,
        log: Rc::clone(log),
        pendings,
        self_wake,
    }
}

#[test]
fn spawned_task_output_comes_back_through_its_join_handle() {
    let ex = LocalExecutor::new();
    let task = ex.spawn(async { 40 + 2 });
    assert_eq!(ex.run(task).unwrap(), 42);
}

#[test]
fn spawn_local_runs_a_future_that_is_not_send() {
    let ex = LocalExecutor::new();
    let rc = Rc::new(RefCell::new(0));
    let inner = Rc::clone(&rc);
    let task = ex.spawn_local(async move {
        *inner.borrow_mut() += 1;
        Rc::strong_count(&inner)
    });
    assert_eq!(ex.run(task).unwrap(), 2);
    assert_eq!(*rc.borrow(), 1);
}

#[test]
fn nothing_runs_before_the_executor_is_driven() {
    let ex = LocalExecutor::new();
    let log = log();
    let task = ex.spawn_local(traced("a", &log, 0, false));
    assert!(take(&log).is_empty());
    ex.run_until_stalled();
    assert_eq!(take(&log), ["poll a", "drop a"]);
    assert!(task.is_finished());
}

#[test]
fn tasks_run_in_spawn_order() {
    let ex = LocalExecutor::new();
    let log = log();
    for name in ["a", "b", "c"] {
        ex.spawn_local(traced(name, &log, 0, false)).detach();
    }
    ex.run_until_stalled();
    assert_eq!(
        take(&log),
        ["poll a", "drop a", "poll b", "drop b", "poll c", "drop c"]
    );
}

#[test]
fn panicking_task_gives_join_error_panicked_and_others_keep_running() {
    let ex = LocalExecutor::new();
    let bad = ex.spawn(async { panic!("task failed on purpose") });
    let good = ex.spawn(async { 5 });
    let (bad, good) = ex.run(async { (bad.await, good.await) });
    let err = bad.unwrap_err();
    assert!(err.is_panic());
    assert_eq!(err.panic_message(), Some("task failed on purpose"));
    assert_eq!(good.unwrap(), 5);
}

#[test]
fn panic_payload_of_any_type_is_kept() {
    let ex = LocalExecutor::new();
    let task = ex.spawn(async { std::panic::panic_any(17_u32) });
    match ex.run(task) {
        Err(JoinError::Panicked(payload)) => assert_eq!(payload.downcast_ref::<u32>(), Some(&17)),
        other => panic!("expected a panic, got {other:?}"),
    }
}

#[test]
fn panic_in_the_main_future_of_run_propagates() {
    let ex = LocalExecutor::new();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        ex.run(async { panic!("main failed") })
    }));
    assert!(result.is_err());
    // The executor is still usable afterwards.
    assert_eq!(ex.run(async { 1 }), 1);
}

#[test]
fn abort_of_an_idle_task_drops_it_on_the_next_tick_without_polling_it() {
    let ex = LocalExecutor::new();
    let log = log();
    let task = ex.spawn_local(traced("a", &log, usize::MAX, false));
    ex.run_until_stalled(); // (2) then (3): idle
    task.abort(); // (6)
    assert_eq!(take(&log), ["poll a"]);
    let id = task.id();
    assert_eq!(
        ex.step(),
        Step::Polled {
            task: id,
            outcome: Outcome::Cancelled
        }
    ); // (7)
    assert_eq!(take(&log), ["drop a"]);
    assert!(ex.run(task).unwrap_err().is_cancelled());
}

#[test]
fn abort_of_a_queued_task_means_it_is_never_polled() {
    let ex = LocalExecutor::new();
    let log = log();
    let task = ex.spawn_local(traced("a", &log, 0, false));
    task.abort();
    ex.run_until_stalled();
    assert_eq!(take(&log), ["drop a"]);
    assert!(ex.run(task).unwrap_err().is_cancelled());
}

#[test]
fn abort_during_the_tasks_own_poll_cancels_it_when_the_poll_returns() {
    let ex = LocalExecutor::new();
    let log = log();
    let slot: Rc<RefCell<Option<anext::exec::JoinHandle<()>>>> = Rc::new(RefCell::new(None));
    let inner_slot = Rc::clone(&slot);
    let inner_log = Rc::clone(&log);
    let task = ex.spawn_local(async move {
        let _guard = traced("body", &inner_log, 0, false);
        inner_slot.borrow().as_ref().unwrap().abort();
        inner_log.borrow_mut().push("aborted itself".into());
        std::future::pending::<()>().await;
    });
    let id = task.id();
    *slot.borrow_mut() = Some(task);
    assert_eq!(
        ex.step(),
        Step::Polled {
            task: id,
            outcome: Outcome::Cancelled
        }
    );
    assert_eq!(take(&log), ["aborted itself", "drop body"]);
    let task = slot.borrow_mut().take().unwrap();
    assert!(ex.run(task).unwrap_err().is_cancelled());
}

#[test]
fn abort_after_completion_keeps_the_output() {
    let ex = LocalExecutor::new();
    let task = ex.spawn(async { 3 });
    ex.run_until_stalled();
    task.abort();
    assert_eq!(ex.run(task).unwrap(), 3);
}

#[test]
fn detached_task_still_runs_to_completion() {
    let ex = LocalExecutor::new();
    let log = log();
    ex.spawn_local(traced("a", &log, 1, true)).detach();
    ex.run_until_stalled();
    assert_eq!(take(&log), ["poll a", "poll a", "drop a"]);
    assert_eq!(ex.task_count(), 0);
}

#[test]
fn output_of_a_detached_task_is_dropped_when_it_finishes() {
    let ex = LocalExecutor::new();
    let log = log();
    let out_log = Rc::clone(&log);
    ex.spawn_local(async move { Noisy("output", out_log) })
        .detach();
    ex.run_until_stalled();
    assert_eq!(take(&log), ["drop output"]);
}

#[test]
fn output_left_in_a_dropped_join_handle_is_dropped_once() {
    let ex = LocalExecutor::new();
    let log = log();
    let out_log = Rc::clone(&log);
    let task = ex.spawn_local(async move { Noisy("output", out_log) });
    ex.run_until_stalled();
    assert!(take(&log).is_empty());
    drop(task);
    assert_eq!(take(&log), ["drop output"]);
}

#[test]
fn is_finished_turns_true_after_completion() {
    let ex = LocalExecutor::new();
    let task = ex.spawn(anext::yield_now());
    assert!(!task.is_finished());
    ex.step();
    assert!(!task.is_finished());
    ex.step();
    assert!(task.is_finished());
}

#[test]
fn poll_and_wake_counts_are_reported_per_task() {
    let ex = LocalExecutor::new();
    let log = log();
    let busy = ex.spawn_local(traced("busy", &log, 4, true));
    let calm = ex.spawn_local(traced("calm", &log, 0, false));
    ex.run_until_stalled();
    assert_eq!((busy.poll_count(), busy.wake_count()), (5, 4));
    assert_eq!((calm.poll_count(), calm.wake_count()), (1, 0));
}

#[test]
fn step_reports_each_poll_in_order() {
    let ex = LocalExecutor::new();
    let log = log();
    let a = ex.spawn_local(traced("a", &log, 1, true));
    let b = ex.spawn_local(traced("b", &log, 1, false));
    let c = ex.spawn_local(async { panic!("c fails") });
    let (a, b, c) = (a.id(), b.id(), c.id());
    let steps: Vec<Step> = std::iter::from_fn(|| Some(ex.step()))
        .take_while(|s| *s != Step::Idle)
        .collect();
    let polled = |task, outcome| Step::Polled { task, outcome };
    assert_eq!(
        steps,
        [
            polled(a, Outcome::Requeued),  // (2) then (4)
            polled(b, Outcome::Pending),   // (2) then (3)
            polled(c, Outcome::Panicked),  // (5)
            polled(a, Outcome::Completed)  // (5)
        ]
    );
    assert_eq!(take(&log), ["poll a", "poll b", "poll a", "drop a"]);
}

#[test]
fn try_tick_says_whether_a_task_was_polled() {
    let ex = LocalExecutor::new();
    assert!(!ex.try_tick());
    ex.spawn(async {}).detach();
    assert!(ex.try_tick());
    assert!(!ex.try_tick());
}

#[test]
fn run_until_stalled_runs_self_waking_tasks_until_they_stop() {
    let ex = LocalExecutor::new();
    let log = log();
    let task = ex.spawn_local(traced("a", &log, 3, true));
    assert_eq!(ex.run_until_stalled(), 4);
    assert!(task.is_finished());
}

#[test]
fn run_until_stalled_stops_when_every_task_waits() {
    let ex = LocalExecutor::new();
    let log = log();
    let task = ex.spawn_local(traced("a", &log, 1, false));
    assert_eq!(ex.run_until_stalled(), 1);
    assert!(!task.is_finished());
}

#[test]
fn join_handle_can_be_awaited_from_another_task() {
    let ex = LocalExecutor::new();
    let inner = ex.spawn(async {
        anext::yield_now().await;
        "inner"
    });
    let outer = ex.spawn(async move { inner.await.unwrap() });
    assert_eq!(ex.run(outer).unwrap(), "inner");
}

#[test]
fn join_handle_can_be_awaited_on_another_thread() {
    let ex = LocalExecutor::new();
    let (tx, rx) = std::sync::mpsc::channel::<Waker>();
    let task = ex.spawn(std::future::poll_fn(move |cx| {
        tx.send(cx.waker().clone()).unwrap();
        Poll::<u8>::Pending
    }));
    ex.run_until_stalled();
    let waker = rx.recv().unwrap();
    let joiner = std::thread::spawn(move || anext::block_on(task));
    waker.wake(); // polled again: still pending (the closure ignores wakes)
    ex.run_until_stalled();
    drop(ex); // cancels it
    assert!(joiner.join().unwrap().unwrap_err().is_cancelled());
}

#[test]
#[cfg_attr(miri, ignore = "leaks the executor on purpose, which Miri reports")]
#[should_panic(expected = "do not nest")]
fn run_inside_a_task_of_the_same_executor_panics_with_a_clear_message() {
    let ex: &'static LocalExecutor = Box::leak(Box::new(LocalExecutor::new()));
    let task = ex.spawn_local(async move { ex.run(async {}) });
    if let Err(JoinError::Panicked(payload)) = ex.run(task) {
        std::panic::resume_unwind(payload);
    }
}

#[test]
fn task_ids_are_distinct() {
    let ex = LocalExecutor::new();
    let ids: Vec<u64> = (0..10).map(|_| ex.spawn(async {}).id()).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), 10);
}

#[test]
fn public_types_are_send_and_sync_as_documented() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<anext::exec::JoinHandle<u8>>();
    send_sync::<anext::time::Sleep>();
    send_sync::<anext::time::Interval>();
    fn send<T: Send>() {}
    send::<JoinError>(); // the panic payload is `Send` only
}
