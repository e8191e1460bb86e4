#![doc = include_str!("../../docs/internals/deadlock.md")]

use core::fmt::Write;
use core::sync::atomic::Ordering;
use std::format;
use std::string::String;
use std::sync::Arc;
use std::vec::Vec;

use super::executor::LocalExecutor;
use super::task::{COMPLETE, HANDLE, Header, JOIN_WAKER, REF_ONE, SCHEDULED};

/// One live task as the check saw it.
struct Seen {
    task: *const Header,
    state: usize,
    /// The `waker.data()` of the executor waker in its join-waker slot, or null.
    waiter: *const (),
}

impl LocalExecutor {
    /// The deadlock report, if `run` (about to park) can never be woken (see the module docs).
    pub(super) fn find_deadlock(&self) -> Option<String> {
        let shared = &*self.shared;
        if shared.main_woken.load(Ordering::Acquire) || shared.has_armed_timer() {
            return None;
        }
        let seen = self.live_tasks();
        if seen.iter().any(|s| s.state & SCHEDULED != 0) {
            return None;
        }
        // Wakers the executor holds in join-waker slots, per waiting task (and the main).
        let held_in_slots = |waiter: *const ()| {
            seen.iter()
                .filter(|s| s.state & (JOIN_WAKER | COMPLETE) == JOIN_WAKER && s.waiter == waiter)
                .count()
        };
        for s in &seen {
            let references = s.state / REF_ONE;
            let handle = usize::from(s.state & HANDLE != 0);
            let inside = 1 + handle + held_in_slots(s.task.cast());
            if references > inside {
                return None; // a waker of this task is held outside
            }
        }
        // Join-waker slots hold the main future's waker uncounted (`main_waker::uncounted`),
        // so every counted clone is held outside.
        if shared.main_wakers.load(Ordering::Acquire) > 0 {
            return None;
        }
        // Re-read after the counts: a wake that released its clone set this first.
        if shared.main_woken.load(Ordering::Acquire) {
            return None;
        }
        Some(self.report(
            "anext: deadlock: LocalExecutor::run would park forever: no task is ready, no \
             timer is armed, and no waker of the main future or of any task is held outside \
             the executor, so nothing can wake them",
        ))
    }

    /// `headline`, then every live task and what the main future awaits, one per line.
    pub(super) fn report(&self, headline: &str) -> String {
        let seen = self.live_tasks();
        let main = Arc::as_ptr(&self.shared).cast::<()>();
        let mut out = String::from(headline);
        let id_of = |task: *const Header| {
            // SAFETY: every pointer in `seen` is a live task (the list holds a reference).
            unsafe { (*task).id }
        };
        let awaited_by = |waiter: *const ()| -> Vec<u64> {
            let mut ids: Vec<u64> = seen
                .iter()
                .filter(|s| s.state & (JOIN_WAKER | COMPLETE) == JOIN_WAKER && s.waiter == waiter)
                .map(|s| id_of(s.task))
                .collect();
            ids.sort_unstable();
            ids
        };
        let awaits = |ids: Vec<u64>| -> String {
            match ids.as_slice() {
                [] => String::from("not awaiting a JoinHandle of this executor"),
                [one] => format!("awaits the JoinHandle of task {one}"),
                many => format!("awaits the JoinHandles of tasks {many:?}"),
            }
        };
        let _ = write!(out, "\n  main future: {}", awaits(awaited_by(main)));
        let mut tasks: Vec<&Seen> = seen.iter().collect();
        tasks.sort_unstable_by_key(|s| id_of(s.task));
        let _ = write!(out, "\n  live tasks: {}", tasks.len());
        for s in tasks {
            // SAFETY: as above.
            let header = unsafe { &*s.task };
            let info = &header.info;
            let _ = write!(out, "\n  - task {}", header.id);
            if let Some(name) = &info.name {
                let _ = write!(out, " {name:?}");
            }
            let last = info.last_ran.load(Ordering::Relaxed);
            let _ = write!(
                out,
                ", spawned at {}: {} polls, {} wakes, {}, {}",
                info.location,
                header.polls.load(Ordering::Relaxed),
                header.wakes.load(Ordering::Relaxed),
                if last == 0 {
                    String::from("never ran")
                } else {
                    format!("last ran at poll {last} of {}", self.polls_total.get())
                },
                awaits(awaited_by(s.task.cast())),
            );
        }
        out
    }

    fn live_tasks(&self) -> Vec<Seen> {
        let mut seen = Vec::new();
        let mut task = self.tasks.head();
        while !task.is_null() {
            // SAFETY: the list holds a reference of every task on it, and only this thread
            // touches the links.
            let header = unsafe { &*task };
            let state = header.state.load(Ordering::Acquire);
            seen.push(Seen {
                task,
                state,
                waiter: header.info.join_waiter.load(Ordering::Relaxed).cast_const(),
            });
            // SAFETY: as above.
            task = unsafe { *header.list_next.get() };
        }
        seen
    }
}
