//! [`Builder`]: the options of a [`LocalExecutor`].

use core::time::Duration;

use super::executor::LocalExecutor;

/// Options of a [`LocalExecutor`], for the combinations the constructors do not cover.
///
/// ```
/// use anext::exec::LocalExecutor;
///
/// let ex = LocalExecutor::builder().virtual_clock().seed(7).build();
/// ex.run(anext::time::sleep(std::time::Duration::from_secs(60)));
/// assert_eq!(ex.elapsed(), std::time::Duration::from_secs(60));
/// ```
#[derive(Clone, Debug, Default)]
pub struct Builder {
    seed: Option<u64>,
    virtual_clock: bool,
    timeout: Option<Duration>,
}

impl Builder {
    /// Picks among ready tasks in the random order given by `seed` (see
    /// [`LocalExecutor::with_seed`]).
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    /// Uses a virtual clock (see [`LocalExecutor::with_virtual_clock`]).
    pub fn virtual_clock(mut self) -> Self {
        self.virtual_clock = true;
        self
    }

    /// Makes every [`run`](LocalExecutor::run) call panic when it has not finished after
    /// `limit` of real time (also on a virtual clock, whose time does not count here), with a
    /// message containing "timed out" and the same task report as a deadlock. This is what
    /// `#[anext::test(timeout = "5s")]` sets. The limit is checked whenever the executor
    /// would park (it parks no longer than the limit) and every few dozen polls while it is
    /// busy, so a test that spins or advances virtual time forever is stopped too.
    ///
    /// ```should_panic
    /// use std::time::Duration;
    ///
    /// let ex = anext::exec::LocalExecutor::builder()
    ///     .timeout(Duration::from_millis(10))
    ///     .build();
    /// // A waker clone kept somewhere (here: by the future itself) might still be woken, so
    /// // this is not a deadlock the executor can prove; only the timeout ends it.
    /// let mut kept = None;
    /// ex.run(std::future::poll_fn(|cx| {
    ///     kept = Some(cx.waker().clone());
    ///     std::task::Poll::<()>::Pending
    /// }));
    /// ```
    pub fn timeout(mut self, limit: Duration) -> Self {
        self.timeout = Some(limit);
        self
    }

    /// Builds the executor.
    pub fn build(self) -> LocalExecutor {
        LocalExecutor::from_builder(self.seed, self.virtual_clock, self.timeout)
    }
}
