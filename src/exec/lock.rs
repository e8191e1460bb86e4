//! [`SpinLock`]: the lock around the executor's timers and around the state of a
//! [`channel`](crate::sync::channel) (its argument is at `sync/channel.rs`'s `Shared`).
//!
//! The timers are touched almost only from the executor's own thread (sleeps register and
//! collect while being polled, the executor fires them while idle), so the lock is nearly
//! never contended; a `std::sync::Mutex` spent more instructions on poisoning bookkeeping
//! than the timer operations themselves. Contention is only possible when a sleep is polled
//! on another thread with a task's waker (legal but unusual): then the waiter spins, yielding
//! its time slice, until the holder has run the few dozen instructions a timer operation
//! lasts. A spinner never sleeps on the lock, so a preempted holder makes it wait as long as
//! the OS scheduler takes to run the holder again, and under strict real-time priorities on
//! one CPU a spinner of higher priority can starve the holder; the channel, which is
//! contended across threads by design, argues that trade-off on its `Shared`. No user code runs
//! under the lock (wakers are woken and dropped after it is released), so it cannot be held
//! across a panic or a re-entrant call; the channel's one exception, a waker's `clone`, is
//! argued where the channel uses it.

use crate::loom::atomic::{AtomicBool, Ordering};
use core::cell::UnsafeCell;
use core::marker::PhantomData;
use core::ops::{Deref, DerefMut};

pub(crate) struct SpinLock<T> {
    locked: AtomicBool,
    value: UnsafeCell<T>,
}

// SAFETY: the lock hands out `&mut T` to one thread at a time (see `lock`), so sharing it
// needs only `T: Send`, like `Mutex`.
unsafe impl<T: Send> Sync for SpinLock<T> {}

impl<T> SpinLock<T> {
    pub(crate) fn new(value: T) -> Self {
        SpinLock {
            locked: AtomicBool::new(false),
            value: UnsafeCell::new(value),
        }
    }

    #[inline]
    pub(crate) fn lock(&self) -> SpinGuard<'_, T> {
        while self
            .locked
            .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            crate::loom::yield_now();
        }
        SpinGuard {
            lock: self,
            _value: PhantomData,
        }
    }
}

pub(crate) struct SpinGuard<'a, T> {
    lock: &'a SpinLock<T>,
    /// The guard hands out `&mut T`: it is `Sync` only if `T` is (as `MutexGuard`), not
    /// whenever `SpinLock<T>` is (`T: Send`).
    _value: PhantomData<&'a mut T>,
}

impl<T> Deref for SpinGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the guard exists only while `locked` is held by this thread (Acquire in
        // `lock`, Release in `drop`), so no other reference to the value exists.
        unsafe { &*self.lock.value.get() }
    }
}

impl<T> DerefMut for SpinGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as in `deref`; `&mut self` makes this the only reference through the guard.
        unsafe { &mut *self.lock.value.get() }
    }
}

impl<T> Drop for SpinGuard<'_, T> {
    #[inline]
    fn drop(&mut self) {
        self.lock.locked.store(false, Ordering::Release);
    }
}
