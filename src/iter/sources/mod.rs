//! Functions that start an async iterator: the async twins of `core::iter`'s sources, plus
//! [`poll_fn`] and [`unfold`] for hand-made ones.

mod empty;
mod from_fn;
mod iter;
mod once;
mod pending;
mod poll_fn;
mod repeat;
mod repeat_with;
mod unfold;

pub use empty::{Empty, empty};
pub use from_fn::{FromFn, from_fn};
pub use iter::{Iter, iter};
pub use once::{Once, once};
pub use pending::{Pending, pending};
pub use poll_fn::{PollFn, poll_fn};
pub use repeat::{Repeat, repeat};
pub use repeat_with::{RepeatWith, repeat_with};
pub use unfold::{Unfold, unfold};
