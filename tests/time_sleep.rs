//! `sleep`, `sleep_until`, `timeout`: ordering, cancellation, bounded memory, no overflow.

use anext::exec::LocalExecutor;
use anext::time::{sleep, sleep_until, timeout};
use std::cell::RefCell;
use std::future::Future;
use std::pin::{Pin, pin};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

/// Polls `future` once with a no-op waker, for tests that look between polls.
fn poll_once<F: Future + Unpin>(future: &mut F, waker: &Waker) -> Poll<F::Output> {
    std::pin::Pin::new(future).poll(&mut Context::from_waker(waker))
}

#[test]
fn short_real_sleep_completes_on_the_real_clock() {
    let ex = LocalExecutor::new();
    let start = Instant::now();
    ex.run(sleep(Duration::from_millis(2)));
    assert!(start.elapsed() >= Duration::from_millis(2));
}

#[test]
fn sleep_under_plain_block_on_uses_the_fallback_thread() {
    let start = Instant::now();
    anext::block_on(sleep(Duration::from_millis(2)));
    assert!(start.elapsed() >= Duration::from_millis(2));
}

#[test]
fn zero_sleep_is_ready_at_the_first_poll() {
    let ex = LocalExecutor::with_virtual_clock();
    let task = ex.spawn(sleep(Duration::ZERO));
    ex.step();
    assert!(task.is_finished());
}

#[test]
fn timers_fire_in_deadline_order() {
    let ex = LocalExecutor::with_virtual_clock();
    let log = Rc::new(RefCell::new(Vec::new()));
    for (name, after) in [("c", 3), ("a", 1), ("b", 2)] {
        let log = Rc::clone(&log);
        ex.spawn_local(async move {
            sleep(secs(after)).await;
            log.borrow_mut().push(name);
        })
        .detach();
    }
    ex.run(sleep(secs(10)));
    assert_eq!(*log.borrow(), ["a", "b", "c"]);
}

#[test]
fn equal_deadlines_fire_in_registration_order() {
    let ex = LocalExecutor::with_virtual_clock();
    let log = Rc::new(RefCell::new(Vec::new()));
    let deadline = ex.now() + secs(5);
    for name in ["first", "second", "third", "fourth"] {
        let log = Rc::clone(&log);
        ex.spawn_local(async move {
            sleep_until(deadline).await;
            log.borrow_mut().push(name);
        })
        .detach();
    }
    ex.run(sleep(secs(6)));
    assert_eq!(*log.borrow(), ["first", "second", "third", "fourth"]);
}

#[test]
fn duration_max_sleeps_forever_without_overflow() {
    let ex = LocalExecutor::with_virtual_clock();
    let result = ex.run(timeout(secs(1), sleep(Duration::MAX)));
    assert!(result.is_err());
    assert_eq!(ex.elapsed(), secs(1));
    assert_eq!(ex.timer_count(), 0, "a forever sleep registers no timer");
}

#[test]
fn duration_max_sleep_on_the_real_clock_does_not_overflow() {
    let ex = LocalExecutor::new();
    assert!(
        ex.run(timeout(Duration::from_millis(1), sleep(Duration::MAX)))
            .is_err()
    );
    assert!(anext::block_on(timeout(Duration::from_millis(1), sleep(Duration::MAX))).is_err());
}

#[test]
fn dropping_a_sleep_cancels_its_timer() {
    let ex = LocalExecutor::with_virtual_clock();
    let task = ex.spawn(sleep(secs(60)));
    ex.run_until_stalled();
    assert_eq!(ex.timer_count(), 1);
    task.abort();
    ex.run_until_stalled();
    assert_eq!(ex.timer_count(), 0);
    // Nothing is left to wait for: the virtual clock has no reason to move.
    assert_eq!(ex.elapsed(), Duration::ZERO);
}

