#![doc = include_str!("../../docs/internals/task.md")]

use core::cell::UnsafeCell;
use core::future::Future;
use core::mem::{self, ManuallyDrop};
use core::pin::Pin;
use core::ptr;
use core::sync::atomic::AtomicUsize as CounterUsize;

use crate::loom::atomic::{AtomicUsize, Ordering};
use core::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::boxed::Box;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use super::executor::Shared;
use super::join::JoinError;
use super::queue::Link;
use super::task_info::TaskInfo;

/// In the run queue, or to be pushed back when the running poll returns.
pub(crate) const SCHEDULED: usize = 1 << 0;
/// Being polled by the executor.
pub(crate) const RUNNING: usize = 1 << 1;
/// The future is gone and the stage holds its result (or the result was taken). Final.
pub(crate) const COMPLETE: usize = 1 << 2;
/// Cancelled (abort or executor dropped): never polled again. Final.
pub(crate) const CLOSED: usize = 1 << 3;
/// The `JoinHandle` is alive.
pub(crate) const HANDLE: usize = 1 << 4;
/// `join_waker` holds the awaiting side's waker: the handle writes the slot only while this
/// bit and COMPLETE are clear; the completer reads it (never writes) only if this bit was set
/// when it published COMPLETE. One atomic word orders both sides, so the hand-over needs no
/// lock (the same protocol as tokio's `JOIN_WAKER`). The slot is dropped with the block.
pub(crate) const JOIN_WAKER: usize = 1 << 5;
/// One reference, in the bits above the flags.
pub(crate) const REF_ONE: usize = 1 << 6;
pub(crate) const REF_MASK: usize = !(REF_ONE - 1);

