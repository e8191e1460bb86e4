use core::fmt;
use core::future::{Future, IntoFuture};
use core::pin::Pin;
use core::task::{Context, Poll};
use std::boxed::Box;
use std::vec::Vec;

use super::TryMaybeDone;
use crate::pinned_slice::each_pinned;

/// Waits for every future of an iterator of fallible futures: `Ok` with all the values in the
/// iterator's order, or the first `Err` as soon as one fails (the rest are dropped with the
/// `TryJoinAll`, without being polled again).
///
/// One allocation for the whole join, none per poll; each poll polls every unfinished future.
///
/// ```
/// use anext::block_on;
/// use anext::future::try_join_all;
///
/// let all = (1..=3).map(|n| async move { Ok::<_, String>(n) });
/// assert_eq!(block_on(try_join_all(all)), Ok(vec![1, 2, 3]));
///
/// let one_fails = (1..=3).map(|n| async move { if n == 2 { Err(n) } else { Ok(n) } });
/// assert_eq!(block_on(try_join_all(one_fails)), Err(2));
/// ```
pub fn try_join_all<I, T, E>(futures: I) -> TryJoinAll<<I::Item as IntoFuture>::IntoFuture, T>
where
    I: IntoIterator<Item: IntoFuture<Output = Result<T, E>>>,
{
    let futures: Box<[_]> = futures
        .into_iter()
        .map(|future| TryMaybeDone::new(future.into_future()))
        .collect();
    TryJoinAll {
        futures: Box::into_pin(futures),
    }
}

/// The future returned by [`try_join_all`].
#[must_use = "futures do nothing unless polled"]
pub struct TryJoinAll<F, T> {
    futures: Pin<Box<[TryMaybeDone<F, T>]>>,
}

impl<F, T> fmt::Debug for TryJoinAll<F, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TryJoinAll")
            .field("len", &self.futures.len())
            .finish_non_exhaustive()
    }
}

impl<F, T, E> Future for TryJoinAll<F, T>
where
    F: Future<Output = Result<T, E>>,
{
    type Output = Result<Vec<T>, E>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<Vec<T>, E>> {
        let mut all_done = true;
        for future in each_pinned(self.futures.as_mut()) {
            match future.poll(cx) {
                Poll::Ready(Err(error)) => return Poll::Ready(Err(error)),
                Poll::Ready(Ok(())) => {}
                Poll::Pending => all_done = false,
            }
        }
        if !all_done {
            return Poll::Pending;
        }
        let values = each_pinned(self.futures.as_mut())
            .map(|future| {
                future
                    .take_output()
                    .expect("`TryJoinAll` polled after it completed")
            })
            .collect();
        Poll::Ready(Ok(values))
    }
}
