use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by
    /// [`AsyncIteratorExt::take_until`](crate::AsyncIteratorExt::take_until).
    ///
    /// The stopping future is polled before the iterator on every poll, so once it is ready
    /// no further item is taken. Its output is kept and can be taken with
    /// [`take_result`](Self::take_result).
    #[must_use = "async iterators do nothing unless polled"]
    pub struct TakeUntil<I, Fut: Future> {
        #[pin]
        iter: I,
        // The stopping future, until it resolves.
        #[pin]
        stop: Option<Fut>,
        // Its output, until taken.
        result: Option<Fut::Output>,
        done: bool,
    }
}

impl<I, Fut: Future> TakeUntil<I, Fut> {
    pub(crate) fn new(iter: I, stop: Fut) -> Self {
        TakeUntil {
            iter,
            stop: Some(stop),
            result: None,
            done: false,
        }
    }

    /// Takes the stopping future's output, if it has resolved (once).
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, pending};
    /// use core::pin::pin;
    ///
    /// block_on(async {
    ///     let mut it = pin!(pending::<u8>().take_until(async { "stop" }));
    ///     assert_eq!(it.next().await, None);
    ///     assert_eq!(it.as_mut().take_result(), Some("stop"));
    /// });
    /// ```
    pub fn take_result(self: Pin<&mut Self>) -> Option<Fut::Output> {
        self.project().result.take()
    }

    /// Tells whether the stopping future has resolved.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, iter};
    /// let it = iter([1]).take_until(core::future::pending::<()>());
    /// assert!(!it.is_stopped());
    /// ```
    pub fn is_stopped(&self) -> bool {
        self.stop.is_none()
    }
}

impl<I: fmt::Debug, Fut: Future + fmt::Debug> fmt::Debug for TakeUntil<I, Fut> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TakeUntil")
            .field("iter", &self.iter)
            .field("stop", &self.stop)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<I: AsyncIterator, Fut: Future> AsyncIterator for TakeUntil<I, Fut> {
    type Item = I::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
        let mut this = self.project();
        if *this.done {
            return Poll::Ready(None);
        }
        if let Some(stop) = this.stop.as_mut().as_pin_mut()
            && let Poll::Ready(output) = stop.poll(cx)
        {
            this.stop.set(None);
            *this.result = Some(output);
            *this.done = true;
            return Poll::Ready(None);
        }
        let item = this.iter.poll_next(cx);
        if let Poll::Ready(None) = item {
            *this.done = true;
        }
        item
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.done {
            (0, Some(0))
        } else {
            (0, self.iter.size_hint().1)
        }
    }
}

impl<I: AsyncIterator, Fut: Future> FusedAsyncIterator for TakeUntil<I, Fut> {}
