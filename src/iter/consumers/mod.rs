//! The futures returned by the consuming methods of
//! [`AsyncIteratorExt`](crate::AsyncIteratorExt): each drives an async iterator to a single
//! result.
//!
//! Every one of them is a plain state machine, allocation-free, that polls the iterator in a
//! loop while it is ready. Polling one again after it returned `Ready` panics with a message
//! naming it, like an `async fn` resumed after completion.

mod all_any;
mod collect;
mod count;
mod fold;
mod for_each;
#[cfg(feature = "std")]
mod for_each_concurrent;
mod last;
mod next;
mod nth;
mod try_collect;
mod try_fold;
mod try_for_each;

pub use all_any::{All, Any};
pub use collect::Collect;
pub use count::Count;
pub use fold::Fold;
pub use for_each::ForEach;
#[cfg(feature = "std")]
pub use for_each_concurrent::ForEachConcurrent;
pub use last::Last;
pub use next::{Next, NextOr};
pub use nth::Nth;
pub use try_collect::TryCollect;
pub use try_fold::TryFold;
pub use try_for_each::TryForEach;

/// Panics for a consumer polled after it completed: a caller bug, reported by name.
#[cold]
#[track_caller]
fn polled_after_completion(name: &str) -> ! {
    panic!("`{name}` polled after it completed")
}
