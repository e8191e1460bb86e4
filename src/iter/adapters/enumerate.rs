use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by
    /// [`AsyncIteratorExt::enumerate`](crate::AsyncIteratorExt::enumerate).
    #[derive(Debug)]
    #[must_use = "async iterators do nothing unless polled"]
    pub struct Enumerate<I> {
        #[pin]
        iter: I,
        count: usize,
    }
}

impl<I> Enumerate<I> {
    pub(crate) fn new(iter: I) -> Self {
        Enumerate { iter, count: 0 }
    }
}

impl<I: AsyncIterator> AsyncIterator for Enumerate<I> {
    type Item = (usize, I::Item);

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.project();
        let item = ready!(this.iter.poll_next(cx));
        Poll::Ready(item.map(|item| {
            let index = *this.count;
            *this.count += 1;
            (index, item)
        }))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.iter.size_hint()
    }
}

impl<I: FusedAsyncIterator> FusedAsyncIterator for Enumerate<I> {}
