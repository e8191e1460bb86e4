use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::AsyncIterator;
use crate::iter::adapters::{BufferUnordered, Map};

pin_project_lite::pin_project! {
    /// The future returned by
    /// [`AsyncIteratorExt::for_each_concurrent`](crate::AsyncIteratorExt::for_each_concurrent).
    ///
    /// It is a [`BufferUnordered`] over the futures `f` makes, drained: the same fixed slots,
    /// the same "always fill the limit" rule.
    #[must_use = "futures do nothing unless polled"]
    pub struct ForEachConcurrent<I, Fut, F>
    where
        I: AsyncIterator,
        F: FnMut(I::Item) -> Fut,
        Fut: Future<Output = ()>,
    {
        #[pin]
        inner: BufferUnordered<Map<I, F>>,
        done: bool,
    }
}

impl<I, Fut, F> ForEachConcurrent<I, Fut, F>
where
    I: AsyncIterator,
    F: FnMut(I::Item) -> Fut,
    Fut: Future<Output = ()>,
{
    #[track_caller]
    pub(crate) fn new(iter: I, limit: usize, f: F) -> Self {
        ForEachConcurrent {
            inner: BufferUnordered::new(Map::new(iter, f), limit),
            done: false,
        }
    }
}

impl<I, Fut, F> fmt::Debug for ForEachConcurrent<I, Fut, F>
where
    I: AsyncIterator,
    F: FnMut(I::Item) -> Fut,
    Fut: Future<Output = ()>,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ForEachConcurrent")
            .field("in_flight", &self.inner.in_flight())
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<I, Fut, F> Future for ForEachConcurrent<I, Fut, F>
where
    I: AsyncIterator,
    F: FnMut(I::Item) -> Fut,
    Fut: Future<Output = ()>,
{
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut this = self.project();
        if *this.done {
            super::polled_after_completion("ForEachConcurrent");
        }
        while ready!(this.inner.as_mut().poll_next(cx)).is_some() {}
        *this.done = true;
        Poll::Ready(())
    }
}
