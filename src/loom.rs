//! The synchronization primitives of the cross-thread core, from `loom` when the crate is
//! built with `RUSTFLAGS="--cfg loom"` (for the models in `tests/loom_*.rs`), from `core` and
//! `std` otherwise.
//!
//! Only the words that carry a cross-thread protocol come from here: the task state word,
//! the run queue's links, the parker, `block_on`'s signal, the executor's `closed` and
//! `main_woken` flags, the timer spin lock, and the channels' mutexes. Plain statistics
//! (poll and wake counters, the clock) stay `core` atomics, so loom does not explore
//! interleavings that cannot change an outcome. `Arc`s stay `std`'s: the models check the
//! protocols, not the reference counting of `Shared` (Miri checks leaks).
//!
//! Under loom every one of these must be created inside `loom::model`, so only the loom
//! tests run in that configuration.

#[cfg(loom)]
pub(crate) mod atomic {
    pub(crate) use loom::sync::atomic::{AtomicBool, AtomicPtr, AtomicU8, AtomicUsize, Ordering};
}
#[cfg(not(loom))]
pub(crate) mod atomic {
    pub(crate) use core::sync::atomic::{AtomicBool, AtomicPtr, AtomicU8, AtomicUsize, Ordering};
}

#[cfg(loom)]
pub(crate) use loom::sync::{Condvar, Mutex, MutexGuard};
#[cfg(not(loom))]
pub(crate) use std::sync::{Condvar, Mutex, MutexGuard};

/// Gives the processor (or, under loom, the model's scheduler) to another thread while a
/// spin loop waits for one that is between two steps of a protocol.
#[inline]
pub(crate) fn yield_now() {
    #[cfg(loom)]
    loom::thread::yield_now();
    #[cfg(not(loom))]
    std::thread::yield_now();
}
