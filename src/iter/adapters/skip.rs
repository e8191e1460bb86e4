use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by [`AsyncIteratorExt::skip`](crate::AsyncIteratorExt::skip).
    #[derive(Debug)]
    #[must_use = "async iterators do nothing unless polled"]
    pub struct Skip<I> {
        #[pin]
        iter: I,
        remaining: usize,
    }
}

impl<I> Skip<I> {
    pub(crate) fn new(iter: I, n: usize) -> Self {
        Skip { iter, remaining: n }
    }
}

impl<I: AsyncIterator> AsyncIterator for Skip<I> {
    type Item = I::Item;

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
        let mut this = self.project();
        // `remaining` counts down across `Pending`s, so a wait in the middle skips no more.
        while *this.remaining > 0 {
            if ready!(this.iter.as_mut().poll_next(cx)).is_none() {
                *this.remaining = 0;
                return Poll::Ready(None);
            }
            *this.remaining -= 1;
        }
        this.iter.poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let (lower, upper) = self.iter.size_hint();
        let n = self.remaining;
        (lower.saturating_sub(n), upper.map(|u| u.saturating_sub(n)))
    }
}

impl<I: FusedAsyncIterator> FusedAsyncIterator for Skip<I> {}
