//! [`Shared`]: the part of a `LocalExecutor` that wakers, timers and sleeps reach from any
//! thread (run queue, parker, timers, clock), and [`shared_of`], how a future finds it
//! through the waker it is polled with.

use core::any::Any;
use core::fmt;
use core::mem::MaybeUninit;
use core::sync::atomic::AtomicU64;
use core::task::Waker;
use core::time::Duration;
use std::boxed::Box;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::Arc;
use std::time::Instant;

use super::clock::{Clock, saturating_nanos};
use super::lock::{SpinGuard, SpinLock};
use super::main_waker;
use super::parker::Parker;
use super::queue::Queue;
use super::task::{self, Header};
use crate::loom::atomic::{AtomicBool, AtomicUsize, Ordering};
use crate::time::timers::{Nanos, Timers};

/// `Shared::parked_until` while the executor is not parked: no deadline is earlier.
const NOT_PARKED: Nanos = 0;
/// `Shared::parked_until` for a park that waits for a wake only: every deadline is earlier.
const NO_DEADLINE: Nanos = Nanos::MAX;

/// The part of the executor that wakers, timers and sleeps reach from any thread.
pub(crate) struct Shared {
    pub(super) queue: Queue,
    /// Set when the executor is dropped: no more timers (`sleep`). (Spawns check the
    /// list's own phase, `TaskList::spawn`.)
    pub(super) closed: AtomicBool,
    parker: Parker,
    /// The main future of `run` was woken.
    pub(super) main_woken: AtomicBool,
    /// The timer deadline the executor's current park waits for: [`NOT_PARKED`] while it
    /// runs, [`NO_DEADLINE`] for a park without one. Written by the executor and read by
    /// whoever arms a timer, both under the timer lock, so a timer armed during a park
    /// either is seen by the executor before it parks or sees the park (see
    /// [`wakes_parked`](Self::wakes_parked)).
    parked_until: AtomicU64,
    /// Live clones of the main future's waker (the one lent to `poll` is not counted): the
    /// deadlock check's count of main wakers that may be held outside the executor.
    pub(super) main_wakers: AtomicUsize,
    /// Non-zero while `run`, `run_until_stalled` or `step` drives the executor: the stamp
    /// `running.rs` uses to find the innermost driven executor of a thread.
    pub(super) driven: AtomicU64,
    timers: SpinLock<Timers>,
    pub(crate) clock: Clock,
}

impl fmt::Debug for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Shared { .. }")
    }
}

impl Shared {
    pub(super) fn new(is_virtual: bool) -> Self {
        Shared {
            queue: Queue::new(),
            closed: AtomicBool::new(false),
            parker: Parker::new(),
            main_woken: AtomicBool::new(false),
            parked_until: AtomicU64::new(NOT_PARKED),
            main_wakers: AtomicUsize::new(0),
            driven: AtomicU64::new(0),
            timers: SpinLock::new(Timers::default()),
            clock: Clock::new(is_virtual),
        }
    }

