#![doc = include_str!("docs/links.md")]
#![doc = include_str!("../README.md")]
//!
//! # Map of the crate
//!
//! | module | what it holds |
//! |---|---|
//! | [`iter`](mod@iter) | the [`AsyncIterator`] trait, [`AsyncIteratorExt`], [sources](iter::sources), [adapters](iter::adapters) (one per file) and [consumers](iter::consumers) |
//! | [`generator`] | [`Gen`], the yield handle [`Co`](generator::Co), and what [`gen!`](crate::gen!) and [`try_gen!`] expand to |
//! | [`future`] | future combinators: [`join!`](crate::join!), [`join_all`](future::join_all), [`select`](future::select), [`race`](future::race), ... |
//! | [`exec`] (`rt`) | [`block_on`], [`LocalExecutor`](exec::LocalExecutor), [`JoinHandle`](exec::JoinHandle), [`step`](exec::LocalExecutor::step) |
//! | [`time`] (`rt`) | [`sleep`](time::sleep), [`timeout`](time::timeout), [`interval`](time::interval), [`yield_now`], the real and the virtual clock |
//! | [`blocking`] (`rt`) | [`blocking::iter`]: an async iterator driven as a plain `Iterator` |
//! | [`sync`] (`rt`) | a bounded [`channel`](sync::channel) whose `Receiver` is an async iterator, and a [`oneshot`](sync::oneshot) |
//! | `compat` (feature `futures-core`) | `Stream` <-> `AsyncIterator` bridges |
//! | [`docs`] (`rt`) | the book: the chapters of `docs/`, rendered here, every code block a test |
#![no_std]
#![cfg_attr(feature = "nightly", feature(async_iterator))]
#![warn(missing_docs, missing_debug_implementations)]
#![deny(clippy::undocumented_unsafe_blocks)]

#[cfg(feature = "std")]
extern crate std;

#[cfg(feature = "rt")]
pub mod blocking;
#[cfg(feature = "futures-core")]
pub mod compat;
#[cfg(feature = "rt")]
pub mod docs;
#[cfg(feature = "rt")]
pub mod exec;
pub mod future;
pub mod generator;
pub mod iter;
#[cfg(feature = "rt")]
mod loom;
#[cfg(feature = "nightly")]
pub mod nightly;
#[cfg(feature = "std")]
mod pinned_slice;
#[cfg(feature = "rt")]
pub mod sync;
#[cfg(feature = "std")]
pub mod testing;
#[cfg(feature = "rt")]
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
#[cfg(feature = "rt")]
pub use anext_macros::test;

/// Support for the macros. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use anext_macros::{__gen, __try_gen};
}
#[cfg(feature = "rt")]
pub use exec::block_on;
pub use generator::Gen;
pub use iter::{AsyncIterator, AsyncIteratorExt, FusedAsyncIterator, IntoAsyncIterator};
pub use iter::{empty, from_fn, iter, once, pending, poll_fn, repeat, repeat_with, unfold};
#[cfg(feature = "rt")]
pub use time::yield_now;
