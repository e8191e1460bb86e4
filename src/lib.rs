#![doc = include_str!("../README.md")]
#![no_std]
#![warn(missing_docs, missing_debug_implementations)]
#![deny(clippy::undocumented_unsafe_blocks)]

#[cfg(feature = "std")]
extern crate std;

#[cfg(feature = "futures-core")]
pub mod compat;
#[cfg(feature = "std")]
pub mod exec;
pub mod iter;
#[cfg(feature = "std")]
pub mod time;

/// Runs an `async fn` test on a fresh [`LocalExecutor`](exec::LocalExecutor); see
/// [`anext_macros::test`] for the options.
#[cfg(feature = "std")]
pub use anext_macros::test;
#[cfg(feature = "std")]
pub use exec::block_on;
pub use iter::{AsyncIterator, AsyncIteratorExt, FusedAsyncIterator};
pub use iter::{empty, from_fn, iter, once, pending, poll_fn, repeat, repeat_with, unfold};
#[cfg(feature = "std")]
pub use time::yield_now;
