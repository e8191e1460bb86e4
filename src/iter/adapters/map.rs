use core::fmt;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by [`AsyncIteratorExt::map`](crate::AsyncIteratorExt::map).
    #[must_use = "async iterators do nothing unless polled"]
    pub struct Map<I, F> {
        #[pin]
        iter: I,
        f: F,
    }
}

impl<I, F> Map<I, F> {
    pub(crate) fn new(iter: I, f: F) -> Self {
        Map { iter, f }
    }
}

impl<I: fmt::Debug, F> fmt::Debug for Map<I, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Map")
            .field("iter", &self.iter)
            .finish_non_exhaustive()
    }
}

impl<B, I: AsyncIterator, F: FnMut(I::Item) -> B> AsyncIterator for Map<I, F> {
    type Item = B;

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<B>> {
        let this = self.project();
        Poll::Ready(ready!(this.iter.poll_next(cx)).map(this.f))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.iter.size_hint()
    }
}

impl<B, I: FusedAsyncIterator, F: FnMut(I::Item) -> B> FusedAsyncIterator for Map<I, F> {}
