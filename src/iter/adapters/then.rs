use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by [`AsyncIteratorExt::then`](crate::AsyncIteratorExt::then).
    #[must_use = "async iterators do nothing unless polled"]
    pub struct Then<I, Fut, F> {
        #[pin]
        iter: I,
        // The future of the current item, stored inline: no allocation per item.
        #[pin]
        pending: Option<Fut>,
        f: F,
    }
}

impl<I, Fut, F> Then<I, Fut, F> {
    pub(crate) fn new(iter: I, f: F) -> Self {
        Then {
            iter,
            pending: None,
            f,
        }
    }
}

impl<I: fmt::Debug, Fut: fmt::Debug, F> fmt::Debug for Then<I, Fut, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Then")
            .field("iter", &self.iter)
            .field("pending", &self.pending)
            .finish_non_exhaustive()
    }
}

impl<I, Fut, F> AsyncIterator for Then<I, Fut, F>
where
    I: AsyncIterator,
    F: FnMut(I::Item) -> Fut,
    Fut: Future,
{
    type Item = Fut::Output;

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Fut::Output>> {
        let mut this = self.project();
        if this.pending.is_none() {
            let Some(item) = ready!(this.iter.poll_next(cx)) else {
                return Poll::Ready(None);
            };
            this.pending.set(Some((this.f)(item)));
            // The new future is polled here, not after a merge with the branch below, so
            // the optimiser knows it is new and skips its state dispatch (unfold.rs).
            return match crate::iter::poll_and_clear(this.pending, cx) {
                Poll::Pending => Poll::Pending,
                Poll::Ready(output) => Poll::Ready(Some(output)),
            };
        }
        // Empties the slot on `Ready` and on unwind: after a panic the adapter moves on.
        let output = ready!(crate::iter::poll_and_clear(this.pending, cx));
        Poll::Ready(Some(output))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let held = usize::from(self.pending.is_some());
        let (lower, upper) = self.iter.size_hint();
        (
            lower.saturating_add(held),
            upper.and_then(|u| u.checked_add(held)),
        )
    }
}

impl<I, Fut, F> FusedAsyncIterator for Then<I, Fut, F>
where
    I: FusedAsyncIterator,
    F: FnMut(I::Item) -> Fut,
    Fut: Future,
{
}
