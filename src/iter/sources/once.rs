use core::pin::Pin;
use core::task::{Context, Poll};

use crate::{AsyncIterator, FusedAsyncIterator};

/// An async iterator that yields `value` once, then ends.
///
/// ```
/// use anext::{AsyncIteratorExt, block_on, once};
/// assert_eq!(block_on(once(7).collect::<Vec<_>>()), [7]);
/// ```
pub fn once<T>(value: T) -> Once<T> {
    Once { value: Some(value) }
}

/// The async iterator returned by [`once`].
#[derive(Clone, Debug)]
#[must_use = "async iterators do nothing unless polled"]
pub struct Once<T> {
    value: Option<T>,
}

impl<T> Unpin for Once<T> {}

impl<T> AsyncIterator for Once<T> {
    type Item = T;

    fn poll_next(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<T>> {
        Poll::Ready(self.get_mut().value.take())
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = usize::from(self.value.is_some());
        (n, Some(n))
    }
}

impl<T> FusedAsyncIterator for Once<T> {}
