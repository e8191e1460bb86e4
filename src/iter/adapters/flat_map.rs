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
        let this = self.project();
        poll_flat(this.outer, this.inner, cx, this.f)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        flat_size_hint(self.inner.as_ref(), self.outer.size_hint())
    }
}

/// The loop of [`FlatMap`] and [`Flatten`](super::Flatten): drain the current inner iterator,
/// then make the next one from the outer iterator's next item.
#[inline]
pub(super) fn poll_flat<O: AsyncIterator, U: AsyncIterator>(
    mut outer: Pin<&mut O>,
    mut inner: Pin<&mut Option<U>>,
    cx: &mut Context<'_>,
    mut make: impl FnMut(O::Item) -> U,
) -> Poll<Option<U::Item>> {
    loop {
        if let Some(current) = inner.as_mut().as_pin_mut() {
            if let Some(item) = ready!(current.poll_next(cx)) {
                return Poll::Ready(Some(item));
            }
            inner.set(None);
        }
        match ready!(outer.as_mut().poll_next(cx)) {
            Some(item) => inner.set(Some(make(item))),
            None => return Poll::Ready(None),
        }
    }
}

/// The size hint of [`FlatMap`] and [`Flatten`](super::Flatten): the current inner
/// iterator's, with no upper bound while the outer iterator may yield more.
pub(super) fn flat_size_hint<U: AsyncIterator>(
    inner: Option<&U>,
    outer: (usize, Option<usize>),
) -> (usize, Option<usize>) {
    let (lower, upper) = inner.map_or((0, Some(0)), U::size_hint);
    match outer {
        (_, Some(0)) => (lower, upper),
        _ => (lower, None),
    }
}

impl<I, U, F> FusedAsyncIterator for FlatMap<I, U, F>
where
    I: FusedAsyncIterator,
    U: AsyncIterator,
    F: FnMut(I::Item) -> U,
{
}
