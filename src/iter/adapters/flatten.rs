use core::pin::Pin;
use core::task::{Context, Poll, ready};

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
        let mut this = self.project();
        loop {
            if let Some(inner) = this.inner.as_mut().as_pin_mut() {
                if let Some(item) = ready!(inner.poll_next(cx)) {
                    return Poll::Ready(Some(item));
                }
                this.inner.set(None);
            }
            match ready!(this.outer.as_mut().poll_next(cx)) {
                Some(inner) => this.inner.set(Some(inner)),
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

impl<I> FusedAsyncIterator for Flatten<I> where I: FusedAsyncIterator<Item: AsyncIterator> {}
