//! Sleeps outside any `LocalExecutor`: one helper thread, shared by every such sleep of the
//! process, wakes each one at its deadline on the real clock.
//!
//! The thread starts at the first such sleep and exits when no sleep is armed any more (the
//! next one starts it again), so it never outlives the last sleep. Its timers are a `BTreeMap` ordered by deadline (and a
//! sequence number, so equal deadlines fire in arming order); arming, cancelling and firing
//! are O(log n) under one mutex, and no user code runs under it: wakers are woken and
//! dropped after it is released.

use core::sync::atomic::{AtomicBool, Ordering};
use core::task::Waker;
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Instant;
use std::vec::Vec;

/// One armed sleep. The helper sets `fired` before it takes `waker` under the slot's lock,
/// so a poll that stores its waker and then sees `fired` clear is sure to be woken.
#[derive(Debug)]
pub(super) struct Fallback {
    pub(super) fired: AtomicBool,
    pub(super) waker: Mutex<Option<Waker>>,
    key: (Instant, u64),
}

struct Timers {
    armed: BTreeMap<(Instant, u64), Arc<Fallback>>,
    next_sequence: u64,
    started: bool,
}

static TIMERS: Mutex<Timers> = Mutex::new(Timers {
    armed: BTreeMap::new(),
    next_sequence: 0,
    started: false,
});
static CHANGED: Condvar = Condvar::new();

fn timers() -> MutexGuard<'static, Timers> {
    // No user code runs under this lock, so it is never poisoned in practice.
    TIMERS.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Fallback {
    /// Arms a sleep that wakes `waker` at `deadline`.
    ///
    /// # Panics
    ///
    /// If the helper thread cannot be started (the first time only).
    pub(super) fn arm(deadline: Instant, waker: Waker) -> Arc<Fallback> {
        let mut timers = timers();
        let key = (deadline, timers.next_sequence);
        timers.next_sequence += 1;
        let fallback = Arc::new(Fallback {
            fired: AtomicBool::new(false),
            waker: Mutex::new(Some(waker)),
            key,
        });
        timers.armed.insert(key, Arc::clone(&fallback));
        if !timers.started {
            std::thread::Builder::new()
                .name("anext-sleep".into())
                .spawn(run)
                .expect(
                    "anext::time::sleep: could not start its helper thread outside a \
                     LocalExecutor",
                );
            timers.started = true;
        }
        drop(timers);
        CHANGED.notify_one();
        fallback
    }

    /// Disarms the sleep (dropped or reset): the helper forgets it, and its waker is dropped
    /// here, outside every lock.
    pub(super) fn cancel(&self) {
        let entry = timers().armed.remove(&self.key);
        // The helper may be waiting for this very deadline: let it re-check (and exit if
        // nothing is left).
        CHANGED.notify_one();
        let waker = self
            .waker
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        drop(entry);
        drop(waker);
    }
}

/// Clears `started` if the helper thread unwinds (it exits normally only by clearing it
/// itself, under the lock).
struct ClearStartedOnUnwind;

impl Drop for ClearStartedOnUnwind {
    fn drop(&mut self) {
        if std::thread::panicking() {
            timers().started = false;
        }
    }
}

/// The helper thread: fires what is due, then waits for the next deadline or a change.
fn run() {
    // Should the thread unwind anyway, the next `arm` must start a new one, not count on a
    // dead thread.
    let _restart = ClearStartedOnUnwind;
    let mut timers = timers();
    loop {
        let now = Instant::now();
        let mut due = Vec::new();
        while let Some(entry) = timers.armed.first_entry() {
            if entry.key().0 > now {
                break;
            }
            due.push(entry.remove());
        }
        if !due.is_empty() {
            drop(timers);
            for fallback in due {
                fallback.fired.store(true, Ordering::Release);
                let waker = fallback
                    .waker
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .take();
                if let Some(waker) = waker {
                    // A user's waker may panic: that must not kill the thread every sleep
                    // outside an executor relies on (nor lose the rest of `due`). The default
                    // hook has printed the panic already; there is no caller to report to.
                    let _ = catch_unwind(AssertUnwindSafe(|| waker.wake()));
                }
            }
            timers = self::timers();
            continue;
        }
        let Some(next) = timers.armed.first_key_value().map(|(key, _)| key.0) else {
            // Nothing armed: exit (the next `arm` starts a new thread, under the same lock),
            // so that no thread outlives the last sleep: a process, or Miri, may then end
            // without a helper thread still running.
            timers.started = false;
            return;
        };
        timers = CHANGED
            .wait_timeout(timers, next - now)
            .unwrap_or_else(PoisonError::into_inner)
            .0;
    }
}
