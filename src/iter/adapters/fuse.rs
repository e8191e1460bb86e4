use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by [`AsyncIteratorExt::fuse`](crate::AsyncIteratorExt::fuse).
    #[derive(Debug)]
    #[must_use = "async iterators do nothing unless polled"]
    pub struct Fuse<I> {
        #[pin]
        iter: I,
        done: bool,
    }
}

impl<I> Fuse<I> {
    pub(crate) fn new(iter: I) -> Self {
        Fuse { iter, done: false }
    }

    /// Tells whether the inner iterator has returned `None` (so this one always will).
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let mut it = iter([1]).fuse();
    /// assert!(!it.is_done());
    /// block_on(it.next());
    /// block_on(it.next());
    /// assert!(it.is_done());
    /// ```
    pub fn is_done(&self) -> bool {
        self.done
    }
}

impl<I: AsyncIterator> AsyncIterator for Fuse<I> {
    type Item = I::Item;

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
        let this = self.project();
        if *this.done {
            return Poll::Ready(None);
        }
        let item = ready!(this.iter.poll_next(cx));
        *this.done = item.is_none();
        Poll::Ready(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.done {
            (0, Some(0))
        } else {
            self.iter.size_hint()
        }
    }
}

impl<I: AsyncIterator> FusedAsyncIterator for Fuse<I> {}