    #[inline]
    pub(crate) fn lock_timers(&self) -> SpinGuard<'_, Timers> {
        // No user code runs under this lock (wakers are woken and dropped outside it).
        self.timers.lock()
    }

    /// Whether the executor has been dropped (or is being dropped). Read under the timer
    /// lock, it orders against the drop's clearing of the timers, which takes the same lock
    /// after setting the flag.
    pub(crate) fn is_closed(&self) -> bool {
        self.closed.load(Ordering::SeqCst)
    }

    /// Pushes a woken task (transition 1 of `task.rs`), and unparks the executor if it parks
    /// on an empty queue. Any thread.
    ///
    /// Neither a lock nor a check of the executor's drop is needed: the push is the queue's
    /// swap, the unpark happens only for the one push that finds the queue marked parked
    /// (see `Queue::mark_parked`), and the executor's drop waits for every push that a wake
    /// has committed to (it counts the tasks it finds SCHEDULED, see its step 2), so a push
    /// never lands in a queue that nobody will drain.
    ///
    /// # Safety
    ///
    /// `task` is alive, not queued, and the caller hands over one reference for the queue
    /// while still holding another one itself (so the task outlives this call).
    pub(crate) unsafe fn schedule(&self, task: *const Header) {
        // SAFETY: the caller's contract: alive and not queued.
        if unsafe { self.queue.push(task.cast()) } {
            self.notify();
        }
    }

    /// Makes the executor's next (or current) park return.
    pub(crate) fn notify(&self) {
        self.parker.notify();
    }

    /// Whether a timer is armed (the deadlock check: an armed timer will wake someone).
    pub(super) fn has_armed_timer(&self) -> bool {
        self.lock_timers().next_expiration().is_some()
    }

    /// Parks the executor's thread until `notify`, or until the next timer's deadline on the
    /// real clock. A notify that came since the last park makes this return at once.
    ///
    /// On a virtual clock with auto-advance, a timer armed since the caller looked (from
    /// another thread) makes this return at once instead: the caller then advances to it.
    ///
    /// The park also ends at `limit` (real time), if given: `run`'s timeout.
    pub(super) fn park_idle(&self, limit: Option<Instant>) {
        let next = {
            let timers = self.lock_timers();
            let next = if self.clock.is_virtual {
                if self.clock.auto_advance.load(Ordering::Acquire)
                    && timers.next_expiration().is_some()
                {
                    return;
                }
                None
            } else {
                timers.next_expiration()
            };
            // Under the timer lock: a timer armed after this store reads it and notifies if
            // it is due earlier (`wakes_parked`); one armed before is in `next`.
            self.parked_until
                .store(next.unwrap_or(NO_DEADLINE), Ordering::Relaxed);
            next
        };
        let timer = if self.clock.is_virtual {
            None
        } else {
            next.map(|n| self.clock.instant_of(n))
        };
        let until = match (timer, limit) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        // SAFETY: the executor's thread is the queue's consumer; it unmarks before popping.
        if unsafe { self.queue.mark_parked() } {
            self.parker.park(until, || false);
            // SAFETY: as above, after a successful mark.
            unsafe { self.queue.unmark_parked() };
        }
        self.parked_until.store(NOT_PARKED, Ordering::Relaxed);
    }

    /// Called under the timer lock by whoever just armed (or moved) a timer to `deadline`:
    /// whether the executor is parked waiting for a later deadline (or none), so that the
    /// caller must [`notify`](Self::notify) it once the lock is released. Without this, a
    /// timer armed from another thread (or through a clone of the main future's waker)
    /// during a park fired only when something else woke the executor.
    #[inline]
    pub(crate) fn wakes_parked(&self, _timers: &SpinGuard<'_, Timers>, deadline: Nanos) -> bool {
        deadline < self.parked_until.load(Ordering::Relaxed)
    }

    /// Fires every timer due at `now`, waking them outside the lock in batches (one lock per
    /// batch, not per timer). Returns how many fired.
    pub(super) fn fire_due(&self, now: Nanos) -> usize {
        let timers = self.lock_timers();
        if timers.len() == 0 {
            // The periodic check of a busy executor without timers: skip setting up a batch.
            return 0;
        }
        self.fire_due_from(timers, now)
    }

    fn fire_due_from<'a>(&'a self, mut timers: SpinGuard<'a, Timers>, now: Nanos) -> usize {
        let mut fired = 0;
        let mut panic = None;
        loop {
            let mut batch = WakerBatch::new();
            let drained = loop {
                if batch.is_full() {
                    break false;
                }
                match timers.fire_one(now) {
                    Some(Some(waker)) => batch.push(waker),
                    Some(None) => fired += 1,
                    None => break true,
                }
            };
            drop(timers);
            fired += batch.len;
            // By reference: moving the batch would copy 512 bytes.
            batch.wake_all(&mut panic);
            if drained {
                if let Some(payload) = panic {
                    // Every due timer was woken; now report the first waker's panic.
                    resume_unwind(payload);
                }
                return fired;
            }
            timers = self.lock_timers();
        }
    }

    /// Virtual clock: jumps to the earliest deadline and fires what is due then, under one
    /// lock. `false` if no timer is armed.
    pub(super) fn advance_to_next_deadline(&self) -> bool {
        let mut timers = self.lock_timers();
        let Some(next) = timers.next_deadline() else {
            return false;
        };
        let now = self
            .clock
            .virtual_now
            .fetch_max(next, Ordering::AcqRel)
            .max(next);
        self.fire_due_from(timers, now);
        true
    }

    /// Moves the virtual clock forward by `by` (saturating) and fires what is due.
    pub(crate) fn advance_by(&self, by: Duration) {
        let to = self.clock.now().saturating_add(saturating_nanos(by));
        self.clock.virtual_now.fetch_max(to, Ordering::AcqRel);
        self.fire_due(self.clock.now());
    }

    pub(crate) fn set_auto_advance(&self, on: bool) {
        self.clock.auto_advance.store(on, Ordering::Release);
    }
}

