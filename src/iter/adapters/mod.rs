//! The async iterators returned by the adapter methods of
//! [`AsyncIteratorExt`](crate::AsyncIteratorExt), one file each.
//!
//! Every adapter is a plain struct holding the iterator it wraps, pinned structurally with
//! `pin-project-lite`; none allocates per item. Those that need memory of their own
//! ([`Buffered`], [`BufferUnordered`], [`Chunks`], [`ReadyChunks`], the boxed ones) need the
//! `std` feature and allocate once per iterator or once per chunk. Those that wait on a timer
//! ([`Timeout`], [`Throttle`], [`ChunksTimeout`]) need the `rt` feature, for
//! [`anext::time`](crate::time).

#[cfg(feature = "std")]
mod boxed;
#[cfg(feature = "std")]
mod buffer_unordered;
#[cfg(feature = "std")]
mod buffered;
mod chain;
#[cfg(feature = "std")]
mod chunks;
#[cfg(feature = "std")]
mod drive;
mod enumerate;
mod filter;
mod filter_async;
mod filter_map;
mod filter_map_async;
mod flat_map;
mod flatten;
mod fuse;
mod inspect;
mod map;
mod map_while;
mod merge;
mod peekable;
#[cfg(feature = "std")]
mod ready_chunks;
mod scan;
mod skip;
mod skip_while;
#[cfg(feature = "std")]
mod slots;
mod step_by;
mod take;
mod take_while;
mod then;
mod zip;

mod and_then;
#[cfg(feature = "std")]
mod catch_unwind;
#[cfg(feature = "rt")]
mod chunks_timeout;
#[cfg(feature = "std")]
mod flatten_unordered;
mod map_err;
mod map_ok;
#[cfg(feature = "std")]
mod select_all;
mod take_until;
#[cfg(feature = "rt")]
mod throttle;
#[cfg(feature = "rt")]
mod timeout;
mod try_filter;
pub use and_then::AndThen;
#[cfg(feature = "std")]
pub use boxed::{BoxAsyncIterator, LocalBoxAsyncIterator};
#[cfg(feature = "std")]
pub use buffer_unordered::BufferUnordered;
#[cfg(feature = "std")]
pub use buffered::Buffered;
#[cfg(feature = "std")]
pub use catch_unwind::CatchUnwind;
pub use chain::Chain;
#[cfg(feature = "std")]
pub use chunks::Chunks;
#[cfg(feature = "rt")]
pub use chunks_timeout::ChunksTimeout;
#[cfg(feature = "std")]
pub use drive::Drive;
pub use enumerate::Enumerate;
pub use filter::Filter;
pub use filter_async::FilterAsync;
pub use filter_map::FilterMap;
pub use filter_map_async::FilterMapAsync;
pub use flat_map::FlatMap;
pub use flatten::Flatten;
#[cfg(feature = "std")]
pub use flatten_unordered::{FlatMapUnordered, FlattenUnordered};
pub use fuse::Fuse;
pub use inspect::Inspect;
pub use map::Map;
pub use map_err::MapErr;
pub use map_ok::MapOk;
pub use map_while::MapWhile;
pub use merge::Merge;
pub use peekable::{NextIf, Peek, PeekMut, Peekable};
#[cfg(feature = "std")]
pub use ready_chunks::ReadyChunks;
pub use scan::Scan;
#[cfg(feature = "std")]
pub use select_all::{SelectAll, select_all};
pub use skip::Skip;
pub use skip_while::SkipWhile;
pub use step_by::StepBy;
pub use take::Take;
pub use take_until::TakeUntil;
pub use take_while::TakeWhile;
pub use then::Then;
#[cfg(feature = "rt")]
pub use throttle::Throttle;
#[cfg(feature = "rt")]
pub use timeout::Timeout;
pub use try_filter::TryFilter;
pub use zip::Zip;
