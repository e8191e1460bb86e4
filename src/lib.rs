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
pub mod generator;
pub mod iter;
#[cfg(feature = "std")]
pub mod sync;
#[cfg(feature = "std")]
pub mod time;

/// Runs an `async fn` test on a fresh [`LocalExecutor`](exec::LocalExecutor).
///
/// ```
/// use std::time::Duration;
///
/// #[anext::test(virtual_time)]
/// async fn an_hour_passes_at_once() {
///     let start = anext::time::now().await;
///     anext::time::sleep(Duration::from_secs(3600)).await;
///     assert_eq!(anext::time::now().await - start, Duration::from_secs(3600));
/// }
/// # fn main() {}
/// ```
#[cfg(feature = "std")]
pub use anext_macros::test;

/// Support for the macros. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use anext_macros::{__gen, __try_gen};
}
#[cfg(feature = "std")]
pub use exec::block_on;
pub use generator::Gen;
pub use iter::{AsyncIterator, AsyncIteratorExt, FusedAsyncIterator};
pub use iter::{empty, from_fn, iter, once, pending, poll_fn, repeat, repeat_with, unfold};
#[cfg(feature = "std")]
pub use time::yield_now;
