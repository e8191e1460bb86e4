//! [`JoinHandle`] and [`JoinError`]: the result side of a spawned task.

use crate::loom::atomic::Ordering;
use core::any::Any;
use core::fmt;
use core::future::Future;
use core::marker::PhantomData;
use core::mem::MaybeUninit;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::boxed::Box;

use super::main_waker;
use super::task::{self, COMPLETE, HANDLE, Header, JOIN_WAKER, TaskRef};

/// Why a task produced no output.
pub enum JoinError {
    /// The task was cancelled: [`JoinHandle::abort`] was called, or the executor was dropped
    /// before the task finished.
    Cancelled,
    /// The task panicked; the payload is what `panic!` was given (as in
    /// [`std::thread::JoinHandle::join`]). The executor kept running the other tasks.
    Panicked(Box<dyn Any + Send + 'static>),
}

impl JoinError {
    /// Whether the task was cancelled.
    ///
    /// ```
    /// assert!(anext::exec::JoinError::Cancelled.is_cancelled());
    /// ```
    pub fn is_cancelled(&self) -> bool {
        matches!(self, JoinError::Cancelled)
    }

    /// Whether the task panicked.
    ///
    /// ```
    /// assert!(!anext::exec::JoinError::Cancelled.is_panic());
    /// ```
    pub fn is_panic(&self) -> bool {
        matches!(self, JoinError::Panicked(_))
    }

    /// The panic message when the payload is a string (`panic!("...")`), as a `&str`.
    ///
    /// ```
    /// use anext::exec::LocalExecutor;
    ///
    /// let ex = LocalExecutor::new();
    /// let task = ex.spawn(async { panic!("boom") });
    /// let err: anext::exec::JoinError = ex.run(task).unwrap_err();
    /// assert_eq!(err.panic_message(), Some("boom"));
    /// ```
    pub fn panic_message(&self) -> Option<&str> {
        match self {
            JoinError::Panicked(payload) => {
                payload.downcast_ref::<&'static str>().copied().or_else(|| {
                    payload
                        .downcast_ref::<std::string::String>()
                        .map(|s| s.as_str())
                })
            }
            JoinError::Cancelled => None,
        }
    }
}

impl fmt::Debug for JoinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JoinError::Cancelled => f.write_str("Cancelled"),
            JoinError::Panicked(_) => match self.panic_message() {
                Some(message) => f.debug_tuple("Panicked").field(&message).finish(),
                None => f.write_str("Panicked(..)"),
            },
        }
    }
}

impl fmt::Display for JoinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JoinError::Cancelled => f.write_str("task was cancelled"),
            JoinError::Panicked(_) => match self.panic_message() {
                Some(message) => write!(f, "task panicked: {message}"),
                None => f.write_str("task panicked"),
            },
        }
    }
}

impl std::error::Error for JoinError {}

/// An owned permission to await a spawned task's output: `handle.await` gives
/// `Result<T, JoinError>`.
///
/// Dropping the handle does not cancel the task: it keeps running, detached, and its output
/// is dropped when it finishes. Call [`abort`](Self::abort) to cancel it.
///
/// The handle is `Send` when `T` is, even for a `spawn_local` task: it can be awaited on
/// another thread or another executor.
///
/// # Panics
///
/// Polling the handle again after it returned `Ready` panics. A task that awaits its own
/// handle panics too (it would wait for itself forever), so it ends with
/// `JoinError::Panicked` instead of hanging. That check sees the task's own waker; a task that
/// polls its own handle through a waker of its own making (a combinator's) is not recognised
/// and waits, like any deadlocked task, until it is aborted or the executor is dropped, which
/// frees it.
///
/// # Example
///
/// ```
/// use anext::exec::LocalExecutor;
///
/// let ex = LocalExecutor::new();
/// let task = ex.spawn(async { 1 + 2 });
/// assert_eq!(ex.run(task).unwrap(), 3);
/// ```
#[must_use = "dropping a JoinHandle detaches the task; call `detach` to say so"]
pub struct JoinHandle<T> {
    header: *const Header,
    /// Set once the output was taken.
    taken: bool,
    _output: PhantomData<T>,
}

// SAFETY: the handle touches the task only through atomics (its join waker is handed over
// through the `JOIN_WAKER` state bit) and the result, which is a `T`: moving the handle to another thread moves a `T` there at most.
unsafe impl<T: Send> Send for JoinHandle<T> {}
// SAFETY: `&JoinHandle` only reads atomics (`is_finished`, counters) or requests an abort.
unsafe impl<T: Send> Sync for JoinHandle<T> {}

impl<T> Unpin for JoinHandle<T> {}

