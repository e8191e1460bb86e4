//! The executor: [`block_on`] for one future, and [`LocalExecutor`] for many tasks with
//! [`JoinHandle`]s, timers and a virtual clock.
//!
//! The unsafe core is small: `task.rs` (the task block, its state machine and its waker,
//! with a lifecycle diagram and an essay on reference counts), `queue.rs` (the lock-free run
//! queue), `executor.rs` (the executor's loop, the main future's waker and the drop),
//! `join.rs` (the join handle's hand-off through the `JOIN_WAKER` bit), `lock.rs` (the timer
//! spin lock) and `block_on.rs` (its stack waker). `parker.rs` is safe code shared by
//! `block_on` and the executor.

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
