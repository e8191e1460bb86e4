use core::future::Future;
use core::mem;
use core::pin::Pin;
use core::task::{Context, Poll};
use core::time::Duration;
use std::vec::Vec;

use crate::time::{Sleep, sleep};
use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by
    /// [`AsyncIteratorExt::chunks_timeout`](crate::AsyncIteratorExt::chunks_timeout).
    #[derive(Debug)]
    #[must_use = "async iterators do nothing unless polled"]
    pub struct ChunksTimeout<I: AsyncIterator> {
        #[pin]
        iter: I,
        chunk: Vec<I::Item>,
        size: usize,
        wait: Duration,
        // Armed when the first item of a chunk arrives.
        timer: Option<Sleep>,
        done: bool,
    }
}

impl<I: AsyncIterator> ChunksTimeout<I> {
    pub(crate) fn new(iter: I, size: usize, wait: Duration) -> Self {
        assert!(size > 0, "`chunks_timeout` size must be at least 1");
        ChunksTimeout {
            iter,
            chunk: Vec::new(),
            size,
            wait,
            timer: None,
            done: false,
        }
    }
}

/// Hands out the chunk, leaving an empty one with room for the next (at most 1024 items
/// preallocated, as for `chunks`).
fn take_chunk<T>(chunk: &mut Vec<T>, size: usize) -> Vec<T> {
    mem::replace(chunk, Vec::with_capacity(size.min(1024)))
}

impl<I: AsyncIterator> AsyncIterator for ChunksTimeout<I> {
    type Item = Vec<I::Item>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Vec<I::Item>>> {
        let mut this = self.project();
        if *this.done {
            return Poll::Ready(None);
        }
        loop {
            match this.iter.as_mut().poll_next(cx) {
                Poll::Ready(Some(item)) => {
                    if this.chunk.is_empty() {
                        *this.timer = Some(sleep(*this.wait));
                    }
                    this.chunk.push(item);
                    if this.chunk.len() >= *this.size {
                        *this.timer = None;
                        return Poll::Ready(Some(take_chunk(this.chunk, *this.size)));
                    }
                }
                Poll::Ready(None) => {
                    *this.done = true;
                    *this.timer = None;
                    if this.chunk.is_empty() {
                        return Poll::Ready(None);
                    }
                    return Poll::Ready(Some(mem::take(this.chunk)));
                }
                Poll::Pending => {
                    let Some(timer) = this.timer.as_mut() else {
                        return Poll::Pending;
                    };
                    if Pin::new(timer).poll(cx).is_pending() {
                        return Poll::Pending;
                    }
                    *this.timer = None;
                    return Poll::Ready(Some(take_chunk(this.chunk, *this.size)));
                }
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.done {
            return (0, Some(0));
        }
        let held = self.chunk.len();
        let (lower, upper) = self.iter.size_hint();
        // A timeout can only split chunks, never merge them: at least as many chunks as
        // the full-size split makes, at most one per item.
        let lower = lower.saturating_add(held).div_ceil(self.size);
        let upper = upper.and_then(|u| u.checked_add(held));
        (lower, upper)
    }
}

impl<I: AsyncIterator> FusedAsyncIterator for ChunksTimeout<I> {}
