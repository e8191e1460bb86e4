//! [`TestArgument`]: what an `#[anext::test]` function may take as its parameter.

use super::executor::LocalExecutor;

/// A value that `#[anext::test]` can hand to the test function, made from the test's
/// executor: `&LocalExecutor`, to spawn tasks from the test body.
///
/// The macro expands `async fn t(ex: &LocalExecutor)` to
/// `let ex: &LocalExecutor = TestArgument::from_executor(&executor);`, so the parameter's
/// type picks the implementation.
///
/// ```
/// use anext::exec::{LocalExecutor, TestArgument};
///
/// let executor = LocalExecutor::new();
/// let ex: &LocalExecutor = TestArgument::from_executor(&executor);
/// assert_eq!(ex.run(async { 1 }), 1);
/// ```
///
/// A test that wants a [`Spawner`](super::Spawner) takes `spawner: anext::exec::Spawner`.
pub trait TestArgument<'a> {
    /// The argument for a test running on `executor`.
    fn from_executor(executor: &'a LocalExecutor) -> Self;
}

impl<'a> TestArgument<'a> for &'a LocalExecutor {
    fn from_executor(executor: &'a LocalExecutor) -> Self {
        executor
    }
}
