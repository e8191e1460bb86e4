//! Wakers of `LocalExecutor` tasks: any thread, any time, queued once, harmless after the
//! end. Transition numbers refer to the diagram in `src/exec/task.rs`.

use anext::exec::{LocalExecutor, Outcome, Step};
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

/// Pending until `ready` is set; stores its waker in `slot` at every poll.
struct Gate {
    ready: Arc<AtomicBool>,
    slot: Arc<Mutex<Option<Waker>>>,
    polls: Rc<RefCell<usize>>,
}

impl Future for Gate {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        *self.polls.borrow_mut() += 1;
        if self.ready.load(Ordering::Acquire) {
            return Poll::Ready(());
        }
        *self.slot.lock().unwrap() = Some(cx.waker().clone());
        Poll::Pending
    }
}

type WakerSlot = Arc<Mutex<Option<Waker>>>;

/// The gate, its "ready" flag, the slot holding its latest waker, and its poll count.
fn gate() -> (Gate, Arc<AtomicBool>, WakerSlot, Rc<RefCell<usize>>) {
    let ready = Arc::new(AtomicBool::new(false));
    let slot = Arc::new(Mutex::new(None));
    let polls = Rc::new(RefCell::new(0));
    let gate = Gate {
        ready: Arc::clone(&ready),
        slot: Arc::clone(&slot),
        polls: Rc::clone(&polls),
    };
    (gate, ready, slot, polls)
}

#[test]
fn wakers_are_send_and_sync() {
    fn send_sync<T: Send + Sync>(_: &T) {}
    let ex = LocalExecutor::new();
    let (gate, _ready, slot, _) = gate();
    ex.spawn_local(gate).detach();
    ex.run_until_stalled();
    send_sync(slot.lock().unwrap().as_ref().unwrap());
}

#[test]
fn wake_from_other_thread_while_parked() {
    let ex = LocalExecutor::new();
    let (gate, ready, slot, _) = gate();
    let task = ex.spawn_local(gate);
    ex.run_until_stalled();
    let waker = slot.lock().unwrap().take().unwrap();
    let waker_thread = std::thread::spawn(move || {
        // Give the executor time to park (not needed for correctness, only to exercise it).
        std::thread::sleep(Duration::from_millis(if cfg!(miri) { 1 } else { 20 }));
        ready.store(true, Ordering::Release);
        waker.wake();
    });
    // `run` parks until the wake; it must not miss it.
    ex.run(task).unwrap();
    waker_thread.join().unwrap();
}

#[test]
fn waking_a_not_send_tasks_waker_from_another_thread_only_queues_it() {
    let ex = LocalExecutor::new();
    let (gate, ready, slot, polls) = gate();
    let not_send = Rc::new(());
    let task = ex.spawn_local(async move {
        gate.await;
        Rc::strong_count(&not_send)
    });
    ex.run_until_stalled();
    let waker = slot.lock().unwrap().take().unwrap();
    std::thread::spawn(move || {
        ready.store(true, Ordering::Release);
        waker.wake();
    })
    .join()
    .unwrap();
    assert_eq!(*polls.borrow(), 1, "the other thread must not poll it");
    assert_eq!(ex.run(task).unwrap(), 1);
    assert_eq!(*polls.borrow(), 2);
}

#[test]
fn many_wakes_from_many_threads_before_it_runs_queue_it_once() {
    let ex = LocalExecutor::new();
    let (gate, _ready, slot, polls) = gate();
    let task = ex.spawn_local(gate);
    ex.run_until_stalled();
    let waker = slot.lock().unwrap().take().unwrap();
    let per_thread = if cfg!(miri) { 10 } else { 1000 };
    std::thread::scope(|s| {
        for _ in 0..4 {
            let waker = waker.clone();
            s.spawn(move || {
                for _ in 0..per_thread {
                    waker.wake_by_ref();
                }
            });
        }
    });
    let id = task.id();
    assert_eq!(
        ex.step(),
        Step::Polled {
            task: id,
            outcome: Outcome::Pending
        }
    );
    assert_eq!(ex.step(), Step::Idle);
    assert_eq!(*polls.borrow(), 2);
    assert_eq!(task.wake_count(), 4 * per_thread);
}

#[test]
fn woken_many_times_on_its_own_thread_before_it_runs_is_queued_once() {
    let ex = LocalExecutor::new();
    let (gate, _ready, slot, polls) = gate();
    let _task = ex.spawn_local(gate);
    ex.run_until_stalled();
    let waker = slot.lock().unwrap().take().unwrap();
    for _ in 0..100 {
        waker.wake_by_ref(); // (1) once, then no-ops while SCHEDULED
    }
    assert_eq!(ex.run_until_stalled(), 1);
    assert_eq!(*polls.borrow(), 2);
}

#[test]
fn waking_a_finished_task_does_not_poll_it_again() {
    let ex = LocalExecutor::new();
    let (gate, ready, slot, polls) = gate();
    let task = ex.spawn_local(gate);
    ex.run_until_stalled();
    let waker = slot.lock().unwrap().take().unwrap();
    ready.store(true, Ordering::Release);
    waker.wake_by_ref();
    ex.run_until_stalled();
    assert!(task.is_finished());
    waker.wake_by_ref(); // COMPLETE: nothing happens
    waker.wake();
    assert_eq!(ex.step(), Step::Idle);
    assert_eq!(*polls.borrow(), 2);
}

#[test]
fn task_woken_during_its_final_poll_is_not_polled_again() {
    let ex = LocalExecutor::new();
    let polls = Rc::new(RefCell::new(0));
    let counted = Rc::clone(&polls);
    let task = ex.spawn_local(std::future::poll_fn(move |cx| {
        *counted.borrow_mut() += 1;
        cx.waker().wake_by_ref();
        Poll::Ready(())
    }));
    ex.run_until_stalled();
    assert!(task.is_finished());
    assert_eq!(*polls.borrow(), 1);
}

