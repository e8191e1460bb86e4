#![doc = include_str!("../../docs/internals/block_on.md")]

use crate::loom::atomic::{AtomicBool, AtomicPtr, AtomicUsize, Ordering};
use core::future::{Future, IntoFuture};
use core::mem::ManuallyDrop;
use core::pin::pin;
use core::ptr;
use core::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::sync::Arc;

use super::parker::{Parker, Wakeup};

/// Runs `future` to completion on the current thread, parking the thread while the future
/// waits, and returns its output: the twin of Python's `asyncio.run` for a single coroutine.
///
/// - No allocation for a future that is ready or wakes itself through the waker it was given;
///   one allocation per call for a future that keeps a clone of its waker (the
///   [internals essay](crate::docs::internals::block_on) says why that one is needed).
/// - The waker (and its clones) is `Send + Sync`: it may be woken from any thread, before,
///   during or after the park, and a wake is never lost. Waking it after `block_on` returned
///   does nothing.
/// - Calls nest: a future may itself call `block_on` on the same thread.
///
/// # Panics
///
/// Panics if the future panics (the panic propagates, and wakers that outlive it stay
/// harmless). Also panics, instead of hanging forever, when nothing can ever wake the future:
/// it returned `Pending` without waking itself while no clone of its waker is alive, or the
/// last clone was dropped without a wake while `block_on` waited. So the call would
/// deadlock; `block_on(core::future::pending::<()>())` is such a case.
///
/// The waker lent to each poll and its clones are different wakers (the first lives on this
/// call's stack), so `will_wake` between them is `false`: a future that re-registers its
/// waker on every poll clones it each time (two atomic increments, no allocation).
///
/// # Example
///
/// ```
/// let answer = anext::block_on(async { 6 * 7 });
/// assert_eq!(answer, 42);
/// ```
pub fn block_on<F: IntoFuture>(future: F) -> F::Output {
    let mut future = pin!(future.into_future());
    let signal = LocalSignal {
        woken: AtomicBool::new(false),
        remote: AtomicPtr::new(ptr::null_mut()),
    };
    let data: *const LocalSignal = &signal;
    // SAFETY: `LOCAL_VTABLE`'s functions uphold the `RawWaker` contract for a `*const
    // LocalSignal` that is alive: `signal` outlives `waker` and every `&Waker` lent out by the
    // `Context` below (both are locals of this frame, dropped before `signal`), and a clone
    // never points at `signal` but at a reference-counted `Remote`. The pinned future is
    // dropped after `signal`, but it cannot reach it then: it only ever had `&Waker`s bounded
    // by a poll. The functions touch `signal` only through atomics, so use from scoped
    // threads is sound.
    let waker = unsafe { Waker::from_raw(RawWaker::new(data.cast(), &LOCAL_VTABLE)) };
    // Not dropped: `local_drop` does nothing, and skipping it saves an indirect call per call.
    let waker = ManuallyDrop::new(waker);
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        // A wake through the borrowed waker during that poll: poll again at once.
        if signal.woken.swap(false, Ordering::Acquire) {
            continue;
        }
        signal.park();
    }
}

/// The state `block_on`'s borrowed waker points at. Lives on `block_on`'s stack.
struct LocalSignal {
    /// Set by a wake through the borrowed waker; cleared by `block_on` after each poll.
    woken: AtomicBool,
    /// The `Remote` shared by every clone, null until the first clone. Holds one reference
    /// count of its own, released when the `LocalSignal` drops.
    remote: AtomicPtr<Remote>,
}

impl LocalSignal {
    /// Returns the `Remote`, allocating it on first use. Safe to race from scoped threads.
    fn remote(&self) -> *const Remote {
        let current = self.remote.load(Ordering::Acquire);
        if !current.is_null() {
            return current;
        }
        let fresh = Arc::into_raw(Arc::new(Remote::new())).cast_mut();
        match self.remote.compare_exchange(
            ptr::null_mut(),
            fresh,
            Ordering::AcqRel,
            Ordering::Acquire,
        ) {
            Ok(_) => fresh,
            Err(winner) => {
                // SAFETY: `fresh` came from `Arc::into_raw` just above and lost the race, so
                // this is its only reference; it is released exactly once, here.
                drop(unsafe { Arc::from_raw(fresh) });
                winner
            }
        }
    }

    /// Waits until a clone of the waker is woken, or panics if none is alive.
    #[cold]
    fn park(&self) {
        let remote = self.remote.load(Ordering::Acquire);
        if remote.is_null() {
            deadlock();
        }
        // SAFETY: `self.remote` owns one reference count of the `Remote`, released only when
        // `self` drops, so the pointee is alive for this borrow.
        let remote = unsafe { &*remote };
        remote.park();
    }
}

impl Drop for LocalSignal {
    #[inline]
    fn drop(&mut self) {
        // A load, not `get_mut` (which loom's atomics lack); Relaxed: `&mut self` already
        // orders every earlier store.
        let remote = self.remote.load(Ordering::Relaxed);
        if !remote.is_null() {
            release(remote);
        }
    }
}

/// Releases the `LocalSignal`'s count of its `Remote`: off the fast path of futures that
/// never clone their waker.
#[cold]
fn release(remote: *mut Remote) {
    // SAFETY: called once, from `LocalSignal::drop`, with the pointer that holds the count
    // taken by `Arc::into_raw` in `remote()`; nothing else releases that count.
    drop(unsafe { Arc::from_raw(remote) });
}

