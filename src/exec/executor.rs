#![doc = include_str!("../../docs/internals/executor.md")]

use core::cell::{Cell, RefCell};
use core::fmt;
use core::future::{Future, IntoFuture};
use core::marker::PhantomData;
use core::mem;
use core::panic::Location;
use core::pin::pin;
use core::sync::atomic::Ordering;
use core::task::{Context, Poll};
use core::time::Duration;
use std::format;
use std::rc::Rc;
use std::string::String;
use std::sync::Arc;
use std::time::Instant;
use std::vec::Vec;

use super::builder::Builder;
use super::join::JoinHandle;
use super::main_waker;
use super::queue::Pop;
use super::running;
pub(super) use super::shared::Shared;
use super::spawner::Spawner;
use super::task::{
    CLOSED, COMPLETE, HANDLE, Header, JOIN_WAKER, PollResult, REF_MASK, REF_ONE, RUNNING,
    SCHEDULED, TaskRef,
};
use super::task_info::TaskInfo;
use super::task_list::TaskList;

/// How many task polls may pass between two checks of the timers while tasks keep the run
/// queue busy.
const TIMER_CHECK_INTERVAL: u32 = 61;

/// What one [`LocalExecutor::step`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// No task was ready (due timers were fired first; time was not advanced).
    Idle,
    /// One task was polled (or, if it had been aborted, dropped).
    Polled {
        /// The task's id, as [`JoinHandle::id`] reports it.
        task: u64,
        /// What came of it.
        outcome: Outcome,
    },
}

/// The result of polling one task, reported by [`Step::Polled`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The task returned `Pending` and is idle until woken.
    Pending,
    /// The task returned `Pending` after waking itself: it went to the back of the queue.
    Requeued,
    /// The task finished with an output.
    Completed,
    /// The task panicked (its `JoinHandle` gives `JoinError::Panicked`).
    Panicked,
    /// The task had been aborted: its future was dropped without being polled.
    Cancelled,
}

/// A single-threaded executor: spawn tasks, then drive them with [`run`](Self::run),
/// [`run_until_stalled`](Self::run_until_stalled) or [`step`](Self::step).
///
/// - Tasks run in FIFO order (or a seeded random order, [`with_seed`](Self::with_seed)); a
///   task that wakes itself goes behind every task already ready.
/// - Wakers are `Send + Sync`: waking from another thread while the executor is parked
///   unparks it. A waker that outlives the executor does nothing when woken.
/// - A panicking task ends with `JoinError::Panicked`; the other tasks keep running.
/// - Timers (`anext::time`) are driven by the executor's park, on a real or
///   [virtual](Self::with_virtual_clock) clock.
/// - Dropping the executor drops every unfinished task's future exactly once (on this
///   thread); their `JoinHandle`s then give `JoinError::Cancelled`, or
///   `JoinError::Panicked` if that future's destructor panicked (see [`Drop`](#impl-Drop-for-LocalExecutor)).
///
/// # Example
///
/// ```
/// use anext::exec::LocalExecutor;
/// use std::rc::Rc;
///
/// let ex = LocalExecutor::new();
/// let shared = Rc::new(5); // !Send: needs spawn_local
/// let local = ex.spawn_local({
///     let shared = Rc::clone(&shared);
///     async move { *shared * 2 }
/// });
/// let sent = ex.spawn(async { 1 });
/// let total = ex.run(async { local.await.unwrap() + sent.await.unwrap() });
/// assert_eq!(total, 11);
/// ```
pub struct LocalExecutor {
    /// This executor's entry in the registry of `running.rs`; removed (first field, first
    /// dropped after `Drop::drop`) before `shared` is released.
    _registered: running::Registered,
    pub(super) shared: Arc<Shared>,
    /// Intrusive doubly-linked list of live tasks (each holds one reference for the list),
    /// shared with the executor's `Spawner`s.
    pub(super) tasks: Rc<TaskList>,
    /// Task polls so far (the deadlock report's clock for "last ran").
    pub(super) polls_total: Cell<u64>,
    /// [`Builder::timeout`]: the real-time limit of each `run`.
    timeout: Option<Duration>,
    /// While `run` runs with a timeout: when it expires.
    run_deadline: Cell<Option<Instant>>,
    /// xorshift state when seeded.
    rng: Cell<Option<u64>>,
    /// Seeded mode only: ready tasks drained from the queue, picked at random.
    ready: RefCell<Vec<*const Header>>,
    running: Cell<bool>,
    polls_since_timers: Cell<u32>,
    _not_send: PhantomData<*const ()>,
}

