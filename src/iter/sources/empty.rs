use core::fmt;
use core::marker::PhantomData;
use core::pin::Pin;
use core::task::{Context, Poll};

use crate::{AsyncIterator, FusedAsyncIterator};

/// An async iterator that ends at once.
///
/// ```
/// use anext::{AsyncIteratorExt, block_on, empty};
/// assert_eq!(block_on(empty::<u8>().count()), 0);
/// ```
pub fn empty<T>() -> Empty<T> {
    Empty {
        _marker: PhantomData,
    }
}

/// The async iterator returned by [`empty`].
#[must_use = "async iterators do nothing unless polled"]
pub struct Empty<T> {
    // `fn() -> T`: an `Empty<T>` owns no `T`, so it is `Send`, `Sync` and `Unpin` whatever `T` is.
    _marker: PhantomData<fn() -> T>,
}

impl<T> Clone for Empty<T> {
    fn clone(&self) -> Self {
        empty()
    }
}

impl<T> fmt::Debug for Empty<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Empty")
    }
}

impl<T> AsyncIterator for Empty<T> {
    type Item = T;

    fn poll_next(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<T>> {
        Poll::Ready(None)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(0))
    }
}

impl<T> FusedAsyncIterator for Empty<T> {}
