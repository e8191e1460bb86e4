use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by [`AsyncIteratorExt::zip`](crate::AsyncIteratorExt::zip).
    ///
    /// It polls `a` first; an item of `a` waits in the adapter while `b` is pending, so no item
    /// is lost to a `Pending`.
    #[derive(Debug)]
    #[must_use = "async iterators do nothing unless polled"]
    pub struct Zip<A: AsyncIterator, B> {
        #[pin]
        a: A,
        #[pin]
        b: B,
        a_item: Option<A::Item>,
        done: bool,
    }
}

impl<A: AsyncIterator, B> Zip<A, B> {
    pub(crate) fn new(a: A, b: B) -> Self {
        Zip {
            a,
            b,
            a_item: None,
            done: false,
        }
    }
}

impl<A: AsyncIterator, B: AsyncIterator> AsyncIterator for Zip<A, B> {
    type Item = (A::Item, B::Item);

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.project();
        if *this.done {
            return Poll::Ready(None);
        }
        if this.a_item.is_none() {
            match ready!(this.a.poll_next(cx)) {
                Some(item) => *this.a_item = Some(item),
                None => {
                    *this.done = true;
                    return Poll::Ready(None);
                }
            }
        }
        let b_item = ready!(this.b.poll_next(cx));
        let pair = b_item.and_then(|b| this.a_item.take().map(|a| (a, b)));
        *this.done = pair.is_none();
        Poll::Ready(pair)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.done {
            return (0, Some(0));
        }
        let held = usize::from(self.a_item.is_some());
        let (a_lower, a_upper) = self.a.size_hint();
        let (a_lower, a_upper) = (
            a_lower.saturating_add(held),
            a_upper.and_then(|u| u.checked_add(held)),
        );
        let (b_lower, b_upper) = self.b.size_hint();
        let upper = match (a_upper, b_upper) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        (a_lower.min(b_lower), upper)
    }
}

impl<A: AsyncIterator, B: AsyncIterator> FusedAsyncIterator for Zip<A, B> {}
