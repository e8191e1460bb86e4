use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use super::drive::Drive;
use super::slots::Slots;
use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by
    /// [`AsyncIteratorExt::buffered`](crate::AsyncIteratorExt::buffered): runs up to `limit`
    /// futures at once and yields their outputs in input order.
    ///
    /// The futures live in a ring of `limit` slots allocated once, at construction; the
    /// oldest is at `head`. Every poll tops the ring up from the input while the input is
    /// ready, so the limit is always filled when there is work (futures issue #2937).
    #[derive(Debug)]
    #[must_use = "async iterators do nothing unless polled"]
    pub struct Buffered<I>
    where
        I: AsyncIterator,
        I::Item: Future,
    {
        #[pin]
        iter: I,
        slots: Slots<I::Item>,
        head: usize,
        // Occupied slots, `Running` or `Done`, starting at `head`.
        len: usize,
        input_done: bool,
    }
}

impl<I> Buffered<I>
where
    I: AsyncIterator,
    I::Item: Future,
{
    #[track_caller]
    pub(crate) fn new(iter: I, limit: usize) -> Self {
        Buffered {
            iter,
            slots: Slots::new(limit, "buffered"),
            head: 0,
            len: 0,
            input_done: false,
        }
    }

    /// The number of futures started and not yet yielded (running or finished).
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// use core::pin::pin;
    /// let mut it = pin!(iter([1, 2, 3]).map(|x| async move { x }).buffered(2));
    /// assert_eq!(it.in_flight(), 0);
    /// assert_eq!(block_on(it.next()), Some(1));
    /// assert_eq!(it.in_flight(), 2); // the slot freed by 1 was refilled at once with 3
    /// ```
    pub fn in_flight(&self) -> usize {
        self.len
    }

    /// Returns a future that runs `work` while keeping this iterator's futures progressing
    /// (and topping the slots up from the input), without yielding any output; it resolves to
    /// `work`'s output.
    ///
    /// This answers the futures `buffered` footgun (futures issue #2387): in
    /// `while let Some(x) = s.next().await { slow(x).await }` nothing polls the buffered
    /// futures while `slow` runs, so they stall. Awaiting `s.as_mut().drive(slow(x))`
    /// instead keeps them running; outputs that finish meanwhile wait in their slots, so
    /// memory stays bounded by the limit.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// use core::pin::pin;
    /// block_on(async {
    ///     let mut pages = pin!(iter(1..=3).map(|n| async move { n * 10 }).buffered(2));
    ///     let mut total = 0;
    ///     while let Some(page) = pages.next().await {
    ///         total += pages.as_mut().drive(async { page + 1 }).await;
    ///     }
    ///     assert_eq!(total, 63);
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

    /// Polls every running future, then tops the ring up from the input.
    pub(crate) fn poll_progress(mut self: Pin<&mut Self>, cx: &mut Context<'_>) {
        self.as_mut().finish_if_panicked();
        let this = self.project();
        let limit = this.slots.limit();
        for k in 0..*this.len {
            this.slots.poll((*this.head + k) % limit, cx);
        }
        Self::fill(
            this.iter,
            this.slots,
            *this.head,
            this.len,
            this.input_done,
            cx,
        );
    }

    fn fill(
        mut iter: Pin<&mut I>,
        slots: &mut Slots<I::Item>,
        head: usize,
        len: &mut usize,
        input_done: &mut bool,
        cx: &mut Context<'_>,
    ) {
        while *len < slots.limit() && !*input_done {
            match iter.as_mut().poll_next(cx) {
                Poll::Ready(Some(fut)) => {
                    let index = (head + *len) % slots.limit();
                    // Counted before `start`, which polls user code: if that unwinds, `len`
                    // still matches the occupied slots.
                    *len += 1;
                    slots.start(index, fut, cx);
                }
                Poll::Ready(None) => *input_done = true,
                Poll::Pending => break,
            }
        }
    }
}

impl<I> AsyncIterator for Buffered<I>
where
    I: AsyncIterator,
    I::Item: Future,
{
    type Item = <I::Item as Future>::Output;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.as_mut().finish_if_panicked();
        // Unless the oldest output is already waiting, poll everything; so a `Pending` below
        // always follows a poll of every running future, and no wake is lost.
        if !self.slots.is_done(self.head) {
            self.as_mut().poll_progress(cx);
        }
        let this = self.project();
        let Some(output) = this.slots.take(*this.head) else {
            let finished = *this.len == 0 && *this.input_done;
            return if finished {
                Poll::Ready(None)
            } else {
                Poll::Pending
            };
        };
        *this.head = (*this.head + 1) % this.slots.limit();
        *this.len -= 1;
        // Refill the freed slot now, so the limit stays full while the caller uses `output`.
        Self::fill(
            this.iter,
            this.slots,
            *this.head,
            this.len,
            this.input_done,
            cx,
        );
        Poll::Ready(Some(output))
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

impl<I> FusedAsyncIterator for Buffered<I>
where
    I: AsyncIterator,
    I::Item: Future,
{
}