impl<T> JoinHandle<T> {
    /// # Safety
    ///
    /// `header` is a task whose output type is `T`, and the caller gives the handle its
    /// reference (the HANDLE flag is set).
    pub(crate) unsafe fn from_raw(header: *const Header) -> Self {
        JoinHandle {
            header,
            taken: false,
            _output: PhantomData,
        }
    }

    fn header(&self) -> &Header {
        // SAFETY: the handle owns a reference, so the header is alive while `self` is.
        unsafe { &*self.header }
    }

    /// Cancels the task: it will not be polled again, and its future is dropped on the
    /// executor's thread at the executor's next tick (at once if it is being polled right now,
    /// when that poll returns). Awaiting the handle then gives `Err(JoinError::Cancelled)`,
    /// unless the task had already finished, in which case its output is kept.
    ///
    /// ```
    /// use anext::exec::LocalExecutor;
    ///
    /// let ex = LocalExecutor::new();
    /// let task = ex.spawn(core::future::pending::<()>());
    /// task.abort();
    /// assert!(ex.run(task).unwrap_err().is_cancelled());
    /// ```
    pub fn abort(&self) {
        // SAFETY: the handle's reference keeps the task alive.
        unsafe { TaskRef::abort(self.header) };
    }

    /// Lets the task run on without anyone awaiting it (the same as dropping the handle,
    /// said out loud).
    ///
    /// ```
    /// use anext::exec::LocalExecutor;
    ///
    /// let ex = LocalExecutor::new();
    /// ex.spawn(async {}).detach();
    /// ex.run_until_stalled();
    /// assert_eq!(ex.task_count(), 0);
    /// ```
    pub fn detach(self) {
        drop(self);
    }

    /// Whether the task has finished (completed, panicked or been cancelled), so that
    /// awaiting the handle returns at once.
    ///
    /// ```
    /// use anext::exec::LocalExecutor;
    ///
    /// let ex = LocalExecutor::new();
    /// let task = ex.spawn(async {});
    /// assert!(!task.is_finished());
    /// ex.run_until_stalled();
    /// assert!(task.is_finished());
    /// ```
    pub fn is_finished(&self) -> bool {
        self.header().state.load(Ordering::Acquire) & COMPLETE != 0
    }

    /// How many times the task's future has been polled.
    ///
    /// ```
    /// use anext::exec::LocalExecutor;
    ///
    /// let ex = LocalExecutor::new();
    /// let task = ex.spawn(anext::yield_now());
    /// ex.run_until_stalled();
    /// assert_eq!(task.poll_count(), 2);
    /// ```
    pub fn poll_count(&self) -> usize {
        self.header().polls.load(Ordering::Relaxed)
    }

    /// How many times the task's waker has been woken (including wakes that found the task
    /// already queued, and wakes after it finished).
    ///
    /// ```
    /// use anext::exec::LocalExecutor;
    ///
    /// let ex = LocalExecutor::new();
    /// let task = ex.spawn(anext::yield_now());
    /// ex.run_until_stalled();
    /// assert_eq!(task.wake_count(), 1);
    /// ```
    pub fn wake_count(&self) -> usize {
        self.header().wakes.load(Ordering::Relaxed)
    }

    /// The task's id, unique within its executor (the main future of `run` has none).
    ///
    /// ```
    /// use anext::exec::LocalExecutor;
    ///
    /// let ex = LocalExecutor::new();
    /// let a = ex.spawn(async {});
    /// let b = ex.spawn(async {});
    /// assert_ne!(a.id(), b.id());
    /// ```
    pub fn id(&self) -> u64 {
        self.header().id
    }
}

impl<T> JoinHandle<T> {
    /// Leaves `cx`'s waker for the completer, unless the task is COMPLETE (returns `true`).
    fn register(&self, cx: &Context<'_>) -> bool {
        let header = self.header();
        let mut state = header.state.load(Ordering::Acquire);
        if state & COMPLETE != 0 {
            return true;
        }
        // Off the ready path: only a handle about to wait checks who is waiting.
        if task::task_of(cx.waker()) == Some(self.header) {
            self_join();
        }
        if state & JOIN_WAKER != 0 {
            // SAFETY: JOIN_WAKER is set and COMPLETE clear: the slot holds our waker and the
            // completer reads it only after COMPLETE; reading (not writing) it is shared.
            let stored = unsafe { &*header.join_waker.get() };
            if stored
                .as_ref()
                .is_some_and(|w| w.will_wake(cx.waker()) || main_waker::same_main(w, cx.waker()))
            {
                return false;
            }
            // Take the slot back to replace the waker.
            match header
                .state
                .fetch_update(Ordering::AcqRel, Ordering::Acquire, |s| {
                    (s & COMPLETE == 0).then_some(s & !JOIN_WAKER)
                }) {
                Ok(old) => state = old & !JOIN_WAKER,
                Err(_) => return true, // completed meanwhile
            }
        }
        debug_assert_eq!(state & JOIN_WAKER, 0);
        // The main future of this task's own executor leaves an uncounted waker: the block
        // holds a count of that executor's `Shared` for as long as the slot exists.
        let waker = if main_waker::shared_ptr_of(cx.waker()) == Some(header.shared) {
            header.info.set_join_waiter_main(header.shared);
            // SAFETY: woken only from this slot, which lives in a block that keeps
            // `header.shared` alive (see `main_waker::uncounted`).
            unsafe { main_waker::uncounted(header.shared) }
        } else {
            header.info.set_join_waiter(cx.waker());
            cx.waker().clone()
        };
        // SAFETY: JOIN_WAKER is clear, so the completer will not touch the slot, and only
        // this handle (`&mut self` of `poll`) writes it.
        unsafe { *header.join_waker.get() = Some(waker) };
        // Hand the slot over; if COMPLETE was published first, the completer did not wake
        // anyone and the output is ready now.
        header
            .state
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |s| {
                (s & COMPLETE == 0).then_some(s | JOIN_WAKER)
            })
            .is_err()
    }
}

