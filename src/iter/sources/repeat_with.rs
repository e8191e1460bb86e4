use core::fmt;
use core::pin::Pin;
use core::task::{Context, Poll};

use crate::{AsyncIterator, FusedAsyncIterator};

/// An async iterator that calls `f` for every item, forever.
///
/// ```
/// use anext::{AsyncIteratorExt, block_on, repeat_with};
/// let mut n = 1;
/// let mut powers = repeat_with(move || { n *= 2; n });
/// assert_eq!(block_on(powers.next()), Some(2));
/// assert_eq!(block_on(powers.next()), Some(4));
/// ```
pub fn repeat_with<T, F: FnMut() -> T>(f: F) -> RepeatWith<F> {
    RepeatWith { f }
}

/// The async iterator returned by [`repeat_with`].
#[derive(Clone)]
#[must_use = "async iterators do nothing unless polled"]
pub struct RepeatWith<F> {
    f: F,
}

impl<F> Unpin for RepeatWith<F> {}

impl<F> fmt::Debug for RepeatWith<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RepeatWith").finish_non_exhaustive()
    }
}

impl<T, F: FnMut() -> T> AsyncIterator for RepeatWith<F> {
    type Item = T;

    fn poll_next(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<T>> {
        Poll::Ready(Some((self.get_mut().f)()))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (usize::MAX, None)
    }
}

impl<T, F: FnMut() -> T> FusedAsyncIterator for RepeatWith<F> {}
