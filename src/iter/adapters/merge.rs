use core::pin::Pin;
use core::task::{Context, Poll};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by [`AsyncIteratorExt::merge`](crate::AsyncIteratorExt::merge).
    ///
    /// Fairness: the side polled first alternates on every poll, so a side that is always
    /// ready cannot starve the other; when both are always ready, items alternate.
    #[derive(Debug)]
    #[must_use = "async iterators do nothing unless polled"]
    pub struct Merge<A, B> {
        #[pin]
        a: A,
        #[pin]
        b: B,
        a_done: bool,
        b_done: bool,
        b_first: bool,
    }
}

impl<A, B> Merge<A, B> {
    pub(crate) fn new(a: A, b: B) -> Self {
        Merge {
            a,
            b,
            a_done: false,
            b_done: false,
            b_first: false,
        }
    }
}

impl<A, B> AsyncIterator for Merge<A, B>
where
    A: AsyncIterator,
    B: AsyncIterator<Item = A::Item>,
{
    type Item = A::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<A::Item>> {
        let mut this = self.project();
        let b_first = *this.b_first;
        *this.b_first = !b_first;
        for poll_b in [b_first, !b_first] {
            let polled = match (poll_b, *this.a_done, *this.b_done) {
                (false, false, _) => this.a.as_mut().poll_next(cx),
                (true, _, false) => this.b.as_mut().poll_next(cx),
                _ => continue,
            };
            match polled {
                Poll::Ready(Some(item)) => return Poll::Ready(Some(item)),
                Poll::Ready(None) if poll_b => *this.b_done = true,
                Poll::Ready(None) => *this.a_done = true,
                Poll::Pending => {}
            }
        }
        if *this.a_done && *this.b_done {
            Poll::Ready(None)
        } else {
            Poll::Pending
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let side =
            |done: bool, hint: (usize, Option<usize>)| if done { (0, Some(0)) } else { hint };
        let (a_lower, a_upper) = side(self.a_done, self.a.size_hint());
        let (b_lower, b_upper) = side(self.b_done, self.b.size_hint());
        let upper = match (a_upper, b_upper) {
            (Some(a), Some(b)) => a.checked_add(b),
            _ => None,
        };
        (a_lower.saturating_add(b_lower), upper)
    }
}

impl<A, B> FusedAsyncIterator for Merge<A, B>
where
    A: AsyncIterator,
    B: AsyncIterator<Item = A::Item>,
{
}