#[cold]
#[track_caller]
fn deadlock() -> ! {
    panic!(
        "block_on: the future returned Pending without waking itself and no clone of its \
         waker is alive, so nothing can ever wake it (deadlock)"
    )
}

/// The target of every waker clone of one `block_on` call.
///
/// Its memory is an `Arc` (one count per clone plus the `LocalSignal`'s); `clones` counts the
/// live clones alone, so that `block_on` can tell when nothing is left that could wake it.
struct Remote {
    parker: Parker,
    clones: AtomicUsize,
}

impl Remote {
    fn new() -> Self {
        Remote {
            parker: Parker::new(),
            clones: AtomicUsize::new(0),
        }
    }

    fn notify(&self) {
        self.parker.notify();
    }

    /// A clone is gone (dropped, or consumed by `wake`). If it was the last one and
    /// `block_on` is parked, nothing can wake it any more: signal it so it reports the
    /// deadlock instead of sleeping forever. The caller still holds the clone's `Arc` count,
    /// so `self` outlives the signal.
    fn release_clone(&self) {
        // SeqCst pairs with the parker's SeqCst transition to PARKED and `park`'s check of
        // `clones`: either this sees PARKED, or that check sees the decrement.
        if self.clones.fetch_sub(1, Ordering::SeqCst) == 1 && self.parker.is_parked() {
            self.parker.signal();
        }
    }

    /// Called by `block_on` on its own thread between polls, so no new clone can appear
    /// meanwhile (clones are made from the borrowed waker during a poll, or from a live
    /// clone): zero clones while parked means a deadlock.
    fn park(&self) {
        let abandoned = || self.clones.load(Ordering::SeqCst) == 0;
        if self.parker.park(None, abandoned) == Wakeup::Abandoned {
            deadlock();
        }
    }
}

/// Whether `waker` is one of `block_on`'s (the borrowed one or a clone): a future polled with
/// it runs under `block_on`, not under an executor (see `running.rs`).
pub(crate) fn is_block_on_waker(waker: &Waker) -> bool {
    ptr::eq(waker.vtable(), &LOCAL_VTABLE) || ptr::eq(waker.vtable(), &REMOTE_VTABLE)
}

static LOCAL_VTABLE: RawWakerVTable =
    RawWakerVTable::new(local_clone, local_wake, local_wake, local_drop);

static REMOTE_VTABLE: RawWakerVTable =
    RawWakerVTable::new(remote_clone, remote_wake, remote_wake_by_ref, remote_drop);

// SAFETY (for the four `local_*` functions): `data` is the `*const LocalSignal` given to
// `Waker::from_raw` in `block_on`, alive while any `&Waker` to the borrowed waker exists.
unsafe fn local_clone(data: *const ()) -> RawWaker {
    // SAFETY: see the note above the `local_*` functions.
    let signal = unsafe { &*data.cast::<LocalSignal>() };
    let remote = signal.remote();
    // SAFETY: `remote` is alive (the `LocalSignal` holds a count); the new count is owned by
    // the returned `RawWaker` and released by `remote_drop` or `remote_wake`.
    unsafe { Arc::increment_strong_count(remote) };
    // SAFETY: as above, `remote` is alive.
    unsafe { &*remote }.clones.fetch_add(1, Ordering::Relaxed);
    RawWaker::new(remote.cast(), &REMOTE_VTABLE)
}

unsafe fn local_wake(data: *const ()) {
    // SAFETY: see the note above the `local_*` functions.
    let signal = unsafe { &*data.cast::<LocalSignal>() };
    // A store, not a swap, even for merged wakes (issue 9, defect 1): the borrowed waker is
    // only reachable during a poll, so every wake through it is made on this thread or on a
    // scoped thread joined before the poll returns, and that join already orders its writes
    // before the next poll. Wakes that outlive the poll go through a clone (`remote_*`), whose
    // notify is a swap.
    signal.woken.store(true, Ordering::Release);
}

unsafe fn local_drop(_: *const ()) {}

// SAFETY (for the four `remote_*` functions): `data` came from `Arc::into_raw` of a `Remote`
// and the waker owns one strong count of it.
unsafe fn remote_clone(data: *const ()) -> RawWaker {
    let remote = data.cast::<Remote>();
    // SAFETY: see the note above the `remote_*` functions; the new count belongs to the clone.
    unsafe { Arc::increment_strong_count(remote) };
    // SAFETY: the pointee is alive: this waker holds a count. Relaxed suffices, as for an
    // `Arc`: the count goes up from at least one (this live clone), never from zero.
    unsafe { &*remote }.clones.fetch_add(1, Ordering::Relaxed);
    RawWaker::new(data, &REMOTE_VTABLE)
}

unsafe fn remote_wake(data: *const ()) {
    // SAFETY: see the note above the `remote_*` functions; `wake` consumes the waker's count.
    let remote = unsafe { Arc::from_raw(data.cast::<Remote>()) };
    remote.notify();
    remote.release_clone();
}

unsafe fn remote_wake_by_ref(data: *const ()) {
    // SAFETY: see the note above the `remote_*` functions; the count is borrowed, not taken.
    let remote = unsafe { &*data.cast::<Remote>() };
    remote.notify();
}

unsafe fn remote_drop(data: *const ()) {
    // SAFETY: see the note above the `remote_*` functions; the waker's count is released once,
    // after `release_clone`, which may still touch the `Remote`.
    let remote = unsafe { Arc::from_raw(data.cast::<Remote>()) };
    remote.release_clone();
}
