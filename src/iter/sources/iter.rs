use core::pin::Pin;
use core::task::{Context, Poll};

use crate::{AsyncIterator, FusedAsyncIterator};

/// Turns any [`IntoIterator`] into an async iterator that is always ready.
///
/// Each poll calls the inner iterator's `next` once; the result is fused exactly when the
/// inner iterator is ([`core::iter::FusedIterator`]).
///
/// ```
/// use anext::{AsyncIteratorExt, block_on, iter};
/// let v: Vec<i32> = block_on(iter(1..=3).collect());
/// assert_eq!(v, [1, 2, 3]);
/// ```
pub fn iter<I: IntoIterator>(items: I) -> Iter<I::IntoIter> {
    Iter {
        inner: items.into_iter(),
    }
}

/// The async iterator returned by [`iter`].
#[derive(Clone, Debug)]
#[must_use = "async iterators do nothing unless polled"]
pub struct Iter<I> {
    inner: I,
}

impl<I> Unpin for Iter<I> {}

impl<I: Iterator> AsyncIterator for Iter<I> {
    type Item = I::Item;

    #[inline]
    fn poll_next(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
        Poll::Ready(self.get_mut().inner.next())
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl<I: core::iter::FusedIterator> FusedAsyncIterator for Iter<I> {}
