use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};
use core::time::Duration;

use crate::time::{Sleep, sleep};
use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by
    /// [`AsyncIteratorExt::throttle`](crate::AsyncIteratorExt::throttle).
    #[derive(Debug)]
    #[must_use = "async iterators do nothing unless polled"]
    pub struct Throttle<I> {
        #[pin]
        iter: I,
        period: Duration,
        // The pause after the last item; armed (polled once) when the item is handed out, so
        // the period counts from then, not from the consumer's next poll.
        pause: Option<Sleep>,
    }
}

impl<I> Throttle<I> {
    pub(crate) fn new(iter: I, period: Duration) -> Self {
        Throttle {
            iter,
            period,
            pause: None,
        }
    }
}

impl<I: AsyncIterator> AsyncIterator for Throttle<I> {
    type Item = I::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
        let this = self.project();
        if let Some(pause) = this.pause.as_mut() {
            ready!(Pin::new(pause).poll(cx));
            *this.pause = None;
        }
        let item = ready!(this.iter.poll_next(cx));
        if item.is_some() && !this.period.is_zero() {
            let mut pause = sleep(*this.period);
            // Start the clock now. If it is somehow already over, no pause is needed.
            if Pin::new(&mut pause).poll(cx).is_pending() {
                *this.pause = Some(pause);
            }
        }
        Poll::Ready(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.iter.size_hint()
    }
}

impl<I: FusedAsyncIterator> FusedAsyncIterator for Throttle<I> {}
