//! Tools for testing async code by hand: a [`Probe`] that polls a bare future or async
//! iterator with its own counting waker, assertion macros over the `Poll` it returns, and a
//! [`CountingAllocator`] to assert "no allocation per item".
//!
//! Whole async tests run on an executor with [`#[anext::test]`](crate::test); a probe is for
//! the step below: checking exactly what one poll returns and whether the value woke its
//! waker, as tokio-test's `task::spawn` does.
//!
//! ```
//! use anext::testing::probe;
//! use anext::{assert_done, assert_next_eq, assert_pending, assert_ready_eq};
//!
//! // A future: pending once (after waking its waker), then ready.
//! let mut yielded = probe(anext::yield_now());
//! assert_pending!(yielded.poll());
//! assert!(yielded.is_woken());
//! assert_ready_eq!(yielded.poll(), ());
//! assert_eq!((yielded.poll_count(), yielded.wake_count()), (2, 1));
//!
//! // An async iterator.
//! let mut items = probe(anext::iter([1, 2]));
//! assert_next_eq!(items.poll_next(), 1);
//! assert_next_eq!(items.poll_next(), 2);
//! assert_done!(items.poll_next());
//! ```

mod alloc;
mod assert;
mod probe;

pub use alloc::CountingAllocator;
pub use probe::{Probe, probe};
