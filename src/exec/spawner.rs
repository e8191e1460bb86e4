//! [`Spawner`]: a `'static` handle that spawns tasks onto a [`LocalExecutor`], for tasks
//! that spawn tasks.

use core::fmt;
use core::future::Future;
use core::panic::Location;
use std::rc::Rc;
use std::string::String;
use std::sync::Arc;

use super::executor::LocalExecutor;
use super::join::JoinHandle;
use super::shared::Shared;
use super::task_info::TaskInfo;
use super::task_list::TaskList;
use super::test_argument::TestArgument;

/// Spawns tasks onto the [`LocalExecutor`] it came from ([`LocalExecutor::handle`]).
///
/// - `'static`: a task can capture it (a `&LocalExecutor` cannot be moved into a task).
/// - `Clone`: two reference-count increments, no allocation.
/// - `!Send`: spawned futures need not be `Send`, so they must be spawned on the executor's
///   own thread.
///
/// Spawning after the executor was dropped panics. A spawner does not keep the executor's
/// tasks alive: dropping the executor still cancels every task, also those spawned through a
/// spawner.
///
/// `#[anext::test]` passes one to a test that asks for it:
///
/// ```
/// # fn main() {}
/// #[anext::test]
/// async fn tasks_spawn_tasks(spawner: anext::exec::Spawner) {
///     let inner = spawner.clone();
///     let outer = spawner.spawn_local(async move { inner.spawn_local(async { 2 }).await });
///     assert_eq!(outer.await.unwrap().unwrap(), 2);
/// }
/// ```
#[derive(Clone)]
pub struct Spawner {
    tasks: Rc<TaskList>,
    shared: Arc<Shared>,
}

impl Spawner {
    pub(super) fn new(tasks: Rc<TaskList>, shared: Arc<Shared>) -> Self {
        Spawner { tasks, shared }
    }

    /// Spawns `future` onto the executor (see [`LocalExecutor::spawn_local`]).
    ///
    /// # Panics
    ///
    /// If the executor has been dropped.
    ///
    /// ```
    /// let ex = anext::exec::LocalExecutor::new();
    /// let spawner = ex.handle();
    /// let task = spawner.spawn_local(async { 1 });
    /// assert_eq!(ex.run(task).unwrap(), 1);
    /// ```
    #[track_caller]
    pub fn spawn_local<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        let info = TaskInfo::new(None, Location::caller());
        self.tasks.spawn(&self.shared, future, info)
    }

    /// Spawns with a name for the deadlock and timeout reports (see
    /// [`LocalExecutor::spawn_named`]).
    ///
    /// # Panics
    ///
    /// If the executor has been dropped.
    ///
    /// ```
    /// let ex = anext::exec::LocalExecutor::new();
    /// let task = ex.handle().spawn_named("worker", async { 1 });
    /// assert_eq!(ex.run(task).unwrap(), 1);
    /// ```
    #[track_caller]
    pub fn spawn_named<F>(&self, name: impl Into<String>, future: F) -> JoinHandle<F::Output>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        let info = TaskInfo::new(Some(name.into().into_boxed_str()), Location::caller());
        self.tasks.spawn(&self.shared, future, info)
    }
}

impl fmt::Debug for Spawner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Spawner")
            .field("tasks", &self.tasks.len())
            .finish()
    }
}

impl TestArgument<'_> for Spawner {
    fn from_executor(executor: &LocalExecutor) -> Self {
        executor.handle()
    }
}