impl<T> Future for JoinHandle<T> {
    type Output = Result<T, JoinError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        assert!(!self.taken, "JoinHandle polled after it returned Ready");
        if !self.register(cx) {
            return Poll::Pending;
        }
        let mut output = MaybeUninit::<Result<T, JoinError>>::uninit();
        // SAFETY: COMPLETE is set and the HANDLE flag is still ours, so the result is ours
        // (the module docs of `task` say who owns it); the slot has the task's output type.
        unsafe { TaskRef::take_output(self.header, output.as_mut_ptr().cast()) };
        self.taken = true;
        // SAFETY: `take_output` wrote the slot.
        Poll::Ready(unsafe { output.assume_init() })
    }
}

/// A task that awaits its own handle waits for itself: fail loudly instead of hanging.
#[cold]
#[track_caller]
fn self_join() -> ! {
    panic!(
        "JoinHandle: a task awaited its own JoinHandle; it can never finish while it waits for \
         itself (deadlock)"
    )
}

impl<T> Drop for JoinHandle<T> {
    fn drop(&mut self) {
        // Before COMPLETE, the handle also takes back the join-waker slot (clearing
        // JOIN_WAKER, so the completer will not read it) and drops the waker it left there.
        // Otherwise a waker that holds a reference of this very task (a task that awaited its
        // own handle through a waker the check in `poll` cannot recognise, and was then
        // cancelled) would keep the block alive forever: a leak (issue 9, defect 7a). After
        // COMPLETE the completer may be reading the slot, so it stays until the block is
        // freed.
        // Clearing JOIN_WAKER after COMPLETE is harmless: the completer decided from the
        // state its own COMPLETE transition returned, and nobody else reads the bit.
        let old = self
            .header()
            .state
            .fetch_and(!(HANDLE | JOIN_WAKER), Ordering::AcqRel);
        if old & COMPLETE != 0 && !self.taken {
            // SAFETY: COMPLETE was set while HANDLE was ours: the result is ours to drop.
            unsafe { TaskRef::drop_stage(self.header) };
        }
        if old & (COMPLETE | JOIN_WAKER) == JOIN_WAKER {
            // SAFETY: JOIN_WAKER was set and COMPLETE clear when we cleared JOIN_WAKER, so the
            // slot is ours; the handle's reference is released there, once.
            unsafe { release_with_join_waker(self.header) };
        } else {
            // SAFETY: the handle's reference, released once.
            unsafe { TaskRef::release(self.header) };
        }
    }
}

/// Drops the waker a handle left in the join-waker slot, and the handle's reference.
/// Out of line: a handle is usually dropped after it was awaited to the end.
///
/// # Safety
///
/// The caller cleared JOIN_WAKER while COMPLETE was clear (so the completer will never
/// touch the slot, and only the handle writes it), and owns the handle's reference.
#[cold]
#[inline(never)]
unsafe fn release_with_join_waker(header: *const Header) {
    // SAFETY: the caller's contract: the slot is ours, the header alive (our reference).
    let waker = unsafe { (*(*header).join_waker.get()).take() };
    // SAFETY: the handle's reference, released once.
    unsafe { TaskRef::release(header) };
    // Last: the waker's destructor is foreign code that may panic, and it may release the
    // last reference of another task (or, through a cycle, of this one: the handle's
    // reference is already gone, and the block does not own this waker any more).
    drop(waker);
}

impl<T> fmt::Debug for JoinHandle<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JoinHandle")
            .field("id", &self.id())
            .field("finished", &self.is_finished())
            .finish()
    }
}
