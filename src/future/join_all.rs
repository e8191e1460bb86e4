use core::fmt;
use core::future::{Future, IntoFuture};
use core::pin::Pin;
use core::task::{Context, Poll};
use std::boxed::Box;
use std::vec::Vec;

use super::MaybeDone;
use crate::pinned_slice::each_pinned;

/// Waits for every future of an iterator, on the calling task, and returns their outputs in
/// the iterator's order: asyncio's `await asyncio.gather(*coros)`.
///
/// The futures are stored in one boxed slice (one allocation for the whole join, none per
/// poll). Each poll polls every unfinished future, so a wake costs O(n): fine for tens of
/// futures; for thousands, spawn tasks or use
/// [`buffer_unordered`](crate::AsyncIteratorExt::buffer_unordered).
///
/// ```
/// use anext::block_on;
/// use anext::future::join_all;
///
/// let pages = (1..=3).map(|n| async move { n * 10 });
/// assert_eq!(block_on(join_all(pages)), [10, 20, 30]);
/// ```
pub fn join_all<I>(futures: I) -> JoinAll<<I::Item as IntoFuture>::IntoFuture>
where
    I: IntoIterator<Item: IntoFuture>,
{
    let futures: Box<[_]> = futures
        .into_iter()
        .map(|future| MaybeDone::new(future.into_future()))
        .collect();
    JoinAll {
        futures: Box::into_pin(futures),
    }
}

/// The future returned by [`join_all`].
#[must_use = "futures do nothing unless polled"]
pub struct JoinAll<F: Future> {
    futures: Pin<Box<[MaybeDone<F>]>>,
}

impl<F: Future> fmt::Debug for JoinAll<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JoinAll")
            .field("len", &self.futures.len())
            .finish_non_exhaustive()
    }
}

impl<F: Future> Future for JoinAll<F> {
    type Output = Vec<F::Output>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Vec<F::Output>> {
        let mut all_done = true;
        for future in each_pinned(self.futures.as_mut()) {
            all_done &= future.poll(cx).is_ready();
        }
        if !all_done {
            return Poll::Pending;
        }
        let outputs = each_pinned(self.futures.as_mut())
            .map(|future| {
                future
                    .take_output()
                    .expect("`JoinAll` polled after it completed")
            })
            .collect();
        Poll::Ready(outputs)
    }
}
