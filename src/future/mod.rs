//! Future combinators with no dependency: run several futures at once and wait for all of
//! them ([`join!`](crate::join), [`join_all`]), for all of them unless one fails
//! ([`try_join!`](crate::try_join), [`try_join_all`]), or for the first one
//! ([`select`], [`race`]).
//!
//! All of them run their futures *concurrently on the calling task*: nothing is spawned, and
//! the futures make progress only while the combinator is polled. That is asyncio's
//! `gather` and `wait`, minus the tasks:
//!
//! | asyncio | anext |
//! |---|---|
//! | `await asyncio.gather(a(), b())` | `join!(a(), b())` (inside an async block: it awaits) |
//! | `await asyncio.gather(*coros)` | `join_all(futures).await` |
//! | `gather` that stops at the first exception | `try_join!(a(), b())`, `try_join_all(futures).await` |
//! | `asyncio.wait({a, b}, return_when=FIRST_COMPLETED)` | `select(a, b).await` (the loser comes back, to be resumed) |
//! | the same over many awaitables | `race(futures).await` (index and output of the winner) |
//!
//! None allocates per poll; [`join_all`], [`try_join_all`] and [`race`] allocate their one
//! array of futures (they need the `std` feature).
//!
//! ```
//! use anext::{block_on, join};
//! use anext::future::{Either, select};
//! use core::pin::pin;
//!
//! block_on(async {
//!     let (a, b) = join!(async { 1 }, async { "two" });
//!     assert_eq!((a, b), (1, "two"));
//!
//!     let slow = pin!(core::future::pending::<u8>());
//!     match select(slow, core::future::ready(3)).await {
//!         Either::Left(_) => unreachable!(),
//!         Either::Right((three, _slow)) => assert_eq!(three, 3),
//!     }
//! });
//! ```

mod join;
#[cfg(feature = "std")]
mod join_all;
mod maybe_done;
#[cfg(feature = "std")]
mod race;
mod select;
#[cfg(feature = "std")]
mod try_join_all;

#[cfg(feature = "std")]
pub use join_all::{JoinAll, join_all};
pub use maybe_done::{MaybeDone, TryMaybeDone};
#[cfg(feature = "std")]
pub use race::{Race, race};
pub use select::{Either, Select, select};
#[cfg(feature = "std")]
pub use try_join_all::{TryJoinAll, try_join_all};
