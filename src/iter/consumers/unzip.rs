use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::AsyncIterator;

pin_project_lite::pin_project! {
    /// The future returned by [`AsyncIteratorExt::unzip`](crate::AsyncIteratorExt::unzip).
    #[must_use = "futures do nothing unless polled"]
    pub struct Unzip<I, A, B> {
        #[pin]
        iter: I,
        // `None` once the future has completed.
        collections: Option<(A, B)>,
    }
}

impl<I, A: Default, B: Default> Unzip<I, A, B> {
    pub(crate) fn new(iter: I) -> Self {
        Unzip {
            iter,
            collections: Some(Default::default()),
        }
    }
}

impl<I: fmt::Debug, A: fmt::Debug, B: fmt::Debug> fmt::Debug for Unzip<I, A, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Unzip")
            .field("iter", &self.iter)
            .field("collections", &self.collections)
            .finish()
    }
}

impl<I, X, Y, A, B> Future for Unzip<I, A, B>
where
    I: AsyncIterator<Item = (X, Y)>,
    A: Extend<X>,
    B: Extend<Y>,
{
    type Output = (A, B);

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<(A, B)> {
        let mut this = self.project();
        let Some((a, b)) = this.collections.as_mut() else {
            super::polled_after_completion("Unzip")
        };
        loop {
            match ready!(this.iter.as_mut().poll_next(cx)) {
                Some((x, y)) => {
                    a.extend(Some(x));
                    b.extend(Some(y));
                }
                None => return Poll::Ready(this.collections.take().expect("checked above")),
            }
        }
    }
}
