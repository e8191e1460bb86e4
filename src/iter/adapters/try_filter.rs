use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by
    /// [`AsyncIteratorExt::try_filter`](crate::AsyncIteratorExt::try_filter).
    #[must_use = "async iterators do nothing unless polled"]
    pub struct TryFilter<I, T, Fut, F> {
        #[pin]
        iter: I,
        // The `Ok` value being judged and the future judging it; both `Some` or both `None`.
        value: Option<T>,
        #[pin]
        verdict: Option<Fut>,
        predicate: F,
    }
}

impl<I, T, Fut, F> TryFilter<I, T, Fut, F> {
    pub(crate) fn new(iter: I, predicate: F) -> Self {
        TryFilter {
            iter,
            value: None,
            verdict: None,
            predicate,
        }
    }
}

impl<I: fmt::Debug, T: fmt::Debug, Fut: fmt::Debug, F> fmt::Debug for TryFilter<I, T, Fut, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TryFilter")
            .field("iter", &self.iter)
            .field("value", &self.value)
            .field("verdict", &self.verdict)
            .finish_non_exhaustive()
    }
}

impl<I, T, E, Fut, F> AsyncIterator for TryFilter<I, T, Fut, F>
where
    I: AsyncIterator<Item = Result<T, E>>,
    F: FnMut(&T) -> Fut,
    Fut: Future<Output = bool>,
{
    type Item = Result<T, E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<T, E>>> {
        let mut this = self.project();
        loop {
            if this.verdict.is_some() {
                // Empties the slot on `Ready` and on unwind: a panicking predicate does not
                // poison the adapter.
                let keep = ready!(crate::iter::poll_and_clear(this.verdict.as_mut(), cx));
                let value = this.value.take();
                if keep {
                    return Poll::Ready(value.map(Ok));
                }
            }
            match ready!(this.iter.as_mut().poll_next(cx)) {
                Some(Ok(value)) => {
                    this.verdict.set(Some((this.predicate)(&value)));
                    *this.value = Some(value);
                }
                // Errors are never filtered out.
                Some(Err(error)) => return Poll::Ready(Some(Err(error))),
                None => return Poll::Ready(None),
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let held = usize::from(self.value.is_some());
        (0, self.iter.size_hint().1.and_then(|u| u.checked_add(held)))
    }
}

impl<I, T, E, Fut, F> FusedAsyncIterator for TryFilter<I, T, Fut, F>
where
    I: FusedAsyncIterator<Item = Result<T, E>>,
    F: FnMut(&T) -> Fut,
    Fut: Future<Output = bool>,
{
}
