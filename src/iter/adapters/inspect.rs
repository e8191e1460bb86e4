use core::fmt;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by
    /// [`AsyncIteratorExt::inspect`](crate::AsyncIteratorExt::inspect).
    #[must_use = "async iterators do nothing unless polled"]
    pub struct Inspect<I, F> {
        #[pin]
        iter: I,
        f: F,
    }
}

impl<I, F> Inspect<I, F> {
    pub(crate) fn new(iter: I, f: F) -> Self {
        Inspect { iter, f }
    }
}

impl<I: fmt::Debug, F> fmt::Debug for Inspect<I, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Inspect")
            .field("iter", &self.iter)
            .finish_non_exhaustive()
    }
}

impl<I: AsyncIterator, F: FnMut(&I::Item)> AsyncIterator for Inspect<I, F> {
    type Item = I::Item;

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
        let this = self.project();
        let item = ready!(this.iter.poll_next(cx));
        if let Some(item) = &item {
            (this.f)(item);
        }
        Poll::Ready(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.iter.size_hint()
    }
}

impl<I: FusedAsyncIterator, F: FnMut(&I::Item)> FusedAsyncIterator for Inspect<I, F> {}
