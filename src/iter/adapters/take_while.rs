use core::fmt;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by
    /// [`AsyncIteratorExt::take_while`](crate::AsyncIteratorExt::take_while).
    #[must_use = "async iterators do nothing unless polled"]
    pub struct TakeWhile<I, F> {
        #[pin]
        iter: I,
        predicate: F,
        done: bool,
    }
}

impl<I, F> TakeWhile<I, F> {
    pub(crate) fn new(iter: I, predicate: F) -> Self {
        TakeWhile {
            iter,
            predicate,
            done: false,
        }
    }
}

impl<I: fmt::Debug, F> fmt::Debug for TakeWhile<I, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TakeWhile")
            .field("iter", &self.iter)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<I: AsyncIterator, F: FnMut(&I::Item) -> bool> AsyncIterator for TakeWhile<I, F> {
    type Item = I::Item;

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
        let this = self.project();
        if *this.done {
            return Poll::Ready(None);
        }
        let item = ready!(this.iter.poll_next(cx)).filter(|item| (this.predicate)(item));
        *this.done = item.is_none();
        Poll::Ready(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.done {
            (0, Some(0))
        } else {
            (0, self.iter.size_hint().1)
        }
    }
}

impl<I: AsyncIterator, F: FnMut(&I::Item) -> bool> FusedAsyncIterator for TakeWhile<I, F> {}
