//! The executor: [`block_on`] for one future, and (planned) `LocalExecutor` for many tasks.

mod block_on;

pub use block_on::block_on;
