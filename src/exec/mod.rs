//! The executor: [`block_on`] for one future, and [`LocalExecutor`] for many tasks with
//! [`JoinHandle`]s, timers and a virtual clock.
//!
//! The unsafe core is small and lives in three files: `task.rs` (the task block, its state
//! machine and its waker, with a lifecycle diagram and an essay on reference counts),
//! `queue.rs` (the lock-free run queue) and `executor.rs` (the executor's loop, parker and
//! drop).

mod block_on;
mod executor;
mod join;
mod lock;
mod parker;
mod queue;
mod task;

pub use block_on::block_on;
pub use executor::{Builder, LocalExecutor, Outcome, Step};
pub use join::{JoinError, JoinHandle};

pub(crate) use executor::{Shared, shared_of};
