use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by
    /// [`AsyncIteratorExt::filter_async`](crate::AsyncIteratorExt::filter_async).
    #[must_use = "async iterators do nothing unless polled"]
    pub struct FilterAsync<I: AsyncIterator, Fut, F> {
        #[pin]
        iter: I,
        // The item being judged and the future judging it; both `Some` or both `None`.
        item: Option<I::Item>,
        #[pin]
        verdict: Option<Fut>,
        predicate: F,
    }
}

impl<I: AsyncIterator, Fut, F> FilterAsync<I, Fut, F> {
    pub(crate) fn new(iter: I, predicate: F) -> Self {
        FilterAsync {
            iter,
            item: None,
            verdict: None,
            predicate,
        }
    }
}

impl<I, Fut, F> fmt::Debug for FilterAsync<I, Fut, F>
where
    I: AsyncIterator<Item: fmt::Debug> + fmt::Debug,
    Fut: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilterAsync")
            .field("iter", &self.iter)
            .field("item", &self.item)
            .field("verdict", &self.verdict)
            .finish_non_exhaustive()
    }
}

impl<I, Fut, F> AsyncIterator for FilterAsync<I, Fut, F>
where
    I: AsyncIterator,
    F: FnMut(&I::Item) -> Fut,
    Fut: Future<Output = bool>,
{
    type Item = I::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
        let mut this = self.project();
        loop {
            if this.verdict.is_some() {
                // Empties the slot on `Ready` and on unwind (then the item is replaced by the
                // next one): a panicking predicate does not poison the adapter.
                let keep = ready!(crate::iter::poll_and_clear(this.verdict.as_mut(), cx));
                let item = this.item.take();
                if keep {
                    return Poll::Ready(item);
                }
            }
            match ready!(this.iter.as_mut().poll_next(cx)) {
                Some(item) => {
                    this.verdict.set(Some((this.predicate)(&item)));
                    *this.item = Some(item);
                }
                None => return Poll::Ready(None),
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let held = usize::from(self.item.is_some());
        (0, self.iter.size_hint().1.and_then(|u| u.checked_add(held)))
    }
}

impl<I, Fut, F> FusedAsyncIterator for FilterAsync<I, Fut, F>
where
    I: FusedAsyncIterator,
    F: FnMut(&I::Item) -> Fut,
    Fut: Future<Output = bool>,
{
}
