use core::fmt;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by
    /// [`AsyncIteratorExt::flat_map`](crate::AsyncIteratorExt::flat_map).
    #[must_use = "async iterators do nothing unless polled"]
    pub struct FlatMap<I, U, F> {
        #[pin]
        outer: I,
        // The inner iterator being drained; dropped as soon as it ends.
        #[pin]
        inner: Option<U>,
        f: F,
    }
}

impl<I, U, F> FlatMap<I, U, F> {
    pub(crate) fn new(outer: I, f: F) -> Self {
        FlatMap {
            outer,
            inner: None,
            f,
        }
    }
}

impl<I: fmt::Debug, U: fmt::Debug, F> fmt::Debug for FlatMap<I, U, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FlatMap")
            .field("outer", &self.outer)
            .field("inner", &self.inner)
            .finish_non_exhaustive()
    }
}

impl<I, U, F> AsyncIterator for FlatMap<I, U, F>
where
    I: AsyncIterator,
    U: AsyncIterator,
    F: FnMut(I::Item) -> U,
{
    type Item = U::Item;

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<U::Item>> {
        let mut this = self.project();
        loop {
            if let Some(inner) = this.inner.as_mut().as_pin_mut() {
                if let Some(item) = ready!(inner.poll_next(cx)) {
                    return Poll::Ready(Some(item));
                }
                this.inner.set(None);
            }
            match ready!(this.outer.as_mut().poll_next(cx)) {
                Some(item) => this.inner.set(Some((this.f)(item))),
                None => return Poll::Ready(None),
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let (lower, upper) = self.inner.as_ref().map_or((0, Some(0)), |i| i.size_hint());
        match self.outer.size_hint() {
            (_, Some(0)) => (lower, upper),
            _ => (lower, None),
        }
    }
}

impl<I, U, F> FusedAsyncIterator for FlatMap<I, U, F>
where
    I: FusedAsyncIterator,
    U: AsyncIterator,
    F: FnMut(I::Item) -> U,
{
}
