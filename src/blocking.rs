//! Driving async code from synchronous code: [`iter`] turns an async iterator into a plain
//! [`Iterator`] whose `next` blocks the calling thread.

use crate::exec::block_on;
use crate::{AsyncIterator, AsyncIteratorExt};

/// Turns an async iterator into an [`Iterator`] that drives it on the calling thread: each
/// `next` runs [`block_on`] on the iterator's next item, parking the thread while the item is
/// not ready (the same parker and the same guarantees: no thread-local, wakes from any thread
/// are never lost, a clear panic instead of a silent hang when nothing can wake it).
///
/// Python has no twin: there the event loop is not re-entrant. Like `block_on`, `next`
/// must not be called from inside an async task of a single-threaded executor, whose other
/// tasks would stop while it blocks.
///
/// No allocation per item for iterators whose items are ready or that wake through the waker
/// they were lent; one per item for those that keep a clone of it (see [`block_on`]).
///
/// The iterator must be `Unpin`; pin a generator first (no allocation):
///
/// ```
/// use core::pin::pin;
///
/// let numbers = pin!(anext::r#gen! {
///     for i in 0..3 {
///         anext::time::yield_now().await;
///         yield i * i;
///     }
/// });
/// let squares: Vec<u32> = anext::blocking::iter(numbers).collect();
/// assert_eq!(squares, [0, 1, 4]);
/// ```
///
/// A channel fed by another thread, read from synchronous code:
///
/// ```
/// let (tx, rx) = anext::sync::channel(2);
/// let producer = std::thread::spawn(move || {
///     for i in 0..5 {
///         anext::block_on(tx.send(i)).unwrap();
///     }
/// });
/// let total: i32 = anext::blocking::iter(rx).sum();
/// producer.join().unwrap();
/// assert_eq!(total, 10);
/// ```
pub fn iter<I: AsyncIterator + Unpin>(async_iter: I) -> BlockingIter<I> {
    BlockingIter { inner: async_iter }
}

/// The [`Iterator`] returned by [`iter`].
#[derive(Debug)]
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct BlockingIter<I> {
    inner: I,
}

impl<I> BlockingIter<I> {
    /// Gives back the async iterator.
    ///
    /// ```
    /// let mut blocking = anext::blocking::iter(anext::iter([1, 2]));
    /// assert_eq!(blocking.next(), Some(1));
    /// let rest = blocking.into_inner();
    /// assert_eq!(anext::AsyncIterator::size_hint(&rest), (1, Some(1)));
    /// ```
    pub fn into_inner(self) -> I {
        self.inner
    }
}

impl<I: AsyncIterator + Unpin> Iterator for BlockingIter<I> {
    type Item = I::Item;

    fn next(&mut self) -> Option<I::Item> {
        block_on(self.inner.next())
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl<I: crate::FusedAsyncIterator + Unpin> core::iter::FusedIterator for BlockingIter<I> {}
