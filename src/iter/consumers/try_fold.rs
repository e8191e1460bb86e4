use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::AsyncIterator;

pin_project_lite::pin_project! {
    /// The future returned by [`AsyncIteratorExt::try_fold`](crate::AsyncIteratorExt::try_fold).
    #[must_use = "futures do nothing unless polled"]
    pub struct TryFold<I, B, F> {
        #[pin]
        iter: I,
        // `None` once the future has completed.
        acc: Option<B>,
        f: F,
    }
}

impl<I, B, F> TryFold<I, B, F> {
    pub(crate) fn new(iter: I, init: B, f: F) -> Self {
        TryFold {
            iter,
            acc: Some(init),
            f,
        }
    }
}

impl<I: fmt::Debug, B: fmt::Debug, F> fmt::Debug for TryFold<I, B, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TryFold")
            .field("iter", &self.iter)
            .field("acc", &self.acc)
            .finish_non_exhaustive()
    }
}

impl<I, B, E, F> Future for TryFold<I, B, F>
where
    I: AsyncIterator,
    F: FnMut(B, I::Item) -> Result<B, E>,
{
    type Output = Result<B, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<B, E>> {
        let mut this = self.project();
        if this.acc.is_none() {
            super::polled_after_completion("TryFold");
        }
        loop {
            let item = ready!(this.iter.as_mut().poll_next(cx));
            let acc = this.acc.take().expect("checked above");
            match item {
                Some(item) => *this.acc = Some((this.f)(acc, item)?),
                None => return Poll::Ready(Ok(acc)),
            }
        }
    }
}
