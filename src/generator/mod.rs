//! Generators: straight-line async code that yields becomes an [`AsyncIterator`](crate::AsyncIterator).
//!
//! Python writes `async def f(): ... yield x`; here it is [`Gen::new`] with an async closure
//! that gets a yield handle [`Co`], or the [`async_gen!`](crate::async_gen!) macro, which writes that
//! closure for you:
//!
//! ```
//! use anext::{AsyncIteratorExt, Gen, block_on};
//!
//! let squares = Gen::new(async |mut co| {
//!     for i in 1..=3 {
//!         co.yield_(i * i).await;
//!     }
//! });
//! assert_eq!(block_on(squares.collect::<Vec<_>>()), [1, 4, 9]);
//!
//! // The same with the macro.
//! let squares = anext::async_gen! {
//!     for i in 1..=3 {
//!         yield i * i;
//!     }
//! };
//! assert_eq!(block_on(squares.collect::<Vec<_>>()), [1, 4, 9]);
//! ```
//!
//! # Lifecycle
//!
//! ```text
//!                             [2] body awaits: Pending
//!                             [3] body yields: Ready(Some(item))
//!                                 +-----+
//!                                 |     |
//!                                 v     |
//!  UNSTARTED --[1] first -----> RUNNING +---[4] body returns-----------> RETURNED
//!      |       poll_next         |  |                                         |
//!      |                         |  +--[5] `?` on Err (try_gen!)--+           | [13]
//!      |                     [7] |  +--[6] the poll panics--------+           | take_return_value
//!      |                 close() v                                v           | or close()
//!      |                      CLOSING --[6] the poll panics----> HALTED       |
//!      |                       |  ^                                |          |
//!      |  [11] cleanup awaits: +--+              [12] poll_next or |          |
//!      |       close() Pending |                 close(): the body |          |
//!      |                       |                 is dropped, None  |          |
//!      |   [9] body returns: close() = Some(value)                 |          |
//!      |  [10] body yields again: body and item dropped            |          |
//!      |  [12] poll_next after an abandoned close()                |          |
//!      |                       v                                   v          v
//!      +--[8] close() or drop before the first poll -----------> DONE <-------+
//!
//!  [14] Drop, in any state, drops what is live exactly once: the closure (UNSTARTED), the
//!       suspended body with its live locals (RUNNING, CLOSING, HALTED), or the return value.
//! ```
//!
//! Who moves each transition:
//!
//! | # | from → to | moved by |
//! |---|---|---|
//! | 1 | UNSTARTED → RUNNING | the first `poll_next` calls the closure (no user code runs before) |
//! | 2 | RUNNING → RUNNING | the body awaits a pending future: `poll_next` returns `Pending` |
//! | 3 | RUNNING → RUNNING | the body yields: `poll_next` returns `Ready(Some(item))` |
//! | 4 | RUNNING → RETURNED | the body returns: `poll_next` returns `Ready(None)`, forever after |
//! | 5 | RUNNING → HALTED | a `?` of `try_gen!` on `Err`: the error is the last item |
//! | 6 | RUNNING/CLOSING → HALTED | the body's poll panics (the panic propagates; nothing is caught) |
//! | 7 | RUNNING → CLOSING | [`Gen::close`]: the pending yield resolves to [`Resume::Close`] |
//! | 8 | UNSTARTED → DONE | `close()` or drop before the first poll: the closure is dropped |
//! | 9 | CLOSING → DONE | the body returns during close: `close()` gives `Some(value)` |
//! | 10 | CLOSING → DONE | the body yields during close: item and body are dropped, `close()` gives `None` |
//! | 11 | CLOSING → CLOSING | async cleanup awaits: `close()` is `Pending` |
//! | 12 | HALTED/CLOSING → DONE | `poll_next` or `close()`: the body is dropped, `Ready(None)` |
//! | 13 | RETURNED → DONE | [`Gen::take_return_value`] or `close()` takes the return value |
//! | 14 | any → (dropped) | `Drop` drops the live part exactly once |
//!
//! Every state but UNSTARTED and RUNNING is *finished*: `poll_next` returns `None` and runs
//! no user code ([`Gen`] is a [`FusedAsyncIterator`](crate::FusedAsyncIterator)).
//!
//! # How it works, and what it costs
//!
//! The closure is not called until the first poll, when the generator is already pinned.
//! Its future is then stored inline in the [`Gen`], and the handle [`Co`] it receives points
//! back at a one-item slot in the same [`Gen`]. A yield's future writes the slot at its first
//! poll and returns `Pending`; `poll_next` sees `Pending`, finds an item in the slot, and
//! returns it. So a yield costs one state check, the body's own resume, and one slot write
//! and take: no allocation, no thread-local, no waker clone. (A yield awaited late, or
//! polled by a combinator, delivers all the same: see [`Co::yield_`].)
//!
//! The handle cannot escape: the closure must work for every brand lifetime `'a` of
//! `Co<'a, T>`, which is invariant, so storing the handle anywhere outside the body is a
//! compile error ("borrowed data escapes outside of closure"). All `unsafe` code lives in
//! one file, `generator/raw.rs`.

mod macros;
mod raw;
mod yield_;

pub use raw::{Close, Closed, Co, Gen, GenBody};
pub use yield_::{Resume, Yield, YieldFrom};

/// Support for the generator macros. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use super::yield_::{TryYield, TryYieldExt};
}
