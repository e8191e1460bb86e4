use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by
    /// [`AsyncIteratorExt::and_then`](crate::AsyncIteratorExt::and_then).
    #[must_use = "async iterators do nothing unless polled"]
    pub struct AndThen<I, Fut, F> {
        #[pin]
        iter: I,
        // The future of the current `Ok` item, stored inline: no allocation per item.
        #[pin]
        pending: Option<Fut>,
        f: F,
    }
}

impl<I, Fut, F> AndThen<I, Fut, F> {
    pub(crate) fn new(iter: I, f: F) -> Self {
        AndThen {
            iter,
            pending: None,
            f,
        }
    }
}

impl<I: fmt::Debug, Fut: fmt::Debug, F> fmt::Debug for AndThen<I, Fut, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AndThen")
            .field("iter", &self.iter)
            .field("pending", &self.pending)
            .finish_non_exhaustive()
    }
}

impl<I, T, E, U, Fut, F> AsyncIterator for AndThen<I, Fut, F>
where
    I: AsyncIterator<Item = Result<T, E>>,
    F: FnMut(T) -> Fut,
    Fut: Future<Output = Result<U, E>>,
{
    type Item = Result<U, E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<U, E>>> {
        let mut this = self.project();
        if this.pending.is_none() {
            match ready!(this.iter.poll_next(cx)) {
                Some(Ok(value)) => this.pending.set(Some((this.f)(value))),
                // An error passes through untouched, like `TryStreamExt::and_then`.
                Some(Err(error)) => return Poll::Ready(Some(Err(error))),
                None => return Poll::Ready(None),
            }
        }
        // Empties the slot on `Ready` and on unwind: after a panic the adapter moves on.
        let output = ready!(crate::iter::poll_and_clear(this.pending.as_mut(), cx));
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

impl<I, T, E, U, Fut, F> FusedAsyncIterator for AndThen<I, Fut, F>
where
    I: FusedAsyncIterator<Item = Result<T, E>>,
    F: FnMut(T) -> Fut,
    Fut: Future<Output = Result<U, E>>,
{
}
