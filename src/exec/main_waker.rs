//! The waker of `LocalExecutor::run`'s main future: an `Arc<Shared>` pointer whose wake
//! sets `main_woken` and unparks the executor. The main future is not a task (it may
//! borrow local data and is polled in place), so its waker has a vtable of its own.

use core::mem::ManuallyDrop;
use core::ptr;
use core::sync::atomic::Ordering;
use core::task::{RawWaker, RawWakerVTable, Waker};
use std::sync::Arc;

use super::shared::Shared;

/// The waker lent to the main future during `run`: it borrows the executor's own count of
/// `shared` (never dropped; clones take counts of their own).
pub(super) fn borrowed(shared: &Arc<Shared>) -> ManuallyDrop<Waker> {
    let data: *const Shared = Arc::as_ptr(shared);
    // SAFETY: `MAIN_WAKER_VTABLE` upholds the `RawWaker` contract for an `Arc<Shared>`
    // pointer; this borrowed waker uses the executor's own count (the caller keeps it in a
    // frame shorter than the executor) and is never dropped; clones take counts of their own.
    ManuallyDrop::new(unsafe { Waker::from_raw(RawWaker::new(data.cast(), &MAIN_WAKER_VTABLE)) })
}

/// Whether `waker` is a main-future waker (of any executor).
pub(super) fn is_main(waker: &Waker) -> bool {
    ptr::eq(waker.vtable(), &MAIN_WAKER_VTABLE)
}

/// The `Shared` pointer of a main-future waker, `None` for any other waker.
pub(super) fn shared_ptr_of(waker: &Waker) -> Option<*const Shared> {
    ptr::eq(waker.vtable(), &MAIN_WAKER_VTABLE).then(|| waker.data().cast())
}

/// A waker of `shared`'s main future that holds no count: what a `JoinHandle` awaited by the
/// main future leaves in the join-waker slot of a task of the same executor (`join.rs`).
/// It saves a clone and a drop of the main waker per join: two increments and two
/// decrements of shared counters (the `Arc` and `main_wakers`).
///
/// # Safety
///
/// The waker may be woken only while `shared` is alive. A join-waker slot guarantees that:
/// the task block holding the slot holds one count of its executor's `Arc<Shared>` until it
/// is freed, and the waker is woken only from the slot; taken out of the slot
/// (`release_with_join_waker`), it is only dropped, which touches nothing. Its clones are
/// ordinary counted main wakers.
pub(super) unsafe fn uncounted(shared: *const Shared) -> Waker {
    // SAFETY: `UNCOUNTED_VTABLE` upholds the `RawWaker` contract under the caller's promise.
    unsafe { Waker::from_raw(RawWaker::new(shared.cast(), &UNCOUNTED_VTABLE)) }
}

/// Whether `stored` (a join-waker slot's waker) wakes the same main future as `waker`:
/// `Waker::will_wake` for counted wakers, and also true for an [`uncounted`] one and the
/// main waker it stands for.
pub(super) fn same_main(stored: &Waker, waker: &Waker) -> bool {
    ptr::eq(stored.vtable(), &UNCOUNTED_VTABLE) && is_main(waker) && stored.data() == waker.data()
}

static UNCOUNTED_VTABLE: RawWakerVTable = RawWakerVTable::new(
    main_clone,
    main_wake_by_ref,
    main_wake_by_ref,
    uncounted_drop,
);

/// Dropping an uncounted waker releases nothing (it holds nothing).
unsafe fn uncounted_drop(_: *const ()) {}

static MAIN_WAKER_VTABLE: RawWakerVTable =
    RawWakerVTable::new(main_clone, main_wake, main_wake_by_ref, main_drop);

// SAFETY (for the four `main_*` functions): `data` is `Arc::as_ptr` of a live `Shared`, and
// the waker owns one strong count (or borrows the executor's during `run`, or is an
// `uncounted` one, which only `main_clone` and `main_wake_by_ref` serve: neither consumes a
// count).
unsafe fn main_clone(data: *const ()) -> RawWaker {
    // SAFETY: see above.
    unsafe { Arc::increment_strong_count(data.cast::<Shared>()) };
    // SAFETY: see above.
    unsafe { &*data.cast::<Shared>() }
        .main_wakers
        .fetch_add(1, Ordering::Relaxed);
    RawWaker::new(data, &MAIN_WAKER_VTABLE)
}

unsafe fn main_wake(data: *const ()) {
    // SAFETY: see above; `wake` consumes the waker's count.
    let shared = unsafe { Arc::from_raw(data.cast::<Shared>()) };
    main_woken(&shared);
    // After the wake: the deadlock check that sees this clone gone sees `main_woken` too.
    shared.main_wakers.fetch_sub(1, Ordering::Release);
}

unsafe fn main_wake_by_ref(data: *const ()) {
    // SAFETY: see above.
    let shared = unsafe { &*data.cast::<Shared>() };
    main_woken(shared);
}

/// A swap, not a store (issue 9, defect 1): a store from a second waking thread would
/// overwrite the first one's, and `run`'s swap would then acquire only the last, so the first
/// waker's writes could be invisible to the poll it asked for. A swap continues the release
/// sequence of every earlier wake, so `run`'s swap acquires them all.
fn main_woken(shared: &Shared) {
    shared.main_woken.swap(true, Ordering::AcqRel);
    shared.notify();
}

unsafe fn main_drop(data: *const ()) {
    // SAFETY: see above; the count is released once.
    let shared = unsafe { Arc::from_raw(data.cast::<Shared>()) };
    shared.main_wakers.fetch_sub(1, Ordering::Release);
}
