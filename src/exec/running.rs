//! Which executor runs on which thread: the slow path by which a timer polled with a waker
//! the crate does not recognise (futures' `FuturesUnordered`, `select_all`, `join_all`, any
//! combinator that wraps the waker) still finds the executor driving it, and so its clock.
//!
//! # Why a global registry, not a thread-local
//!
//! The crate uses no `thread_local!` (see DESIGN.md): a thread-local read on the per-item
//! path costs every poll, and a thread-local's destructor order is a source of bugs at thread
//! exit. This registry is a `Mutex<Vec>` of (thread id, executor) pairs, pushed by
//! `run`, `run_until_stalled` and `step` on entry and removed on exit (so a nested `run` of
//! another executor is found first: the last entry wins). It is read only when a timer meets
//! a waker it does not recognise, once per timer registration: the recognised-waker path
//! (a task's or the main future's own waker) never touches it.

use core::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, ThreadId};
use std::vec::Vec;

use super::shared::Shared;

/// The executors being driven right now, innermost last per thread. The pointer is an
/// `Arc::as_ptr` of a `Shared` whose executor is inside `run`, `run_until_stalled` or `step`
/// (it borrows the executor, which holds one count), so it is alive while its entry is here.
static RUNNING: Mutex<Vec<(ThreadId, usize)>> = Mutex::new(Vec::new());

fn running() -> std::sync::MutexGuard<'static, Vec<(ThreadId, usize)>> {
    // No user code runs under this lock, so it is never poisoned in practice.
    RUNNING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// How many executor entries `RUNNING` holds (all threads): `block_on` skips its barrier
/// when it is zero, so a plain `block_on` pays one relaxed load and no lock.
static EXECUTORS: AtomicUsize = AtomicUsize::new(0);

/// Records that `shared`'s executor is being driven on this thread, until the returned
/// guard drops.
pub(super) fn enter(shared: &Arc<Shared>) -> Entered {
    let entry = (thread::current().id(), Arc::as_ptr(shared) as usize);
    EXECUTORS.fetch_add(1, Ordering::Relaxed);
    running().push(entry);
    Entered(entry)
}

/// Called by `block_on`: while it runs, futures it polls on this thread are not driven by
/// the executor that may be running further up the stack (that executor is blocked inside
/// one of its polls until `block_on` returns), so a sleep must not register there: it would
/// never fire. The barrier entry hides the executor from [`current`] until it drops.
#[inline]
pub(crate) fn barrier() -> Option<Entered> {
    if EXECUTORS.load(Ordering::Relaxed) == 0 {
        return None; // no executor runs anywhere, so none on this thread either
    }
    Some(barrier_slow())
}

#[cold]
fn barrier_slow() -> Entered {
    let entry = (thread::current().id(), BARRIER);
    running().push(entry);
    Entered(entry)
}

/// The `RUNNING` entry of a `block_on` (no executor).
const BARRIER: usize = 0;

/// Removes its entry when dropped (also when `run` unwinds).
#[derive(Debug)]
pub(crate) struct Entered((ThreadId, usize));

impl Drop for Entered {
    fn drop(&mut self) {
        let mut running = running();
        if let Some(index) = running.iter().rposition(|entry| *entry == self.0) {
            running.remove(index);
        }
        if self.0.1 != BARRIER {
            EXECUTORS.fetch_sub(1, Ordering::Relaxed);
        }
    }
}

/// The executor being driven on this thread (the innermost one), if any.
pub(crate) fn current() -> Option<Arc<Shared>> {
    let me = thread::current().id();
    let running = running();
    let &(_, data) = running.iter().rev().find(|(thread, _)| *thread == me)?;
    if data == BARRIER {
        return None; // inside a `block_on` nested in the executor's poll
    }
    let data = data as *const Shared;
    // SAFETY: the entry is still registered (we hold the lock), so its executor is inside a
    // driving call that keeps the `Arc` alive (see `RUNNING`); the new count is the returned
    // `Arc`'s.
    unsafe {
        Arc::increment_strong_count(data);
        Some(Arc::from_raw(data))
    }
}
