use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::AsyncIterator;

pin_project_lite::pin_project! {
    /// The future returned by [`AsyncIteratorExt::collect`](crate::AsyncIteratorExt::collect).
    #[must_use = "futures do nothing unless polled"]
    pub struct Collect<I, C> {
        #[pin]
        iter: I,
        // `None` once the future has completed.
        collection: Option<C>,
    }
}

impl<I, C: Default> Collect<I, C> {
    pub(crate) fn new(iter: I) -> Self {
        Collect {
            iter,
            collection: Some(C::default()),
        }
    }
}

impl<I: fmt::Debug, C: fmt::Debug> fmt::Debug for Collect<I, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Collect")
            .field("iter", &self.iter)
            .field("collection", &self.collection)
            .finish()
    }
}

impl<I: AsyncIterator, C: Extend<I::Item>> Future for Collect<I, C> {
    type Output = C;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<C> {
        let mut this = self.project();
        let Some(collection) = this.collection.as_mut() else {
            super::polled_after_completion("Collect")
        };
        loop {
            match ready!(this.iter.as_mut().poll_next(cx)) {
                Some(item) => collection.extend(Some(item)),
                None => return Poll::Ready(this.collection.take().expect("checked above")),
            }
        }
    }
}
