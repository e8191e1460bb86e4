//! The executor: [`block_on`] for one future, and [`LocalExecutor`] for many tasks with
//! [`JoinHandle`]s, timers and a virtual clock.
//!
//! The unsafe core is small: `task.rs` (the task block, its state machine and its waker,
//! with a lifecycle diagram and an essay on reference counts), `queue.rs` (the lock-free run
//! queue), `executor.rs` (the executor's run loop and its drop), `shared.rs` (the part
//! of the executor that wakers on any thread reach), `main_waker.rs` (the waker of `run`'s
//! main future), `join.rs` (the join handle's hand-off through the `JOIN_WAKER` bit), `lock.rs` (the timer
//! spin lock) and `block_on.rs` (its stack waker). `parker.rs` is safe code shared by
//! `block_on` and the executor; `clock.rs` (real or virtual time) and `builder.rs` (the
//! executor's options) are safe too.
//!
//! The essays at the top of those files (the task lifecycle and reference counts, the run
//! queue, one tick of the executor, `block_on`'s stack waker, the parker, the deadlock check)
//! are rendered in [`docs::internals`](crate::docs::internals).

mod block_on;
mod builder;
mod clock;
mod deadlock;
mod executor;
mod join;
mod lock;
mod main_waker;
mod parker;
mod queue;
mod running;
mod shared;
mod task;
mod task_info;
mod test_argument;

pub use block_on::block_on;
pub use builder::Builder;
pub use executor::{LocalExecutor, Outcome, Step};
pub use join::{JoinError, JoinHandle};
pub use test_argument::TestArgument;

pub(crate) use running::current as running_executor;
pub(crate) use shared::{Shared, executor_of, is_executor_waker, shared_of};
