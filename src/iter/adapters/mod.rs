//! The async iterators returned by the adapter methods of
//! [`AsyncIteratorExt`](crate::AsyncIteratorExt), one file each.
//!
//! Every adapter is a plain struct holding the iterator it wraps, pinned structurally with
//! `pin-project-lite`; none allocates per item. Those that need memory of their own
//! ([`Buffered`], [`BufferUnordered`], [`Chunks`], [`ReadyChunks`], the boxed ones) need the
//! `std` feature and allocate once per iterator or once per chunk.

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

#[cfg(feature = "std")]
pub use boxed::{BoxAsyncIterator, LocalBoxAsyncIterator};
#[cfg(feature = "std")]
pub use buffer_unordered::BufferUnordered;
#[cfg(feature = "std")]
pub use buffered::Buffered;
pub use chain::Chain;
#[cfg(feature = "std")]
pub use chunks::Chunks;
#[cfg(feature = "std")]
pub use drive::Drive;
pub use enumerate::Enumerate;
pub use filter::Filter;
pub use filter_async::FilterAsync;
pub use filter_map::FilterMap;
pub use filter_map_async::FilterMapAsync;
pub use flat_map::FlatMap;
pub use flatten::Flatten;
pub use fuse::Fuse;
pub use inspect::Inspect;
pub use map::Map;
pub use map_while::MapWhile;
pub use merge::Merge;
pub use peekable::{NextIf, Peek, PeekMut, Peekable};
#[cfg(feature = "std")]
pub use ready_chunks::ReadyChunks;
pub use scan::Scan;
pub use skip::Skip;
pub use skip_while::SkipWhile;
pub use step_by::StepBy;
pub use take::Take;
pub use take_while::TakeWhile;
pub use then::Then;
pub use zip::Zip;
