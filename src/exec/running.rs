//! Which executor drives which thread: the slow path by which a timer polled with a waker
//! the crate does not recognise (futures' `FuturesUnordered`, `select_all`, `join_all`, any
//! combinator that wraps the waker) still finds the executor driving it, and so its clock.
//!
//! # Why a global registry, not a thread-local
//!
//! The crate uses no `thread_local!` (see DESIGN.md): a thread-local read on the per-item
//! path costs every poll, and a thread-local's destructor order is a source of bugs at thread
//! exit. Instead:
//!
//! - every `LocalExecutor` (which is `!Send`, so it lives on the thread that made it) is
//!   entered in a global `Mutex<Vec>` with its thread id when it is built, and removed when
//!   it is dropped;
//! - `run`, `run_until_stalled` and `step` mark their executor as driven by storing a
//!   sequence number in `Shared::driven` (two atomic operations and a store per call, no
//!   lock), and clear it on exit;
//! - a lookup ([`current`]) takes the lock once and picks, among this thread's entries, the
//!   driven executor entered last: a `run` of another executor nested inside a task is found
//!   before the outer one.
//!
//! The lookup happens only when a timer meets a waker it does not recognise, once per timer
//! registration: the recognised-waker path (a task's or the main future's own waker) never
//! touches the registry.
//!
//! `block_on` inside a task blocks the executor that polls the task, so a sleep polled under
//! it must not register there: a sleep polled with `block_on`'s own waker is recognised and
//! sleeps on the real clock (see `shared::executor_of`). A combinator that wraps
//! `block_on`'s waker there (a `FuturesUnordered` inside a `block_on` inside a task) is not
//! recognised: its sleeps register with the blocked executor and fire only once the task's
//! poll returns. A barrier pushed by every `block_on` would close that gap, at the price of
//! a check on `block_on`'s fastest path (6 to 12 instructions per ready future, measured);
//! blocking inside a task is already a mistake, so the gap is documented instead.

use core::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::{self, ThreadId};
use std::vec::Vec;

use super::shared::Shared;

/// Every live executor, with its thread.
static REGISTRY: Mutex<Vec<(ThreadId, Entry)>> = Mutex::new(Vec::new());

/// Increasing stamps of entering `run`: the larger, the more inner.
static SEQUENCE: AtomicU64 = AtomicU64::new(1);

/// `Arc::as_ptr` of a live executor's `Shared` (a pointer, not an address, so that its
/// provenance survives: Miri's strict provenance). Alive while registered: the entry is
/// removed by the executor's drop, before its `Arc` is released.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry(*const Shared);

// SAFETY: an entry's pointer is dereferenced only by `current`, under the lock, on the
// entry's own thread, while the entry is registered (so the `Shared` is alive); `Shared` is
// `Send + Sync`.
unsafe impl Send for Entry {}

fn registry() -> MutexGuard<'static, Vec<(ThreadId, Entry)>> {
    // No user code runs under this lock, so it is never poisoned in practice.
    REGISTRY.lock().unwrap_or_else(PoisonError::into_inner)
}

/// An entry of the registry, removed when dropped.
#[derive(Debug)]
pub(crate) struct Registered((ThreadId, Entry));

impl Drop for Registered {
    fn drop(&mut self) {
        let mut registry = registry();
        if let Some(index) = registry.iter().rposition(|entry| *entry == self.0) {
            registry.swap_remove(index);
        }
    }
}

/// Enters a new executor (on the thread that owns it) until the returned value drops.
pub(super) fn register(shared: &Arc<Shared>) -> Registered {
    let entry = (thread::current().id(), Entry(Arc::as_ptr(shared)));
    registry().push(entry);
    Registered(entry)
}

/// Marks `shared`'s executor as driven on its thread until the returned guard drops.
#[inline]
pub(super) fn drive(shared: &Shared) -> Driving<'_> {
    let stamp = SEQUENCE.fetch_add(1, Ordering::Relaxed);
    shared.driven.store(stamp, Ordering::Relaxed);
    Driving(shared)
}

/// Clears the "driven" mark (also when `run` unwinds).
pub(super) struct Driving<'a>(&'a Shared);

impl Drop for Driving<'_> {
    #[inline]
    fn drop(&mut self) {
        self.0.driven.store(0, Ordering::Relaxed);
    }
}

/// The executor driving this thread (the innermost one), if any.
pub(crate) fn current() -> Option<Arc<Shared>> {
    let me = thread::current().id();
    let registry = registry();
    let mut best: Option<(u64, *const Shared)> = None;
    for &(thread, Entry(shared)) in registry.iter() {
        if thread != me {
            continue;
        }
        // SAFETY: registered, so alive (see `Entry`).
        let stamp = unsafe { &*shared }.driven.load(Ordering::Relaxed);
        if stamp != 0 && best.is_none_or(|(top, _)| stamp > top) {
            best = Some((stamp, shared));
        }
    }
    let (_, data) = best?;
    // SAFETY: registered (we hold the lock), so the `Shared` is alive; the new count is the
    // returned `Arc`'s.
    unsafe {
        Arc::increment_strong_count(data);
        Some(Arc::from_raw(data))
    }
}
