//! [`TaskList`]: the executor's intrusive list of live tasks, and spawning into it. Shared
//! (through an `Rc`) by the [`LocalExecutor`](super::LocalExecutor) and its
//! [`Spawner`](super::Spawner)s, all on the executor's thread.

use core::cell::Cell;
use core::future::Future;
use core::ptr;
use std::sync::Arc;

use super::join::JoinHandle;
use super::shared::Shared;
use super::task::{self, Header, TaskRef};
use super::task_info::TaskInfo;

/// Every task from spawn until it is COMPLETE, each holding one reference for the list. The
/// list is how dropping the executor finds every unfinished task, queued or not, exactly once.
pub(super) struct TaskList {
    head: Cell<*const Header>,
    live: Cell<usize>,
    next_id: Cell<u64>,
    /// Where the executor's drop is; read by every spawn (a plain `Cell`: the list lives on
    /// the executor's thread, where the drop runs too).
    phase: Cell<Phase>,
}

/// [`TaskList::phase`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// The executor runs.
    Open,
    /// The executor's drop has begun: a task spawned now (by a destructor) is not queued; the
    /// drop's cancel loop finds it on the list.
    Closing,
    /// The executor's drop has cancelled every task: spawning panics.
    Dropped,
}

impl TaskList {
    pub(super) fn new() -> Self {
        TaskList {
            head: Cell::new(ptr::null()),
            live: Cell::new(0),
            next_id: Cell::new(1),
            phase: Cell::new(Phase::Open),
        }
    }

    /// The most recently spawned live task, or null.
    pub(super) fn head(&self) -> *const Header {
        self.head.get()
    }

    /// Number of live tasks.
    pub(super) fn len(&self) -> usize {
        self.live.get()
    }

    /// The executor's drop has begun (see [`Phase::Closing`]).
    pub(super) fn set_closing(&self) {
        self.phase.set(Phase::Closing);
    }

    pub(super) fn set_dropped(&self) {
        self.phase.set(Phase::Dropped);
    }

    /// Spawns `future` as a task of the executor behind `shared` (whose list this is).
    ///
    /// # Panics
    ///
    /// If the executor has been dropped (a `Spawner` outlived it).
    #[track_caller]
    pub(super) fn spawn<F>(
        &self,
        shared: &Arc<Shared>,
        future: F,
        info: TaskInfo,
    ) -> JoinHandle<F::Output>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        let phase = self.phase.get();
        assert!(
            phase != Phase::Dropped,
            "anext: spawn on a LocalExecutor that has been dropped (a Spawner outlived it)"
        );
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        // SAFETY: `F: 'static`, and the task is polled and dropped only by this executor,
        // which is `!Send` (as is this list, behind an `Rc`), so on the thread that created
        // the future.
        let header = unsafe { task::allocate(future, shared, id, info) };
        self.link(header);
        if phase == Phase::Open {
            // SAFETY: the queue's reference; the task is new, so not queued. This thread is
            // the executor's: no notify needed.
            let _not_parked = unsafe { shared.queue.push(header.cast()) };
        } else {
            // Spawned by a destructor while the executor's drop cancels its tasks: the queue
            // was drained already; the drop's loop finds the task on the list and cancels it.
            // SAFETY: the queue's reference (one of the three `allocate` made), never pushed;
            // the list's keeps the task alive.
            unsafe { TaskRef::release(header) };
        }
        // SAFETY: the handle's reference; the output type is `F::Output`.
        unsafe { JoinHandle::from_raw(header) }
    }

    pub(super) fn link(&self, task: *const Header) {
        let head = self.head.get();
        // SAFETY: list links are touched only on the executor's thread; `task` and `head`
        // are alive (the list holds a reference of each).
        unsafe {
            *(*task).list_next.get() = head;
            if !head.is_null() {
                *(*head).list_prev.get() = task;
            }
        }
        self.head.set(task);
        self.live.set(self.live.get() + 1);
    }

    pub(super) fn unlink(&self, task: *const Header) {
        // SAFETY: as in `link`; `task` is in the list.
        unsafe {
            let prev = *(*task).list_prev.get();
            let next = *(*task).list_next.get();
            if prev.is_null() {
                self.head.set(next);
            } else {
                *(*prev).list_next.get() = next;
            }
            if !next.is_null() {
                *(*next).list_prev.get() = prev;
            }
            *(*task).list_prev.get() = ptr::null();
            *(*task).list_next.get() = ptr::null();
        }
        self.live.set(self.live.get() - 1);
    }
}
