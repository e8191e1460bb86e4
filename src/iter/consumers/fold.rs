use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::AsyncIterator;

pin_project_lite::pin_project! {
    /// The future returned by [`AsyncIteratorExt::fold`](crate::AsyncIteratorExt::fold).
    #[must_use = "futures do nothing unless polled"]
    pub struct Fold<I, B, F> {
        #[pin]
        iter: I,
        // `None` once the future has completed.
        acc: Option<B>,
        f: F,
    }
}

impl<I, B, F> Fold<I, B, F> {
    pub(crate) fn new(iter: I, init: B, f: F) -> Self {
        Fold {
            iter,
            acc: Some(init),
            f,
        }
    }
}

impl<I: fmt::Debug, B: fmt::Debug, F> fmt::Debug for Fold<I, B, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fold")
            .field("iter", &self.iter)
            .field("acc", &self.acc)
            .finish_non_exhaustive()
    }
}

impl<I, B, F> Future for Fold<I, B, F>
where
    I: AsyncIterator,
    F: FnMut(B, I::Item) -> B,
{
    type Output = B;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<B> {
        let mut this = self.project();
        if this.acc.is_none() {
            super::polled_after_completion("Fold");
        }
        loop {
            let item = ready!(this.iter.as_mut().poll_next(cx));
            // Taken out for the call: if `f` panics, the future is left completed.
            let acc = this.acc.take().expect("checked above");
            match item {
                Some(item) => *this.acc = Some((this.f)(acc, item)),
                None => return Poll::Ready(acc),
            }
        }
    }
}
