use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use crate::AsyncIterator;

/// The future returned by [`AsyncIteratorExt::try_next`](crate::AsyncIteratorExt::try_next).
#[derive(Debug)]
#[must_use = "futures do nothing unless polled"]
pub struct TryNext<'a, I: ?Sized> {
    iter: &'a mut I,
}

impl<'a, I: ?Sized> TryNext<'a, I> {
    pub(crate) fn new(iter: &'a mut I) -> Self {
        TryNext { iter }
    }
}

impl<I: ?Sized> Unpin for TryNext<'_, I> {}

impl<I, T, E> Future for TryNext<'_, I>
where
    I: AsyncIterator<Item = Result<T, E>> + Unpin + ?Sized,
{
    type Output = Result<Option<T>, E>;

    #[inline]
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<Option<T>, E>> {
        Pin::new(&mut *self.iter)
            .poll_next(cx)
            .map(Option::transpose)
    }
}
