use core::fmt;
use core::future::{Future, IntoFuture};
use core::pin::Pin;
use core::task::{Context, Poll};
use std::boxed::Box;

use crate::pinned_slice::each_pinned;

/// Waits for the first of many futures and returns its index and output: `select` over any
/// number of futures, asyncio's `wait(aws, return_when=FIRST_COMPLETED)`.
///
/// # Fairness
///
/// Each poll starts at the next index (0, then 1, ... wrapping around), so a future that is
/// always ready cannot hide another that is ready as often: when several are ready on the
/// same poll, the first in that poll's rotation wins.
///
/// # Cancel safety
///
/// The losers are dropped with the `Race` (when it completes or is dropped); use [`select`]
/// to get the loser back. One allocation for the race, none per poll.
///
/// # Panics
///
/// Panics at the first poll if the iterator was empty: there is nothing to wait for, and
/// waiting forever would be a silent hang.
///
/// [`select`]: super::select
///
/// ```
/// use anext::block_on;
/// use anext::future::race;
///
/// let fetches = [3u32, 1, 2].map(|delay| async move {
///     for _ in 0..delay {
///         anext::time::yield_now().await;
///     }
///     delay * 100
/// });
/// assert_eq!(block_on(race(fetches)), (1, 100));
/// ```
pub fn race<I>(futures: I) -> Race<<I::Item as IntoFuture>::IntoFuture>
where
    I: IntoIterator<Item: IntoFuture>,
{
    let futures: Box<[_]> = futures.into_iter().map(IntoFuture::into_future).collect();
    Race {
        futures: Some(Box::into_pin(futures)),
        next_first: 0,
    }
}

/// The future returned by [`race`].
#[must_use = "futures do nothing unless polled"]
pub struct Race<F> {
    /// `None` once the race has completed.
    futures: Option<Pin<Box<[F]>>>,
    /// The index polled first on the next poll.
    next_first: usize,
}

impl<F> fmt::Debug for Race<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Race")
            .field("len", &self.futures.as_ref().map(|futures| futures.len()))
            .field("next_first", &self.next_first)
            .finish()
    }
}

// The boxed slice is pinned on the heap; moving the `Race` moves only the box pointer.
impl<F> Unpin for Race<F> {}

impl<F: Future> Future for Race<F> {
    type Output = (usize, F::Output);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<(usize, F::Output)> {
        let this = &mut *self;
        let futures = this
            .futures
            .as_mut()
            .expect("`Race` polled after it completed");
        let len = futures.len();
        assert!(len > 0, "`race` of no futures would wait forever");
        let first = this.next_first;
        this.next_first = if first + 1 == len { 0 } else { first + 1 };
        // Poll `first..len`, then `0..first`.
        let mut found = None;
        for (index, future) in each_pinned(futures.as_mut()).enumerate().skip(first) {
            if let Poll::Ready(output) = future.poll(cx) {
                found = Some((index, output));
                break;
            }
        }
        if found.is_none() {
            for (index, future) in each_pinned(futures.as_mut()).enumerate().take(first) {
                if let Poll::Ready(output) = future.poll(cx) {
                    found = Some((index, output));
                    break;
                }
            }
        }
        match found {
            Some(won) => {
                this.futures = None;
                Poll::Ready(won)
            }
            None => Poll::Pending,
        }
    }
}
