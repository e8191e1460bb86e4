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

pub use anext_macros::{r#gen, try_gen};
#[cfg(feature = "std")]
pub use exec::block_on;
pub use generator::Gen;
pub use iter::{AsyncIterator, AsyncIteratorExt, FusedAsyncIterator};
pub use iter::{empty, from_fn, iter, once, pending, poll_fn, repeat, repeat_with, unfold};
