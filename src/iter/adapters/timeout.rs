use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use core::time::Duration;

use crate::time::{Elapsed, Sleep, sleep};
use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by
    /// [`AsyncIteratorExt::timeout`](crate::AsyncIteratorExt::timeout).
    #[derive(Debug)]
    #[must_use = "async iterators do nothing unless polled"]
    pub struct Timeout<I> {
        #[pin]
        iter: I,
        limit: Duration,
        // The timer of the current wait: armed at the first `Pending` of a wait, dropped when
        // an item (or the end, or the timeout) comes.
        timer: Option<Sleep>,
        done: bool,
    }
}

impl<I> Timeout<I> {
    pub(crate) fn new(iter: I, limit: Duration) -> Self {
        Timeout {
            iter,
            limit,
            timer: None,
            done: false,
        }
    }
}

impl<I: AsyncIterator> AsyncIterator for Timeout<I> {
    type Item = Result<I::Item, Elapsed>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.project();
        if *this.done {
            return Poll::Ready(None);
        }
        match this.iter.poll_next(cx) {
            Poll::Ready(Some(item)) => {
                *this.timer = None;
                return Poll::Ready(Some(Ok(item)));
            }
            Poll::Ready(None) => {
                *this.timer = None;
                *this.done = true;
                return Poll::Ready(None);
            }
            Poll::Pending => {}
        }
        let limit = *this.limit;
        let timer = this.timer.get_or_insert_with(|| sleep(limit));
        match Pin::new(timer).poll(cx) {
            Poll::Ready(()) => {
                // The next wait gets a fresh timer: a silent source yields one `Err` per limit.
                *this.timer = None;
                Poll::Ready(Some(Err(Elapsed::new())))
            }
            Poll::Pending => Poll::Pending,
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.done {
            return (0, Some(0));
        }
        // Any number of timeouts may come between the items.
        (self.iter.size_hint().0, None)
    }
}

impl<I: AsyncIterator> FusedAsyncIterator for Timeout<I> {}
