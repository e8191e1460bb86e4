//! [`TaskGroup`]: spawn many tasks, await them as they finish, and never leave one behind
//! (Python 3.11's `asyncio.TaskGroup`, tokio's `JoinSet`).
//!
//! Each member task is the user's future wrapped in an async block that holds a guard; the
//! guard is dropped when the future finishes, panics or is cancelled, and then queues the
//! member's key for the group and wakes whoever awaits [`TaskGroup::join_next`]. So a group
//! of n tasks costs O(log n) per finished task (a `BTreeMap` look-up by key, ordered so that
//! aborts go in spawn order), not a scan of n handles per wake.

use core::cell::RefCell;
use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, Waker};
use std::collections::{BTreeMap, VecDeque};
use std::rc::Rc;
use std::string::String;
use std::vec::Vec;

use super::join::{JoinError, JoinHandle};
use super::spawner::Spawner;

/// A set of tasks on one [`LocalExecutor`](super::LocalExecutor) that finish together.
///
/// - [`join_next`](Self::join_next) gives the output of the next task to finish, in
///   completion order, and `None` once the group is empty; [`join_all`](Self::join_all)
///   collects them all.
/// - The first panic propagates: when `join_next` meets a task that panicked, it aborts every
///   other task of the group and resumes that panic, with its payload, in the awaiting task
///   (as `asyncio.TaskGroup` cancels the other tasks and re-raises).
/// - Dropping the group aborts every task still running (their futures are dropped at the
///   executor's next tick). Aborts go in spawn order, so the drops are deterministic.
///
/// ```
/// use anext::exec::{LocalExecutor, TaskGroup};
/// use anext::time::sleep;
/// use std::time::Duration;
///
/// let ex = LocalExecutor::with_virtual_clock();
/// let mut group = TaskGroup::new(ex.handle());
/// for secs in [3, 1, 2] {
///     group.spawn_local(async move {
///         sleep(Duration::from_secs(secs)).await;
///         secs
///     });
/// }
/// let order = ex.run(group.join_all());
/// assert_eq!(order, [1, 2, 3]);
/// assert_eq!(ex.elapsed(), Duration::from_secs(3));
/// ```
pub struct TaskGroup<T> {
    spawner: Spawner,
    members: BTreeMap<u64, JoinHandle<T>>,
    next_key: u64,
    state: Rc<State>,
}

/// What the members' guards share with the group.
#[derive(Default)]
struct State {
    /// Keys of members whose future is gone (finished, panicked or cancelled), in order.
    finished: RefCell<VecDeque<u64>>,
    /// The waker of the last `join_next` poll that found nothing finished.
    waiter: RefCell<Option<Waker>>,
}

/// Held by a member's future; dropped with it.
struct Finished {
    key: u64,
    state: Rc<State>,
}

impl Drop for Finished {
    fn drop(&mut self) {
        self.state.finished.borrow_mut().push_back(self.key);
        let waiter = self.state.waiter.borrow_mut().take();
        if let Some(waiter) = waiter {
            waiter.wake();
        }
    }
}