#[test]
fn resetting_a_sleep_a_million_times_does_not_grow_memory() {
    let n: u32 = if cfg!(miri) { 1_000 } else { 1_000_000 };
    let ex = LocalExecutor::with_virtual_clock();
    let start = ex.now();
    ex.run(async {
        let mut s = sleep(secs(1));
        // Register the timer: poll once through the executor's waker.
        std::future::poll_fn(|cx| {
            assert!(pin!(&mut s).poll(cx).is_pending());
            Poll::Ready(())
        })
        .await;
        for i in 0..n {
            s.reset(start + secs(2) + Duration::from_nanos(u64::from(i)));
        }
        s.await;
    });
    assert_eq!(ex.timer_slots(), 1, "one slot, reused by every reset");
    assert_eq!(
        ex.elapsed(),
        secs(2) + Duration::from_nanos(u64::from(n - 1))
    );
}

#[test]
fn reset_to_an_earlier_deadline_fires_earlier() {
    let ex = LocalExecutor::with_virtual_clock();
    let at = ex.now() + secs(3);
    ex.run(async {
        let mut s = sleep(secs(100));
        std::future::poll_fn(|cx| {
            let _ = pin!(&mut s).poll(cx);
            Poll::Ready(())
        })
        .await;
        s.reset(at);
        s.await;
    });
    assert_eq!(ex.elapsed(), secs(3));
}

#[test]
fn timeout_gives_the_output_when_the_future_is_in_time() {
    let ex = LocalExecutor::with_virtual_clock();
    let out = ex.run(timeout(secs(5), async {
        sleep(secs(1)).await;
        "in time"
    }));
    assert_eq!(out, Ok("in time"));
    assert_eq!(ex.elapsed(), secs(1));
}

#[test]
fn timeout_drops_the_future_when_time_runs_out() {
    struct Flag(Rc<RefCell<bool>>);
    impl Drop for Flag {
        fn drop(&mut self) {
            *self.0.borrow_mut() = true;
        }
    }
    let ex = LocalExecutor::with_virtual_clock();
    let dropped = Rc::new(RefCell::new(false));
    let flag = Flag(Rc::clone(&dropped));
    let out = ex.run(timeout(secs(2), async move {
        let _flag = flag;
        sleep(secs(10)).await;
    }));
    assert!(out.is_err());
    assert!(*dropped.borrow());
    assert_eq!(ex.elapsed(), secs(2));
    assert_eq!(ex.timer_count(), 0);
}

#[test]
fn sleep_polled_with_a_foreign_waker_still_completes() {
    // Outside any executor, with a no-op waker: the fallback thread sets the flag.
    let mut s = sleep(Duration::from_millis(1));
    let waker = Waker::noop();
    assert!(poll_once(&mut s, waker).is_pending());
    while poll_once(&mut s, waker).is_pending() {
        std::thread::yield_now();
    }
    assert!(s.is_elapsed());
}

#[test]
fn many_timers_all_fire() {
    let n = if cfg!(miri) { 50 } else { 5_000 };
    let ex = LocalExecutor::with_virtual_clock();
    let delay = |i: u64| Duration::from_millis((i * 7919) % 1000);
    let handles: Vec<_> = (0..n).map(|i| ex.spawn(sleep(delay(i)))).collect();
    ex.run(async {
        for h in handles {
            h.await.unwrap();
        }
    });
    assert_eq!(ex.timer_count(), 0);
    assert_eq!(ex.elapsed(), (0..n).map(delay).max().unwrap());
}

#[test]
fn a_sleep_polled_with_a_waker_of_a_dropped_executor_runs_on_the_real_clock() {
    use std::sync::{Arc, Mutex};
    // Keep a task's waker past its executor's drop.
    let kept: Arc<Mutex<Option<Waker>>> = Arc::default();
    let ex = LocalExecutor::new();
    let k = kept.clone();
    ex.spawn(std::future::poll_fn(move |cx| {
        *k.lock().unwrap() = Some(cx.waker().clone());
        Poll::<()>::Pending
    }))
    .detach();
    ex.run_until_stalled();
    drop(ex);
    let stale = kept
        .lock()
        .unwrap()
        .take()
        .expect("the task kept its waker");
    let mut cx = Context::from_waker(&stale);
    let mut nap = Box::pin(sleep(Duration::from_millis(1)));
    assert!(nap.as_mut().poll(&mut cx).is_pending());
    // The dead executor's timers never fire; the real-clock fallback does. Its wake goes to
    // the stale waker (a no-op), so poll until ready; the generous bound only turns a hang
    // into a failure.
    let start = Instant::now();
    while nap.as_mut().poll(&mut cx).is_pending() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the sleep never fired"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
}