/// The typed operations of one task, reached from the untyped header.
pub(crate) struct TaskVTable {
    /// Polls the future; on Ready or panic drops the future and stores the result.
    poll: unsafe fn(*const Header, &mut Context<'_>) -> PollResult,
    /// Drops the future and stores `Err(Cancelled)`.
    cancel: unsafe fn(*const Header),
    /// Moves the result into `*mut Result<T, JoinError>`.
    take_output: unsafe fn(*const Header, *mut ()),
    /// Drops whatever the stage holds.
    drop_stage: unsafe fn(*const Header),
    /// Frees the block.
    dealloc: unsafe fn(*const Header),
}

/// What one poll of a task's future came to.
pub(crate) enum PollResult {
    Pending,
    Completed,
    Panicked,
}

/// The untyped start of every task block.
#[repr(C)]
pub(crate) struct Header {
    /// Run-queue link; first field, so `*const Link` and `*const Header` cast into each other.
    pub(crate) link: Link,
    pub(crate) state: AtomicUsize,
    vtable: &'static TaskVTable,
    /// One count of the executor's `Arc<Shared>`, released when the block is freed.
    pub(crate) shared: *const Shared,
    /// Links of the executor's list of live tasks; touched only on the executor's thread.
    pub(crate) list_prev: UnsafeCell<*const Header>,
    pub(crate) list_next: UnsafeCell<*const Header>,
    pub(crate) id: u64,
    pub(crate) polls: CounterUsize,
    pub(crate) wakes: CounterUsize,
    /// The waker of whoever awaits the `JoinHandle`; who may touch it is decided by the
    /// JOIN_WAKER bit. Dropped with the block (a `Waker` may drop on any thread).
    pub(crate) join_waker: UnsafeCell<Option<Waker>>,
    /// Name, spawn location and the like, for the deadlock report.
    pub(crate) info: TaskInfo,
}

/// Where the future lives, then its result.
enum Stage<F: Future> {
    Running(F),
    Finished(Result<F::Output, JoinError>),
    Consumed,
}

/// The whole task block.
#[repr(C)]
struct Cell<F: Future> {
    header: Header,
    stage: UnsafeCell<Stage<F>>,
}

impl<F: Future> Cell<F> {
    const VTABLE: TaskVTable = TaskVTable {
        poll: poll::<F>,
        cancel: cancel::<F>,
        take_output: take_output::<F>,
        drop_stage: drop_stage::<F>,
        dealloc: dealloc::<F>,
    };
}

/// Allocates a task for `future` in state SCHEDULED | HANDLE with three references (the
/// executor's list, the run queue, the `JoinHandle`).
///
/// # Safety
///
/// The future (and its output) may borrow data that lives shorter than `'static`: the caller
/// must make sure the future is dropped (polled to completion or cancelled) before that data
/// goes away, and that a `!Send` future is only polled and dropped on the executor's thread.
pub(crate) unsafe fn allocate<F: Future>(
    future: F,
    shared: &Arc<Shared>,
    id: u64,
    info: TaskInfo,
) -> *const Header {
    // Allocated uninitialized and written in place: `Box::new(Cell { .. })` built the whole
    // block on the stack and copied it with a `memcpy` call once the header outgrew 128
    // bytes (29 instructions of a spawn, measured with callgrind).
    let cell: *mut Cell<F> = Box::into_raw(Box::<Cell<F>>::new_uninit()).cast();
    // SAFETY: `cell` is a fresh allocation for a `Cell<F>`; each field is written once,
    // before the pointer is handed out, so the block is fully initialized when it is read.
    unsafe {
        (&raw mut (*cell).header).write(Header {
            link: Link::new(),
            state: AtomicUsize::new(SCHEDULED | HANDLE | (3 * REF_ONE)),
            vtable: &Cell::<F>::VTABLE,
            shared: Arc::into_raw(Arc::clone(shared)),
            list_prev: UnsafeCell::new(ptr::null()),
            list_next: UnsafeCell::new(ptr::null()),
            id,
            polls: CounterUsize::new(0),
            wakes: CounterUsize::new(0),
            join_waker: UnsafeCell::new(None),
            info,
        });
        (&raw mut (*cell).stage).write(UnsafeCell::new(Stage::Running(future)));
    }
    cell.cast_const().cast::<Header>()
}

// SAFETY (for the five typed functions below): `ptr` points at the `Header` of a live
// `Cell<F>` (the vtable that names them was built for that `F`); the stage is touched only
// under the rules of the module docs: poll/cancel on the executor's thread while the future
// is there, take_output/drop_stage by the single party that owns the result.

unsafe fn poll<F: Future>(ptr: *const Header, cx: &mut Context<'_>) -> PollResult {
    // SAFETY: see above; the executor's thread has exclusive access to the stage while the
    // task is RUNNING.
    let stage = unsafe { &mut *(*ptr.cast::<Cell<F>>()).stage.get() };
    let Stage::Running(future) = stage else {
        unreachable!("anext: a task without its future was polled");
    };
    // SAFETY: the future lives inside the heap block, which never moves, and is dropped in
    // place (by `finish`) before the block is freed: the pinning contract holds.
    let future = unsafe { Pin::new_unchecked(future) };
    let result = match catch_unwind(AssertUnwindSafe(|| future.poll(cx))) {
        Ok(Poll::Pending) => return PollResult::Pending,
        Ok(Poll::Ready(output)) => Ok(output),
        Err(payload) => Err(JoinError::Panicked(payload)),
    };
    if finish(stage, result) {
        PollResult::Completed
    } else {
        PollResult::Panicked
    }
}

/// Drops the future in place (catching a panic of its destructor) and stores `result`.
/// Returns whether the stored result is an output (not a panic).
///
/// In place, not `mem::replace`: moving the stage out would copy the whole future.
fn finish<F: Future>(stage: &mut Stage<F>, result: Result<F::Output, JoinError>) -> bool {
    let Stage::Running(future) = stage else {
        unreachable!("anext: a task's future was dropped twice");
    };
    let future: *mut F = future;
    let dropped = if mem::needs_drop::<F>() {
        // SAFETY: the future is valid and is dropped exactly once, here; the stage is
        // overwritten below without dropping it again (also after a panic, since drop glue
        // finishes dropping the remaining fields while unwinding).
        catch_unwind(AssertUnwindSafe(|| unsafe { ptr::drop_in_place(future) }))
    } else {
        Ok(())
    };
    let result = match dropped {
        Ok(()) => result,
        // The future's destructor panicked: report that panic, drop the output (whose own
        // destructor may panic too: that must not unwind past the stage write below).
        Err(payload) => {
            let _ = catch_unwind(AssertUnwindSafe(move || drop(result)));
            Err(JoinError::Panicked(payload))
        }
    };
    let ok = result.is_ok();
    // SAFETY: `stage` is valid for writes; its old content (the future) is already dropped.
    unsafe { ptr::write(stage, Stage::Finished(result)) };
    ok
}

unsafe fn cancel<F: Future>(ptr: *const Header) {
    // SAFETY: see above; called on the executor's thread for a task that is not RUNNING.
    let stage = unsafe { &mut *(*ptr.cast::<Cell<F>>()).stage.get() };
    finish(stage, Err(JoinError::Cancelled));
}

unsafe fn take_output<F: Future>(ptr: *const Header, dst: *mut ()) {
    // SAFETY: see above; the caller saw COMPLETE and owns the result.
    let stage = unsafe { &mut *(*ptr.cast::<Cell<F>>()).stage.get() };
    let Stage::Finished(result) = stage else {
        unreachable!("anext: the output of a task was taken twice");
    };
    // SAFETY: the result is moved out once, and the stage is overwritten without dropping
    // it; `dst` points at a `Result<F::Output, JoinError>` slot (the `JoinHandle<T>` that
    // calls this was created for this very `F`).
    unsafe {
        dst.cast::<Result<F::Output, JoinError>>()
            .write(ptr::read(result));
        ptr::write(stage, Stage::Consumed);
    }
}

unsafe fn drop_stage<F: Future>(ptr: *const Header) {
    // SAFETY: see above; the caller owns whatever the stage holds.
    let stage = unsafe { &mut *(*ptr.cast::<Cell<F>>()).stage.get() };
    let old = mem::replace(stage, Stage::Consumed);
    // A panicking destructor of an output must not unwind into the executor or a waker.
    let _ = catch_unwind(AssertUnwindSafe(move || drop(old)));
}

unsafe fn dealloc<F: Future>(ptr: *const Header) {
    // SAFETY: see above; the reference count reached zero, so this is the last access. The
    // block came from `Box::into_raw` in `allocate`.
    let cell = unsafe { Box::from_raw(ptr.cast::<Cell<F>>().cast_mut()) };
    let shared = cell.header.shared;
    drop(cell);
    // SAFETY: the count taken by `Arc::into_raw` in `allocate`, released once, here.
    drop(unsafe { Arc::from_raw(shared) });
}

/// A counted reference to a task, used by the executor, the queue and `JoinHandle`.
///
/// The helpers below are `unsafe` because they take raw header pointers.
pub(crate) struct TaskRef;

impl TaskRef {
    /// Drops one reference, freeing the block if it was the last.
    ///
    /// # Safety
    ///
    /// The caller owns one reference of the live task `ptr`.
    #[inline]
    pub(crate) unsafe fn release(ptr: *const Header) {
        // SAFETY: the caller's reference keeps the header alive until this decrement.
        let header = unsafe { &*ptr };
        let old = header.state.fetch_sub(REF_ONE, Ordering::AcqRel);
        if old & REF_MASK == REF_ONE {
            // SAFETY: that was the last reference: nobody else can reach the block.
            unsafe { (header.vtable.dealloc)(ptr) };
        }
    }

