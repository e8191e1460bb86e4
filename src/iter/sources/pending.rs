use core::fmt;
use core::marker::PhantomData;
use core::pin::Pin;
use core::task::{Context, Poll};

use crate::{AsyncIterator, FusedAsyncIterator};

/// An async iterator that never yields and never ends: every poll returns `Pending`, and it
/// never wakes its task.
///
/// ```
/// use anext::{AsyncIterator, pending};
/// use core::pin::pin;
/// use core::task::{Context, Poll, Waker};
///
/// let mut it = pin!(pending::<u8>());
/// let mut cx = Context::from_waker(Waker::noop());
/// assert_eq!(it.as_mut().poll_next(&mut cx), Poll::Pending);
/// ```
pub fn pending<T>() -> Pending<T> {
    Pending {
        _marker: PhantomData,
    }
}

/// The async iterator returned by [`pending`].
#[must_use = "async iterators do nothing unless polled"]
pub struct Pending<T> {
    _marker: PhantomData<fn() -> T>,
}

impl<T> Clone for Pending<T> {
    fn clone(&self) -> Self {
        pending()
    }
}

impl<T> fmt::Debug for Pending<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pending")
    }
}

impl<T> AsyncIterator for Pending<T> {
    type Item = T;

    fn poll_next(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<T>> {
        Poll::Pending
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, Some(0))
    }
}

/// Vacuously fused: it never returns `None`, so it never returns anything after it.
impl<T> FusedAsyncIterator for Pending<T> {}
