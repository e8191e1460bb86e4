use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::AsyncIterator;

pin_project_lite::pin_project! {
    /// The future returned by [`AsyncIteratorExt::for_each`](crate::AsyncIteratorExt::for_each).
    #[must_use = "futures do nothing unless polled"]
    pub struct ForEach<I, F> {
        #[pin]
        iter: I,
        f: F,
        done: bool,
    }
}

impl<I, F> ForEach<I, F> {
    pub(crate) fn new(iter: I, f: F) -> Self {
        ForEach {
            iter,
            f,
            done: false,
        }
    }
}

impl<I: fmt::Debug, F> fmt::Debug for ForEach<I, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ForEach")
            .field("iter", &self.iter)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<I: AsyncIterator, F: FnMut(I::Item)> Future for ForEach<I, F> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut this = self.project();
        if *this.done {
            super::polled_after_completion("ForEach");
        }
        while let Some(item) = ready!(this.iter.as_mut().poll_next(cx)) {
            (this.f)(item);
        }
        *this.done = true;
        Poll::Ready(())
    }
}
