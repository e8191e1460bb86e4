//! Adversarial tests for `block_on` from the unsafe-code review.

mod common;

use anext::block_on;
use common::within;
use core::future::poll_fn;
use core::task::{Poll, Waker};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(20);

/// A wake must happen-before the poll it causes, even when it coalesces with an earlier wake.
///
/// Poll 1 wakes clone `w1` itself (state NOTIFIED) and hands clone `w2` to a thread that does
/// `flag.store(true, Relaxed); w2.wake()`. If that thread's swap lands between `park`'s
/// failed CAS (which acquired only `w1`'s wake) and its plain `store(EMPTY)`, the second wake
/// is erased without being acquired: the next poll may read the flag as `false`, returns
/// `Pending`, and nothing is left to wake it (deadlock panic, or a hang). Under Miri (weak
/// memory emulation) run with `-Zmiri-many-seeds`.
#[test]
fn coalesced_wake_still_happens_before_the_next_poll() {
    let rounds = if cfg!(miri) { 30 } else { 2_000 };
    within(LIMIT, move || {
        for _ in 0..rounds {
            let flag = Arc::new(AtomicBool::new(false));
            let mut helper = None;
            block_on(poll_fn(|cx| {
                if flag.load(Ordering::Relaxed) {
                    return Poll::Ready(());
                }
                if helper.is_none() {
                    let w1 = cx.waker().clone();
                    let w2 = cx.waker().clone();
                    let f = flag.clone();
                    helper = Some(thread::spawn(move || {
                        f.store(true, Ordering::Relaxed);
                        w2.wake();
                    }));
                    w1.wake();
                }
                Poll::Pending
            }));
            helper.unwrap().join().unwrap();
        }
    });
}

/// Same, through the other erasing store: the one after the condvar loop.
#[test]
fn wake_during_unpark_still_happens_before_the_next_poll() {
    let rounds = if cfg!(miri) { 30 } else { 2_000 };
    within(LIMIT, move || {
        for _ in 0..rounds {
            let flag = Arc::new(AtomicBool::new(false));
            let mut helpers = Vec::new();
            block_on(poll_fn(|cx| {
                if flag.load(Ordering::Relaxed) {
                    return Poll::Ready(());
                }
                if helpers.is_empty() {
                    let w1 = cx.waker().clone();
                    let w2 = cx.waker().clone();
                    let f = flag.clone();
                    helpers.push(thread::spawn(move || w1.wake()));
                    helpers.push(thread::spawn(move || {
                        f.store(true, Ordering::Relaxed);
                        w2.wake();
                    }));
                }
                Poll::Pending
            }));
            for h in helpers {
                h.join().unwrap();
            }
        }
    });
}

/// A future that calls `block_on` and wakes kept clones from its own `Drop`, after the outer
/// call's `LocalSignal` is gone (the pinned future is dropped after it).
#[test]
fn future_drop_may_wake_and_nest() {
    struct Evil {
        kept: Option<Waker>,
    }
    impl core::future::Future for Evil {
        type Output = ();
        fn poll(mut self: core::pin::Pin<&mut Self>, cx: &mut core::task::Context<'_>) -> Poll<()> {
            if self.kept.is_none() {
                self.kept = Some(cx.waker().clone());
                cx.waker().wake_by_ref();
                return Poll::Pending;
            }
            Poll::Ready(())
        }
    }
    impl Drop for Evil {
        fn drop(&mut self) {
            if let Some(w) = self.kept.take() {
                w.wake_by_ref();
                let c = w.clone();
                assert_eq!(block_on(async { 5 }), 5);
                c.wake();
                w.wake();
            }
        }
    }
    block_on(Evil { kept: None });
    // And when the future panics after keeping a clone.
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut e = Evil { kept: None };
        block_on(poll_fn(move |cx| -> Poll<()> {
            let _ = core::future::Future::poll(core::pin::Pin::new(&mut e), cx);
            panic!("boom")
        }))
    }));
    assert!(r.is_err());
}

/// Many scoped threads race the lazy allocation of the `Remote` through the borrowed waker.
#[test]
fn scoped_threads_race_the_first_clone() {
    let rounds = if cfg!(miri) { 4 } else { 500 };
    for _ in 0..rounds {
        let kept: Mutex<Vec<Waker>> = Mutex::new(Vec::new());
        let polls = AtomicUsize::new(0);
        block_on(poll_fn(|cx| {
            if polls.fetch_add(1, Ordering::Relaxed) > 0 {
                return Poll::Ready(());
            }
            let waker = cx.waker();
            thread::scope(|s| {
                for _ in 0..3 {
                    s.spawn(|| kept.lock().unwrap().push(waker.clone()));
                }
            });
            let k = kept.lock().unwrap();
            assert!(k.windows(2).all(|p| p[0].will_wake(&p[1])));
            // One of them wakes from a detached thread after we park.
            let w = k[0].clone();
            thread::spawn(move || w.wake());
            Poll::Pending
        }));
    }
}

/// The deadlock detector also fires when the last clone is dropped, not woken, while
/// `block_on` is already parked.
#[test]
#[should_panic(expected = "nothing can ever wake it (deadlock)")]
fn last_clone_dropped_while_parked_panics_instead_of_hanging() {
    within(Duration::from_secs(2), || {
        block_on(poll_fn(|cx| -> Poll<()> {
            let w = cx.waker().clone();
            thread::spawn(move || {
                thread::sleep(Duration::from_millis(50));
                drop(w);
            });
            Poll::Pending
        }))
    });
}
