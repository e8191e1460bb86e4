//! [`block_on`]: run one future to completion on the current thread.
//!
//! # How it parks, and why it needs no allocation and no thread-local
//!
//! The waker handed to the future points at a [`LocalSignal`] on `block_on`'s own stack. That
//! waker is only reachable through the `&Waker` of a `Context`, whose lifetime ends when
//! `poll` returns; a thread that borrows it (a scoped thread) is joined before that. So a
//! *local* wake always happens during `poll`, and all it has to do is set a flag that
//! `block_on` reads when `poll` returns. Self-waking futures (`wake_by_ref` on the waker they
//! were given) therefore cost one store and one swap per round, with no lock and no syscall.
//!
//! A *clone* of the waker may outlive the call and be woken from any thread at any time, so
//! it cannot point at the stack. The first clone allocates one [`Remote`] (a reference count,
//! a state word, a mutex and a condition variable) shared by every later clone of the same
//! call; `block_on` parks on its condition variable. That is the only allocation, made at
//! most once per call and only by futures that keep their waker; futures that are ready or
//! wake themselves by reference never allocate. Avoiding even that one would need a cache
//! that outlives the call, i.e. a thread-local, which this crate does not use.
//!
//! The parker does not use `std::thread::park`, so a future that parks and unparks the
//! thread itself cannot consume a wake meant for `block_on` (nor the reverse).
//!
//! ```text
//!        Remote.state transitions (who moves each)
//!
//!        EMPTY --(1) wake, any thread--> NOTIFIED
//!        EMPTY --(2) block_on, nothing to do--> PARKED
//!        PARKED --(3) wake, then lock + notify--> NOTIFIED
//!        NOTIFIED --(4) block_on, before the next poll--> EMPTY
//! ```

use core::future::{Future, IntoFuture};
use core::mem::ManuallyDrop;
use core::pin::pin;
use core::ptr;
use core::sync::atomic::{AtomicBool, AtomicPtr, AtomicU8, Ordering, fence};
use core::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::sync::{Arc, Condvar, Mutex, PoisonError};

/// Runs `future` to completion on the current thread, parking the thread while the future
/// waits, and returns its output: the twin of Python's `asyncio.run` for a single coroutine.
///
/// - No allocation for a future that is ready or wakes itself through the waker it was given;
///   one allocation per call for a future that keeps a clone of its waker (see the module
///   docs for why that one is needed).
/// - The waker (and its clones) is `Send + Sync`: it may be woken from any thread, before,
///   during or after the park, and a wake is never lost. Waking it after `block_on` returned
///   does nothing.
/// - Calls nest: a future may itself call `block_on` on the same thread.
///
/// # Panics
///
/// Panics if the future panics (the panic propagates, and wakers that outlive it stay
/// harmless). Also panics, instead of hanging forever, if the future returns `Pending` while
/// no waker of this call is alive and it did not wake itself: nothing could ever wake it,
/// so the call would deadlock. `block_on(core::future::pending::<()>())` is such a case.
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
    // never points at `signal` but at a reference-counted `Remote`. The functions touch
    // `signal` only through atomics, so use from scoped threads is sound.
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
        // `self` drops; `ManuallyDrop` borrows that count without releasing it.
        let remote = ManuallyDrop::new(unsafe { Arc::from_raw(remote) });
        remote.park(&remote);
    }
}

impl Drop for LocalSignal {
    #[inline]
    fn drop(&mut self) {
        let remote = *self.remote.get_mut();
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

const EMPTY: u8 = 0;
const NOTIFIED: u8 = 1;
const PARKED: u8 = 2;

/// The target of every waker clone of one `block_on` call. See the module docs for its states.
struct Remote {
    state: AtomicU8,
    lock: Mutex<()>,
    unparked: Condvar,
}

impl Remote {
    fn new() -> Self {
        Remote {
            state: AtomicU8::new(EMPTY),
            lock: Mutex::new(()),
            unparked: Condvar::new(),
        }
    }

    /// Transitions (1) and (3).
    fn notify(&self) {
        if self.state.swap(NOTIFIED, Ordering::AcqRel) == PARKED {
            // Taking the lock orders this notify after the parker's check of `state` under
            // the same lock, so the notify cannot fall between that check and its wait.
            drop(self.lock.lock().unwrap_or_else(PoisonError::into_inner));
            self.unparked.notify_one();
        }
    }

    /// Transitions (2) and (4), called by `block_on` on its own thread; `this` is the
    /// `Arc` of `self` held by the `LocalSignal`.
    fn park(&self, this: &Arc<Remote>) {
        if self
            .state
            .compare_exchange(EMPTY, PARKED, Ordering::AcqRel, Ordering::Acquire)
            .is_err()
        {
            // NOTIFIED: a clone was woken since the last poll (transition 4).
            self.state.store(EMPTY, Ordering::Release);
            return;
        }
        // Only `block_on`'s own count left: no clone is alive, and none can be made while the
        // future is not being polled. The fence pairs with the release decrement of the last
        // clone's drop, so a wake made before that drop is seen by the `state` load.
        if Arc::strong_count(this) == 1 {
            fence(Ordering::Acquire);
            if self.state.load(Ordering::Acquire) == PARKED {
                deadlock();
            }
        }
        let mut guard = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        while self.state.load(Ordering::Acquire) == PARKED {
            guard = self
                .unparked
                .wait(guard)
                .unwrap_or_else(PoisonError::into_inner);
        }
        drop(guard);
        self.state.store(EMPTY, Ordering::Release);
    }
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
    RawWaker::new(remote.cast(), &REMOTE_VTABLE)
}

unsafe fn local_wake(data: *const ()) {
    // SAFETY: see the note above the `local_*` functions.
    let signal = unsafe { &*data.cast::<LocalSignal>() };
    signal.woken.store(true, Ordering::Release);
}

unsafe fn local_drop(_: *const ()) {}

// SAFETY (for the four `remote_*` functions): `data` came from `Arc::into_raw` of a `Remote`
// and the waker owns one strong count of it.
unsafe fn remote_clone(data: *const ()) -> RawWaker {
    // SAFETY: see the note above the `remote_*` functions; the new count belongs to the clone.
    unsafe { Arc::increment_strong_count(data.cast::<Remote>()) };
    RawWaker::new(data, &REMOTE_VTABLE)
}

unsafe fn remote_wake(data: *const ()) {
    // SAFETY: see the note above the `remote_*` functions; `wake` consumes the waker's count.
    let remote = unsafe { Arc::from_raw(data.cast::<Remote>()) };
    remote.notify();
}

unsafe fn remote_wake_by_ref(data: *const ()) {
    // SAFETY: see the note above the `remote_*` functions; the count is borrowed, not taken.
    let remote = unsafe { &*data.cast::<Remote>() };
    remote.notify();
}

unsafe fn remote_drop(data: *const ()) {
    // SAFETY: see the note above the `remote_*` functions; the waker's count is released once.
    drop(unsafe { Arc::from_raw(data.cast::<Remote>()) });
}
