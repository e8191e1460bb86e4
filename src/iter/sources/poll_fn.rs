use core::fmt;
use core::pin::Pin;
use core::task::{Context, Poll};

use crate::AsyncIterator;

/// An async iterator whose `poll_next` is the closure `f`.
///
/// This is the lowest-level source: `f` gets the task's [`Context`] and must register the
/// waker before it returns `Pending`. The result is not fused: every poll calls `f`.
///
/// ```
/// use anext::{AsyncIteratorExt, block_on, poll_fn};
/// use core::task::Poll;
///
/// let mut n = 0;
/// let it = poll_fn(move |_cx| {
///     n += 1;
///     Poll::Ready(if n <= 2 { Some(n) } else { None })
/// });
/// assert_eq!(block_on(it.collect::<Vec<_>>()), [1, 2]);
/// ```
pub fn poll_fn<T, F>(f: F) -> PollFn<F>
where
    F: FnMut(&mut Context<'_>) -> Poll<Option<T>>,
{
    PollFn { f }
}

/// The async iterator returned by [`poll_fn`].
#[must_use = "async iterators do nothing unless polled"]
pub struct PollFn<F> {
    f: F,
}

impl<F> Unpin for PollFn<F> {}

impl<F> fmt::Debug for PollFn<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PollFn").finish_non_exhaustive()
    }
}

impl<T, F> AsyncIterator for PollFn<F>
where
    F: FnMut(&mut Context<'_>) -> Poll<Option<T>>,
{
    type Item = T;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        (self.get_mut().f)(cx)
    }
}
