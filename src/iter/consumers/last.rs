use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::AsyncIterator;

pin_project_lite::pin_project! {
    /// The future returned by [`AsyncIteratorExt::last`](crate::AsyncIteratorExt::last).
    #[must_use = "futures do nothing unless polled"]
    pub struct Last<I: AsyncIterator> {
        #[pin]
        iter: I,
        // The outer `None` once the future has completed.
        last: Option<Option<I::Item>>,
    }
}

impl<I: AsyncIterator> Last<I> {
    pub(crate) fn new(iter: I) -> Self {
        Last {
            iter,
            last: Some(None),
        }
    }
}

impl<I: AsyncIterator + fmt::Debug> fmt::Debug for Last<I>
where
    I::Item: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Last")
            .field("iter", &self.iter)
            .field("last", &self.last)
            .finish()
    }
}

impl<I: AsyncIterator> Future for Last<I> {
    type Output = Option<I::Item>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
        let mut this = self.project();
        let Some(last) = this.last.as_mut() else {
            super::polled_after_completion("Last")
        };
        loop {
            match ready!(this.iter.as_mut().poll_next(cx)) {
                Some(item) => *last = Some(item),
                None => return Poll::Ready(this.last.take().expect("checked above")),
            }
        }
    }
}
