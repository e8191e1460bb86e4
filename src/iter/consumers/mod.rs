//! The futures returned by the consuming methods of
//! [`AsyncIteratorExt`](crate::AsyncIteratorExt): each drives an async iterator to a single
//! result.
//!
//! Every one of them is a plain state machine, allocation-free, that polls the iterator in a
//! loop while it is ready. Polling one again after it returned `Ready` panics with a message
//! naming it, like an `async fn` resumed after completion.

mod all_any;
mod collect;
mod concat;
mod count;
mod find;
mod fold;
mod for_each;
#[cfg(feature = "std")]
mod for_each_concurrent;
mod last;
mod min_max;
mod next;
mod nth;
mod position;
mod try_collect;
mod try_fold;
mod try_for_each;
mod try_next;
mod unzip;

pub use all_any::{All, Any};
pub use collect::Collect;
pub use concat::Concat;
pub use count::Count;
pub use find::Find;
pub use fold::Fold;
pub use for_each::ForEach;
#[cfg(feature = "std")]
pub use for_each_concurrent::ForEachConcurrent;
pub use last::Last;
pub use min_max::{MinMax, MinMaxByKey};
pub use next::{Next, NextOr};
pub use nth::Nth;
pub use position::Position;
pub use try_collect::TryCollect;
pub use try_fold::TryFold;
pub use try_for_each::TryForEach;
pub use try_next::TryNext;
pub use unzip::Unzip;

/// Panics for a consumer polled after it completed: a caller bug, reported by name.
#[cold]
#[track_caller]
fn polled_after_completion(name: &str) -> ! {
    panic!("`{name}` polled after it completed")
}