#[test]
fn waker_that_outlives_the_executor_is_a_no_op_and_frees_the_task() {
    let ex = LocalExecutor::new();
    let dropped = Arc::new(AtomicUsize::new(0));
    struct CountDrop(Arc<AtomicUsize>);
    impl Drop for CountDrop {
        fn drop(&mut self) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }
    let (gate, _ready, slot, _) = gate();
    let witness = CountDrop(Arc::clone(&dropped));
    let task = ex.spawn_local(async move {
        let _witness = witness;
        gate.await;
    });
    ex.run_until_stalled();
    let waker = slot.lock().unwrap().take().unwrap();
    drop(ex);
    assert_eq!(
        dropped.load(Ordering::SeqCst),
        1,
        "future dropped with the executor"
    );
    waker.wake_by_ref();
    let other_thread = waker.clone();
    std::thread::spawn(move || other_thread.wake())
        .join()
        .unwrap();
    drop(task);
    drop(waker); // the last reference: frees the task (Miri checks for leaks)
    assert_eq!(dropped.load(Ordering::SeqCst), 1);
}

#[test]
fn waker_clone_of_the_main_future_wakes_run_from_another_thread() {
    let ex = LocalExecutor::new();
    let (gate, ready, slot, _) = gate();
    let thread = std::thread::spawn(move || {
        let waker = loop {
            if let Some(waker) = slot.lock().unwrap().take() {
                break waker;
            }
            std::thread::yield_now();
        };
        ready.store(true, Ordering::Release);
        waker.wake();
    });
    ex.run(gate);
    thread.join().unwrap();
}

#[test]
fn waker_of_the_main_future_outliving_the_executor_is_harmless() {
    let ex = LocalExecutor::new();
    let waker = ex.run(std::future::poll_fn(|cx| Poll::Ready(cx.waker().clone())));
    drop(ex);
    waker.wake_by_ref();
    waker.wake();
}

#[test]
fn wakes_racing_with_executor_drop_neither_leak_nor_crash() {
    /// Counts its drops: the task's future must be dropped exactly once per round.
    struct DropCount(Arc<AtomicUsize>);
    impl Drop for DropCount {
        fn drop(&mut self) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }
    let rounds = if cfg!(miri) { 3 } else { 200 };
    let drops = Arc::new(AtomicUsize::new(0));
    for round in 1..=rounds {
        let ex = LocalExecutor::new();
        let (gate, _ready, slot, _) = gate();
        let counted = DropCount(drops.clone());
        ex.spawn_local(async move {
            let _counted = counted;
            gate.await;
        })
        .detach();
        ex.run_until_stalled();
        let waker = slot.lock().unwrap().take().unwrap();
        let thread = std::thread::spawn(move || {
            for _ in 0..50 {
                waker.wake_by_ref();
            }
        });
        drop(ex);
        thread.join().unwrap();
        assert_eq!(drops.load(Ordering::SeqCst), round, "dropped exactly once");
    }
}

/// Issue 9, defect 5: while `run` is parked with no timer armed, another thread polls a
/// `sleep(50ms)` with a clone of the main future's waker. The new timer is earlier than the
/// park's deadline (none), so arming it must unpark the executor, which then fires it and
/// polls the main future. Before the fix the park ignored the new timer: the main future was
/// woken only by the helper thread's fallback wake, 20 s later, and the trace said so.
#[test]
fn timer_armed_from_another_thread_wakes_the_parked_executor() {
    let trace = Arc::new(Mutex::new(Vec::<&'static str>::new()));
    let fallback_fired = Arc::new(AtomicBool::new(false));
    let (waker_tx, waker_rx) = std::sync::mpsc::channel::<Waker>();
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    let helper = {
        let trace = Arc::clone(&trace);
        let fallback_fired = Arc::clone(&fallback_fired);
        std::thread::spawn(move || {
            let main_waker = waker_rx.recv().unwrap();
            // Let the executor reach its park (it parks right after the first poll).
            std::thread::sleep(Duration::from_millis(100));
            let mut sleep = Box::pin(anext::time::sleep(Duration::from_millis(50)));
            let mut cx = Context::from_waker(&main_waker);
            assert!(sleep.as_mut().poll(&mut cx).is_pending());
            trace
                .lock()
                .unwrap()
                .push("helper: sleep(50ms) armed with the main waker");
            // Only a bound for the failing case: the fixed executor is done long before.
            if done_rx.recv_timeout(Duration::from_secs(20)).is_err() {
                fallback_fired.store(true, Ordering::Release);
                main_waker.wake();
                done_rx.recv().unwrap();
            }
        })
    };
    let ex = LocalExecutor::new();
    let mut polls = 0;
    ex.run(std::future::poll_fn(|cx| {
        polls += 1;
        if polls == 1 {
            trace.lock().unwrap().push("main: first poll, parks");
            waker_tx.send(cx.waker().clone()).unwrap();
            return Poll::Pending;
        }
        trace
            .lock()
            .unwrap()
            .push(if fallback_fired.load(Ordering::Acquire) {
                "main: woken by the helper's fallback"
            } else {
                "main: woken by the timer"
            });
        Poll::Ready(())
    }));
    done_tx.send(()).unwrap();
    helper.join().unwrap();
    assert_eq!(
        *trace.lock().unwrap(),
        [
            "main: first poll, parks",
            "helper: sleep(50ms) armed with the main waker",
            "main: woken by the timer",
        ]
    );
}
