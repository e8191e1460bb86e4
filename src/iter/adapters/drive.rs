use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use super::{BufferUnordered, Buffered};
use crate::AsyncIterator;

pin_project_lite::pin_project! {
    /// The future returned by [`Buffered::drive`] and [`BufferUnordered::drive`]: runs the
    /// caller's own work while the buffer's futures keep progressing.
    #[must_use = "futures do nothing unless polled"]
    pub struct Drive<'a, B, Fut> {
        buffer: Pin<&'a mut B>,
        #[pin]
        work: Fut,
    }
}

impl<'a, B, Fut> Drive<'a, B, Fut> {
    pub(crate) fn new(buffer: Pin<&'a mut B>, work: Fut) -> Self {
        Drive { buffer, work }
    }
}

impl<B: fmt::Debug, Fut: fmt::Debug> fmt::Debug for Drive<'_, B, Fut> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Drive")
            .field("buffer", &self.buffer)
            .field("work", &self.work)
            .finish()
    }
}

impl<I, Fut> Future for Drive<'_, Buffered<I>, Fut>
where
    I: AsyncIterator<Item: Future>,
    Fut: Future,
{
    type Output = Fut::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Fut::Output> {
        let this = self.project();
        this.buffer.as_mut().poll_progress(cx);
        this.work.poll(cx)
    }
}

impl<I, Fut> Future for Drive<'_, BufferUnordered<I>, Fut>
where
    I: AsyncIterator<Item: Future>,
    Fut: Future,
{
    type Output = Fut::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Fut::Output> {
        let this = self.project();
        this.buffer.as_mut().poll_progress(cx);
        this.work.poll(cx)
    }
}
