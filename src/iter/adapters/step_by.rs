use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by
    /// [`AsyncIteratorExt::step_by`](crate::AsyncIteratorExt::step_by).
    #[derive(Debug)]
    #[must_use = "async iterators do nothing unless polled"]
    pub struct StepBy<I> {
        #[pin]
        iter: I,
        // `step - 1`: how many items to drop after each one yielded.
        gap: usize,
        // Items still to drop before the next yield; counts down across `Pending`s.
        to_skip: usize,
    }
}

impl<I> StepBy<I> {
    #[track_caller]
    pub(crate) fn new(iter: I, step: usize) -> Self {
        assert!(step != 0, "step_by: the step must be at least 1, got 0");
        StepBy {
            iter,
            gap: step - 1,
            to_skip: 0,
        }
    }
}

impl<I: AsyncIterator> AsyncIterator for StepBy<I> {
    type Item = I::Item;

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
        let mut this = self.project();
        while *this.to_skip > 0 {
            if ready!(this.iter.as_mut().poll_next(cx)).is_none() {
                *this.to_skip = 0;
                return Poll::Ready(None);
            }
            *this.to_skip -= 1;
        }
        let item = ready!(this.iter.poll_next(cx));
        if item.is_some() {
            *this.to_skip = *this.gap;
        }
        Poll::Ready(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        // Of `n` items left, the first `to_skip` are dropped, then every `gap + 1`-th is kept.
        let kept = |n: usize| match n.checked_sub(self.to_skip) {
            None | Some(0) => 0,
            Some(rest) => 1 + (rest - 1) / (self.gap + 1),
        };
        let (lower, upper) = self.iter.size_hint();
        (kept(lower), upper.map(kept))
    }
}

impl<I: FusedAsyncIterator> FusedAsyncIterator for StepBy<I> {}
