use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by [`AsyncIteratorExt::chain`](crate::AsyncIteratorExt::chain).
    #[derive(Debug)]
    #[must_use = "async iterators do nothing unless polled"]
    pub struct Chain<A, B> {
        // `None` once it has ended: it is dropped then and never polled again.
        #[pin]
        first: Option<A>,
        #[pin]
        second: B,
    }
}

impl<A, B> Chain<A, B> {
    pub(crate) fn new(first: A, second: B) -> Self {
        Chain {
            first: Some(first),
            second,
        }
    }
}

impl<A, B> AsyncIterator for Chain<A, B>
where
    A: AsyncIterator,
    B: AsyncIterator<Item = A::Item>,
{
    type Item = A::Item;

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<A::Item>> {
        let mut this = self.project();
        if let Some(first) = this.first.as_mut().as_pin_mut() {
            if let Some(item) = ready!(first.poll_next(cx)) {
                return Poll::Ready(Some(item));
            }
            this.first.set(None);
        }
        this.second.poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let (lower, upper) = self.second.size_hint();
        match &self.first {
            None => (lower, upper),
            Some(first) => {
                let (first_lower, first_upper) = first.size_hint();
                let upper = match (first_upper, upper) {
                    (Some(a), Some(b)) => a.checked_add(b),
                    _ => None,
                };
                (first_lower.saturating_add(lower), upper)
            }
        }
    }
}

impl<A, B> FusedAsyncIterator for Chain<A, B>
where
    A: AsyncIterator,
    B: FusedAsyncIterator<Item = A::Item>,
{
}
