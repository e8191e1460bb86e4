//! What the executor remembers about each task for its deadlock report: a name, where it was
//! spawned, when it last ran, and whose waker its `JoinHandle` holds.

use core::panic::Location;
use core::ptr;
use core::sync::atomic::{AtomicPtr, AtomicU64, Ordering};
use core::task::Waker;
use std::boxed::Box;

use super::{main_waker, task};

/// Per-task facts for the deadlock report (`deadlock.rs`). Lives in the task's header.
pub(crate) struct TaskInfo {
    /// Given by `spawn_named`, or `None`.
    pub(crate) name: Option<Box<str>>,
    /// The caller of `spawn_local` (`#[track_caller]`).
    pub(crate) location: &'static Location<'static>,
    /// The executor's poll counter at this task's last poll; 0 if never polled. Written only
    /// on the executor's thread (atomic only because headers are shared with wakers).
    pub(crate) last_ran: AtomicU64,
    /// The data pointer of the waker in this task's join-waker slot when that waker is one
    /// of an executor (a task header or a main future's `Shared`), else null. Written by the
    /// `JoinHandle` next to the slot, before it hands the slot over; read by the deadlock
    /// check, which uses it only to count wakers that the executor holds itself, so a stale
    /// value can only make it see a waker as outside (no report), never the reverse, while
    /// the handle is polled on this thread (the only way a task or main waker gets there).
    pub(crate) join_waiter: AtomicPtr<()>,
}

impl TaskInfo {
    pub(crate) fn new(name: Option<Box<str>>, location: &'static Location<'static>) -> Self {
        TaskInfo {
            name,
            location,
            last_ran: AtomicU64::new(0),
            join_waiter: AtomicPtr::new(ptr::null_mut()),
        }
    }

    /// [`set_join_waiter`](Self::set_join_waiter) for a waiter already known to be the main
    /// future of the executor behind `shared` (no waker to inspect).
    #[inline]
    pub(crate) fn set_join_waiter_main(&self, shared: *const super::Shared) {
        self.join_waiter
            .store(shared.cast::<()>().cast_mut(), Ordering::Relaxed);
    }

    /// Records who waits on this task's `JoinHandle` (called when the slot is written).
    #[inline]
    pub(crate) fn set_join_waiter(&self, waker: &Waker) {
        let data = if task::task_of(waker).is_some() || main_waker::is_main(waker) {
            waker.data().cast_mut()
        } else {
            ptr::null_mut()
        };
        self.join_waiter.store(data, Ordering::Relaxed);
    }
}
