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
//! # Outside a `LocalExecutor`
//!
//! Under any other executor (plain [`block_on`](crate::block_on), another runtime), a sleep
//! still works, on the real clock: its first poll starts one helper thread that sleeps until
//! the deadline and then wakes the waker. That costs a thread per sleep, so it is meant for
//! the occasional sleep; the clock functions [`advance`] and [`set_auto_advance`] panic there
//! (there is no virtual clock), and [`now`] reads `Instant::now()`.
//!
//! # Durations
//!
//! A duration counts from the first poll of the sleep (that is when the sleep meets its
//! executor and so its clock). A deadline too far away to represent (`Duration::MAX`,
//! or more than about 584 years ahead) means "never": the sleep stays pending without
//! overflowing and without registering a timer.

mod clock;
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
