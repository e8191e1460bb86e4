use core::fmt;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::boxed::Box;

use crate::pinned_slice::pinned_at;
use crate::{AsyncIterator, FusedAsyncIterator};

/// Merges any number of async iterators of one type into one, yielding items as they come:
/// the n-ary [`merge`](crate::AsyncIteratorExt::merge), `futures::stream::select_all`.
///
/// # Fairness
///
/// Each poll starts at the iterator after the one it started at last time (wrapping around),
/// so an iterator that is always ready cannot starve the others: when all are always ready,
/// items come round-robin. Each iterator's own order is kept.
///
/// The iterators live in one boxed slice (one allocation, none per item); an ended iterator
/// is dropped at once. Each poll may poll every live iterator (O(n) per wake).
///
/// ```
/// use anext::{AsyncIteratorExt, block_on, iter};
/// use anext::iter::adapters::select_all;
///
/// let merged = select_all([iter(vec![1, 4]), iter(vec![2, 5]), iter(vec![3])]);
/// assert_eq!(block_on(merged.collect::<Vec<_>>()), [1, 2, 3, 4, 5]);
/// ```
pub fn select_all<I>(iters: impl IntoIterator<Item = I>) -> SelectAll<I> {
    let iters: Box<[Option<I>]> = iters.into_iter().map(Some).collect();
    SelectAll {
        live: iters.len(),
        iters: Box::into_pin(iters),
        next_first: 0,
    }
}

/// The async iterator returned by [`select_all`].
#[must_use = "async iterators do nothing unless polled"]
pub struct SelectAll<I> {
    // `None` for an iterator that has ended (and was dropped).
    iters: Pin<Box<[Option<I>]>>,
    // How many slots are `Some`.
    live: usize,
    // The index polled first on the next poll.
    next_first: usize,
}

impl<I> fmt::Debug for SelectAll<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SelectAll")
            .field("len", &self.iters.len())
            .field("live", &self.live)
            .field("next_first", &self.next_first)
            .finish()
    }
}

// The iterators are pinned on the heap; moving the `SelectAll` moves only the box pointer.
impl<I> Unpin for SelectAll<I> {}

impl<I: AsyncIterator> AsyncIterator for SelectAll<I> {
    type Item = I::Item;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
        let this = &mut *self;
        if this.live == 0 {
            return Poll::Ready(None);
        }
        let len = this.iters.len();
        let first = this.next_first;
        this.next_first = if first + 1 == len { 0 } else { first + 1 };
        for offset in 0..len {
            let index = if first + offset >= len {
                first + offset - len
            } else {
                first + offset
            };
            let mut slot = pinned_at(this.iters.as_mut(), index);
            let Some(iter) = slot.as_mut().as_pin_mut() else {
                continue;
            };
            match iter.poll_next(cx) {
                Poll::Ready(Some(item)) => return Poll::Ready(Some(item)),
                Poll::Ready(None) => {
                    slot.set(None);
                    this.live -= 1;
                }
                Poll::Pending => {}
            }
        }
        if this.live == 0 {
            Poll::Ready(None)
        } else {
            Poll::Pending
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let mut lower = 0usize;
        let mut upper = Some(0usize);
        for iter in self.iters.iter().flatten() {
            let (l, u) = iter.size_hint();
            lower = lower.saturating_add(l);
            upper = match (upper, u) {
                (Some(a), Some(b)) => a.checked_add(b),
                _ => None,
            };
        }
        (lower, upper)
    }
}

impl<I: AsyncIterator> FusedAsyncIterator for SelectAll<I> {}

impl<I> SelectAll<I> {
    /// How many of the iterators have not ended yet.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let mut all = anext::iter::adapters::select_all([iter(vec![1]), iter(vec![])]);
    /// assert_eq!(all.live(), 2);
    /// block_on(all.next());
    /// block_on(all.next());
    /// assert_eq!(all.live(), 0);
    /// ```
    pub fn live(&self) -> usize {
        self.live
    }

    /// Whether there are no iterators left (all have ended, or there were none).
    ///
    /// ```
    /// let none = anext::iter::adapters::select_all(Vec::<anext::iter::Empty<u8>>::new());
    /// assert!(none.is_terminated());
    /// ```
    pub fn is_terminated(&self) -> bool {
        self.live == 0
    }
}
