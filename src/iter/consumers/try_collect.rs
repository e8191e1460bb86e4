use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::AsyncIterator;

pin_project_lite::pin_project! {
    /// The future returned by
    /// [`AsyncIteratorExt::try_collect`](crate::AsyncIteratorExt::try_collect).
    #[must_use = "futures do nothing unless polled"]
    pub struct TryCollect<I, C> {
        #[pin]
        iter: I,
        // `None` once the future has completed.
        collection: Option<C>,
    }
}

impl<I, C: Default> TryCollect<I, C> {
    pub(crate) fn new(iter: I) -> Self {
        TryCollect {
            iter,
            collection: Some(C::default()),
        }
    }
}

impl<I: fmt::Debug, C: fmt::Debug> fmt::Debug for TryCollect<I, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TryCollect")
            .field("iter", &self.iter)
            .field("collection", &self.collection)
            .finish()
    }
}

impl<T, E, I, C> Future for TryCollect<I, C>
where
    I: AsyncIterator<Item = Result<T, E>>,
    C: Extend<T>,
{
    type Output = Result<C, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<C, E>> {
        let mut this = self.project();
        let Some(collection) = this.collection.as_mut() else {
            super::polled_after_completion("TryCollect")
        };
        loop {
            match ready!(this.iter.as_mut().poll_next(cx)) {
                Some(Ok(item)) => collection.extend(Some(item)),
                Some(Err(error)) => {
                    *this.collection = None;
                    return Poll::Ready(Err(error));
                }
                None => return Poll::Ready(Ok(this.collection.take().expect("checked above"))),
            }
        }
    }
}
