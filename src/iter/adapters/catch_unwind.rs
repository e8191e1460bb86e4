use core::any::Any;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::boxed::Box;
use std::panic::{AssertUnwindSafe, UnwindSafe, catch_unwind};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by
    /// [`AsyncIteratorExt::catch_unwind`](crate::AsyncIteratorExt::catch_unwind).
    #[derive(Debug)]
    #[must_use = "async iterators do nothing unless polled"]
    pub struct CatchUnwind<I> {
        #[pin]
        iter: I,
        // Set after a panic: the iterator is not polled again.
        caught: bool,
    }
}

impl<I> CatchUnwind<I> {
    pub(crate) fn new(iter: I) -> Self {
        CatchUnwind {
            iter,
            caught: false,
        }
    }
}

impl<I: AsyncIterator + UnwindSafe> AsyncIterator for CatchUnwind<I> {
    type Item = Result<I::Item, Box<dyn Any + Send>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.project();
        if *this.caught {
            return Poll::Ready(None);
        }
        let iter = this.iter;
        // `I: UnwindSafe` is the caller's promise that a panic leaves nothing observable in a
        // broken state; the context and the pinned reference are only borrowed for the call.
        match catch_unwind(AssertUnwindSafe(|| iter.poll_next(cx))) {
            Ok(Poll::Ready(Some(item))) => Poll::Ready(Some(Ok(item))),
            Ok(Poll::Ready(None)) => Poll::Ready(None),
            Ok(Poll::Pending) => Poll::Pending,
            Err(panic) => {
                *this.caught = true;
                Poll::Ready(Some(Err(panic)))
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.caught {
            (0, Some(0))
        } else {
            // A panic ends the iterator early with one more item (the error), which may
            // also replace the final `None`.
            let (lower, upper) = self.iter.size_hint();
            (lower.min(1), upper.and_then(|u| u.checked_add(1)))
        }
    }
}

impl<I: FusedAsyncIterator + UnwindSafe> FusedAsyncIterator for CatchUnwind<I> {}