#[test]
fn dropping_a_sleep_outside_an_executor_releases_its_waker_at_once() {
    use std::sync::Arc;
    use std::task::Wake;
    struct Count;
    impl Wake for Count {
        fn wake(self: Arc<Self>) {}
    }
    let target = Arc::new(Count);
    let waker = Waker::from(Arc::clone(&target));
    let mut s = Box::pin(sleep(secs(3600)));
    assert!(
        s.as_mut()
            .poll(&mut Context::from_waker(&waker))
            .is_pending()
    );
    drop(waker);
    drop(s);
    // The helper thread must not keep the waker (and whatever task it points at) for an hour.
    assert_eq!(Arc::strong_count(&target), 1);
}

#[test]
fn an_armed_sleep_that_outlives_its_executor_does_not_end_early() {
    let ex = LocalExecutor::new();
    let mut s = Box::pin(sleep(secs(3600)));
    ex.run(std::future::poll_fn(|cx| {
        assert!(s.as_mut().poll(cx).is_pending());
        Poll::Ready(())
    }));
    drop(ex);
    assert!(
        poll_once(&mut s, Waker::noop()).is_pending(),
        "an hour has not passed"
    );
}

/// Issue 9, defect 7b: a sleep armed on one executor and then moved into another one leaves
/// the first one's timers and sleeps its remaining time on the second one's clock. Before,
/// it stayed on the first executor's timers, which nobody drove any more: the second run
/// waited forever (here: until its timeout).
#[test]
fn sleep_moved_to_another_executor_migrates_with_its_remaining_time() {
    let first = LocalExecutor::with_virtual_clock();
    let mut moved = anext::time::sleep(Duration::from_secs(10));
    first.set_auto_advance(false);
    first.run(async {
        let polled = std::future::poll_fn(|cx| Poll::Ready(Pin::new(&mut moved).poll(cx))).await;
        assert!(polled.is_pending());
    });
    first.advance(Duration::from_secs(4));
    assert_eq!(first.timer_count(), 1);
    let second = LocalExecutor::builder()
        .virtual_clock()
        .timeout(Duration::from_secs(30))
        .build();
    second.run(moved);
    assert_eq!(
        second.elapsed(),
        Duration::from_secs(6),
        "the 6 s it had left"
    );
    assert_eq!(
        first.timer_count(),
        0,
        "it left the first executor's timers"
    );
}

/// From the real clock to a virtual one: an hour left is an hour of virtual time.
#[test]
fn sleep_moved_from_a_real_clock_to_a_virtual_one_takes_no_real_time() {
    let first = LocalExecutor::new();
    let mut moved = anext::time::sleep(Duration::from_secs(3600));
    first.run(async {
        let polled = std::future::poll_fn(|cx| Poll::Ready(Pin::new(&mut moved).poll(cx))).await;
        assert!(polled.is_pending());
    });
    let second = LocalExecutor::builder()
        .virtual_clock()
        .timeout(Duration::from_secs(30))
        .build();
    second.run(moved);
    let elapsed = second.elapsed();
    assert!(
        elapsed > Duration::from_secs(3590) && elapsed <= Duration::from_secs(3600),
        "{elapsed:?}"
    );
}

/// `block_on` nested in a task blocks the executor until it returns, so a sleep polled
/// there must not register with that executor (which could not fire it): it falls back to
/// the real clock's helper thread.
#[test]
fn block_on_nested_in_a_task_sleeps_on_the_real_clock() {
    let ex = LocalExecutor::builder()
        .virtual_clock()
        .timeout(Duration::from_secs(30))
        .build();
    let task = ex.spawn_local(async {
        anext::block_on(anext::time::sleep(Duration::from_millis(1)));
        "woke"
    });
    assert_eq!(ex.run(task).unwrap(), "woke");
    assert_eq!(ex.elapsed(), Duration::ZERO);
}

static PANIC_ON_WAKE_CALLED: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

struct PanicOnWake;

