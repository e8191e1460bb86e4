//! The executor: [`block_on`] for one future, and [`LocalExecutor`] for many tasks with
//! [`JoinHandle`]s, timers and a virtual clock.
//!
//! The unsafe core is small: `task.rs` (the task block, its state machine and its waker,
//! with a lifecycle diagram and an essay on reference counts), `queue.rs` (the lock-free run
//! queue), `executor.rs` (the executor's run loop and its drop), `task_list.rs` (the list
//! of live tasks, and spawning into it), `shared.rs` (the part of the executor that wakers
//! on any thread reach), `main_waker.rs` (the waker of `run`'s main future), `join.rs` (the
//! join handle's hand-off through the `JOIN_WAKER` bit), `lock.rs` (the timer spin lock),
//! `running.rs` (which executor drives which thread, for wakers the crate does not
//! recognise) and `block_on.rs` (its stack waker).
//!
//! Safe code around it: `parker.rs` (shared by `block_on` and the executor), `clock.rs`
//! (real or virtual time), `builder.rs` (the executor's options), `deadlock.rs` (the
//! deadlock check and the task report), `task_info.rs` (what the report knows of each
//! task), `spawner.rs` (the `'static` spawn handle), `task_group.rs` (spawn many, join as
//! they finish) and `test_argument.rs` (what `#[anext::test]` hands a test).
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
pub(crate) mod lock;
mod main_waker;
mod parker;
mod queue;
mod running;
mod shared;
mod spawner;
mod task;
mod task_group;
mod task_info;
mod task_list;
mod test_argument;

pub use block_on::block_on;
pub use builder::Builder;
pub use executor::{LocalExecutor, Outcome, Step};
pub use join::{JoinError, JoinHandle};
pub use spawner::Spawner;
pub use task_group::{JoinNext, TaskGroup};
pub use test_argument::TestArgument;

pub(crate) use block_on::is_block_on_waker;
pub(crate) use shared::{Shared, executor_of, is_executor_waker, shared_of};
