//! [`Builder`]: the options of a [`LocalExecutor`].

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

    /// Builds the executor.
    pub fn build(self) -> LocalExecutor {
        LocalExecutor::from_builder(self.seed, self.virtual_clock)
    }
}
