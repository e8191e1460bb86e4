//! [`IntoAsyncIterator`]: the async twin of [`IntoIterator`], so that a function can accept
//! an async iterator, or a plain collection that becomes one.

use core::ops::{Range, RangeFrom, RangeInclusive};

use super::sources::{Iter, iter};
use crate::AsyncIterator;

/// Conversion into an [`AsyncIterator`]: implemented by every async iterator (itself), and by
/// arrays, ranges and (with `std`) `Vec`s, which become always-ready iterators over their
/// items (the same as [`iter`](crate::iter())).
///
/// ```
/// use anext::iter::IntoAsyncIterator;
/// use anext::{AsyncIteratorExt, block_on};
///
/// async fn total(items: impl IntoAsyncIterator<Item = u32>) -> u32 {
///     items.into_async_iter().fold(0, |a, b| a + b).await
/// }
///
/// assert_eq!(block_on(total(vec![1, 2, 3])), 6);
/// assert_eq!(block_on(total([4, 5])), 9);
/// assert_eq!(block_on(total(1..=3)), 6);
/// assert_eq!(block_on(total(anext::iter([7]).map(|x| x * 2))), 14);
/// ```
pub trait IntoAsyncIterator {
    /// The type of the items.
    type Item;
    /// The async iterator this turns into.
    type IntoAsyncIter: AsyncIterator<Item = Self::Item>;
    /// Turns `self` into an async iterator.
    fn into_async_iter(self) -> Self::IntoAsyncIter;
}

impl<I: AsyncIterator> IntoAsyncIterator for I {
    type Item = I::Item;
    type IntoAsyncIter = I;
    #[inline]
    fn into_async_iter(self) -> I {
        self
    }
}

#[cfg(feature = "std")]
impl<T> IntoAsyncIterator for std::vec::Vec<T> {
    type Item = T;
    type IntoAsyncIter = Iter<std::vec::IntoIter<T>>;
    fn into_async_iter(self) -> Self::IntoAsyncIter {
        iter(self)
    }
}

impl<T, const N: usize> IntoAsyncIterator for [T; N] {
    type Item = T;
    type IntoAsyncIter = Iter<core::array::IntoIter<T, N>>;
    fn into_async_iter(self) -> Self::IntoAsyncIter {
        iter(self)
    }
}

impl<A> IntoAsyncIterator for Range<A>
where
    Range<A>: Iterator<Item = A>,
{
    type Item = A;
    type IntoAsyncIter = Iter<Range<A>>;
    fn into_async_iter(self) -> Self::IntoAsyncIter {
        iter(self)
    }
}

impl<A> IntoAsyncIterator for RangeInclusive<A>
where
    RangeInclusive<A>: Iterator<Item = A>,
{
    type Item = A;
    type IntoAsyncIter = Iter<RangeInclusive<A>>;
    fn into_async_iter(self) -> Self::IntoAsyncIter {
        iter(self)
    }
}

impl<A> IntoAsyncIterator for RangeFrom<A>
where
    RangeFrom<A>: Iterator<Item = A>,
{
    type Item = A;
    type IntoAsyncIter = Iter<RangeFrom<A>>;
    fn into_async_iter(self) -> Self::IntoAsyncIter {
        iter(self)
    }
}
