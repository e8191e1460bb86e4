use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use super::drive::Drive;
use super::slots::Slots;
use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by
    /// [`AsyncIteratorExt::buffer_unordered`](crate::AsyncIteratorExt::buffer_unordered):
    /// runs up to `limit` futures at once and yields each output as soon as it is ready.
    ///
    /// The futures live in `limit` slots allocated once, at construction. Every poll tops the
    /// slots up from the input while the input is ready (futures issue #2937). The scan for a
    /// finished future starts after the slot that finished last, so a future that is always
    /// ready cannot starve the others.
    #[derive(Debug)]
    #[must_use = "async iterators do nothing unless polled"]
    pub struct BufferUnordered<I>
    where
        I: AsyncIterator,
        I::Item: Future,
    {
        #[pin]
        iter: I,
        slots: Slots<I::Item>,
        // Occupied slots, `Running` or `Done`.
        len: usize,
        // Where the next scan for a finished future starts.
        cursor: usize,
        input_done: bool,
    }
}

impl<I> BufferUnordered<I>
where
    I: AsyncIterator,
    I::Item: Future,
{
    #[track_caller]
    pub(crate) fn new(iter: I, limit: usize) -> Self {
        let slots = Slots::new(limit, "buffer_unordered");
        BufferUnordered {
            iter,
            slots,
            len: 0,
            cursor: 0,
            input_done: false,
        }
    }

    /// The number of futures started and not yet yielded (running or finished).
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// use core::pin::pin;
    /// let mut it = pin!(iter([1, 2, 3]).map(|x| async move { x }).buffer_unordered(2));
    /// assert_eq!(block_on(it.next()), Some(1));
    /// assert_eq!(it.in_flight(), 2);
    /// ```
    pub fn in_flight(&self) -> usize {
        self.len
    }

    /// Returns a future that runs `work` while keeping this iterator's futures progressing,
    /// without yielding any output; see [`Buffered::drive`](super::Buffered::drive).
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// use core::pin::pin;
    /// block_on(async {
    ///     let mut it = pin!(iter(1..=3).map(|n| async move { n }).buffer_unordered(2));
    ///     let mut total = 0;
    ///     while let Some(n) = it.next().await {
    ///         total += it.as_mut().drive(async { n * 2 }).await;
    ///     }
    ///     assert_eq!(total, 12);
    /// });
    /// ```
    pub fn drive<Fut: Future>(self: Pin<&mut Self>, work: Fut) -> Drive<'_, Self, Fut> {
        Drive::new(self, work)
    }

    /// After a future panicked (and the caller caught the panic), drops every future and
    /// finishes: later polls return `None` instead of polling a panicked future.
    fn finish_if_panicked(self: Pin<&mut Self>) {
        let this = self.project();
        let taken = this.slots.take_panicked();
        if taken.as_ref().map_or(true, |&panicked| panicked) {
            *this.len = 0;
            *this.input_done = true;
        }
        if let Err(payload) = taken {
            // A sibling's destructor panicked during the clean-up: the adapter is already
            // finished, so the caller sees this panic and then `None`.
            std::panic::resume_unwind(payload);
        }
    }

    /// Polls every running future, then tops the slots up from the input.
    pub(crate) fn poll_progress(mut self: Pin<&mut Self>, cx: &mut Context<'_>) {
        self.as_mut().finish_if_panicked();
        let this = self.project();
        for index in 0..this.slots.limit() {
            this.slots.poll(index, cx);
        }
        Self::fill(this.iter, this.slots, this.len, this.input_done, cx);
    }

    /// Starts futures from the input while there is room and input; returns the index of one
    /// that finished on its first poll, if any.
    fn fill(
        mut iter: Pin<&mut I>,
        slots: &mut Slots<I::Item>,
        len: &mut usize,
        input_done: &mut bool,
        cx: &mut Context<'_>,
    ) -> Option<usize> {
        let mut finished = None;
        let mut index = 0;
        while *len < slots.limit() && !*input_done {
            match iter.as_mut().poll_next(cx) {
                Poll::Ready(Some(fut)) => {
                    while !slots.is_empty(index) {
                        index += 1; // in bounds: `len < limit` leaves an empty slot
                    }
                    // Counted before `start`, which polls user code: if that unwinds, `len`
                    // still matches the occupied slots.
                    *len += 1;
                    slots.start(index, fut, cx);
                    if finished.is_none() && slots.is_done(index) {
                        finished = Some(index);
                    }
                }
                Poll::Ready(None) => *input_done = true,
                Poll::Pending => break,
            }
        }
        finished
    }
}

impl<I> AsyncIterator for BufferUnordered<I>
where
    I: AsyncIterator,
    I::Item: Future,
{
    type Item = <I::Item as Future>::Output;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.as_mut().finish_if_panicked();
        let mut this = self.project();
        let limit = this.slots.limit();
        // Poll every running future from the cursor on, stopping at the first finished one; a
        // `Pending` below therefore always follows a poll of every running future.
        let mut found = None;
        for k in 0..limit {
            let index = (*this.cursor + k) % limit;
            if this.slots.poll(index, cx) {
                found = Some(index);
                break;
            }
        }
        let found = match found {
            Some(index) => Some(index),
            None => Self::fill(
                this.iter.as_mut(),
                this.slots,
                this.len,
                this.input_done,
                cx,
            ),
        };
        let Some(index) = found else {
            let finished = *this.len == 0 && *this.input_done;
            return if finished {
                Poll::Ready(None)
            } else {
                Poll::Pending
            };
        };
        let output = this.slots.take(index);
        *this.len -= 1;
        *this.cursor = (index + 1) % limit;
        // Refill the freed slot now, so the limit stays full while the caller uses the output.
        Self::fill(this.iter, this.slots, this.len, this.input_done, cx);
        Poll::Ready(output)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.slots.panicked() {
            return (0, Some(0)); // the next poll drops everything and ends
        }
        if self.input_done {
            return (self.len, Some(self.len));
        }
        let (lower, upper) = self.iter.size_hint();
        (
            lower.saturating_add(self.len),
            upper.and_then(|u| u.checked_add(self.len)),
        )
    }
}

impl<I> FusedAsyncIterator for BufferUnordered<I>
where
    I: AsyncIterator,
    I::Item: Future,
{
}
