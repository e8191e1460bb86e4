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

/// A buffer whose futures can be driven without yielding: [`Buffered`] and
/// [`BufferUnordered`].
pub(crate) trait PollProgress {
    /// Polls every running future, then tops the buffer up from the input.
    fn poll_progress(self: Pin<&mut Self>, cx: &mut Context<'_>);
}

impl<I: AsyncIterator<Item: Future>> PollProgress for Buffered<I> {
    fn poll_progress(self: Pin<&mut Self>, cx: &mut Context<'_>) {
        Buffered::poll_progress(self, cx);
    }
}

impl<I: AsyncIterator<Item: Future>> PollProgress for BufferUnordered<I> {
    fn poll_progress(self: Pin<&mut Self>, cx: &mut Context<'_>) {
        BufferUnordered::poll_progress(self, cx);
    }
}

impl<B: PollProgress, Fut: Future> Future for Drive<'_, B, Fut> {
    type Output = Fut::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Fut::Output> {
        let this = self.project();
        this.buffer.as_mut().poll_progress(cx);
        this.work.poll(cx)
    }
}
