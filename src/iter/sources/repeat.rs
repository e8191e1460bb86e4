use core::pin::Pin;
use core::task::{Context, Poll};

use crate::{AsyncIterator, FusedAsyncIterator};

/// An async iterator that yields clones of `value` forever.
///
/// ```
/// use anext::{AsyncIteratorExt, block_on, repeat};
/// let mut it = repeat('x');
/// assert_eq!(block_on(it.next()), Some('x'));
/// assert_eq!(block_on(it.next()), Some('x'));
/// ```
pub fn repeat<T: Clone>(value: T) -> Repeat<T> {
    Repeat { value }
}

/// The async iterator returned by [`repeat`].
#[derive(Clone, Debug)]
#[must_use = "async iterators do nothing unless polled"]
pub struct Repeat<T> {
    value: T,
}

impl<T> Unpin for Repeat<T> {}

impl<T: Clone> AsyncIterator for Repeat<T> {
    type Item = T;

    fn poll_next(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<T>> {
        Poll::Ready(Some(self.value.clone()))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (usize::MAX, None)
    }
}

impl<T: Clone> FusedAsyncIterator for Repeat<T> {}
