use std::vec::Vec;

use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by
    /// [`AsyncIteratorExt::chunks`](crate::AsyncIteratorExt::chunks).
    #[derive(Debug)]
    #[must_use = "async iterators do nothing unless polled"]
    pub struct Chunks<I: AsyncIterator> {
        #[pin]
        iter: I,
        // Items of the chunk being filled; kept across `Pending`s.
        buffer: Vec<I::Item>,
        size: usize,
        done: bool,
    }
}

/// Chunks up to this many items are allocated once, at their full size; a larger `size`
/// (`usize::MAX` for "all in one") starts there and grows, instead of failing with
/// "capacity overflow" or reserving memory for items that may never come.
const PREALLOCATED_ITEMS: usize = 1024;

/// An empty chunk with room for `size` items, or `PREALLOCATED_ITEMS` if that is less.
pub(super) fn new_chunk<T>(size: usize) -> Vec<T> {
    Vec::with_capacity(size.min(PREALLOCATED_ITEMS))
}

impl<I: AsyncIterator> Chunks<I> {
    #[track_caller]
    pub(crate) fn new(iter: I, size: usize) -> Self {
        assert!(
            size != 0,
            "chunks: the chunk size must be at least 1, got 0"
        );
        Chunks {
            iter,
            buffer: Vec::new(),
            size,
            done: false,
        }
    }
}

impl<I: AsyncIterator> AsyncIterator for Chunks<I> {
    type Item = Vec<I::Item>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Vec<I::Item>>> {
        let mut this = self.project();
        if *this.done {
            return Poll::Ready(None);
        }
        loop {
            match ready!(this.iter.as_mut().poll_next(cx)) {
                Some(item) => {
                    if this.buffer.capacity() == 0 {
                        // The one allocation of a chunk: the `Vec` handed to the caller.
                        *this.buffer = new_chunk(*this.size);
                    }
                    this.buffer.push(item);
                    if this.buffer.len() == *this.size {
                        return Poll::Ready(Some(core::mem::take(this.buffer)));
                    }
                }
                None => {
                    *this.done = true;
                    let rest = core::mem::take(this.buffer);
                    return Poll::Ready((!rest.is_empty()).then_some(rest));
                }
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.done {
            return (0, Some(0));
        }
        let held = self.buffer.len();
        let chunks = |n: usize| n.saturating_add(held).div_ceil(self.size);
        let (lower, upper) = self.iter.size_hint();
        (
            chunks(lower),
            upper
                .and_then(|u| u.checked_add(held))
                .map(|n| n.div_ceil(self.size)),
        )
    }
}

impl<I: AsyncIterator> FusedAsyncIterator for Chunks<I> {}
