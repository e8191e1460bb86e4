//! `block_on`: each test records the sequence of polls, wakes and parks it causes and asserts
//! the whole sequence (the house style for executor behaviour).

mod common;

use anext::block_on;
use common::{scaled, within};
use core::future::{Future, poll_fn};
use core::pin::Pin;
use core::task::{Context, Poll, Waker};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(20);

#[derive(Clone, Default)]
struct Trace(Arc<Mutex<Vec<&'static str>>>);

impl Trace {
    fn push(&self, event: &'static str) {
        self.0.lock().unwrap().push(event);
    }
    fn take(&self) -> Vec<&'static str> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

/// A future driven by a closure that gets the poll number (from 1) and the context.
struct Script<F>(u32, F);

fn script<T, F: FnMut(u32, &mut Context<'_>) -> Poll<T> + Unpin>(f: F) -> Script<F> {
    Script(0, f)
}

impl<T, F: FnMut(u32, &mut Context<'_>) -> Poll<T> + Unpin> Future for Script<F> {
    type Output = T;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        self.0 += 1;
        let n = self.0;
        (self.1)(n, cx)
    }
}

#[test]
fn ready_future_is_polled_once() {
    let trace = Trace::default();
    let t = trace.clone();
    let out = block_on(script(move |_, _| {
        t.push("poll");
        Poll::Ready(7)
    }));
    assert_eq!(out, 7);
    assert_eq!(trace.take(), ["poll"]);
}

#[test]
fn self_wake_by_ref_polls_again_without_parking() {
    let trace = Trace::default();
    let t = trace.clone();
    block_on(script(move |n, cx| {
        t.push("poll");
        if n < 3 {
            t.push("wake_by_ref");
            cx.waker().wake_by_ref();
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    }));
    assert_eq!(
        trace.take(),
        ["poll", "wake_by_ref", "poll", "wake_by_ref", "poll"]
    );
}

#[test]
fn clone_woken_from_other_thread_while_parked() {
    let trace = Trace::default();
    let t = trace.clone();
    within(LIMIT, move || {
        block_on(script(move |n, cx| {
            t.push("poll");
            if n == 1 {
                let waker = cx.waker().clone();
                let t = t.clone();
                thread::spawn(move || {
                    // Long enough that `block_on` is parked by then in practice; the order of
                    // the trace does not depend on it.
                    thread::sleep(Duration::from_millis(20));
                    t.push("wake from other thread");
                    waker.wake();
                });
                Poll::Pending
            } else {
                Poll::Ready(())
            }
        }))
    });
    assert_eq!(trace.take(), ["poll", "wake from other thread", "poll"]);
}

#[test]
fn wake_between_pending_and_park_is_not_lost() {
    // The clone is woken after the future decided to return `Pending` but before `block_on`
    // parks: the wake must turn the park into an immediate second poll.
    let trace = Trace::default();
    let t = trace.clone();
    within(LIMIT, move || {
        block_on(script(move |n, cx| {
            t.push("poll");
            if n == 1 {
                let waker = cx.waker().clone();
                t.push("wake clone, then return Pending");
                waker.wake();
                Poll::Pending
            } else {
                Poll::Ready(())
            }
        }))
    });
    assert_eq!(
        trace.take(),
        ["poll", "wake clone, then return Pending", "poll"]
    );
}

#[test]
fn racing_wakes_from_other_threads_are_never_lost() {
    // Many rounds where another thread wakes at an arbitrary moment around the park.
    let rounds = scaled(2_000);
    let polls = within(LIMIT, move || {
        let mut polls = 0usize;
        for _ in 0..rounds {
            block_on(script(|n, cx| {
                polls += 1;
                if n == 1 {
                    let waker = cx.waker().clone();
                    thread::spawn(move || waker.wake());
                    Poll::Pending
                } else {
                    Poll::Ready(())
                }
            }));
        }
        polls
    });
    assert_eq!(polls, 2 * rounds);
}

#[test]
fn future_that_parks_the_thread_cannot_steal_the_wake() {
    // The bug fixed in futures-executor: a `block_on` built on `thread::park` loses its wake
    // when the future itself calls `thread::park` and consumes the unpark token. Here the
    // helper thread wakes the waker *and* unparks the thread; the future's own park
    // consumes the token; `block_on` must still see the wake.
    let trace = Trace::default();
    let t = trace.clone();
    within(LIMIT, move || {
        block_on(script(move |n, cx| {
            t.push("poll");
            if n == 1 {
                let waker = cx.waker().clone();
                let me = thread::current();
                let done = Arc::new(AtomicBool::new(false));
                let d = done.clone();
                thread::spawn(move || {
                    waker.wake();
                    d.store(true, Ordering::Release);
                    me.unpark();
                });
                while !done.load(Ordering::Acquire) {
                    thread::park();
                }
                t.push("future parked and was unparked");
                Poll::Pending
            } else {
                Poll::Ready(())
            }
        }))
    });
    assert_eq!(
        trace.take(),
        ["poll", "future parked and was unparked", "poll"]
    );
}

#[test]
fn stray_unpark_of_the_thread_does_not_cause_a_poll() {
    // The reverse: an unpark meant for someone else must not count as a wake.
    let trace = Trace::default();
    let t = trace.clone();
    within(LIMIT, move || {
        block_on(script(move |n, cx| {
            t.push("poll");
            if n == 1 {
                let waker = cx.waker().clone();
                let me = thread::current();
                let t = t.clone();
                thread::spawn(move || {
                    me.unpark();
                    thread::sleep(Duration::from_millis(20));
                    t.push("wake");
                    waker.wake();
                });
                Poll::Pending
            } else {
                Poll::Ready(())
            }
        }))
    });
    assert_eq!(trace.take(), ["poll", "wake", "poll"]);
}

#[test]
fn borrowed_waker_woken_from_a_scoped_thread() {
    let trace = Trace::default();
    let t = trace.clone();
    block_on(script(move |n, cx| {
        t.push("poll");
        if n == 1 {
            let waker = cx.waker();
            thread::scope(|s| {
                s.spawn(|| waker.wake_by_ref());
            });
            t.push("scoped thread woke the borrowed waker");
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    }));
    assert_eq!(
        trace.take(),
        ["poll", "scoped thread woke the borrowed waker", "poll"]
    );
}

#[test]
fn nested_block_on_on_the_same_thread() {
    let trace = Trace::default();
    let t = trace.clone();
    let out = within(LIMIT, move || {
        block_on(async move {
            t.push("outer starts");
            let inner = block_on(script(|n, cx| {
                t.push("inner poll");
                if n == 1 {
                    let waker = cx.waker().clone();
                    thread::spawn(move || waker.wake());
                    Poll::Pending
                } else {
                    Poll::Ready(20)
                }
            }));
            t.push("outer resumes");
            inner + 1
        })
    });
    assert_eq!(out, 21);
    assert_eq!(
        trace.take(),
        ["outer starts", "inner poll", "inner poll", "outer resumes"]
    );
}

#[test]
fn waking_a_clone_after_block_on_returned_does_nothing() {
    let kept: Arc<Mutex<Option<Waker>>> = Arc::default();
    let k = kept.clone();
    block_on(script(move |n, cx| {
        if n == 1 {
            *k.lock().unwrap() = Some(cx.waker().clone());
            cx.waker().wake_by_ref();
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    }));
    let waker = kept
        .lock()
        .unwrap()
        .take()
        .expect("the future kept a clone");
    waker.wake_by_ref();
    let again = waker.clone();
    waker.wake();
    again.wake();
}

#[test]
fn panic_in_the_future_propagates_and_clones_stay_valid() {
    let kept: Arc<Mutex<Option<Waker>>> = Arc::default();
    let k = kept.clone();
    let result = std::panic::catch_unwind(move || {
        block_on(poll_fn(move |cx| -> Poll<()> {
            *k.lock().unwrap() = Some(cx.waker().clone());
            panic!("boom")
        }))
    });
    assert_eq!(*result.unwrap_err().downcast_ref::<&str>().unwrap(), "boom");
    kept.lock().unwrap().take().unwrap().wake();
}

#[test]
#[should_panic(expected = "nothing can ever wake it (deadlock)")]
fn forever_pending_future_panics_instead_of_hanging() {
    block_on(core::future::pending::<()>());
}

#[test]
#[should_panic(expected = "nothing can ever wake it (deadlock)")]
fn pending_after_dropping_every_clone_panics_instead_of_hanging() {
    block_on(poll_fn(|cx| -> Poll<()> {
        drop(cx.waker().clone());
        Poll::Pending
    }));
}

#[test]
fn waker_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>(_: &T) {}
    block_on(poll_fn(|cx| {
        assert_send_sync(cx.waker());
        Poll::Ready(())
    }));
}

#[test]
fn will_wake_holds_between_clones_of_one_call() {
    block_on(poll_fn(|cx| {
        let a = cx.waker().clone();
        let b = cx.waker().clone();
        assert!(a.will_wake(&b));
        Poll::Ready(())
    }));
}