/// Up to 32 wakers collected under the timer lock and woken after it, without initializing
/// (or dropping) empty slots: a plain `[Option<Waker>; 32]` cost more than the timers.
struct WakerBatch {
    wakers: [MaybeUninit<Waker>; 32],
    /// Slots `woken..len` are initialized.
    woken: usize,
    len: usize,
}

impl WakerBatch {
    fn new() -> Self {
        WakerBatch {
            wakers: [const { MaybeUninit::uninit() }; 32],
            woken: 0,
            len: 0,
        }
    }

    fn is_full(&self) -> bool {
        self.len == self.wakers.len()
    }

    fn push(&mut self, waker: Waker) {
        self.wakers[self.len].write(waker);
        self.len += 1;
    }

    /// Wakes in firing order (which is what keeps equal deadlines in registration order).
    ///
    /// A foreign waker's `wake` may panic: the others are woken all the same (their timers
    /// have fired, so a waker dropped unwoken would strand its task), and the first panic is
    /// kept in `panic` for the caller to re-raise; a later one's payload is dropped.
    fn wake_all(&mut self, panic: &mut Option<Box<dyn Any + Send>>) {
        while self.woken < self.len {
            let index = self.woken;
            self.woken += 1;
            // SAFETY: slots `woken..len` are initialized (`push`); this one is read once,
            // and `woken` moved past it first, so `Drop` will not read it again.
            let waker = unsafe { self.wakers[index].assume_init_read() };
            if let Err(payload) = catch_unwind(AssertUnwindSafe(|| waker.wake())) {
                if panic.is_none() {
                    *panic = Some(payload);
                } else {
                    // A payload's destructor may panic too.
                    let _ = catch_unwind(AssertUnwindSafe(move || drop(payload)));
                }
            }
        }
    }
}

impl Drop for WakerBatch {
    fn drop(&mut self) {
        for slot in &mut self.wakers[self.woken..self.len] {
            // SAFETY: slots `woken..len` are initialized and not yet read (see `wake_all`).
            unsafe { slot.assume_init_drop() };
        }
    }
}

/// The executor behind `waker`, if it is a waker of a `LocalExecutor`'s task or main future,
/// as a new counted `Arc`.
pub(crate) fn shared_of(waker: &Waker) -> Option<Arc<Shared>> {
    let data: *const Shared = if let Some(header) = task::task_of(waker) {
        // SAFETY: a task waker keeps its header alive, and the header keeps `shared` alive.
        unsafe { (*header).shared }
    } else {
        main_waker::shared_ptr_of(waker)?
    };
    // SAFETY: `data` is an `Arc<Shared>` pointer kept alive by the waker (above); the new
    // count belongs to the returned `Arc`.
    unsafe {
        Arc::increment_strong_count(data);
        Some(Arc::from_raw(data))
    }
}

/// Whether `waker` is a waker of some `LocalExecutor` (a task's or a main future's): its
/// clone runs no user code, and [`shared_of`] finds its executor.
#[inline]
pub(crate) fn is_executor_waker(waker: &Waker) -> bool {
    task::task_of(waker).is_some() || main_waker::is_main(waker)
}

/// The executor a future polled with `waker` runs on: the waker's own executor, or else (a
/// waker wrapped by a combinator) the executor driving this thread, found on the slow path
/// of `running.rs`.
pub(crate) fn executor_of(waker: &Waker) -> Option<Arc<Shared>> {
    if let Some(shared) = shared_of(waker) {
        return Some(shared);
    }
    if super::block_on::is_block_on_waker(waker) {
        return None; // `block_on` (perhaps nested in a task, blocking the executor)
    }
    super::running::current()
}
