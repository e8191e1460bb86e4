use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::AsyncIterator;

pin_project_lite::pin_project! {
    /// The future returned by [`AsyncIteratorExt::count`](crate::AsyncIteratorExt::count).
    #[must_use = "futures do nothing unless polled"]
    pub struct Count<I> {
        #[pin]
        iter: I,
        // `None` once the future has completed.
        count: Option<usize>,
    }
}

impl<I> Count<I> {
    pub(crate) fn new(iter: I) -> Self {
        Count {
            iter,
            count: Some(0),
        }
    }
}

impl<I: fmt::Debug> fmt::Debug for Count<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Count")
            .field("iter", &self.iter)
            .field("count", &self.count)
            .finish()
    }
}

impl<I: AsyncIterator> Future for Count<I> {
    type Output = usize;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<usize> {
        let mut this = self.project();
        let Some(count) = this.count.as_mut() else {
            super::polled_after_completion("Count")
        };
        loop {
            match ready!(this.iter.as_mut().poll_next(cx)) {
                // Overflow needs more than `usize::MAX` items; like `Iterator::count`, that
                // panics in debug builds.
                Some(_) => *count += 1,
                None => return Poll::Ready(this.count.take().expect("checked above")),
            }
        }
    }
}
