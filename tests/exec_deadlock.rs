//! Deadlock detection in `LocalExecutor::run` (see `src/exec/deadlock.rs` for the rule): a
//! run that nothing can ever wake panics with a report; a run waiting on a waker held
//! elsewhere (another thread) is left to wait and completes.

mod common;

use anext::exec::{JoinHandle, LocalExecutor};
use common::panic_message;
use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use std::sync::mpsc;
use std::task::{Poll, Waker};
use std::time::Duration;

#[test]
fn pending_main_future_is_reported_instead_of_parking_forever() {
    let ex = LocalExecutor::new();
    let message = panic_message(|| ex.run(std::future::pending::<()>()));
    assert!(message.contains("deadlock"), "{message}");
    assert!(message.contains("live tasks: 0"), "{message}");
    // The executor stays usable after the report.
    assert_eq!(ex.run(async { 5 }), 5);
}

#[test]
fn two_tasks_awaiting_each_other_are_reported_with_names_and_locations() {
    let ex = LocalExecutor::new();
    let slot_a: Rc<RefCell<Option<JoinHandle<()>>>> = Rc::default();
    let slot_b: Rc<RefCell<Option<JoinHandle<()>>>> = Rc::default();
    let a = ex.spawn_named("left", {
        let slot_b = Rc::clone(&slot_b);
        async move {
            let other = slot_b.borrow_mut().take().unwrap();
            other.await.unwrap();
        }
    });
    let b = ex.spawn_local({
        let slot_a = Rc::clone(&slot_a);
        async move {
            let other = slot_a.borrow_mut().take().unwrap();
            other.await.unwrap();
        }
    });
    let (a_id, b_id) = (a.id(), b.id());
    *slot_a.borrow_mut() = Some(a);
    *slot_b.borrow_mut() = Some(b);
    let message = panic_message(|| ex.run(std::future::pending::<()>()));
    let file = file!();
    let expected = [
        "deadlock".to_string(),
        "main future: not awaiting a JoinHandle of this executor".to_string(),
        "live tasks: 2".to_string(),
        format!("- task {a_id} \"left\", spawned at {file}:"),
        format!("1 polls, 0 wakes, last ran at poll 1 of 2, awaits the JoinHandle of task {b_id}"),
        format!("- task {b_id}, spawned at {file}:"),
        format!("1 polls, 0 wakes, last ran at poll 2 of 2, awaits the JoinHandle of task {a_id}"),
    ];
    for part in expected {
        assert!(message.contains(&part), "{part:?} missing from:\n{message}");
    }
}

#[test]
fn main_future_awaiting_a_stuck_task_names_that_task() {
    let ex = LocalExecutor::new();
    let stuck = ex.spawn_named("stuck", std::future::pending::<()>());
    let id = stuck.id();
    let message = panic_message(|| {
        let _ = ex.run(stuck);
    });
    assert!(message.contains("deadlock"), "{message}");
    assert!(
        message.contains(&format!("main future: awaits the JoinHandle of task {id}")),
        "{message}"
    );
    assert!(
        message.contains(&format!("- task {id} \"stuck\"")),
        "{message}"
    );
}

#[test]
fn sleep_forever_with_nothing_else_to_do_is_a_deadlock() {
    let ex = LocalExecutor::with_virtual_clock();
    let message = panic_message(|| ex.run(anext::time::sleep(Duration::MAX)));
    assert!(message.contains("deadlock"), "{message}");
}

/// A thread that receives one waker, holds it for 20 ms and wakes it: a wait the detector must
/// not report, because that thread may still wake the executor.
fn thread_that_wakes_what_it_is_sent() -> (mpsc::Sender<Waker>, std::thread::JoinHandle<()>) {
    let (tx, rx) = mpsc::channel::<Waker>();
    let helper = std::thread::spawn(move || {
        let waker = rx.recv().unwrap();
        std::thread::sleep(Duration::from_millis(20));
        waker.wake();
    });
    (tx, helper)
}

/// The other side: a task whose waker another thread holds (and wakes later) is a
/// legitimate wait, never reported.
#[test]
fn task_waiting_on_a_waker_held_by_another_thread_completes() {
    let ex = LocalExecutor::new();
    let (tx, helper) = thread_that_wakes_what_it_is_sent();
    let mut polls = 0;
    let task = ex.spawn_local(std::future::poll_fn(move |cx| {
        polls += 1;
        if polls == 1 {
            tx.send(cx.waker().clone()).unwrap();
            return Poll::Pending;
        }
        Poll::Ready(polls)
    }));
    assert_eq!(ex.run(task).unwrap(), 2);
    helper.join().unwrap();
}

/// The same for a clone of the main future's waker.
#[test]
fn main_future_waiting_on_a_waker_held_by_another_thread_completes() {
    let ex = LocalExecutor::new();
    let (tx, helper) = thread_that_wakes_what_it_is_sent();
    let mut polls = 0;
    let got = ex.run(std::future::poll_fn(|cx| {
        polls += 1;
        if polls == 1 {
            tx.send(cx.waker().clone()).unwrap();
            return Poll::Pending;
        }
        Poll::Ready(polls)
    }));
    assert_eq!(got, 2);
    helper.join().unwrap();
}

/// The main future awaits a stuck task's handle (which leaves the main waker in that task's
/// join slot, uncounted) while another thread holds a counted clone of the main waker: that
/// clone may still wake it, so this is no deadlock. (When the slot's waker was a counted
/// clone, the check subtracted one clone per slot; with the slot uncounted, that
/// subtraction would hide the other thread's clone and report a deadlock here.)
#[test]
fn main_future_awaiting_a_stuck_task_while_another_thread_holds_its_waker_completes() {
    let ex = LocalExecutor::new();
    let (tx, helper) = thread_that_wakes_what_it_is_sent();
    let mut stuck = ex.spawn_local(std::future::pending::<()>());
    let mut polls = 0;
    let got = ex.run(std::future::poll_fn(|cx| {
        polls += 1;
        if polls == 1 {
            tx.send(cx.waker().clone()).unwrap();
            assert!(std::pin::Pin::new(&mut stuck).poll(cx).is_pending());
            return Poll::Pending;
        }
        Poll::Ready(polls)
    }));
    assert_eq!(got, 2);
    helper.join().unwrap();
}

/// A task awaiting a stuck task's handle is not a deadlock while a third task's waker is
/// held by another thread: that one may still wake and unblock the rest.
#[test]
fn one_waker_held_outside_keeps_the_whole_executor_waiting() {
    let ex = LocalExecutor::new();
    let (tx, helper) = thread_that_wakes_what_it_is_sent();
    let _stuck = ex.spawn_local(std::future::pending::<()>());
    let mut polls = 0;
    let waiting = ex.spawn_local(std::future::poll_fn(move |cx| {
        polls += 1;
        if polls == 1 {
            tx.send(cx.waker().clone()).unwrap();
            return Poll::Pending;
        }
        Poll::Ready(())
    }));
    ex.run(waiting).unwrap();
    helper.join().unwrap();
}

#[anext::test]
#[should_panic(expected = "deadlock")]
async fn anext_test_body_that_can_never_wake_fails_with_the_report() {
    std::future::pending::<()>().await;
}
