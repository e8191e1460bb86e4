use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::AsyncIterator;

pin_project_lite::pin_project! {
    /// The future returned by
    /// [`AsyncIteratorExt::try_for_each`](crate::AsyncIteratorExt::try_for_each).
    #[must_use = "futures do nothing unless polled"]
    pub struct TryForEach<I, F> {
        #[pin]
        iter: I,
        f: F,
        done: bool,
    }
}

impl<I, F> TryForEach<I, F> {
    pub(crate) fn new(iter: I, f: F) -> Self {
        TryForEach {
            iter,
            f,
            done: false,
        }
    }
}

impl<I: fmt::Debug, F> fmt::Debug for TryForEach<I, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TryForEach")
            .field("iter", &self.iter)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<I, E, F> Future for TryForEach<I, F>
where
    I: AsyncIterator,
    F: FnMut(I::Item) -> Result<(), E>,
{
    type Output = Result<(), E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), E>> {
        let mut this = self.project();
        if *this.done {
            super::polled_after_completion("TryForEach");
        }
        while let Some(item) = ready!(this.iter.as_mut().poll_next(cx)) {
            if let Err(error) = (this.f)(item) {
                *this.done = true;
                return Poll::Ready(Err(error));
            }
        }
        *this.done = true;
        Poll::Ready(Ok(()))
    }
}