impl Default for LocalExecutor {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for LocalExecutor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LocalExecutor")
            .field("tasks", &self.tasks.len())
            .field("virtual_clock", &self.shared.clock.is_virtual)
            .field("seeded", &self.rng.get().is_some())
            .finish()
    }
}

impl LocalExecutor {
    /// The executor a [`Builder`] describes.
    pub(super) fn from_builder(
        seed: Option<u64>,
        virtual_clock: bool,
        timeout: Option<Duration>,
    ) -> Self {
        let shared = Arc::new(Shared::new(virtual_clock));
        LocalExecutor {
            _registered: running::register(&shared),
            shared,
            tasks: Rc::new(TaskList::new()),
            polls_total: Cell::new(0),
            timeout,
            run_deadline: Cell::new(None),
            // xorshift's state 0 is a fixed point (it would always pick the first ready
            // task), so no seed may map to it.
            rng: Cell::new(seed.map(|seed| (seed ^ 0x9E37_79B9_7F4A_7C15).max(1))),
            ready: RefCell::new(Vec::new()),
            running: Cell::new(false),
            polls_since_timers: Cell::new(0),
            _not_send: PhantomData,
        }
    }

    /// A new executor on the real clock, running ready tasks in FIFO order.
    ///
    /// ```
    /// let ex = anext::exec::LocalExecutor::new();
    /// assert_eq!(ex.run(async { 7 }), 7);
    /// ```
    pub fn new() -> Self {
        Builder::default().build()
    }

    /// An executor that picks the next task among all ready ones at random, from a
    /// xorshift generator seeded with `seed`: run a test under many seeds to shake out
    /// ordering bugs, and replay a failure from its seed (same seed, same order).
    ///
    /// ```
    /// use anext::exec::LocalExecutor;
    /// use std::{cell::RefCell, rc::Rc};
    ///
    /// let order = |seed| {
    ///     let ex = LocalExecutor::with_seed(seed);
    ///     let log = Rc::new(RefCell::new(Vec::new()));
    ///     for i in 0..5 {
    ///         let log = Rc::clone(&log);
    ///         ex.spawn_local(async move { log.borrow_mut().push(i) }).detach();
    ///     }
    ///     ex.run_until_stalled();
    ///     Rc::try_unwrap(log).unwrap().into_inner()
    /// };
    /// assert_eq!(order(42), order(42));
    /// ```
    pub fn with_seed(seed: u64) -> Self {
        Builder::default().seed(seed).build()
    }

    /// An executor on a virtual clock that starts at zero and moves only when the executor
    /// advances it: by default, as soon as no task is ready and a timer is pending, time
    /// jumps to the earliest deadline (so an hour-long sleep ends at once). Turn that off
    /// with [`set_auto_advance`](Self::set_auto_advance) and move time by hand with
    /// [`advance`](Self::advance) or [`anext::time::advance`](crate::time::advance).
    ///
    /// ```
    /// use anext::exec::LocalExecutor;
    /// use std::time::Duration;
    ///
    /// let ex = LocalExecutor::with_virtual_clock();
    /// ex.run(anext::time::sleep(Duration::from_secs(3600)));
    /// assert_eq!(ex.elapsed(), Duration::from_secs(3600));
    /// ```
    pub fn with_virtual_clock() -> Self {
        Builder::default().virtual_clock().build()
    }

    /// The options builder.
    ///
    /// ```
    /// let ex = anext::exec::LocalExecutor::builder().seed(1).build();
    /// assert_eq!(ex.run(async { 1 }), 1);
    /// ```
    pub fn builder() -> Builder {
        Builder::default()
    }

