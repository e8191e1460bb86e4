//! Sleeps outside any `LocalExecutor`: one helper thread, shared by every such sleep of the
//! process, wakes each one at its deadline on the real clock.
//!
//! The thread starts at the first such sleep and exits when no sleep is armed any more (the
//! next one starts it again), so it never outlives the last sleep. Its timers are the
//! executor's own timing wheel ([`Timers`]: O(1) arm and cancel, equal deadlines fire in
//! arming order), counting nanoseconds from the first such sleep of the process, under one
//! mutex; no user code runs under it: wakers are woken and dropped after it is released.
//! (The same wheel rather than an ordered map: a second timer structure would be compiled
//! into every build of anext, a `BTreeMap` alone adding a tenth to the crate's build time.)
//!
//! The waker the wheel holds for a sleep is that of its [`Slot`], which marks the sleep fired
//! and then wakes whichever waker the sleep was last polled with.

use core::sync::atomic::{AtomicBool, Ordering};
use core::task::{Poll, Waker};
use core::time::Duration;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::task::Wake;
use std::time::Instant;
use std::vec::Vec;

use super::timers::{Nanos, TimerKey, Timers};

/// What a sleep and the helper share. Waking it sets `fired` before it takes `waker` under
/// the slot's lock, so a poll that stores its waker and then sees `fired` clear is sure to
/// be woken.
#[derive(Debug)]
struct Slot {
    fired: AtomicBool,
    waker: Mutex<Option<Waker>>,
}

impl Wake for Slot {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.fired.store(true, Ordering::Release);
        let waker = self
            .waker
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

/// One sleep armed on the helper thread: its slot, and its key in the wheel.
#[derive(Debug)]
pub(super) struct Fallback {
    slot: Arc<Slot>,
    key: TimerKey,
}

struct Helper {
    /// The wheel, and the instant its time 0 stands for: set by the first sleep armed here.
    wheel: Option<(Instant, Timers)>,
    started: bool,
}

static HELPER: Mutex<Helper> = Mutex::new(Helper {
    wheel: None,
    started: false,
});
static CHANGED: Condvar = Condvar::new();

fn helper() -> MutexGuard<'static, Helper> {
    // No user code runs under this lock, so it is never poisoned in practice.
    HELPER.lock().unwrap_or_else(PoisonError::into_inner)
}

/// `at` on the wheel's clock. A deadline more than 584 years after `origin` saturates at the
/// wheel's end of time, which is never reached.
fn ticks(origin: Instant, at: Instant) -> Nanos {
    Nanos::try_from(at.saturating_duration_since(origin).as_nanos()).unwrap_or(Nanos::MAX)
}

impl Fallback {
    /// Arms a sleep that wakes `waker` at `deadline`.
    ///
    /// # Panics
    ///
    /// If the helper thread cannot be started (the first time only).
    pub(super) fn arm(deadline: Instant, waker: Waker) -> Fallback {
        let slot = Arc::new(Slot {
            fired: AtomicBool::new(false),
            waker: Mutex::new(Some(waker)),
        });
        let wake_slot = Waker::from(Arc::clone(&slot));
        let mut helper = helper();
        let (origin, wheel) = helper
            .wheel
            .get_or_insert_with(|| (Instant::now(), Timers::default()));
        let key = wheel.insert(ticks(*origin, deadline), wake_slot);
        if !helper.started {
            std::thread::Builder::new()
                .name("anext-sleep".into())
                .spawn(run)
                .expect(
                    "anext::time::sleep: could not start its helper thread outside a \
                     LocalExecutor",
                );
            helper.started = true;
        }
        drop(helper);
        CHANGED.notify_one();
        Fallback { slot, key }
    }

    /// `Ready` once the sleep has fired; until then, makes sure `waker` is the one woken.
    pub(super) fn poll(&self, waker: &Waker) -> Poll<()> {
        let fired = &self.slot.fired;
        if !fired.load(Ordering::Acquire) {
            let mut slot = self
                .slot
                .waker
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            match &mut *slot {
                Some(stored) if stored.will_wake(waker) => {}
                slot => *slot = Some(waker.clone()),
            }
            drop(slot);
            // Waking the slot sets `fired` before it takes the waker under the same lock.
            if !fired.load(Ordering::Acquire) {
                return Poll::Pending;
            }
        }
        Poll::Ready(())
    }
}

/// Disarming: the helper forgets the sleep (dropped, reset, or completed: an entry the
/// helper fired stays in the wheel until then), and its wakers are dropped here, outside every
/// lock.
impl Drop for Fallback {
    fn drop(&mut self) {
        let mut helper = helper();
        let entry = helper
            .wheel
            .as_mut()
            .and_then(|(_, wheel)| wheel.remove(self.key));
        drop(helper);
        // The helper may be waiting for this very deadline: let it re-check (and exit if
        // nothing is left).
        CHANGED.notify_one();
        let waker = self
            .slot
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
            helper().started = false;
        }
    }
}

/// The helper thread: fires what is due, then waits for the wheel's next expiration or a
/// change.
fn run() {
    // Should the thread unwind anyway, the next `arm` must start a new one, not count on a
    // dead thread.
    let _restart = ClearStartedOnUnwind;
    let mut helper = helper();
    loop {
        // Always set: the thread is started by an `arm`, after it set the wheel up.
        let Some((origin, wheel)) = helper.wheel.as_mut() else {
            helper.started = false;
            return;
        };
        let now = ticks(*origin, Instant::now());
        let mut due = Vec::new();
        while let Some(waker) = wheel.fire_one(now) {
            due.extend(waker);
        }
        if !due.is_empty() {
            drop(helper);
            for waker in due {
                // A user's waker may panic: that must not kill the thread every sleep
                // outside an executor relies on (nor lose the rest of `due`). The default
                // hook has printed the panic already; there is no caller to report to.
                let _ = catch_unwind(AssertUnwindSafe(|| waker.wake()));
            }
            helper = self::helper();
            continue;
        }
        let Some(next) = wheel.next_expiration() else {
            // Nothing armed: exit (the next `arm` starts a new thread, under the same lock),
            // so that no thread outlives the last sleep: a process, or Miri, may then end
            // without a helper thread still running.
            helper.started = false;
            return;
        };
        helper = CHANGED
            .wait_timeout(helper, Duration::from_nanos(next.saturating_sub(now)))
            .unwrap_or_else(PoisonError::into_inner)
            .0;
    }
}
