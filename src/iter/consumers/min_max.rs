//! `min`, `max`, `min_by_key` and `max_by_key`: two futures, each with a flag for which end
//! it keeps. Ties follow [`Iterator`]: `min` keeps the first of equal items, `max` the last.

use core::cmp::Ordering;
use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::AsyncIterator;

/// Which end an extremum keeps.
#[derive(Clone, Copy, Debug)]
enum Keep {
    Min,
    Max,
}

impl Keep {
    /// Whether `new` replaces `best`: strictly smaller for `Min` (the first minimum stays),
    /// greater or equal for `Max` (the last maximum wins), as `Iterator::min`/`max` do.
    fn replaces(self, new_vs_best: Ordering) -> bool {
        match self {
            Keep::Min => new_vs_best == Ordering::Less,
            Keep::Max => new_vs_best != Ordering::Less,
        }
    }
}

pin_project_lite::pin_project! {
    /// The future returned by [`AsyncIteratorExt::min`](crate::AsyncIteratorExt::min) and
    /// [`AsyncIteratorExt::max`](crate::AsyncIteratorExt::max).
    #[must_use = "futures do nothing unless polled"]
    pub struct MinMax<I: AsyncIterator> {
        #[pin]
        iter: I,
        // The outer `None` once the future has completed.
        best: Option<Option<I::Item>>,
        keep: Keep,
    }
}

impl<I: AsyncIterator> MinMax<I> {
    pub(crate) fn min(iter: I) -> Self {
        MinMax {
            iter,
            best: Some(None),
            keep: Keep::Min,
        }
    }

    pub(crate) fn max(iter: I) -> Self {
        MinMax {
            iter,
            best: Some(None),
            keep: Keep::Max,
        }
    }
}

impl<I: AsyncIterator<Item: fmt::Debug> + fmt::Debug> fmt::Debug for MinMax<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MinMax")
            .field("iter", &self.iter)
            .field("best", &self.best)
            .field("keep", &self.keep)
            .finish()
    }
}

impl<I: AsyncIterator<Item: Ord>> Future for MinMax<I> {
    type Output = Option<I::Item>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
        let mut this = self.project();
        let Some(best) = this.best.as_mut() else {
            super::polled_after_completion("MinMax")
        };
        loop {
            match ready!(this.iter.as_mut().poll_next(cx)) {
                Some(item) => match best {
                    Some(current) if !this.keep.replaces(item.cmp(current)) => {}
                    _ => *best = Some(item),
                },
                None => return Poll::Ready(this.best.take().expect("checked above")),
            }
        }
    }
}

pin_project_lite::pin_project! {
    /// The future returned by
    /// [`AsyncIteratorExt::min_by_key`](crate::AsyncIteratorExt::min_by_key) and
    /// [`AsyncIteratorExt::max_by_key`](crate::AsyncIteratorExt::max_by_key).
    #[must_use = "futures do nothing unless polled"]
    pub struct MinMaxByKey<I: AsyncIterator, K, F> {
        #[pin]
        iter: I,
        // The best key and its item; the outer `None` once the future has completed.
        best: Option<Option<(K, I::Item)>>,
        key: F,
        keep: Keep,
    }
}

impl<I: AsyncIterator, K, F> MinMaxByKey<I, K, F> {
    pub(crate) fn min(iter: I, key: F) -> Self {
        MinMaxByKey {
            iter,
            best: Some(None),
            key,
            keep: Keep::Min,
        }
    }

    pub(crate) fn max(iter: I, key: F) -> Self {
        MinMaxByKey {
            iter,
            best: Some(None),
            key,
            keep: Keep::Max,
        }
    }
}

impl<I, K, F> fmt::Debug for MinMaxByKey<I, K, F>
where
    I: AsyncIterator<Item: fmt::Debug> + fmt::Debug,
    K: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MinMaxByKey")
            .field("iter", &self.iter)
            .field("best", &self.best)
            .field("keep", &self.keep)
            .finish_non_exhaustive()
    }
}

impl<I, K, F> Future for MinMaxByKey<I, K, F>
where
    I: AsyncIterator,
    K: Ord,
    F: FnMut(&I::Item) -> K,
{
    type Output = Option<I::Item>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
        let mut this = self.project();
        let Some(best) = this.best.as_mut() else {
            super::polled_after_completion("MinMaxByKey")
        };
        loop {
            match ready!(this.iter.as_mut().poll_next(cx)) {
                Some(item) => {
                    let key = (this.key)(&item);
                    match best {
                        Some((current, _)) if !this.keep.replaces(key.cmp(current)) => {}
                        _ => *best = Some((key, item)),
                    }
                }
                None => {
                    let best = this.best.take().expect("checked above");
                    return Poll::Ready(best.map(|(_, item)| item));
                }
            }
        }
    }
}
