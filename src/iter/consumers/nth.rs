use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::AsyncIterator;

/// The future returned by [`AsyncIteratorExt::nth`](crate::AsyncIteratorExt::nth).
///
/// It borrows the iterator, like [`Iterator::nth`], so the rest of the items stay available.
#[derive(Debug)]
#[must_use = "futures do nothing unless polled"]
pub struct Nth<'a, I: ?Sized> {
    iter: &'a mut I,
    // Items still to skip; `None` once the future has completed.
    remaining: Option<usize>,
}

impl<'a, I: ?Sized> Nth<'a, I> {
    pub(crate) fn new(iter: &'a mut I, n: usize) -> Self {
        Nth {
            iter,
            remaining: Some(n),
        }
    }
}

impl<I: ?Sized> Unpin for Nth<'_, I> {}

impl<I: AsyncIterator + Unpin + ?Sized> Future for Nth<'_, I> {
    type Output = Option<I::Item>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        let Some(remaining) = this.remaining.as_mut() else {
            super::polled_after_completion("Nth")
        };
        loop {
            let item = ready!(Pin::new(&mut *this.iter).poll_next(cx));
            // Counting down, never up: `nth(usize::MAX)` cannot overflow, it just ends when
            // the iterator does.
            if item.is_none() || *remaining == 0 {
                this.remaining = None;
                return Poll::Ready(item);
            }
            *remaining -= 1;
        }
    }
}
