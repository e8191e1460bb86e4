use core::fmt;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::boxed::Box;

use super::Map;
use crate::pinned_slice::pinned_at;
use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by
    /// [`AsyncIteratorExt::flatten_unordered`](crate::AsyncIteratorExt::flatten_unordered).
    ///
    /// Up to `limit` inner iterators are drained at once, in one boxed slice of `limit` slots
    /// (one allocation, none per item). A slot freed by an inner iterator that ended is
    /// refilled from the outer iterator in the same poll. Inner iterators are polled in a
    /// rotating order, so a busy one cannot starve the others.
    #[must_use = "async iterators do nothing unless polled"]
    pub struct FlattenUnordered<I: AsyncIterator> {
        #[pin]
        outer: I,
        outer_done: bool,
        inners: Pin<Box<[Option<I::Item>]>>,
        // How many slots are `Some`.
        live: usize,
        // The slot polled first on the next round.
        next_first: usize,
    }
}

/// The async iterator returned by
/// [`AsyncIteratorExt::flat_map_unordered`](crate::AsyncIteratorExt::flat_map_unordered):
/// [`FlattenUnordered`] over a [`Map`].
pub type FlatMapUnordered<I, F> = FlattenUnordered<Map<I, F>>;

impl<I: AsyncIterator> FlattenUnordered<I> {
    pub(crate) fn new(outer: I, limit: usize) -> Self {
        assert!(limit > 0, "`flatten_unordered` limit must be at least 1");
        FlattenUnordered {
            outer,
            outer_done: false,
            inners: Box::into_pin((0..limit).map(|_| None).collect::<Box<[_]>>()),
            live: 0,
            next_first: 0,
        }
    }
}

impl<I> fmt::Debug for FlattenUnordered<I>
where
    I: AsyncIterator + fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FlattenUnordered")
            .field("outer", &self.outer)
            .field("outer_done", &self.outer_done)
            .field("limit", &self.inners.len())
            .field("live", &self.live)
            .finish_non_exhaustive()
    }
}

impl<I> AsyncIterator for FlattenUnordered<I>
where
    I: AsyncIterator<Item: AsyncIterator>,
{
    type Item = <I::Item as AsyncIterator>::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let mut this = self.project();
        let limit = this.inners.len();
        loop {
            // Fill free slots from the outer iterator while it is ready.
            while !*this.outer_done && *this.live < limit {
                match this.outer.as_mut().poll_next(cx) {
                    Poll::Ready(Some(inner)) => {
                        let free = this
                            .inners
                            .iter()
                            .position(Option::is_none)
                            .expect("fewer than `limit` slots are live");
                        pinned_at(this.inners.as_mut(), free).set(Some(inner));
                        *this.live += 1;
                    }
                    Poll::Ready(None) => *this.outer_done = true,
                    Poll::Pending => break,
                }
            }
            // Poll the live inner iterators, starting after last time's first.
            let first = *this.next_first;
            *this.next_first = if first + 1 == limit { 0 } else { first + 1 };
            let mut freed = false;
            for offset in 0..limit {
                let index = (first + offset) % limit;
                let mut slot = pinned_at(this.inners.as_mut(), index);
                let Some(inner) = slot.as_mut().as_pin_mut() else {
                    continue;
                };
                match inner.poll_next(cx) {
                    Poll::Ready(Some(item)) => return Poll::Ready(Some(item)),
                    Poll::Ready(None) => {
                        slot.set(None);
                        *this.live -= 1;
                        freed = true;
                    }
                    Poll::Pending => {}
                }
            }
            if *this.live == 0 && *this.outer_done {
                return Poll::Ready(None);
            }
            // A freed slot may be refilled now (futures #2937's lesson); otherwise wait.
            if !freed || *this.outer_done {
                return Poll::Pending;
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let mut lower = 0usize;
        let mut upper = Some(0usize);
        for inner in self.inners.iter().flatten() {
            let (l, u) = inner.size_hint();
            lower = lower.saturating_add(l);
            upper = match (upper, u) {
                (Some(a), Some(b)) => a.checked_add(b),
                _ => None,
            };
        }
        if !self.outer_done {
            // Inner iterators still to come may yield anything, unless none are to come.
            match self.outer.size_hint() {
                (_, Some(0)) => {}
                _ => upper = None,
            }
        }
        (lower, upper)
    }
}

impl<I> FusedAsyncIterator for FlattenUnordered<I> where I: AsyncIterator<Item: AsyncIterator> {}
