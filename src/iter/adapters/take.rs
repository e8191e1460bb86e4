use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by [`AsyncIteratorExt::take`](crate::AsyncIteratorExt::take).
    #[derive(Debug)]
    #[must_use = "async iterators do nothing unless polled"]
    pub struct Take<I> {
        #[pin]
        iter: I,
        remaining: usize,
    }
}

impl<I> Take<I> {
    pub(crate) fn new(iter: I, n: usize) -> Self {
        Take { iter, remaining: n }
    }
}

impl<I: AsyncIterator> AsyncIterator for Take<I> {
    type Item = I::Item;

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
        let this = self.project();
        if *this.remaining == 0 {
            return Poll::Ready(None);
        }
        let item = ready!(this.iter.poll_next(cx));
        // Once the inner iterator ends, never poll it again: `Take` is fused on its own.
        *this.remaining = if item.is_some() {
            *this.remaining - 1
        } else {
            0
        };
        Poll::Ready(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.remaining;
        if n == 0 {
            return (0, Some(0));
        }
        let (lower, upper) = self.iter.size_hint();
        (lower.min(n), Some(upper.map_or(n, |u| u.min(n))))
    }
}

impl<I: AsyncIterator> FusedAsyncIterator for Take<I> {}
