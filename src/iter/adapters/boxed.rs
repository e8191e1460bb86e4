//! Type-erased async iterators, for when the concrete type cannot or should not be named.

use std::boxed::Box;

use core::pin::Pin;

use crate::AsyncIterator;

/// A pinned, boxed, type-erased async iterator that is `Send`, returned by
/// [`AsyncIteratorExt::boxed`](crate::AsyncIteratorExt::boxed).
///
/// ```
/// use anext::{AsyncIteratorExt, block_on, iter};
/// use anext::iter::adapters::BoxAsyncIterator;
/// fn evens() -> BoxAsyncIterator<'static, u32> {
///     iter(0..).filter(|x| x % 2 == 0).boxed()
/// }
/// assert_eq!(block_on(evens().take(3).collect::<Vec<_>>()), [0, 2, 4]);
/// ```
pub type BoxAsyncIterator<'a, T> = Pin<Box<dyn AsyncIterator<Item = T> + Send + 'a>>;

/// Like [`BoxAsyncIterator`] without the `Send` bound, returned by
/// [`AsyncIteratorExt::boxed_local`](crate::AsyncIteratorExt::boxed_local).
///
/// ```
/// use anext::{AsyncIteratorExt, block_on, iter};
/// use anext::iter::adapters::LocalBoxAsyncIterator;
/// use std::rc::Rc;
/// let it: LocalBoxAsyncIterator<'_, Rc<u8>> = iter([Rc::new(1)]).boxed_local();
/// assert_eq!(block_on(it.count()), 1);
/// ```
pub type LocalBoxAsyncIterator<'a, T> = Pin<Box<dyn AsyncIterator<Item = T> + 'a>>;