    /// Polls the task's future with `cx`; see [`TaskVTable::poll`].
    ///
    /// # Safety
    ///
    /// On the executor's thread, for a RUNNING task whose future is there.
    pub(crate) unsafe fn poll(ptr: *const Header, cx: &mut Context<'_>) -> PollResult {
        // SAFETY: forwarded contract.
        unsafe { ((*ptr).vtable.poll)(ptr, cx) }
    }

    /// # Safety
    ///
    /// On the executor's thread, for a task that is not RUNNING and still has its future.
    pub(crate) unsafe fn cancel(ptr: *const Header) {
        // SAFETY: forwarded contract.
        unsafe { ((*ptr).vtable.cancel)(ptr) }
    }

    /// # Safety
    ///
    /// The caller owns the finished result and `dst` is a `*mut Result<T, JoinError>` for the
    /// task's output type.
    pub(crate) unsafe fn take_output(ptr: *const Header, dst: *mut ()) {
        // SAFETY: forwarded contract.
        unsafe { ((*ptr).vtable.take_output)(ptr, dst) }
    }

    /// # Safety
    ///
    /// The caller owns whatever the stage holds (see the module docs).
    pub(crate) unsafe fn drop_stage(ptr: *const Header) {
        // SAFETY: forwarded contract.
        unsafe { ((*ptr).vtable.drop_stage)(ptr) }
    }

