use core::fmt;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by
    /// [`AsyncIteratorExt::filter_map`](crate::AsyncIteratorExt::filter_map).
    #[must_use = "async iterators do nothing unless polled"]
    pub struct FilterMap<I, F> {
        #[pin]
        iter: I,
        f: F,
    }
}

impl<I, F> FilterMap<I, F> {
    pub(crate) fn new(iter: I, f: F) -> Self {
        FilterMap { iter, f }
    }
}

impl<I: fmt::Debug, F> fmt::Debug for FilterMap<I, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilterMap")
            .field("iter", &self.iter)
            .finish_non_exhaustive()
    }
}

impl<B, I: AsyncIterator, F: FnMut(I::Item) -> Option<B>> AsyncIterator for FilterMap<I, F> {
    type Item = B;

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<B>> {
        let mut this = self.project();
        while let Some(item) = ready!(this.iter.as_mut().poll_next(cx)) {
            if let Some(mapped) = (this.f)(item) {
                return Poll::Ready(Some(mapped));
            }
        }
        Poll::Ready(None)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, self.iter.size_hint().1)
    }
}

impl<B, I, F> FusedAsyncIterator for FilterMap<I, F>
where
    I: FusedAsyncIterator,
    F: FnMut(I::Item) -> Option<B>,
{
}
