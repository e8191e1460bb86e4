use crate::AsyncIterator;
use crate::iter::consumers::{
    All, Any, Collect, Count, Fold, ForEach, Last, Next, NextOr, Nth, TryCollect, TryFold,
    TryForEach,
};

/// The adapters and consumers of every [`AsyncIterator`], in the spirit of [`Iterator`]'s
/// provided methods.
///
/// Consumers take plain closures, like their `Iterator` twins; to await per item, write a
/// `while let Some(x) = it.next().await` loop, or map items to futures with an adapter.
///
/// A method that borrows the iterator (`next`, `nth`, ...) needs `Self: Unpin`. An iterator
/// that is not `Unpin`, such as a generator, is pinned first, with no allocation:
///
/// ```
/// use anext::{AsyncIteratorExt, block_on, unfold};
/// use core::pin::pin;
///
/// block_on(async {
///     let it = unfold(0, |n| async move { (n < 2).then_some((n, n + 1)) });
///     let mut it = pin!(it); // `Pin<&mut Unfold<..>>` is `Unpin` and an `AsyncIterator`
///     assert_eq!(it.next().await, Some(0));
///     assert_eq!(it.next().await, Some(1));
///     assert_eq!(it.next().await, None);
/// });
/// ```
pub trait AsyncIteratorExt: AsyncIterator {
    /// Returns a future that resolves to the next item, or `None` at the end.
    ///
    /// The twin of Python's `await anext(it)` and of [`Iterator::next`].
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let mut it = iter([1, 2]);
    /// assert_eq!(block_on(it.next()), Some(1));
    /// assert_eq!(block_on(it.next()), Some(2));
    /// assert_eq!(block_on(it.next()), None);
    /// ```
    #[inline]
    fn next(&mut self) -> Next<'_, Self>
    where
        Self: Unpin,
    {
        Next::new(self)
    }

    /// Returns a future that resolves to the next item, or to `default` at the end: Python's
    /// `await anext(it, default)`.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let mut it = iter([1]);
    /// assert_eq!(block_on(it.next_or(0)), 1);
    /// assert_eq!(block_on(it.next_or(0)), 0);
    /// ```
    ///
    /// # Panics
    ///
    /// The future panics if it is polled again after it returned `Ready`.
    fn next_or(&mut self, default: Self::Item) -> NextOr<'_, Self>
    where
        Self: Unpin,
    {
        NextOr::new(self, default)
    }

    /// Drains the iterator into a collection: Python's `[x async for x in it]` (PEP 530).
    ///
    /// Any `Default + Extend` collection works, as with [`Iterator::collect`] minus the
    /// `FromIterator` indirection.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// use std::collections::BTreeSet;
    /// let set: BTreeSet<u8> = block_on(iter([3, 1, 3, 2]).collect());
    /// assert_eq!(set.into_iter().collect::<Vec<_>>(), [1, 2, 3]);
    /// ```
    ///
    /// # Panics
    ///
    /// The future panics if it is polled again after it returned `Ready`; so do all the
    /// consuming futures below.
    fn collect<C>(self) -> Collect<Self, C>
    where
        Self: Sized,
        C: Default + Extend<Self::Item>,
    {
        Collect::new(self)
    }

    /// Drains an iterator of `Result`s into a collection, stopping at the first `Err`.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let ok: Result<Vec<u8>, &str> = block_on(iter([Ok(1), Ok(2)]).try_collect());
    /// assert_eq!(ok, Ok(vec![1, 2]));
    /// let err: Result<Vec<u8>, &str> = block_on(iter([Ok(1), Err("bad"), Ok(3)]).try_collect());
    /// assert_eq!(err, Err("bad"));
    /// ```
    fn try_collect<T, E, C>(self) -> TryCollect<Self, C>
    where
        Self: Sized + AsyncIterator<Item = Result<T, E>>,
        C: Default + Extend<T>,
    {
        TryCollect::new(self)
    }

    /// Folds every item into an accumulator, like [`Iterator::fold`].
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// assert_eq!(block_on(iter(1..=4).fold(0, |acc, x| acc + x)), 10);
    /// ```
    fn fold<B, F>(self, init: B, f: F) -> Fold<Self, B, F>
    where
        Self: Sized,
        F: FnMut(B, Self::Item) -> B,
    {
        Fold::new(self, init, f)
    }

    /// Folds while `f` returns `Ok`; the first `Err` ends the fold and is returned.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let sum = block_on(iter([1u8, 2, 255]).try_fold(0u8, |acc, x| acc.checked_add(x).ok_or("overflow")));
    /// assert_eq!(sum, Err("overflow"));
    /// ```
    fn try_fold<B, E, F>(self, init: B, f: F) -> TryFold<Self, B, F>
    where
        Self: Sized,
        F: FnMut(B, Self::Item) -> Result<B, E>,
    {
        TryFold::new(self, init, f)
    }

    /// Calls `f` on every item: Python's `async for x in it: f(x)`.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let mut seen = Vec::new();
    /// block_on(iter(["a", "b"]).for_each(|x| seen.push(x)));
    /// assert_eq!(seen, ["a", "b"]);
    /// ```
    fn for_each<F>(self, f: F) -> ForEach<Self, F>
    where
        Self: Sized,
        F: FnMut(Self::Item),
    {
        ForEach::new(self, f)
    }

    /// Calls `f` on every item until it returns an `Err`, which is returned.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let r = block_on(iter([1, 2, 3]).try_for_each(|x| if x < 2 { Ok(()) } else { Err(x) }));
    /// assert_eq!(r, Err(2));
    /// ```
    fn try_for_each<E, F>(self, f: F) -> TryForEach<Self, F>
    where
        Self: Sized,
        F: FnMut(Self::Item) -> Result<(), E>,
    {
        TryForEach::new(self, f)
    }

    /// Counts the items, draining the iterator.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// assert_eq!(block_on(iter(0..5).count()), 5);
    /// ```
    fn count(self) -> Count<Self>
    where
        Self: Sized,
    {
        Count::new(self)
    }

    /// Returns the last item, draining the iterator.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// assert_eq!(block_on(iter(0..5).last()), Some(4));
    /// ```
    fn last(self) -> Last<Self>
    where
        Self: Sized,
    {
        Last::new(self)
    }

    /// Returns the `n`th item (from zero), skipping the ones before it, like
    /// [`Iterator::nth`]. The iterator stays usable.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let mut it = iter(0..5);
    /// assert_eq!(block_on(it.nth(1)), Some(1));
    /// assert_eq!(block_on(it.nth(1)), Some(3));
    /// assert_eq!(block_on(it.nth(usize::MAX)), None);
    /// ```
    fn nth(&mut self, n: usize) -> Nth<'_, Self>
    where
        Self: Unpin,
    {
        Nth::new(self, n)
    }

    /// Tells whether any item satisfies `f`, stopping at the first that does.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// assert!(block_on(iter(0..5).any(|x| x == 3)));
    /// ```
    fn any<F>(self, f: F) -> Any<Self, F>
    where
        Self: Sized,
        F: FnMut(Self::Item) -> bool,
    {
        Any::new(self, f)
    }

    /// Tells whether every item satisfies `f`, stopping at the first that does not.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// assert!(!block_on(iter(0..5).all(|x| x < 3)));
    /// ```
    fn all<F>(self, f: F) -> All<Self, F>
    where
        Self: Sized,
        F: FnMut(Self::Item) -> bool,
    {
        All::new(self, f)
    }
}

impl<I: AsyncIterator + ?Sized> AsyncIteratorExt for I {}
