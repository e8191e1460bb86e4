use core::fmt;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by
    /// [`AsyncIteratorExt::skip_while`](crate::AsyncIteratorExt::skip_while).
    #[must_use = "async iterators do nothing unless polled"]
    pub struct SkipWhile<I, F> {
        #[pin]
        iter: I,
        predicate: F,
        skipping: bool,
    }
}

impl<I, F> SkipWhile<I, F> {
    pub(crate) fn new(iter: I, predicate: F) -> Self {
        SkipWhile {
            iter,
            predicate,
            skipping: true,
        }
    }
}

impl<I: fmt::Debug, F> fmt::Debug for SkipWhile<I, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SkipWhile")
            .field("iter", &self.iter)
            .field("skipping", &self.skipping)
            .finish_non_exhaustive()
    }
}

impl<I: AsyncIterator, F: FnMut(&I::Item) -> bool> AsyncIterator for SkipWhile<I, F> {
    type Item = I::Item;

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
        let mut this = self.project();
        if !*this.skipping {
            return this.iter.poll_next(cx);
        }
        while let Some(item) = ready!(this.iter.as_mut().poll_next(cx)) {
            if !(this.predicate)(&item) {
                *this.skipping = false;
                return Poll::Ready(Some(item));
            }
        }
        Poll::Ready(None)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let (lower, upper) = self.iter.size_hint();
        if self.skipping {
            (0, upper)
        } else {
            (lower, upper)
        }
    }
}

impl<I: FusedAsyncIterator, F: FnMut(&I::Item) -> bool> FusedAsyncIterator for SkipWhile<I, F> {}
