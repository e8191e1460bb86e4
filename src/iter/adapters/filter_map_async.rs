use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by
    /// [`AsyncIteratorExt::filter_map_async`](crate::AsyncIteratorExt::filter_map_async).
    #[must_use = "async iterators do nothing unless polled"]
    pub struct FilterMapAsync<I, Fut, F> {
        #[pin]
        iter: I,
        #[pin]
        pending: Option<Fut>,
        f: F,
    }
}

impl<I, Fut, F> FilterMapAsync<I, Fut, F> {
    pub(crate) fn new(iter: I, f: F) -> Self {
        FilterMapAsync {
            iter,
            pending: None,
            f,
        }
    }
}

impl<I: fmt::Debug, Fut: fmt::Debug, F> fmt::Debug for FilterMapAsync<I, Fut, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilterMapAsync")
            .field("iter", &self.iter)
            .field("pending", &self.pending)
            .finish_non_exhaustive()
    }
}

impl<B, I, Fut, F> AsyncIterator for FilterMapAsync<I, Fut, F>
where
    I: AsyncIterator,
    F: FnMut(I::Item) -> Fut,
    Fut: Future<Output = Option<B>>,
{
    type Item = B;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<B>> {
        let mut this = self.project();
        loop {
            if this.pending.is_some() {
                // Empties the slot on `Ready` and on unwind: after a panic the adapter moves on.
                let mapped = ready!(crate::iter::poll_and_clear(this.pending.as_mut(), cx));
                if mapped.is_some() {
                    return Poll::Ready(mapped);
                }
            }
            match ready!(this.iter.as_mut().poll_next(cx)) {
                Some(item) => this.pending.set(Some((this.f)(item))),
                None => return Poll::Ready(None),
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let held = usize::from(self.pending.is_some());
        (0, self.iter.size_hint().1.and_then(|u| u.checked_add(held)))
    }
}

impl<B, I, Fut, F> FusedAsyncIterator for FilterMapAsync<I, Fut, F>
where
    I: FusedAsyncIterator,
    F: FnMut(I::Item) -> Fut,
    Fut: Future<Output = Option<B>>,
{
}