    /// The same as [`spawn_local`](Self::spawn_local), under the name multi-threaded
    /// runtimes use.
    ///
    /// There is no `Send` bound: the executor is single-threaded, so a task's future is
    /// polled and dropped on this thread only and never needs to cross threads (its waker is
    /// `Send + Sync` regardless). An earlier version required `Send` here, which rejected
    /// `Rc` and `RefCell` captures for no benefit; `spawn_local` is the spelling this crate
    /// uses in its docs.
    ///
    /// ```
    /// let ex = anext::exec::LocalExecutor::new();
    /// let rc = std::rc::Rc::new("done"); // not Send: fine here
    /// let task = ex.spawn(async move { *rc });
    /// assert_eq!(ex.run(task).unwrap(), "done");
    /// ```
    #[track_caller]
    pub fn spawn<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        self.spawn_local(future)
    }

    /// A cheap handle that spawns onto this executor: `'static`, `Clone` and `!Send`, so
    /// tasks capture it to spawn more tasks (a `&LocalExecutor` cannot be moved into a
    /// `'static` task).
    ///
    /// ```
    /// let ex = anext::exec::LocalExecutor::new();
    /// let spawner = ex.handle();
    /// let outer = ex.spawn_local(async move {
    ///     let inner = spawner.spawn_local(async { 20 });
    ///     inner.await.unwrap() + 1
    /// });
    /// assert_eq!(ex.run(outer).unwrap(), 21);
    /// ```
    pub fn handle(&self) -> Spawner {
        Spawner::new(Rc::clone(&self.tasks), Arc::clone(&self.shared))
    }

    /// Spawns a future that need not be `Send` (it holds an `Rc`, a `RefCell` borrow...).
    /// Its waker is still `Send + Sync`: waking it from another thread only queues it, and
    /// it is polled and dropped on this executor's thread only.
    ///
    /// ```
    /// use std::rc::Rc;
    ///
    /// let ex = anext::exec::LocalExecutor::new();
    /// let rc = Rc::new(3);
    /// let task = ex.spawn_local(async move { *rc });
    /// assert_eq!(ex.run(task).unwrap(), 3);
    /// ```
    #[track_caller]
    pub fn spawn_local<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        self.spawn_with_info(future, TaskInfo::new(None, Location::caller()))
    }

    /// Spawns like [`spawn_local`](Self::spawn_local), with a name that the deadlock and
    /// timeout reports show next to the task's id and spawn location.
    ///
    /// ```
    /// let ex = anext::exec::LocalExecutor::new();
    /// let task = ex.spawn_named("answer", async { 42 });
    /// assert_eq!(ex.run(task).unwrap(), 42);
    /// ```
    #[track_caller]
    pub fn spawn_named<F>(&self, name: impl Into<String>, future: F) -> JoinHandle<F::Output>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        let name = name.into().into_boxed_str();
        self.spawn_with_info(future, TaskInfo::new(Some(name), Location::caller()))
    }

    #[track_caller]
    fn spawn_with_info<F>(&self, future: F, info: TaskInfo) -> JoinHandle<F::Output>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        self.tasks.spawn(&self.shared, future, info)
    }

    /// Number of tasks spawned and not yet finished.
    ///
    /// ```
    /// let ex = anext::exec::LocalExecutor::new();
    /// ex.spawn(async {}).detach();
    /// assert_eq!(ex.task_count(), 1);
    /// ex.run_until_stalled();
    /// assert_eq!(ex.task_count(), 0);
    /// ```
    pub fn task_count(&self) -> usize {
        self.tasks.len()
    }

    /// Number of timers registered with this executor (armed, or fired and not yet
    /// collected by their sleep).
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let ex = anext::exec::LocalExecutor::with_virtual_clock();
    /// ex.spawn(anext::time::sleep(Duration::from_secs(1))).detach();
    /// ex.run_until_stalled();
    /// assert_eq!(ex.timer_count(), 1);
    /// ```
    pub fn timer_count(&self) -> usize {
        self.shared.lock_timers().len()
    }

    /// The number of timer slots ever allocated: a high-water mark of timer memory.
    #[doc(hidden)]
    pub fn timer_slots(&self) -> usize {
        self.shared.lock_timers().slots()
    }

    /// The executor's current time: the real `Instant::now()`, or the virtual clock.
    ///
    /// ```
    /// let ex = anext::exec::LocalExecutor::with_virtual_clock();
    /// let start = ex.now();
    /// ex.advance(std::time::Duration::from_secs(5));
    /// assert_eq!(ex.now() - start, std::time::Duration::from_secs(5));
    /// ```
    pub fn now(&self) -> Instant {
        self.shared.clock.now_instant()
    }

    /// Time since the executor was created (real or virtual).
    ///
    /// ```
    /// let ex = anext::exec::LocalExecutor::with_virtual_clock();
    /// assert_eq!(ex.elapsed(), std::time::Duration::ZERO);
    /// ```
    pub fn elapsed(&self) -> Duration {
        Duration::from_nanos(self.shared.clock.now())
    }

    /// Advances the virtual clock by `by` and fires the timers that became due (their
    /// tasks are queued; nothing is polled here).
    ///
    /// # Panics
    ///
    /// Panics on an executor with the real clock.
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let ex = anext::exec::LocalExecutor::with_virtual_clock();
    /// ex.set_auto_advance(false);
    /// let task = ex.spawn(anext::time::sleep(Duration::from_secs(10)));
    /// ex.run_until_stalled();
    /// assert!(!task.is_finished());
    /// ex.advance(Duration::from_secs(10));
    /// ex.run_until_stalled();
    /// assert!(task.is_finished());
    /// ```
    pub fn advance(&self, by: Duration) {
        assert!(
            self.shared.clock.is_virtual,
            "LocalExecutor::advance needs an executor built with a virtual clock"
        );
        self.shared.advance_by(by);
    }

    /// Turns the virtual clock's auto-advance on or off (it starts on). Off, time moves only
    /// through [`advance`](Self::advance), so a test can look at the state between two
    /// instants. Has no effect on the real clock.
    ///
    /// ```
    /// let ex = anext::exec::LocalExecutor::with_virtual_clock();
    /// ex.set_auto_advance(false);
    /// ```
    pub fn set_auto_advance(&self, on: bool) {
        self.shared.set_auto_advance(on);
    }

    /// Runs `future` to completion on this thread, driving every spawned task meanwhile,
    /// and returns its output. Tasks still unfinished when it returns stay spawned.
    ///
    /// The future may borrow local data (it is not spawned; it is polled in place, like
    /// [`block_on`](crate::block_on)), and it may use `anext::time`.
    ///
    /// # Panics
    ///
    /// Propagates a panic of `future` (not of spawned tasks: those end in `JoinError`).
    /// Panics if called from inside a task of the same executor (`run` does not nest).
    /// Panics with a report containing "deadlock" instead of parking forever when nothing
    /// can wake the main future or any task: no task is ready, no timer is armed, and no
    /// waker of theirs is held outside the executor (`core::future::pending()`, tasks
    /// awaiting each other's `JoinHandle`s). The report lists every live task with its id,
    /// name ([`spawn_named`](Self::spawn_named)), spawn location, poll and wake counts, when
    /// it last ran, and whose `JoinHandle` it and the main future await. The exact rule,
    /// and what it cannot see (a cycle through a channel), is in the docs of the `deadlock`
    /// module: `src/exec/deadlock.rs`.
    ///
    /// ```should_panic
    /// let ex = anext::exec::LocalExecutor::new();
    /// let stuck = ex.spawn_named("stuck", core::future::pending::<()>());
    /// ex.run(stuck); // panics: "anext: deadlock: ... awaits the JoinHandle of task 1 ..."
    /// ```
    ///
    /// ```
    /// let ex = anext::exec::LocalExecutor::new();
    /// let data = vec![1, 2, 3];
    /// let sum = ex.run(async { data.iter().sum::<i32>() });
    /// assert_eq!(sum, 6);
    /// ```
    // `#[track_caller]` (down to `idle`): a deadlock or timeout panic points at the caller
    // of `run` (for `#[anext::test]`, the test), not at this file.
    #[track_caller]
    pub fn run<F: IntoFuture>(&self, future: F) -> F::Output {
        let _running = self.enter();
        if let Some(limit) = self.timeout {
            self.run_deadline.set(Instant::now().checked_add(limit));
        }
        let mut future = pin!(future.into_future());
        let waker = main_waker::borrowed(&self.shared);
        let mut cx = Context::from_waker(&waker);
        let shared = &*self.shared;
        shared.main_woken.store(true, Ordering::Relaxed);
        loop {
            if shared.main_woken.swap(false, Ordering::Acquire) {
                if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
                    return output;
                }
                // Counted like a task poll, so that a main future waking itself forever
                // still lets timers (and the timeout) be checked.
                self.polls_since_timers
                    .set(self.polls_since_timers.get() + 1);
            }
            let mut ran_any = false;
            while let Some(task) = self.next_task() {
                self.run_task(task);
                ran_any = true;
                if shared.main_woken.load(Ordering::Relaxed) {
                    break;
                }
            }
            if ran_any || shared.main_woken.load(Ordering::Acquire) {
                continue;
            }
            self.idle();
        }
    }

    /// Polls ready tasks until none is ready, including tasks that keep waking themselves
    /// (so a task that wakes itself forever makes this loop forever), and fires the timers
    /// already due. Does not park, and does not advance a virtual clock.
    ///
    /// Returns the number of task polls.
    ///
    /// ```
    /// let ex = anext::exec::LocalExecutor::new();
    /// let task = ex.spawn(async { anext::yield_now().await; 1 });
    /// assert_eq!(ex.run_until_stalled(), 2);
    /// assert!(task.is_finished());
    /// ```
    pub fn run_until_stalled(&self) -> usize {
        let _running = self.enter();
        let mut polls = 0;
        loop {
            while let Some(task) = self.next_task() {
                self.run_task(task);
                polls += 1;
            }
            if self.fire_timers() == 0 {
                return polls;
            }
        }
    }

    /// Fires the due timers, then polls at most one ready task and says what happened.
    /// Never parks and never advances a virtual clock: a test can walk the executor one
    /// poll at a time.
    ///
    /// ```
    /// use anext::exec::{LocalExecutor, Outcome, Step};
    ///
    /// let ex = LocalExecutor::new();
    /// let task = ex.spawn(anext::yield_now());
    /// let id = task.id();
    /// assert_eq!(ex.step(), Step::Polled { task: id, outcome: Outcome::Requeued });
    /// assert_eq!(ex.step(), Step::Polled { task: id, outcome: Outcome::Completed });
    /// assert_eq!(ex.step(), Step::Idle);
    /// ```
    pub fn step(&self) -> Step {
        let _running = self.enter();
        self.fire_timers();
        match self.next_task() {
            None => Step::Idle,
            Some(task) => {
                // SAFETY: the queue's reference keeps the task alive.
                let id = unsafe { (*task).id };
                Step::Polled {
                    task: id,
                    outcome: self.run_task(task),
                }
            }
        }
    }

    /// Polls at most one ready task; returns whether it did ([`step`](Self::step) in short).
    ///
    /// ```
    /// let ex = anext::exec::LocalExecutor::new();
    /// ex.spawn(async {}).detach();
    /// assert!(ex.try_tick());
    /// assert!(!ex.try_tick());
    /// ```
    pub fn try_tick(&self) -> bool {
        self.step() != Step::Idle
    }

    #[inline]
    fn enter(&self) -> RunningGuard<'_> {
        assert!(
            !self.running.replace(true),
            "LocalExecutor: run, run_until_stalled and step do not nest (called from inside \
             a task or the main future of the same executor)"
        );
        RunningGuard {
            executor: self,
            _driving: running::drive(&self.shared),
        }
    }

    /// Nothing ready: fire due timers, else advance the virtual clock or park.
    #[track_caller]
    fn idle(&self) {
        self.check_timeout();
        let shared = &*self.shared;
        if shared.clock.is_virtual {
            if shared.clock.auto_advance.load(Ordering::Acquire) {
                if shared.advance_to_next_deadline() {
                    return;
                }
            } else if self.fire_timers() > 0 {
                return;
            }
        } else if self.fire_timers() > 0 {
            return;
        }
        if let Some(report) = self.find_deadlock() {
            panic!("{report}");
        }
        shared.park_idle(self.run_deadline.get());
        self.check_timeout();
    }

    /// Panics with the report if `run`'s [timeout](Builder::timeout) has expired.
    #[track_caller]
    fn check_timeout(&self) {
        if let Some(deadline) = self.run_deadline.get()
            && Instant::now() >= deadline
        {
            self.run_deadline.set(None);
            let limit = self.timeout.unwrap_or_default();
            panic!(
                "{}",
                self.report(&format!(
                    "anext: timed out: LocalExecutor::run did not finish within {limit:?} of \
                     real time (Builder::timeout, #[anext::test(timeout = \"...\")])"
                ))
            );
        }
    }

    fn fire_timers(&self) -> usize {
        self.check_timeout();
        self.polls_since_timers.set(0);
        self.shared.fire_due(self.shared.clock.now())
    }

    fn next_random(&self, mut x: u64, bound: usize) -> usize {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.rng.set(Some(x));
        (x % bound as u64) as usize
    }

    /// Pops the next task to poll (owning the queue's reference).
    ///
    /// Inlined, with the timer check, the seeded pick and a retry out of line: the common
    /// call is one pop of a FIFO executor, and as one function with the rest it paid for
    /// saving and restoring six registers (16 of its 51 instructions per spawn + join,
    /// callgrind).
    #[inline]
    fn next_task(&self) -> Option<*const Header> {
        if self.polls_since_timers.get() >= TIMER_CHECK_INTERVAL || self.rng.get().is_some() {
            return self.next_task_slow();
        }
        // SAFETY: only the executor's thread pops (`LocalExecutor` is `!Send + !Sync`), and
        // it never has the queue marked parked here.
        match unsafe { self.shared.queue.pop() } {
            Pop::Node(link) => Some(link.cast()),
            Pop::Empty => None,
            Pop::Inconsistent => self.pop(),
        }
    }

    /// [`next_task`](Self::next_task) when the timers are due for a check or the executor is
    /// seeded.
    #[inline(never)]
    fn next_task_slow(&self) -> Option<*const Header> {
        if self.polls_since_timers.get() >= TIMER_CHECK_INTERVAL {
            self.fire_timers();
        }
        let Some(state) = self.rng.get() else {
            return self.pop();
        };
        let mut ready = self.ready.borrow_mut();
        while let Some(task) = self.pop() {
            ready.push(task);
        }
        if ready.is_empty() {
            return None;
        }
        let pick = self.next_random(state, ready.len());
        Some(ready.swap_remove(pick))
    }

    #[inline(never)]
    fn pop(&self) -> Option<*const Header> {
        loop {
            // SAFETY: only the executor's thread pops (`LocalExecutor` is `!Send + !Sync`).
            match unsafe { self.shared.queue.pop() } {
                Pop::Node(link) => return Some(link.cast()),
                Pop::Empty => return None,
                // Another thread is between the two steps of its push.
                Pop::Inconsistent => crate::loom::yield_now(),
            }
        }
    }

    /// Polls one popped task (transitions 2 to 5 and 7), consuming the queue's reference.
    fn run_task(&self, task: *const Header) -> Outcome {
        self.polls_since_timers
            .set(self.polls_since_timers.get() + 1);
        // The queue's reference, released when this guard drops (also if a join waker
        // panics inside `complete`), unless `after_pending` pushes the task back.
        let queue_reference = TaskReference(task);
        // SAFETY: the queue's reference keeps the task alive while `queue_reference` lives.
        let header = unsafe { &*task };
        // (2): SCHEDULED -> RUNNING. A queued task always has SCHEDULED set and RUNNING
        // clear (SCHEDULED is set before every push, and only this thread sets RUNNING, after
        // the pop), so adding `RUNNING - SCHEDULED` flips exactly those two bits: one `lock
        // xadd` where a compare-exchange loop needed a retry branch.
        let state = header
            .state
            .fetch_add(RUNNING - SCHEDULED, Ordering::AcqRel);
        debug_assert_eq!(state & (SCHEDULED | RUNNING | COMPLETE), SCHEDULED);
        if state & CLOSED != 0 {
            // (7): aborted while queued.
            // SAFETY: on the executor's thread; RUNNING keeps wakers from queueing it.
            unsafe { TaskRef::cancel(task) };
            self.complete(task);
            return Outcome::Cancelled;
        }
        header
            .polls
            .store(header.polls.load(Ordering::Relaxed) + 1, Ordering::Relaxed);
        let tick = self.polls_total.get() + 1;
        self.polls_total.set(tick);
        header.info.last_ran.store(tick, Ordering::Relaxed);
        // SAFETY: the borrowed waker is used only during this poll, while the queue's
        // reference is held.
        let waker = unsafe { TaskRef::borrowed_waker(task) };
        let mut cx = Context::from_waker(&waker);
        // SAFETY: RUNNING, on the executor's thread, future present (not COMPLETE).
        match unsafe { TaskRef::poll(task, &mut cx) } {
            PollResult::Pending => self.after_pending(queue_reference),
            PollResult::Completed => {
                self.complete(task);
                Outcome::Completed
            }
            PollResult::Panicked => {
                self.complete(task);
                Outcome::Panicked
            }
        }
    }

    /// Transitions 3 and 4, and 7 for a task aborted while it ran.
    fn after_pending(&self, queue_reference: TaskReference) -> Outcome {
        let task = queue_reference.0;
        // SAFETY: the queue's reference keeps the task alive.
        let header = unsafe { &*task };
        // One read-modify-write for (3), (4) and the CLOSED check, which in (3) also
        // releases the queue's reference (a separate `fetch_sub` before): that can never be
        // the last reference, because the list holds one until the task is COMPLETE.
        let old = header
            .state
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |s| {
                if s & CLOSED != 0 {
                    Some(s) // stays RUNNING while cancelled below
                } else if s & SCHEDULED != 0 {
                    Some(s & !RUNNING) // (4): SCHEDULED now means "pushed back below"
                } else {
                    Some((s & !RUNNING) - REF_ONE) // (3)
                }
            })
            .unwrap_or_else(|s| s);
        if old & CLOSED != 0 {
            // SAFETY: on the executor's thread, RUNNING, future present.
            unsafe { TaskRef::cancel(task) };
            self.complete(task);
            return Outcome::Cancelled; // the guard releases the queue's reference
        }
        // Either way the queue's reference is accounted for: kept by the push, or released
        // by the update above.
        mem::forget(queue_reference);
        if old & SCHEDULED != 0 {
            // (4): woken during its poll; the queue keeps its reference.
            // SAFETY: alive (queue's reference), not in the queue (it was popped and is
            // pushed only by this thread here); on the executor's thread, no notify needed.
            let _not_parked = unsafe { self.shared.queue.push(task.cast()) };
            Outcome::Requeued
        } else {
            debug_assert!(old & REF_MASK > REF_ONE, "the list's reference is gone");
            Outcome::Pending // (3)
        }
    }

    /// Publishes COMPLETE (transitions 5 and 7), hands the result over, and takes the task
    /// off the live list. The caller still holds the queue's reference.
    fn complete(&self, task: *const Header) {
        // Off the list first: a join waker that panics below must not leave a COMPLETE task
        // on the list, where the executor's drop would cancel it a second time.
        self.tasks.unlink(task);
        // SAFETY: the caller's reference keeps the task alive.
        let header = unsafe { &*task };
        // The list's reference is released by the same read-modify-write (a separate
        // `fetch_sub` before): it is never the last one, the caller's queue reference is.
        let old = header
            .state
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |s| {
                Some(((s | COMPLETE) & !(RUNNING | SCHEDULED)) - REF_ONE)
            })
            .unwrap_or_else(|s| s);
        debug_assert!(
            old & REF_MASK > REF_ONE,
            "complete without the queue's reference"
        );
        self.hand_over(task, old);
    }

    /// [`complete`](Self::complete) for the executor's drop, which holds the list's reference
    /// only (it released the queue's in step 2): that one is released last, by a guard, so the
    /// block outlives the hand-over, also if a join waker panics.
    fn complete_holding_list_reference(&self, task: *const Header) {
        self.tasks.unlink(task);
        let _list_reference = TaskReference(task);
        // SAFETY: the list's reference keeps the task alive.
        let header = unsafe { &*task };
        let old = header
            .state
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |s| {
                Some((s | COMPLETE) & !(RUNNING | SCHEDULED))
            })
            .unwrap_or_else(|s| s);
        self.hand_over(task, old);
    }

    /// After COMPLETE was published from state `old`: wakes the `JoinHandle`'s waiter, or
    /// drops the result nobody will read. The caller holds a reference of the task.
    fn hand_over(&self, task: *const Header, old: usize) {
        // SAFETY: the caller's reference keeps the task alive.
        let header = unsafe { &*task };
        if old & HANDLE != 0 {
            if old & JOIN_WAKER != 0 {
                // SAFETY: COMPLETE was published while JOIN_WAKER was set: the handle will
                // never write the slot again (its writes need JOIN_WAKER clear and COMPLETE
                // unset), and it may only read it, as we do here.
                if let Some(waker) = unsafe { &*header.join_waker.get() } {
                    waker.wake_by_ref();
                }
            }
        } else {
            // SAFETY: COMPLETE was published with HANDLE clear: nobody else will read the
            // result; this thread drops it.
            unsafe { TaskRef::drop_stage(task) };
        }
    }
}

