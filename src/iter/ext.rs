use core::future::Future;

use crate::AsyncIterator;
use crate::iter::adapters::{AndThen, MapErr, MapOk, TakeUntil, TryFilter};
#[cfg(feature = "std")]
use crate::iter::adapters::{
    BoxAsyncIterator, BufferUnordered, Buffered, CatchUnwind, Chunks, FlatMapUnordered,
    FlattenUnordered, LocalBoxAsyncIterator, ReadyChunks,
};
use crate::iter::adapters::{
    Chain, Enumerate, Filter, FilterAsync, FilterMap, FilterMapAsync, FlatMap, Flatten, Fuse,
    Inspect, Map, MapWhile, Merge, Peekable, Scan, Skip, SkipWhile, StepBy, Take, TakeWhile, Then,
    Zip,
};
#[cfg(feature = "rt")]
use crate::iter::adapters::{ChunksTimeout, Throttle, Timeout};
#[cfg(feature = "std")]
use crate::iter::consumers::ForEachConcurrent;
use crate::iter::consumers::{
    All, Any, Collect, Count, Fold, ForEach, Last, Next, NextOr, Nth, TryCollect, TryFold,
    TryForEach,
};
use crate::iter::consumers::{Concat, Find, MinMax, MinMaxByKey, Position, TryNext, Unzip};

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

    // ----- Adapters: each returns a new async iterator (see `crate::iter::adapters`). -----

    /// Transforms every item with `f`, like [`Iterator::map`].
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let v: Vec<i32> = block_on(iter(1..=3).map(|x| x * 10).collect());
    /// assert_eq!(v, [10, 20, 30]);
    /// ```
    fn map<B, F>(self, f: F) -> Map<Self, F>
    where
        Self: Sized,
        F: FnMut(Self::Item) -> B,
    {
        Map::new(self, f)
    }

    /// Transforms every item with an async function, awaiting each result before asking for
    /// the next item (the async `map`). The future is stored inline: no allocation per item.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let v: Vec<i32> = block_on(iter(1..=3).then(|x| async move { x + 1 }).collect());
    /// assert_eq!(v, [2, 3, 4]);
    /// ```
    fn then<Fut, F>(self, f: F) -> Then<Self, Fut, F>
    where
        Self: Sized,
        F: FnMut(Self::Item) -> Fut,
        Fut: Future,
    {
        Then::new(self, f)
    }

    /// Keeps the items for which `predicate` returns `true`, like [`Iterator::filter`].
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let v: Vec<i32> = block_on(iter(1..=6).filter(|x| x % 2 == 0).collect());
    /// assert_eq!(v, [2, 4, 6]);
    /// ```
    fn filter<F>(self, predicate: F) -> Filter<Self, F>
    where
        Self: Sized,
        F: FnMut(&Self::Item) -> bool,
    {
        Filter::new(self, predicate)
    }

    /// Keeps the items for which an async `predicate` resolves to `true`.
    ///
    /// The predicate sees the item by reference and returns a future that must not borrow it
    /// (copy out what it needs): the item waits inside the adapter while the verdict is
    /// awaited.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let v: Vec<i32> = block_on(
    ///     iter(1..=6).filter_async(|&x| async move { x % 3 == 0 }).collect(),
    /// );
    /// assert_eq!(v, [3, 6]);
    /// ```
    fn filter_async<Fut, F>(self, predicate: F) -> FilterAsync<Self, Fut, F>
    where
        Self: Sized,
        F: FnMut(&Self::Item) -> Fut,
        Fut: Future<Output = bool>,
    {
        FilterAsync::new(self, predicate)
    }

    /// Maps and filters at once: keeps the `Some` results of `f`, like
    /// [`Iterator::filter_map`].
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let v: Vec<u8> = block_on(iter(["1", "x", "3"]).filter_map(|s| s.parse::<u8>().ok()).collect());
    /// assert_eq!(v, [1, 3]);
    /// ```
    fn filter_map<B, F>(self, f: F) -> FilterMap<Self, F>
    where
        Self: Sized,
        F: FnMut(Self::Item) -> Option<B>,
    {
        FilterMap::new(self, f)
    }

    /// Like [`filter_map`](Self::filter_map) with an async function.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let v: Vec<i32> = block_on(
    ///     iter(1..=5).filter_map_async(|x| async move { (x % 2 == 1).then_some(x * x) }).collect(),
    /// );
    /// assert_eq!(v, [1, 9, 25]);
    /// ```
    fn filter_map_async<B, Fut, F>(self, f: F) -> FilterMapAsync<Self, Fut, F>
    where
        Self: Sized,
        F: FnMut(Self::Item) -> Fut,
        Fut: Future<Output = Option<B>>,
    {
        FilterMapAsync::new(self, f)
    }

    /// Yields at most the first `n` items, like [`Iterator::take`]. Once `n` items are out it
    /// returns `None` without polling the inner iterator again.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, repeat};
    /// let v: Vec<u8> = block_on(repeat(7).take(2).collect());
    /// assert_eq!(v, [7, 7]);
    /// ```
    fn take(self, n: usize) -> Take<Self>
    where
        Self: Sized,
    {
        Take::new(self, n)
    }

    /// Skips the first `n` items, like [`Iterator::skip`].
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let v: Vec<i32> = block_on(iter(1..=5).skip(3).collect());
    /// assert_eq!(v, [4, 5]);
    /// ```
    fn skip(self, n: usize) -> Skip<Self>
    where
        Self: Sized,
    {
        Skip::new(self, n)
    }

    /// Yields items while `predicate` accepts them; the first rejected item ends the iterator
    /// (and is dropped), like [`Iterator::take_while`].
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let v: Vec<i32> = block_on(iter([1, 2, 5, 1]).take_while(|x| *x < 3).collect());
    /// assert_eq!(v, [1, 2]);
    /// ```
    fn take_while<F>(self, predicate: F) -> TakeWhile<Self, F>
    where
        Self: Sized,
        F: FnMut(&Self::Item) -> bool,
    {
        TakeWhile::new(self, predicate)
    }

    /// Skips items while `predicate` accepts them, then yields the rest, like
    /// [`Iterator::skip_while`].
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let v: Vec<i32> = block_on(iter([1, 2, 5, 1]).skip_while(|x| *x < 3).collect());
    /// assert_eq!(v, [5, 1]);
    /// ```
    fn skip_while<F>(self, predicate: F) -> SkipWhile<Self, F>
    where
        Self: Sized,
        F: FnMut(&Self::Item) -> bool,
    {
        SkipWhile::new(self, predicate)
    }

    /// Maps items while `f` returns `Some`; the first `None` ends the iterator, like
    /// [`Iterator::map_while`].
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let v: Vec<u32> = block_on(iter(["1", "2", "x", "4"]).map_while(|s| s.parse::<u32>().ok()).collect());
    /// assert_eq!(v, [1, 2]);
    /// ```
    fn map_while<B, F>(self, f: F) -> MapWhile<Self, F>
    where
        Self: Sized,
        F: FnMut(Self::Item) -> Option<B>,
    {
        MapWhile::new(self, f)
    }

    /// Yields the first item and then every `step`-th one, like [`Iterator::step_by`].
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let v: Vec<i32> = block_on(iter(0..10).step_by(4).collect());
    /// assert_eq!(v, [0, 4, 8]);
    /// ```
    ///
    /// # Panics
    ///
    /// Panics if `step` is 0, like `Iterator::step_by`.
    #[track_caller]
    fn step_by(self, step: usize) -> StepBy<Self>
    where
        Self: Sized,
    {
        StepBy::new(self, step)
    }

    /// Pairs every item with its index, from 0, like [`Iterator::enumerate`].
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let v: Vec<(usize, char)> = block_on(iter(['a', 'b']).enumerate().collect());
    /// assert_eq!(v, [(0, 'a'), (1, 'b')]);
    /// ```
    fn enumerate(self) -> Enumerate<Self>
    where
        Self: Sized,
    {
        Enumerate::new(self)
    }

    /// Yields the items of `self`, then those of `other`, like [`Iterator::chain`]. `self` is
    /// dropped as soon as it ends.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter, once};
    /// let v: Vec<i32> = block_on(iter([1, 2]).chain(once(3)).collect());
    /// assert_eq!(v, [1, 2, 3]);
    /// ```
    fn chain<U>(self, other: U) -> Chain<Self, U>
    where
        Self: Sized,
        U: AsyncIterator<Item = Self::Item>,
    {
        Chain::new(self, other)
    }

    /// Pairs the items of `self` and `other`, ending with the shorter, like
    /// [`Iterator::zip`]. An item of `self` waits while `other` is pending; none is lost.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let v: Vec<(i32, char)> = block_on(iter([1, 2, 3]).zip(iter(['a', 'b'])).collect());
    /// assert_eq!(v, [(1, 'a'), (2, 'b')]);
    /// ```
    fn zip<U>(self, other: U) -> Zip<Self, U>
    where
        Self: Sized,
        U: AsyncIterator,
    {
        Zip::new(self, other)
    }

    /// Maps every item to an async iterator and yields the items of each in turn, like
    /// [`Iterator::flat_map`].
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let v: Vec<i32> = block_on(iter([1, 2]).flat_map(|x| iter([x, x * 10])).collect());
    /// assert_eq!(v, [1, 10, 2, 20]);
    /// ```
    fn flat_map<U, F>(self, f: F) -> FlatMap<Self, U, F>
    where
        Self: Sized,
        U: AsyncIterator,
        F: FnMut(Self::Item) -> U,
    {
        FlatMap::new(self, f)
    }

    /// Yields the items of every async iterator this one yields, like [`Iterator::flatten`]:
    /// pages of results flattened into one stream of results.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let pages = iter([iter(vec![1, 2]), iter(vec![]), iter(vec![3])]);
    /// let v: Vec<i32> = block_on(pages.flatten().collect());
    /// assert_eq!(v, [1, 2, 3]);
    /// ```
    fn flatten(self) -> Flatten<Self>
    where
        Self: Sized,
        Self::Item: AsyncIterator,
    {
        Flatten::new(self)
    }

    /// Makes the iterator return `None` forever after its first `None`, without polling the
    /// inner iterator again, like [`Iterator::fuse`].
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, FusedAsyncIterator, block_on, poll_fn};
    /// use core::task::Poll;
    /// let mut n = 0;
    /// // Yields None, then 1, then None...: not fused.
    /// let flaky = poll_fn(move |_| { n += 1; Poll::Ready((n % 2 == 0).then_some(n)) });
    /// let mut it = flaky.fuse();
    /// assert_eq!(block_on(it.next()), None);
    /// assert_eq!(block_on(it.next()), None);
    /// fn fused<I: FusedAsyncIterator>(_: &I) {}
    /// fused(&it);
    /// ```
    fn fuse(self) -> Fuse<Self>
    where
        Self: Sized,
    {
        Fuse::new(self)
    }

    /// Adds lookahead: [`Peekable::peek`] (async) and [`Peekable::next_if`] look at the next
    /// item without consuming it, like [`Iterator::peekable`].
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// use core::pin::pin;
    /// block_on(async {
    ///     let mut pages = pin!(iter(["p1", "p2"]).peekable());
    ///     while let Some(page) = pages.next().await {
    ///         let last = pages.as_mut().peek().await.is_none();
    ///         println!("{page}{}", if last { " (last)" } else { "" });
    ///     }
    /// });
    /// ```
    fn peekable(self) -> Peekable<Self>
    where
        Self: Sized,
    {
        Peekable::new(self)
    }

    /// Groups items into `Vec`s of `size`; the last may be shorter. It waits for a full chunk
    /// (use [`ready_chunks`](Self::ready_chunks) to take what is ready). One allocation per
    /// chunk (the `Vec` handed out), none per item.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let v: Vec<Vec<i32>> = block_on(iter(1..=5).chunks(2).collect());
    /// assert_eq!(v, [vec![1, 2], vec![3, 4], vec![5]]);
    /// ```
    ///
    /// # Panics
    ///
    /// Panics if `size` is 0.
    #[cfg(feature = "std")]
    #[track_caller]
    fn chunks(self, size: usize) -> Chunks<Self>
    where
        Self: Sized,
    {
        Chunks::new(self, size)
    }

    /// Groups the items that are ready now into `Vec`s of at most `size`: a chunk is yielded
    /// when it is full or when the inner iterator returns `Pending` with at least one item
    /// gathered. Good for batching whatever has arrived.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let v: Vec<Vec<i32>> = block_on(iter(1..=5).ready_chunks(2).collect());
    /// assert_eq!(v, [vec![1, 2], vec![3, 4], vec![5]]);
    /// ```
    ///
    /// # Panics
    ///
    /// Panics if `size` is 0.
    #[cfg(feature = "std")]
    #[track_caller]
    fn ready_chunks(self, size: usize) -> ReadyChunks<Self>
    where
        Self: Sized,
    {
        ReadyChunks::new(self, size)
    }

    /// Calls `f` with a reference to every item as it passes, like [`Iterator::inspect`].
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let mut seen = Vec::new();
    /// let n = block_on(iter([1, 2]).inspect(|x| seen.push(*x)).count());
    /// assert_eq!((n, seen), (2, vec![1, 2]));
    /// ```
    fn inspect<F>(self, f: F) -> Inspect<Self, F>
    where
        Self: Sized,
        F: FnMut(&Self::Item),
    {
        Inspect::new(self, f)
    }

    /// Threads a state through the items; `f` returning `None` ends the iterator, like
    /// [`Iterator::scan`] (which, unlike this, is not fused after that `None`).
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let sums: Vec<i32> = block_on(iter(1..=4).scan(0, |sum, x| { *sum += x; Some(*sum) }).collect());
    /// assert_eq!(sums, [1, 3, 6, 10]);
    /// ```
    fn scan<S, B, F>(self, initial_state: S, f: F) -> Scan<Self, S, F>
    where
        Self: Sized,
        F: FnMut(&mut S, Self::Item) -> Option<B>,
    {
        Scan::new(self, initial_state, f)
    }

    /// Interleaves the items of `self` and `other` as they become ready, ending when both
    /// have ended. Fair: the side polled first alternates on every poll, so two always-ready
    /// iterators alternate and neither can starve the other.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let v: Vec<i32> = block_on(iter([1, 3, 5]).merge(iter([2, 4])).collect());
    /// assert_eq!(v, [1, 2, 3, 4, 5]);
    /// ```
    fn merge<U>(self, other: U) -> Merge<Self, U>
    where
        Self: Sized,
        U: AsyncIterator<Item = Self::Item>,
    {
        Merge::new(self, other)
    }

    /// Boxes and pins the iterator, erasing its type: one allocation, for when a type must be
    /// named (a trait object, a recursive stream, two branches of different types).
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// use anext::iter::adapters::BoxAsyncIterator;
    /// let it: BoxAsyncIterator<'_, i32> =
    ///     if true { iter([1, 2]).boxed() } else { iter([3]).map(|x| x * 2).boxed() };
    /// assert_eq!(block_on(it.collect::<Vec<_>>()), [1, 2]);
    /// ```
    #[cfg(feature = "std")]
    fn boxed<'a>(self) -> BoxAsyncIterator<'a, Self::Item>
    where
        Self: Sized + Send + 'a,
    {
        std::boxed::Box::pin(self)
    }

    /// Like [`boxed`](Self::boxed) for iterators that are not `Send`.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// use std::rc::Rc;
    /// let it = iter([Rc::new(5)]).boxed_local();
    /// assert_eq!(block_on(it.count()), 1);
    /// ```
    #[cfg(feature = "std")]
    fn boxed_local<'a>(self) -> LocalBoxAsyncIterator<'a, Self::Item>
    where
        Self: Sized + 'a,
    {
        std::boxed::Box::pin(self)
    }

    // ----- Bounded concurrency: Python's semaphore + `gather`, without the tasks. -----

    /// Runs up to `limit` of the futures this iterator yields at once and yields their
    /// outputs in input order (Python: `asyncio.gather` over a `Semaphore(limit)`).
    ///
    /// - The limit is always filled while input is ready: when an output is taken, the freed
    ///   slot is refilled at once, before the caller sees the output.
    /// - The futures live in `limit` slots allocated once; nothing is allocated per item.
    /// - A finished output waits in its slot until the ones before it are yielded, so at most
    ///   `limit` outputs are held.
    /// - While you await your own work per item, nothing polls the buffered futures unless
    ///   you wrap that work in [`Buffered::drive`], which keeps them running.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let pages: Vec<String> = block_on(
    ///     iter(1..=4).map(|n| async move { format!("page {n}") }).buffered(2).collect(),
    /// );
    /// assert_eq!(pages, ["page 1", "page 2", "page 3", "page 4"]);
    /// ```
    ///
    /// # Panics
    ///
    /// Panics if `limit` is 0: such a buffer could never run anything, and would hang
    /// instead (futures issue #2348).
    ///
    /// ```should_panic
    /// use anext::{AsyncIteratorExt, iter};
    /// let _ = iter([async {}]).buffered(0); // panics: "the concurrency limit must be at least 1"
    /// ```
    #[cfg(feature = "std")]
    #[track_caller]
    fn buffered(self, limit: usize) -> Buffered<Self>
    where
        Self: Sized,
        Self::Item: Future,
    {
        Buffered::new(self, limit)
    }

    /// Like [`buffered`](Self::buffered), but yields each output as soon as its future
    /// finishes, whatever the input order (Python: `asyncio.as_completed` with a semaphore).
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let mut sizes: Vec<usize> = block_on(
    ///     iter(["a", "bb", "ccc"]).map(|s| async move { s.len() }).buffer_unordered(2).collect(),
    /// );
    /// sizes.sort();
    /// assert_eq!(sizes, [1, 2, 3]);
    /// ```
    ///
    /// # Panics
    ///
    /// Panics if `limit` is 0 (see [`buffered`](Self::buffered)).
    #[cfg(feature = "std")]
    #[track_caller]
    fn buffer_unordered(self, limit: usize) -> BufferUnordered<Self>
    where
        Self: Sized,
        Self::Item: Future,
    {
        BufferUnordered::new(self, limit)
    }

    /// Calls the async `f` on every item, running up to `limit` of its futures at once, and
    /// resolves when the input has ended and every future has finished.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// use std::cell::Cell;
    /// let total = Cell::new(0);
    /// block_on(iter(1..=4).for_each_concurrent(2, |x| {
    ///     let total = &total;
    ///     async move { total.set(total.get() + x) }
    /// }));
    /// assert_eq!(total.get(), 10);
    /// ```
    ///
    /// # Panics
    ///
    /// Panics if `limit` is 0 (see [`buffered`](Self::buffered)).
    #[cfg(feature = "std")]
    #[track_caller]
    fn for_each_concurrent<Fut, F>(self, limit: usize, f: F) -> ForEachConcurrent<Self, Fut, F>
    where
        Self: Sized,
        F: FnMut(Self::Item) -> Fut,
        Fut: Future<Output = ()>,
    {
        ForEachConcurrent::new(self, limit, f)
    }
    // ---- Consumers that search or pick ----

    /// Returns a future that resolves to the first item that satisfies `predicate`, or `None`
    /// if there is none. It borrows the iterator: the items after the match stay available.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let mut it = iter([1, 4, 6, 7]);
    /// assert_eq!(block_on(it.find(|x| x % 2 == 0)), Some(4));
    /// assert_eq!(block_on(it.next()), Some(6));
    /// ```
    fn find<P>(&mut self, predicate: P) -> Find<'_, Self, P>
    where
        Self: Unpin,
        P: FnMut(&Self::Item) -> bool,
    {
        Find::new(self, predicate)
    }

    /// Returns a future that resolves to the index of the first item that satisfies
    /// `predicate`, or `None`. It borrows the iterator, like [`Iterator::position`].
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let mut it = iter(["a", "b", "c"]);
    /// assert_eq!(block_on(it.position(|x| x == "b")), Some(1));
    /// assert_eq!(block_on(it.position(|x| x == "z")), None);
    /// ```
    fn position<P>(&mut self, predicate: P) -> Position<'_, Self, P>
    where
        Self: Unpin,
        P: FnMut(Self::Item) -> bool,
    {
        Position::new(self, predicate)
    }

    /// Returns a future that resolves to the smallest item (the first of equal ones), or
    /// `None` for an empty iterator, like [`Iterator::min`].
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// assert_eq!(block_on(iter([3, 1, 2]).min()), Some(1));
    /// ```
    fn min(self) -> MinMax<Self>
    where
        Self: Sized,
        Self::Item: Ord,
    {
        MinMax::min(self)
    }

    /// Returns a future that resolves to the largest item (the last of equal ones), or `None`
    /// for an empty iterator, like [`Iterator::max`].
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// assert_eq!(block_on(iter([3, 1, 2]).max()), Some(3));
    /// ```
    fn max(self) -> MinMax<Self>
    where
        Self: Sized,
        Self::Item: Ord,
    {
        MinMax::max(self)
    }

    /// Returns a future that resolves to the item with the smallest key (the first of equal
    /// ones), like [`Iterator::min_by_key`]. The key is computed once per item.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// assert_eq!(block_on(iter(["ccc", "a", "bb"]).min_by_key(|s| s.len())), Some("a"));
    /// ```
    fn min_by_key<K, F>(self, key: F) -> MinMaxByKey<Self, K, F>
    where
        Self: Sized,
        K: Ord,
        F: FnMut(&Self::Item) -> K,
    {
        MinMaxByKey::min(self, key)
    }

    /// Returns a future that resolves to the item with the largest key (the last of equal
    /// ones), like [`Iterator::max_by_key`].
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// assert_eq!(block_on(iter(["ccc", "a", "bb"]).max_by_key(|s| s.len())), Some("ccc"));
    /// ```
    fn max_by_key<K, F>(self, key: F) -> MinMaxByKey<Self, K, F>
    where
        Self: Sized,
        K: Ord,
        F: FnMut(&Self::Item) -> K,
    {
        MinMaxByKey::max(self, key)
    }

    /// Splits an iterator of pairs into two collections, like [`Iterator::unzip`].
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let (a, b): (Vec<u8>, Vec<char>) = block_on(iter([(1, 'a'), (2, 'b')]).unzip());
    /// assert_eq!((a, b), (vec![1, 2], vec!['a', 'b']));
    /// ```
    fn unzip<A, B, X, Y>(self) -> Unzip<Self, A, B>
    where
        Self: Sized + AsyncIterator<Item = (X, Y)>,
        A: Default + Extend<X>,
        B: Default + Extend<Y>,
    {
        Unzip::new(self)
    }

    /// Concatenates items that are themselves collections (`Vec`s, `String`s, ...) into one:
    /// the first item is extended by all the others. An empty iterator gives the default.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let all = block_on(iter([vec![1, 2], vec![], vec![3]]).concat());
    /// assert_eq!(all, [1, 2, 3]);
    /// ```
    fn concat(self) -> Concat<Self>
    where
        Self: Sized,
        Self::Item: Extend<<Self::Item as IntoIterator>::Item> + IntoIterator + Default,
    {
        Concat::new(self)
    }

    // ---- Stopping and time ----

    /// Yields items until `stop` resolves (it is polled before each item), then ends: e.g.
    /// "until shutdown is requested". The stop's output can be taken afterwards with
    /// [`TakeUntil::take_result`](crate::iter::adapters::TakeUntil::take_result).
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on};
    /// use anext::sync::oneshot;
    /// use core::pin::pin;
    ///
    /// let (stop_tx, stop_rx) = oneshot::channel::<()>();
    /// let mut it = pin!(anext::iter(1..).take_until(stop_rx));
    /// block_on(async {
    ///     assert_eq!(it.next().await, Some(1));
    ///     stop_tx.send(()).unwrap();
    ///     assert_eq!(it.next().await, None);
    /// });
    /// ```
    fn take_until<Fut>(self, stop: Fut) -> TakeUntil<Self, Fut::IntoFuture>
    where
        Self: Sized,
        Fut: core::future::IntoFuture,
    {
        TakeUntil::new(self, stop.into_future())
    }

    /// Limits the wait for each item to `limit`: yields `Ok(item)`, or `Err(Elapsed)` each
    /// time `limit` passes with no item (then it waits again, with a fresh limit), like
    /// tokio-stream's `timeout`. The iterator is not dropped on a timeout.
    ///
    /// Uses [`anext::time`](crate::time): the executor's clock (real or virtual) under a
    /// `LocalExecutor`, the real clock and the process's one timer helper thread elsewhere.
    /// Each wait that gets to a `Pending` arms one timer.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, exec::LocalExecutor};
    /// use std::time::Duration;
    ///
    /// let ex = LocalExecutor::with_virtual_clock();
    /// let slow = anext::r#gen! {
    ///     yield 1;
    ///     anext::time::sleep(Duration::from_secs(3)).await;
    ///     yield 2;
    /// };
    /// let got: Vec<_> = ex.run(slow.timeout(Duration::from_secs(2)).collect());
    /// assert!(matches!(got[..], [Ok(1), Err(_), Ok(2)]));
    /// ```
    #[cfg(feature = "rt")]
    fn timeout(self, limit: core::time::Duration) -> Timeout<Self>
    where
        Self: Sized,
    {
        Timeout::new(self, limit)
    }

    /// Lets at most one item through per `period`: after each item, the next one is held
    /// back until `period` has passed since the item was handed out. Items are delayed,
    /// never dropped (tokio-stream's `throttle`). The end is held back the same way, since
    /// the iterator is not asked for more before the pause is over.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, exec::LocalExecutor, iter};
    /// use std::time::Duration;
    ///
    /// let ex = LocalExecutor::with_virtual_clock();
    /// let n = ex.run(iter([1, 2, 3]).throttle(Duration::from_secs(1)).count());
    /// assert_eq!(n, 3);
    /// // Items at 0 s, 1 s and 2 s; the end at 3 s.
    /// assert_eq!(ex.elapsed(), Duration::from_secs(3));
    /// ```
    #[cfg(feature = "rt")]
    fn throttle(self, period: core::time::Duration) -> Throttle<Self>
    where
        Self: Sized,
    {
        Throttle::new(self, period)
    }

    /// Groups items into `Vec`s of `size`, but hands out a shorter chunk once `wait` has
    /// passed since its first item arrived: batching with a latency bound (tokio-stream's
    /// `chunks_timeout`). The last chunk may be shorter; no chunk is empty.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, exec::LocalExecutor};
    /// use std::time::Duration;
    ///
    /// let ex = LocalExecutor::with_virtual_clock();
    /// let bursts = anext::r#gen! {
    ///     yield 1;
    ///     yield 2;
    ///     anext::time::sleep(Duration::from_secs(5)).await;
    ///     yield 3;
    /// };
    /// let chunks: Vec<Vec<u8>> = ex.run(bursts.chunks_timeout(10, Duration::from_secs(1)).collect());
    /// assert_eq!(chunks, [vec![1, 2], vec![3]]);
    /// ```
    ///
    /// # Panics
    ///
    /// Panics if `size` is 0.
    #[cfg(feature = "rt")]
    #[track_caller]
    fn chunks_timeout(self, size: usize, wait: core::time::Duration) -> ChunksTimeout<Self>
    where
        Self: Sized,
    {
        ChunksTimeout::new(self, size, wait)
    }

    // ---- Concurrency ----

    /// Flattens an iterator of iterators, draining up to `limit` inner iterators at once and
    /// yielding items as they come (futures' `flatten_unordered`). Each inner iterator's own
    /// order is kept; inner iterators are polled in a rotating order.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let nested = iter([iter(vec![1, 2]), iter(vec![10, 20])]);
    /// let mut all: Vec<i32> = block_on(nested.flatten_unordered(2).collect());
    /// all.sort();
    /// assert_eq!(all, [1, 2, 10, 20]);
    /// ```
    ///
    /// # Panics
    ///
    /// Panics if `limit` is 0.
    #[cfg(feature = "std")]
    #[track_caller]
    fn flatten_unordered(self, limit: usize) -> FlattenUnordered<Self>
    where
        Self: Sized,
        Self::Item: AsyncIterator,
    {
        FlattenUnordered::new(self, limit)
    }

    /// Maps each item to an async iterator and drains up to `limit` of them at once:
    /// [`flatten_unordered`](Self::flatten_unordered) after [`map`](Self::map).
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let pages = iter([1, 2]).flat_map_unordered(2, |n| iter(vec![n; n]));
    /// assert_eq!(block_on(pages.count()), 3);
    /// ```
    ///
    /// # Panics
    ///
    /// Panics if `limit` is 0.
    #[cfg(feature = "std")]
    #[track_caller]
    fn flat_map_unordered<U, F>(self, limit: usize, f: F) -> FlatMapUnordered<Self, F>
    where
        Self: Sized,
        U: AsyncIterator,
        F: FnMut(Self::Item) -> U,
    {
        FlattenUnordered::new(Map::new(self, f), limit)
    }

    /// Catches a panic of the iterator: items come as `Ok(item)`, a panic as one `Err` with
    /// its payload, after which the iterator is not polled again and the adapter ends.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let it = iter([1, 2, 3]).map(|x| if x == 2 { panic!("two") } else { x });
    /// let out: Vec<_> = block_on(it.catch_unwind().collect());
    /// assert!(matches!(out[..], [Ok(1), Err(_)]));
    /// ```
    #[cfg(feature = "std")]
    fn catch_unwind(self) -> CatchUnwind<Self>
    where
        Self: Sized + std::panic::UnwindSafe,
    {
        CatchUnwind::new(self)
    }

    // ---- The fallible family: iterators of `Result`s ----

    /// Returns a future for the next item of an iterator of `Result`s, transposed:
    /// `Ok(Some(value))`, `Err(error)` or `Ok(None)` at the end, so `?` applies:
    /// `while let Some(x) = it.try_next().await? { ... }`.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let mut it = iter([Ok(1), Err("bad")]);
    /// assert_eq!(block_on(it.try_next()), Ok(Some(1)));
    /// assert_eq!(block_on(it.try_next()), Err("bad"));
    /// assert_eq!(block_on(it.try_next()), Ok(None));
    /// ```
    fn try_next<T, E>(&mut self) -> TryNext<'_, Self>
    where
        Self: Unpin + AsyncIterator<Item = Result<T, E>>,
    {
        TryNext::new(self)
    }

    /// Maps the `Ok` values of an iterator of `Result`s; errors pass through.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let v: Vec<Result<i32, &str>> = block_on(iter([Ok(1), Err("e")]).map_ok(|x| x * 10).collect());
    /// assert_eq!(v, [Ok(10), Err("e")]);
    /// ```
    fn map_ok<T, E, U, F>(self, f: F) -> MapOk<Self, F>
    where
        Self: Sized + AsyncIterator<Item = Result<T, E>>,
        F: FnMut(T) -> U,
    {
        MapOk::new(self, f)
    }

    /// Maps the errors of an iterator of `Result`s; `Ok` values pass through.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let v: Vec<Result<i32, usize>> = block_on(iter([Ok(1), Err("four")]).map_err(str::len).collect());
    /// assert_eq!(v, [Ok(1), Err(4)]);
    /// ```
    fn map_err<T, E, G, F>(self, f: F) -> MapErr<Self, F>
    where
        Self: Sized + AsyncIterator<Item = Result<T, E>>,
        F: FnMut(E) -> G,
    {
        MapErr::new(self, f)
    }

    /// Chains a fallible async step onto each `Ok` value: `f(value)` is awaited and its
    /// `Result` yielded; errors of the iterator pass through without calling `f`.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let parsed = iter([Ok("1"), Ok("x"), Err("io")])
    ///     .and_then(|s: &str| async move { s.parse::<i32>().map_err(|_| "parse") });
    /// let v: Vec<_> = block_on(parsed.collect());
    /// assert_eq!(v, [Ok(1), Err("parse"), Err("io")]);
    /// ```
    fn and_then<T, E, U, Fut, F>(self, f: F) -> AndThen<Self, Fut, F>
    where
        Self: Sized + AsyncIterator<Item = Result<T, E>>,
        F: FnMut(T) -> Fut,
        Fut: Future<Output = Result<U, E>>,
    {
        AndThen::new(self, f)
    }

    /// Keeps the `Ok` values for which the async `predicate` resolves to `true`; errors are
    /// always kept.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// let v: Vec<Result<i32, &str>> = block_on(
    ///     iter([Ok(1), Ok(2), Err("e"), Ok(4)])
    ///         .try_filter(|x| { let even = x % 2 == 0; async move { even } })
    ///         .collect(),
    /// );
    /// assert_eq!(v, [Ok(2), Err("e"), Ok(4)]);
    /// ```
    fn try_filter<T, E, Fut, F>(self, predicate: F) -> TryFilter<Self, T, Fut, F>
    where
        Self: Sized + AsyncIterator<Item = Result<T, E>>,
        F: FnMut(&T) -> Fut,
        Fut: Future<Output = bool>,
    {
        TryFilter::new(self, predicate)
    }
}

impl<I: AsyncIterator + ?Sized> AsyncIteratorExt for I {}