    /// Wakes the task (transition 1). Used by wakers and timers, on any thread.
    ///
    /// # Safety
    ///
    /// The caller holds a reference of the live task `ptr`.
    pub(crate) unsafe fn wake(ptr: *const Header) {
        // SAFETY: the caller's reference keeps the header alive.
        unsafe { (*ptr).wakes.fetch_add(1, Ordering::Relaxed) };
        // SAFETY: forwarded contract.
        unsafe { Self::schedule_with(ptr, 0) };
    }

    /// Requests cancellation (transition 6).
    ///
    /// # Safety
    ///
    /// The caller holds a reference of the live task `ptr`.
    pub(crate) unsafe fn abort(ptr: *const Header) {
        // SAFETY: forwarded contract.
        unsafe { Self::schedule_with(ptr, CLOSED) };
    }

    /// Sets SCHEDULED and `flags` (0, or CLOSED for an abort) unless the task is COMPLETE or
    /// CLOSED or already has them; pushes it (with a new reference for the queue) unless it
    /// was queued or running already (a running task is pushed back by (4) or cancelled by
    /// (7) when its poll returns).
    ///
    /// # Safety
    ///
    /// The caller holds a reference of the live task `ptr`.
    unsafe fn schedule_with(ptr: *const Header, flags: usize) {
        // SAFETY: the caller's reference keeps the header alive.
        let header = unsafe { &*ptr };
        let mut state = header.state.load(Ordering::Acquire);
        loop {
            if state & (COMPLETE | CLOSED) != 0 {
                return; // never polled again
            }
            if state | SCHEDULED | flags == state {
                // SAFETY: forwarded contract (the caller's reference keeps the task alive).
                return unsafe { publish_merged_wake(ptr, state) };
            }
            let new = if state & (SCHEDULED | RUNNING) != 0 {
                state | SCHEDULED | flags
            } else {
                state_add_ref(state) | SCHEDULED | flags // (1) or (6): a queue reference
            };
            match header.state.compare_exchange_weak(
                state,
                new,
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => break,
                Err(actual) => state = actual,
            }
        }
        if state & (SCHEDULED | RUNNING) == 0 {
            // SAFETY: `shared` is kept alive by the task's own count; the queue's reference
            // was added above and the task was not queued (SCHEDULED was clear).
            unsafe { (*header.shared).schedule(ptr) };
        }
    }

