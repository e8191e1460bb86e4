use core::fmt;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by
    /// [`AsyncIteratorExt::map_while`](crate::AsyncIteratorExt::map_while).
    #[must_use = "async iterators do nothing unless polled"]
    pub struct MapWhile<I, F> {
        #[pin]
        iter: I,
        f: F,
        done: bool,
    }
}

impl<I, F> MapWhile<I, F> {
    pub(crate) fn new(iter: I, f: F) -> Self {
        MapWhile {
            iter,
            f,
            done: false,
        }
    }
}

impl<I: fmt::Debug, F> fmt::Debug for MapWhile<I, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MapWhile")
            .field("iter", &self.iter)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<B, I: AsyncIterator, F: FnMut(I::Item) -> Option<B>> AsyncIterator for MapWhile<I, F> {
    type Item = B;

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<B>> {
        let this = self.project();
        if *this.done {
            return Poll::Ready(None);
        }
        let item = ready!(this.iter.poll_next(cx)).and_then(this.f);
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

impl<B, I, F> FusedAsyncIterator for MapWhile<I, F>
where
    I: AsyncIterator,
    F: FnMut(I::Item) -> Option<B>,
{
}
