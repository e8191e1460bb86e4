use core::fmt;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by
    /// [`AsyncIteratorExt::filter`](crate::AsyncIteratorExt::filter).
    #[must_use = "async iterators do nothing unless polled"]
    pub struct Filter<I, F> {
        #[pin]
        iter: I,
        predicate: F,
    }
}

impl<I, F> Filter<I, F> {
    pub(crate) fn new(iter: I, predicate: F) -> Self {
        Filter { iter, predicate }
    }
}

impl<I: fmt::Debug, F> fmt::Debug for Filter<I, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Filter")
            .field("iter", &self.iter)
            .finish_non_exhaustive()
    }
}

impl<I: AsyncIterator, F: FnMut(&I::Item) -> bool> AsyncIterator for Filter<I, F> {
    type Item = I::Item;

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
        let mut this = self.project();
        while let Some(item) = ready!(this.iter.as_mut().poll_next(cx)) {
            if (this.predicate)(&item) {
                return Poll::Ready(Some(item));
            }
        }
        Poll::Ready(None)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, self.iter.size_hint().1)
    }
}

impl<I: FusedAsyncIterator, F: FnMut(&I::Item) -> bool> FusedAsyncIterator for Filter<I, F> {}