/// Panic guard: one counted reference of a task (the queue's in `run_task`, the list's in
/// `complete`), released when the guard drops, also while unwinding from a panicking join
/// waker. Its owner gives it up with `mem::forget` when the reference lives on elsewhere.
struct TaskReference(*const Header);

impl Drop for TaskReference {
    fn drop(&mut self) {
        // SAFETY: the guard owns one reference (see the type's docs) and releases it once.
        unsafe { TaskRef::release(self.0) };
    }
}

/// Panic guard of `run`, `run_until_stalled` and `step`: clears the "running" flag however
/// they end, so a panicking main future leaves the executor usable.
struct RunningGuard<'a> {
    executor: &'a LocalExecutor,
    /// Marks the executor as driven, for the registry of `running.rs`.
    _driving: running::Driving<'a>,
}

impl Drop for RunningGuard<'_> {
    fn drop(&mut self) {
        self.executor.running.set(false);
        self.executor.run_deadline.set(None);
    }
}

impl Drop for LocalExecutor {
    /// Drops every unfinished task's future exactly once, queued or not, on this thread.
    ///
    /// - A task's `JoinHandle` then gives `JoinError::Cancelled`; if the future's destructor
    ///   panicked, it gives `JoinError::Panicked` with that payload instead (the panic is
    ///   caught so the other tasks still drop). For a detached task nobody can observe the
    ///   result, so that panic is dropped with it.
    /// - A panic of a waker the executor wakes or drops here (a `JoinHandle`'s waker when its
    ///   task is cancelled, a timer's waker) is caught too; the first one is resumed once every
    ///   task is dropped.
    /// - If this thread is already panicking (the executor is dropped while a failing test
    ///   unwinds), such a panic is discarded instead: resuming it would unwind out of a
    ///   destructor during unwinding, which aborts the process.
    fn drop(&mut self) {
        let shared = &*self.shared;
        // 1. No more spawns, no more timers (they check `closed`).
        shared.closed.store(true, Ordering::SeqCst);
        self.tasks.set_closing();
        // 2. Mark every live task CLOSED (from then on a wake of it does nothing), and count
        //    those that were SCHEDULED: each one is in the seeded ready set, in the queue, or
        //    about to be pushed by a wake on another thread that set SCHEDULED before our
        //    `fetch_or` (the two are read-modify-writes of the task's state word, so one is
        //    ordered first). Then release exactly that many queue references: the ready set's,
        //    then popped ones, waiting for the pushes still under way. This is the whole
        //    hand-off with a concurrent wake: no counter of pushes in flight, no `SeqCst`.
        //    RUNNING keeps the futures for step 4 (and wakers away from the queue).
        let mut scheduled = 0usize;
        let mut task = self.tasks.head();
        while !task.is_null() {
            // SAFETY: the list's reference keeps `task` alive; list links are touched only on
            // this thread.
            let header = unsafe { &*task };
            let old = header.state.fetch_or(CLOSED | RUNNING, Ordering::AcqRel);
            debug_assert_eq!(old & RUNNING, 0, "the executor dropped from inside a task");
            if old & SCHEDULED != 0 {
                scheduled += 1;
            }
            // SAFETY: as above.
            task = unsafe { *header.list_next.get() };
        }
        let ready = core::mem::take(&mut *self.ready.borrow_mut());
        for task in ready {
            scheduled -= 1;
            // SAFETY: the ready set's reference (a queue reference), released once; the
            // list's keeps the task alive.
            unsafe { TaskRef::release(task) };
        }
        while scheduled > 0 {
            // SAFETY: only the executor's thread pops, and the queue is not marked parked.
            match unsafe { shared.queue.pop() } {
                Pop::Node(link) => {
                    scheduled -= 1;
                    // SAFETY: the queue's reference, released once; the list's keeps the
                    // task alive.
                    unsafe { TaskRef::release(link.cast()) };
                }
                // A wake on another thread is between its state change and its push.
                Pop::Empty | Pop::Inconsistent => crate::loom::yield_now(),
            }
        }
        // 3. Break task -> timer -> waker cycles.
        //    A foreign waker's destructor may panic: keep going, re-raise at the end.
        let wakers = shared.lock_timers().clear();
        let mut deferred_panic = std::panic::catch_unwind(core::panic::AssertUnwindSafe(|| {
            drop(wakers);
        }))
        .err();
        // 4. Cancel every live task (7). `cancel` catches a panic of a future's destructor
        //    (it becomes that task's `JoinError::Panicked`), so one bad destructor cannot
        //    stop the others from dropping, and each task leaves the list exactly once.
        loop {
            let task = self.tasks.head();
            if task.is_null() {
                break;
            }
            // SAFETY: the list's reference keeps `task` alive.
            let header = unsafe { &*task };
            // Already done by step 2, except for a task that a destructor spawned meanwhile
            // (`TaskList::spawn` then released the queue's reference itself).
            header.state.fetch_or(CLOSED | RUNNING, Ordering::AcqRel);
            // SAFETY: on the executor's thread, not being polled (RUNNING now keeps wakers
            // away), future present (the list holds only tasks that are not COMPLETE).
            unsafe { TaskRef::cancel(task) };
            // A join waker may panic: finish cancelling every task first, then re-raise.
            if let Err(payload) = std::panic::catch_unwind(core::panic::AssertUnwindSafe(|| {
                self.complete_holding_list_reference(task)
            })) {
                deferred_panic.get_or_insert(payload);
            }
        }
        self.tasks.set_dropped();
        if let Some(payload) = deferred_panic
            && !std::thread::panicking()
        {
            std::panic::resume_unwind(payload);
        }
    }
}