impl std::task::Wake for PanicOnWake {
    fn wake(self: std::sync::Arc<Self>) {
        PANIC_ON_WAKE_CALLED.store(true, std::sync::atomic::Ordering::SeqCst);
        panic!("user waker panics in wake");
    }
}

/// The helper thread that drives every sleep outside an executor calls users' wakers: one
/// that panics must not kill it (which would hang every later such sleep of the process).
#[test]
fn helper_thread_survives_a_panicking_waker() {
    {
        let waker = Waker::from(std::sync::Arc::new(PanicOnWake));
        let mut cx = Context::from_waker(&waker);
        let mut s = pin!(sleep(Duration::from_millis(1)));
        assert!(s.as_mut().poll(&mut cx).is_pending());
        while !PANIC_ON_WAKE_CALLED.load(std::sync::atomic::Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(1));
        }
    }
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        anext::block_on(sleep(Duration::from_millis(10)));
        tx.send(()).unwrap();
    });
    rx.recv_timeout(Duration::from_secs(if cfg!(miri) { 60 } else { 3 }))
        .expect("a 10 ms block_on sleep never completed: the helper thread is dead");
}

/// A sleep armed on an executor and then finished under a `block_on` nested in one of its
/// tasks must leave that executor's timers: the executor, blocked in the `block_on`, can
/// never fire them.
#[test]
fn armed_sleep_finished_under_a_nested_block_on_completes() {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let ex = LocalExecutor::new();
        let task = ex.spawn_local(async {
            let mut s = pin!(sleep(Duration::from_millis(20)));
            std::future::poll_fn(|cx| {
                assert!(s.as_mut().poll(cx).is_pending());
                Poll::Ready(())
            })
            .await;
            anext::block_on(s);
        });
        ex.run(task).unwrap();
        tx.send(()).unwrap();
    });
    rx.recv_timeout(Duration::from_secs(if cfg!(miri) { 60 } else { 3 }))
        .expect("the 20 ms sleep never completed under the nested block_on");
}

/// A waker that records its name when woken, to watch the helper thread fire.
struct Named(
    &'static str,
    std::sync::Arc<std::sync::Mutex<Vec<&'static str>>>,
);

impl std::task::Wake for Named {
    fn wake(self: std::sync::Arc<Self>) {
        self.1.lock().unwrap().push(self.0);
    }
}

/// Sleeps outside any executor share the helper thread's timing wheel: they fire in deadline
/// order whatever order they were armed in (deadlines milliseconds apart sit in different
/// slots of a higher level, and cascade down), and one dropped while armed leaves the wheel
/// at once, its waker released.
#[test]
fn helper_thread_fires_in_deadline_order_and_forgets_a_dropped_sleep() {
    use std::sync::{Arc, Mutex};
    let log = Arc::new(Mutex::new(Vec::new()));
    let dropped = Arc::new(Named("dropped", Arc::clone(&log)));
    {
        let waker = Waker::from(Arc::clone(&dropped));
        let mut s = pin!(sleep(secs(3600)));
        assert!(poll_once(&mut s, &waker).is_pending());
    }
    assert_eq!(
        Arc::strong_count(&dropped),
        1,
        "the dropped sleep still holds its waker"
    );
    // Deadlines from one instant, far enough apart that arming all three takes less time,
    // even under Miri (whose clock runs on the interpreter's steps).
    let unit = Duration::from_millis(if cfg!(miri) { 500 } else { 3 });
    let start = Instant::now();
    let mut armed = Vec::new();
    for (name, units) in [("third", 3), ("first", 1), ("second", 2)] {
        let waker = Waker::from(Arc::new(Named(name, Arc::clone(&log))));
        let mut s = Box::pin(sleep_until(start + unit * units));
        assert!(poll_once(&mut s, &waker).is_pending());
        armed.push(s);
    }
    let give_up = start + secs(if cfg!(miri) { 60 } else { 3 });
    while log.lock().unwrap().len() < 3 {
        assert!(
            Instant::now() < give_up,
            "fired so far: {:?}",
            log.lock().unwrap()
        );
        std::thread::sleep(unit / 3);
    }
    assert_eq!(*log.lock().unwrap(), ["first", "second", "third"]);
}
