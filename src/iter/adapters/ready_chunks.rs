use std::vec::Vec;

use core::pin::Pin;
use core::task::{Context, Poll};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by
    /// [`AsyncIteratorExt::ready_chunks`](crate::AsyncIteratorExt::ready_chunks).
    #[derive(Debug)]
    #[must_use = "async iterators do nothing unless polled"]
    pub struct ReadyChunks<I> {
        #[pin]
        iter: I,
        size: usize,
        done: bool,
    }
}

impl<I> ReadyChunks<I> {
    #[track_caller]
    pub(crate) fn new(iter: I, size: usize) -> Self {
        assert!(
            size != 0,
            "ready_chunks: the chunk size must be at least 1, got 0"
        );
        ReadyChunks {
            iter,
            size,
            done: false,
        }
    }
}

impl<I: AsyncIterator> AsyncIterator for ReadyChunks<I> {
    type Item = Vec<I::Item>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Vec<I::Item>>> {
        let mut this = self.project();
        if *this.done {
            return Poll::Ready(None);
        }
        // Nothing is held across a `Pending`: a chunk is whatever is ready right now.
        let mut chunk = Vec::new();
        loop {
            match this.iter.as_mut().poll_next(cx) {
                Poll::Ready(Some(item)) => {
                    if chunk.capacity() == 0 {
                        chunk = super::chunks::new_chunk(*this.size);
                    }
                    chunk.push(item);
                    if chunk.len() == *this.size {
                        return Poll::Ready(Some(chunk));
                    }
                }
                Poll::Ready(None) => {
                    *this.done = true;
                    return Poll::Ready((!chunk.is_empty()).then_some(chunk));
                }
                Poll::Pending if chunk.is_empty() => return Poll::Pending,
                Poll::Pending => return Poll::Ready(Some(chunk)),
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.done {
            return (0, Some(0));
        }
        let (lower, upper) = self.iter.size_hint();
        (lower.div_ceil(self.size), upper)
    }
}

impl<I: AsyncIterator> FusedAsyncIterator for ReadyChunks<I> {}