    /// A waker for `ptr` that borrows the caller's reference (no count taken).
    ///
    /// # Safety
    ///
    /// The returned waker must not be used or dropped (it is `ManuallyDrop`) after the
    /// caller's reference is released.
    pub(crate) unsafe fn borrowed_waker(ptr: *const Header) -> ManuallyDrop<Waker> {
        // SAFETY: `WAKER_VTABLE` upholds the `RawWaker` contract for a task header; cloning
        // takes a reference of its own, and the borrowed one is never dropped.
        ManuallyDrop::new(unsafe { Waker::from_raw(RawWaker::new(ptr.cast(), &WAKER_VTABLE)) })
    }
}

/// A wake that found its task already scheduled, with nothing to add: it still writes the
/// state back (a read-modify-write that changes nothing), as async-task does. A plain load
/// would publish nothing, so the poll that the earlier wake causes could miss what this
/// waker's thread wrote before waking, and no later wake would come: a lost wake on weak
/// memory (issue 9, defect 1). The Release half of the successful CAS puts it in the release
/// sequence that the executor's next RMW of the state (transition 2, or 3/4 if the task is
/// RUNNING) acquires, since every later write to the state word is an RMW; if the state
/// changed meanwhile (the task was popped, or completed), the wake starts over.
/// `tests/exec_merged_wakes.rs` (Miri, many seeds) and `tests/loom_executor.rs` pin this down.
/// Out of line: the common wake finds the task idle.
///
/// # Safety
///
/// The caller holds a reference of the live task `ptr`. The raw pointer, not a `&Header`, is
/// what a retry passes on: a pointer made from `&Header` may only reach the header, while the
/// executor reaches the whole task block through the pointer a wake pushes (Miri's Stacked
/// Borrows reported exactly that when this took `&Header`).
#[cold]
#[inline(never)]
unsafe fn publish_merged_wake(ptr: *const Header, state: usize) {
    // SAFETY: the caller's reference keeps the header alive.
    let header = unsafe { &*ptr };
    if header
        .state
        .compare_exchange(state, state, Ordering::AcqRel, Ordering::Acquire)
        .is_err()
    {
        // The state moved (popped, run, completed...): decide again from the new one.
        // SAFETY: forwarded contract.
        unsafe { TaskRef::schedule_with(ptr, 0) };
    }
}

fn state_add_ref(state: usize) -> usize {
    if state > usize::MAX - REF_ONE {
        // Counting on past the top would free a live task later: abort like `Arc` does.
        std::process::abort();
    }
    state + REF_ONE
}

/// The vtable of every task waker. Its address tells a task waker apart from other wakers
/// (see [`task_of`]).
pub(crate) static WAKER_VTABLE: RawWakerVTable =
    RawWakerVTable::new(waker_clone, waker_wake, waker_wake_by_ref, waker_drop);

/// The task a waker belongs to, if it is a task waker of a `LocalExecutor`.
pub(crate) fn task_of(waker: &Waker) -> Option<*const Header> {
    ptr::eq(waker.vtable(), &WAKER_VTABLE).then(|| waker.data().cast::<Header>())
}

// SAFETY (for the four `waker_*` functions): `data` is the header of a live task and the
// waker owns one reference of it (or borrows the executor's during a poll).
unsafe fn waker_clone(data: *const ()) -> RawWaker {
    // SAFETY: see above.
    let header = unsafe { &*data.cast::<Header>() };
    let old = header.state.fetch_add(REF_ONE, Ordering::Relaxed);
    if old > usize::MAX / 2 {
        std::process::abort();
    }
    RawWaker::new(data, &WAKER_VTABLE)
}

unsafe fn waker_wake(data: *const ()) {
    // SAFETY: see above; the waker's own reference is released after the wake.
    unsafe {
        TaskRef::wake(data.cast());
        TaskRef::release(data.cast());
    }
}

unsafe fn waker_wake_by_ref(data: *const ()) {
    // SAFETY: see above.
    unsafe { TaskRef::wake(data.cast()) };
}

unsafe fn waker_drop(data: *const ()) {
    // SAFETY: see above; the waker's reference is released once.
    unsafe { TaskRef::release(data.cast()) };
}
