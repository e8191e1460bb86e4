use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::AsyncIterator;

/// The future returned by [`AsyncIteratorExt::find`](crate::AsyncIteratorExt::find).
///
/// It borrows the iterator, like [`Iterator::find`], so the items after the match stay
/// available.
#[must_use = "futures do nothing unless polled"]
pub struct Find<'a, I: ?Sized, P> {
    iter: &'a mut I,
    // `None` once the future has completed.
    predicate: Option<P>,
}

impl<'a, I: ?Sized, P> Find<'a, I, P> {
    pub(crate) fn new(iter: &'a mut I, predicate: P) -> Self {
        Find {
            iter,
            predicate: Some(predicate),
        }
    }
}

impl<I: ?Sized + fmt::Debug, P> fmt::Debug for Find<'_, I, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Find")
            .field("iter", &self.iter)
            .finish_non_exhaustive()
    }
}

impl<I: ?Sized, P> Unpin for Find<'_, I, P> {}

impl<I, P> Future for Find<'_, I, P>
where
    I: AsyncIterator + Unpin + ?Sized,
    P: FnMut(&I::Item) -> bool,
{
    type Output = Option<I::Item>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
        let this = &mut *self;
        let Some(predicate) = this.predicate.as_mut() else {
            super::polled_after_completion("Find")
        };
        loop {
            match ready!(Pin::new(&mut *this.iter).poll_next(cx)) {
                Some(item) if !predicate(&item) => {}
                found => {
                    this.predicate = None;
                    return Poll::Ready(found);
                }
            }
        }
    }
}
