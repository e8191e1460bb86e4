//! The [`AsyncIterator`] trait, its extension trait [`AsyncIteratorExt`], the sources that
//! start a stream and the futures that consume one.
//!
//! An async iterator is the asynchronous twin of [`Iterator`]: asking for the next item may
//! have to wait. Python spells the protocol `__anext__` and ends it with
//! `StopAsyncIteration`; here it is [`AsyncIterator::poll_next`] and `Poll::Ready(None)`.

use core::ops::DerefMut;
use core::pin::Pin;
use core::task::{Context, Poll};

pub mod adapters;
pub mod consumers;
mod ext;
mod future_slot;
mod into_async_iter;
pub mod sources;

#[cfg(feature = "std")]
pub use adapters::select_all;
pub use ext::AsyncIteratorExt;
pub(crate) use future_slot::poll_and_clear;
pub use into_async_iter::IntoAsyncIterator;
pub use sources::*;

/// A source of values that arrive one at a time, each possibly after a wait.
///
/// This trait has the same shape as `core::async_iter::AsyncIterator` (nightly) and
/// `futures_core::Stream`, so bridges to both are thin.
///
/// # Return value
///
/// [`poll_next`](AsyncIterator::poll_next) returns:
///
/// - `Poll::Pending` when the next item is not ready yet. The implementation has arranged
///   for the waker of `cx` to be woken once progress can be made; the caller polls again then.
/// - `Poll::Ready(Some(item))` with the next item. The caller may poll again at once.
/// - `Poll::Ready(None)` when the iterator is exhausted (Python's `StopAsyncIteration`).
///
/// # After completion
///
/// Once `poll_next` has returned `Ready(None)`, the trait alone promises nothing about later
/// calls: they may return `None`, yield more items, or panic, exactly like
/// [`Iterator::next`]. Iterators that promise `None` forever implement
/// [`FusedAsyncIterator`]; each source and adapter of this crate says whether it does (most
/// do, `poll_fn` never), and [`AsyncIteratorExt::fuse`] makes any iterator fused.
///
/// # Panics
///
/// `poll_next` must not panic for a well-behaved caller. An implementation may panic if it is
/// polled again after it panicked itself; the ones in this crate do not. After a panic in user
/// code, generators, `unfold`, `buffered` and `buffer_unordered` end (`None` from then on);
/// adapters driven by a closure or a per-item future (`map`, `filter`, `then`, ...) and
/// `from_fn` continue with the next item.
///
/// # Example
///
/// A hand-written countdown, the twin of a Python class with `__anext__`:
///
/// ```
/// use anext::{AsyncIterator, AsyncIteratorExt, block_on};
/// use core::pin::Pin;
/// use core::task::{Context, Poll};
///
/// struct Countdown(u32);
///
/// impl AsyncIterator for Countdown {
///     type Item = u32;
///     fn poll_next(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<u32>> {
///         if self.0 == 0 {
///             return Poll::Ready(None);
///         }
///         self.0 -= 1;
///         Poll::Ready(Some(self.0 + 1))
///     }
///     fn size_hint(&self) -> (usize, Option<usize>) {
///         (self.0 as usize, Some(self.0 as usize))
///     }
/// }
///
/// let items: Vec<u32> = block_on(Countdown(3).collect());
/// assert_eq!(items, [3, 2, 1]);
/// ```
#[must_use = "async iterators do nothing unless polled"]
pub trait AsyncIterator {
    /// The type of the items this iterator yields.
    type Item;

    /// Attempts to pull out the next item, registering the current task for wakeup if it is
    /// not ready yet. See the trait docs for the meaning of each return value.
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>>;

    /// Returns the bounds on the number of items still to come, like [`Iterator::size_hint`].
    ///
    /// The lower bound is a promise; the upper bound, `None` meaning unknown, too. A wrong
    /// hint must not cause memory unsafety, but it may make consumers allocate badly.
    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, None)
    }
}

/// An [`AsyncIterator`] that returns `Poll::Ready(None)` forever once it has returned it once,
/// without running user code again.
///
/// This is a marker, like [`core::iter::FusedIterator`]: consumers may rely on it to skip a
/// guard of their own.
///
/// ```
/// use anext::{FusedAsyncIterator, iter};
/// fn assert_fused<I: FusedAsyncIterator>(_: &I) {}
/// assert_fused(&iter([1, 2, 3]));
/// ```
pub trait FusedAsyncIterator: AsyncIterator {}

impl<I: AsyncIterator + Unpin + ?Sized> AsyncIterator for &mut I {
    type Item = I::Item;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
        I::poll_next(Pin::new(&mut **self), cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (**self).size_hint()
    }
}

impl<I: FusedAsyncIterator + Unpin + ?Sized> FusedAsyncIterator for &mut I {}

impl<P> AsyncIterator for Pin<P>
where
    P: DerefMut<Target: AsyncIterator> + Unpin,
{
    type Item = <P::Target as AsyncIterator>::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().as_mut().poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (**self).size_hint()
    }
}

impl<P> FusedAsyncIterator for Pin<P> where P: DerefMut<Target: FusedAsyncIterator> + Unpin {}

#[cfg(feature = "std")]
impl<I: AsyncIterator + Unpin + ?Sized> AsyncIterator for std::boxed::Box<I> {
    type Item = I::Item;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
        I::poll_next(Pin::new(&mut **self), cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (**self).size_hint()
    }
}

#[cfg(feature = "std")]
impl<I: FusedAsyncIterator + Unpin + ?Sized> FusedAsyncIterator for std::boxed::Box<I> {}
