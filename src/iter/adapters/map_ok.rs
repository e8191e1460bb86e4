use core::fmt;
use core::pin::Pin;
use core::task::{Context, Poll};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by
    /// [`AsyncIteratorExt::map_ok`](crate::AsyncIteratorExt::map_ok).
    #[must_use = "async iterators do nothing unless polled"]
    pub struct MapOk<I, F> {
        #[pin]
        iter: I,
        f: F,
    }
}

impl<I, F> MapOk<I, F> {
    pub(crate) fn new(iter: I, f: F) -> Self {
        MapOk { iter, f }
    }
}

impl<I: fmt::Debug, F> fmt::Debug for MapOk<I, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MapOk")
            .field("iter", &self.iter)
            .finish_non_exhaustive()
    }
}

impl<I, T, E, U, F> AsyncIterator for MapOk<I, F>
where
    I: AsyncIterator<Item = Result<T, E>>,
    F: FnMut(T) -> U,
{
    type Item = Result<U, E>;

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<U, E>>> {
        let this = self.project();
        this.iter
            .poll_next(cx)
            .map(|item| item.map(|result| result.map(this.f)))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.iter.size_hint()
    }
}

impl<I, T, E, U, F> FusedAsyncIterator for MapOk<I, F>
where
    I: FusedAsyncIterator<Item = Result<T, E>>,
    F: FnMut(T) -> U,
{
}
