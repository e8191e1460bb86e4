use core::fmt;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by [`AsyncIteratorExt::scan`](crate::AsyncIteratorExt::scan).
    #[must_use = "async iterators do nothing unless polled"]
    pub struct Scan<I, S, F> {
        #[pin]
        iter: I,
        state: S,
        f: F,
        done: bool,
    }
}

impl<I, S, F> Scan<I, S, F> {
    pub(crate) fn new(iter: I, state: S, f: F) -> Self {
        Scan {
            iter,
            state,
            f,
            done: false,
        }
    }
}

impl<I: fmt::Debug, S: fmt::Debug, F> fmt::Debug for Scan<I, S, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Scan")
            .field("iter", &self.iter)
            .field("state", &self.state)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<B, I, S, F> AsyncIterator for Scan<I, S, F>
where
    I: AsyncIterator,
    F: FnMut(&mut S, I::Item) -> Option<B>,
{
    type Item = B;

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<B>> {
        let this = self.project();
        if *this.done {
            return Poll::Ready(None);
        }
        let item = ready!(this.iter.poll_next(cx)).and_then(|item| (this.f)(this.state, item));
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

impl<B, I, S, F> FusedAsyncIterator for Scan<I, S, F>
where
    I: AsyncIterator,
    F: FnMut(&mut S, I::Item) -> Option<B>,
{
}
