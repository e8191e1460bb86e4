#![doc = include_str!("../../docs/internals/parker.md")]

use std::sync::PoisonError;

use crate::loom::atomic::{AtomicU8, Ordering};
use crate::loom::{Condvar, Mutex, MutexGuard};
use std::time::Instant;

const EMPTY: u8 = 0;
const NOTIFIED: u8 = 1;
const PARKED: u8 = 2;

/// Why [`Parker::park`] returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wakeup {
    /// A notify came (before or during the park).
    Notified,
    /// The deadline passed first.
    TimedOut,
    /// The `abandoned` check said nobody is left to notify.
    Abandoned,
}

pub(crate) struct Parker {
    state: AtomicU8,
    lock: Mutex<()>,
    unparked: Condvar,
}

impl Parker {
    pub(crate) fn new() -> Self {
        Parker {
            state: AtomicU8::new(EMPTY),
            lock: Mutex::new(()),
            unparked: Condvar::new(),
        }
    }

    /// Transitions (1) and (3): makes the owner's current or next `park` return.
    pub(crate) fn notify(&self) {
        if self.state.swap(NOTIFIED, Ordering::SeqCst) == PARKED {
            self.signal();
        }
    }

    /// Whether the owner is parked. A read-modify-write that changes nothing, not a load:
    /// either it comes before the owner's transition 2 in the state's modification order
    /// (then that CAS acquires it, and with it whatever the caller wrote before, such as
    /// `block_on`'s clone count, which the owner checks next), or after it (then it reads
    /// PARKED). That argument needs only acquire/release, where one built on two SeqCst
    /// loads would need the single total order, which loom does not model (it reported a
    /// false deadlock in `tests/loom_block_on.rs`).
    pub(crate) fn is_parked(&self) -> bool {
        self.state.fetch_or(0, Ordering::SeqCst) == PARKED
    }

    /// Wakes a parked owner without notifying it, so that it re-runs its `abandoned` check.
    pub(crate) fn signal(&self) {
        drop(self.locked());
        self.unparked.notify_one();
    }

    /// Parks until a notify, until `deadline` (if any) passes, or until `abandoned()`, which
    /// is checked under the lock before every wait, returns `true`. Only the owner calls it.
    pub(crate) fn park(&self, deadline: Option<Instant>, abandoned: impl Fn() -> bool) -> Wakeup {
        if self
            .state
            .compare_exchange(EMPTY, PARKED, Ordering::SeqCst, Ordering::SeqCst)
            .is_err()
        {
            // Transition 4 (see the module docs for why a swap).
            self.state.swap(EMPTY, Ordering::Acquire);
            return Wakeup::Notified;
        }
        let mut guard = self.locked();
        let wakeup = loop {
            if self.state.load(Ordering::SeqCst) != PARKED {
                break Wakeup::Notified;
            }
            if abandoned() {
                break Wakeup::Abandoned;
            }
            guard = match deadline {
                None => self
                    .unparked
                    .wait(guard)
                    .unwrap_or_else(PoisonError::into_inner),
                Some(deadline) => {
                    let now = Instant::now();
                    if now >= deadline {
                        break Wakeup::TimedOut;
                    }
                    self.unparked
                        .wait_timeout(guard, deadline - now)
                        .unwrap_or_else(PoisonError::into_inner)
                        .0
                }
            };
        };
        drop(guard);
        // Transition 4 or 5. A swap, so that a notify racing with a time-out is acquired too.
        if self.state.swap(EMPTY, Ordering::Acquire) == NOTIFIED {
            Wakeup::Notified
        } else {
            wakeup
        }
    }

    /// No user code ever runs under this lock, so it is never poisoned in practice; a
    /// poisoned lock is used as is.
    fn locked(&self) -> MutexGuard<'_, ()> {
        self.lock.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
