use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::AsyncIterator;

/// The future returned by [`AsyncIteratorExt::position`](crate::AsyncIteratorExt::position).
///
/// It borrows the iterator, like [`Iterator::position`], so the items after the match stay
/// available.
#[must_use = "futures do nothing unless polled"]
pub struct Position<'a, I: ?Sized, P> {
    iter: &'a mut I,
    // `None` once the future has completed.
    predicate: Option<P>,
    index: usize,
}

impl<'a, I: ?Sized, P> Position<'a, I, P> {
    pub(crate) fn new(iter: &'a mut I, predicate: P) -> Self {
        Position {
            iter,
            predicate: Some(predicate),
            index: 0,
        }
    }
}

impl<I: ?Sized + fmt::Debug, P> fmt::Debug for Position<'_, I, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Position")
            .field("iter", &self.iter)
            .field("index", &self.index)
            .finish_non_exhaustive()
    }
}

impl<I: ?Sized, P> Unpin for Position<'_, I, P> {}

impl<I, P> Future for Position<'_, I, P>
where
    I: AsyncIterator + Unpin + ?Sized,
    P: FnMut(I::Item) -> bool,
{
    type Output = Option<usize>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<usize>> {
        let this = &mut *self;
        let Some(predicate) = this.predicate.as_mut() else {
            super::polled_after_completion("Position")
        };
        loop {
            let Some(item) = ready!(Pin::new(&mut *this.iter).poll_next(cx)) else {
                this.predicate = None;
                return Poll::Ready(None);
            };
            if predicate(item) {
                this.predicate = None;
                return Poll::Ready(Some(this.index));
            }
            // Like `Iterator::position`: more than `usize::MAX` non-matching items overflow
            // (a panic in debug builds).
            this.index += 1;
        }
    }
}
