use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use crate::AsyncIterator;

/// The future returned by [`AsyncIteratorExt::next`](crate::AsyncIteratorExt::next).
///
/// It borrows the iterator, so it may be polled again after completion: it then asks the
/// iterator for another item.
#[derive(Debug)]
#[must_use = "futures do nothing unless polled"]
pub struct Next<'a, I: ?Sized> {
    iter: &'a mut I,
}

impl<'a, I: ?Sized> Next<'a, I> {
    pub(crate) fn new(iter: &'a mut I) -> Self {
        Next { iter }
    }
}

impl<I: ?Sized> Unpin for Next<'_, I> {}

impl<I: AsyncIterator + Unpin + ?Sized> Future for Next<'_, I> {
    type Output = Option<I::Item>;

    #[inline]
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        Pin::new(&mut *self.iter).poll_next(cx)
    }
}

/// The future returned by [`AsyncIteratorExt::next_or`](crate::AsyncIteratorExt::next_or):
/// Python's `anext(it, default)`.
#[derive(Debug)]
#[must_use = "futures do nothing unless polled"]
pub struct NextOr<'a, I: ?Sized + AsyncIterator> {
    iter: &'a mut I,
    default: Option<I::Item>,
}

impl<'a, I: ?Sized + AsyncIterator> NextOr<'a, I> {
    pub(crate) fn new(iter: &'a mut I, default: I::Item) -> Self {
        NextOr {
            iter,
            default: Some(default),
        }
    }
}

impl<I: ?Sized + AsyncIterator> Unpin for NextOr<'_, I> {}

impl<I: AsyncIterator + Unpin + ?Sized> Future for NextOr<'_, I> {
    type Output = I::Item;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<I::Item> {
        let this = &mut *self;
        if this.default.is_none() {
            super::polled_after_completion("NextOr");
        }
        Pin::new(&mut *this.iter).poll_next(cx).map(|item| {
            let default = this.default.take();
            // `default` was checked to be `Some` at the top of this poll.
            item.or(default).expect("default present")
        })
    }
}
