//! Time: [`sleep`], [`sleep_until`], [`timeout`], [`interval`], [`yield_now`], and the
//! clock functions [`now`], [`advance`] and [`set_auto_advance`].
//!
//! # Where the timers live
//!
//! A sleep finds its executor through the waker it is polled with (no thread-local): under a
//! [`LocalExecutor`](crate::exec::LocalExecutor) (in a spawned task or in the main future of
//! `run`) it registers with that executor's timers, which the executor fires from its park,
//! on a real or virtual clock. Timers are kept in a hierarchical timing wheel with
//! nanosecond ticks: registering, resetting and cancelling are O(1), firing is O(levels),
//! with no scan over the timers, and equal deadlines fire in registration order.
//!
//! A waker the crate does not recognise (a combinator such as futures' `FuturesUnordered`,
//! `select_all` or `join_all` polls with a waker of its own) takes a slow path, once per
//! registration: the executor currently driving this thread, from a global registry keyed by
//! thread id, so virtual time still applies there. The per-poll path never reads it.
//!
//! A sleep armed on one executor and then polled under another one (moved into a task of
//! the other) migrates: it leaves the first executor's timers and sleeps the time it had left
//! on the second one's clock.
//!
//! # Outside a `LocalExecutor`
//!
//! Under any other executor (plain [`block_on`](crate::block_on), another runtime, or a
//! `block_on` nested inside a task), a sleep still works, on the real clock: one helper
//! thread, shared by every such sleep of the process and started at the first one, wakes
//! each at its deadline. The clock functions [`advance`] and [`set_auto_advance`] panic there
//! (there is no virtual clock), and [`now`] reads `Instant::now()`.
//!
//! Blocking inside a `LocalExecutor` task is not recognised in two cases: another runtime's
//! `block_on`, and a combinator that wraps `anext::block_on`'s waker there. Their sleeps
//! register with the blocked executor and fire only once that task's poll returns: spawn the
//! work instead of blocking on it.
//!
//! # Durations
//!
//! A duration counts from the first poll of the sleep (that is when the sleep meets its
//! executor and so its clock). A deadline too far away to represent (`Duration::MAX`,
//! or more than about 584 years ahead) means "never": the sleep stays pending without
//! overflowing and without registering a timer.

mod clock;
mod helper_thread;
mod interval;
mod sleep;
mod timeout;
pub(crate) mod timers;
mod yield_now;

pub use clock::{Advance, Now, SetAutoAdvance, advance, now, set_auto_advance};
pub use interval::{Interval, interval, interval_at};
pub use sleep::{Sleep, sleep, sleep_until};
pub use std::time::{Duration, Instant};
pub use timeout::{Elapsed, Timeout, timeout};
pub use yield_now::{YieldNow, yield_now};
