use core::fmt;
use core::pin::Pin;
use core::task::{Context, Poll};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by
    /// [`AsyncIteratorExt::map_err`](crate::AsyncIteratorExt::map_err).
    #[must_use = "async iterators do nothing unless polled"]
    pub struct MapErr<I, F> {
        #[pin]
        iter: I,
        f: F,
    }
}

impl<I, F> MapErr<I, F> {
    pub(crate) fn new(iter: I, f: F) -> Self {
        MapErr { iter, f }
    }
}

impl<I: fmt::Debug, F> fmt::Debug for MapErr<I, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MapErr")
            .field("iter", &self.iter)
            .finish_non_exhaustive()
    }
}

impl<I, T, E, G, F> AsyncIterator for MapErr<I, F>
where
    I: AsyncIterator<Item = Result<T, E>>,
    F: FnMut(E) -> G,
{
    type Item = Result<T, G>;

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<T, G>>> {
        let this = self.project();
        this.iter
            .poll_next(cx)
            .map(|item| item.map(|result| result.map_err(this.f)))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.iter.size_hint()
    }
}

impl<I, T, E, G, F> FusedAsyncIterator for MapErr<I, F>
where
    I: FusedAsyncIterator<Item = Result<T, E>>,
    F: FnMut(E) -> G,
{
}