impl<T: 'static> TaskGroup<T> {
    /// An empty group whose tasks run on `spawner`'s executor.
    ///
    /// ```
    /// let ex = anext::exec::LocalExecutor::new();
    /// let group = anext::exec::TaskGroup::<()>::new(ex.handle());
    /// assert!(group.is_empty());
    /// ```
    pub fn new(spawner: Spawner) -> Self {
        TaskGroup {
            spawner,
            members: BTreeMap::new(),
            next_key: 0,
            state: Rc::default(),
        }
    }

    /// Spawns `future` as a member of the group.
    ///
    /// ```
    /// let ex = anext::exec::LocalExecutor::new();
    /// let mut group = anext::exec::TaskGroup::new(ex.handle());
    /// group.spawn_local(async { 1 });
    /// assert_eq!(group.len(), 1);
    /// ```
    #[track_caller]
    pub fn spawn_local<F>(&mut self, future: F)
    where
        F: Future<Output = T> + 'static,
    {
        let (key, guard) = self.member();
        let handle = self.spawner.spawn_local(async move {
            let _guard = guard;
            future.await
        });
        self.members.insert(key, handle);
    }

    /// Spawns a member with a name for the deadlock and timeout reports.
    ///
    /// ```
    /// let ex = anext::exec::LocalExecutor::new();
    /// let mut group = anext::exec::TaskGroup::new(ex.handle());
    /// group.spawn_named("fetch", async { 1 });
    /// assert_eq!(ex.run(group.join_next()), Some(1));
    /// ```
    #[track_caller]
    pub fn spawn_named<F>(&mut self, name: impl Into<String>, future: F)
    where
        F: Future<Output = T> + 'static,
    {
        let (key, guard) = self.member();
        let handle = self.spawner.spawn_named(name, async move {
            let _guard = guard;
            future.await
        });
        self.members.insert(key, handle);
    }

    fn member(&mut self) -> (u64, Finished) {
        let key = self.next_key;
        self.next_key += 1;
        let guard = Finished {
            key,
            state: Rc::clone(&self.state),
        };
        (key, guard)
    }

    /// Number of members not yet collected by `join_next`.
    ///
    /// ```
    /// let ex = anext::exec::LocalExecutor::new();
    /// let group = anext::exec::TaskGroup::<u8>::new(ex.handle());
    /// assert_eq!(group.len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether every member has been collected.
    ///
    /// ```
    /// let ex = anext::exec::LocalExecutor::new();
    /// assert!(anext::exec::TaskGroup::<u8>::new(ex.handle()).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Aborts every member still running; `join_next` then skips them.
    ///
    /// ```
    /// let ex = anext::exec::LocalExecutor::new();
    /// let mut group = anext::exec::TaskGroup::new(ex.handle());
    /// group.spawn_local(std::future::pending::<()>());
    /// group.abort_all();
    /// assert_eq!(ex.run(group.join_next()), None);
    /// ```
    pub fn abort_all(&self) {
        for handle in self.members.values() {
            handle.abort();
        }
    }

    /// Waits for the next member to finish and returns its output; `None` when the group is
    /// empty. Members aborted by [`abort_all`](Self::abort_all) are skipped.
    ///
    /// # Panics
    ///
    /// If that member panicked: every other member is aborted and the panic is resumed here
    /// with its payload.
    ///
    /// ```
    /// let ex = anext::exec::LocalExecutor::new();
    /// let mut group = anext::exec::TaskGroup::new(ex.handle());
    /// group.spawn_local(async { "a" });
    /// assert_eq!(ex.run(group.join_next()), Some("a"));
    /// assert_eq!(ex.run(group.join_next()), None);
    /// ```
    pub fn join_next(&mut self) -> JoinNext<'_, T> {
        JoinNext { group: self }
    }

    /// Waits for every member and returns their outputs in completion order.
    ///
    /// # Panics
    ///
    /// As [`join_next`](Self::join_next), at the first member that panicked.
    ///
    /// ```
    /// let ex = anext::exec::LocalExecutor::new();
    /// let mut group = anext::exec::TaskGroup::new(ex.handle());
    /// group.spawn_local(async { 1 });
    /// group.spawn_local(async { 2 });
    /// assert_eq!(ex.run(group.join_all()), [1, 2]);
    /// ```
    pub async fn join_all(mut self) -> Vec<T> {
        let mut outputs = Vec::with_capacity(self.len());
        while let Some(output) = self.join_next().await {
            outputs.push(output);
        }
        outputs
    }

    fn poll_join_next(&mut self, cx: &mut Context<'_>) -> Poll<Option<T>> {
        loop {
            if self.members.is_empty() {
                return Poll::Ready(None);
            }
            let next = self.state.finished.borrow_mut().pop_front();
            let Some(key) = next else {
                let mut waiter = self.state.waiter.borrow_mut();
                if !waiter.as_ref().is_some_and(|w| w.will_wake(cx.waker())) {
                    *waiter = Some(cx.waker().clone());
                }
                return Poll::Pending;
            };
            let Some(handle) = self.members.get_mut(&key) else {
                continue; // not ours any more (cannot happen: keys are never reused)
            };
            // The guard is dropped inside the member's last poll, just before the executor
            // stores its result: normally that is done by the time we run; if not, the
            // handle wakes us when it is.
            let result = match Pin::new(handle).poll(cx) {
                Poll::Ready(result) => result,
                Poll::Pending => {
                    self.state.finished.borrow_mut().push_front(key);
                    return Poll::Pending;
                }
            };
            self.members.remove(&key);
            match result {
                Ok(output) => return Poll::Ready(Some(output)),
                Err(JoinError::Cancelled) => continue,
                Err(JoinError::Panicked(payload)) => {
                    self.abort_all();
                    std::panic::resume_unwind(payload);
                }
            }
        }
    }
}

/// The future returned by [`TaskGroup::join_next`].
#[must_use = "futures do nothing unless awaited"]
pub struct JoinNext<'a, T> {
    group: &'a mut TaskGroup<T>,
}

impl<T: 'static> Future for JoinNext<'_, T> {
    type Output = Option<T>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        self.group.poll_join_next(cx)
    }
}

impl<T> fmt::Debug for JoinNext<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JoinNext")
            .field("members", &self.group.members.len())
            .finish()
    }
}

impl<T> fmt::Debug for TaskGroup<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TaskGroup")
            .field("members", &self.members.len())
            .finish()
    }
}

impl<T> Drop for TaskGroup<T> {
    /// Aborts every member still running (their `JoinHandle`s are dropped, so the futures are
    /// dropped at the executor's next tick).
    fn drop(&mut self) {
        for handle in self.members.values() {
            handle.abort();
        }
    }
}
