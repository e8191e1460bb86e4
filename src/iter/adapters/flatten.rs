use core::pin::Pin;
use core::task::{Context, Poll};

use super::flat_map::{flat_size_hint, poll_flat};
use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by
    /// [`AsyncIteratorExt::flatten`](crate::AsyncIteratorExt::flatten).
    #[derive(Debug)]
    #[must_use = "async iterators do nothing unless polled"]
    pub struct Flatten<I: AsyncIterator> {
        #[pin]
        outer: I,
        // The inner iterator being drained; dropped as soon as it ends.
        #[pin]
        inner: Option<I::Item>,
    }
}

impl<I: AsyncIterator> Flatten<I> {
    pub(crate) fn new(outer: I) -> Self {
        Flatten { outer, inner: None }
    }
}

impl<I> AsyncIterator for Flatten<I>
where
    I: AsyncIterator<Item: AsyncIterator>,
{
    type Item = <I::Item as AsyncIterator>::Item;

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.project();
        poll_flat(this.outer, this.inner, cx, |inner| inner)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        flat_size_hint(self.inner.as_ref(), self.outer.size_hint())
    }
}

impl<I> FusedAsyncIterator for Flatten<I> where I: FusedAsyncIterator<Item: AsyncIterator> {}
