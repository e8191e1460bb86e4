//! Bridges to the standard library's unstable `core::async_iter::AsyncIterator`, both ways,
//! so that nightly's `async gen` blocks work with anext's adapters, consumers and executor,
//! and anext's iterators work where the standard trait is expected.
//!
//! Nightly only: turn on the `nightly` feature and build with a nightly toolchain.
//!
//! ```toml
//! [dependencies]
//! anext = { version = "0.1", features = ["nightly"] }
//! ```
//!
//! On a stable toolchain the feature does not compile (`#![feature]` is rejected), so
//! `cargo build --all-features` needs nightly too.
//!
//! The two traits have the same shape, so each bridge is a transparent wrapper whose poll is
//! one call: no allocation, no extra state.
//!
//! ```
//! #![feature(async_iterator, gen_blocks)]
//! use anext::nightly::FromCore;
//! use anext::{AsyncIteratorExt, block_on};
//!
//! let squares = FromCore::new(async gen {
//!     for i in 1..=3u32 {
//!         yield i * i;
//!     }
//! });
//! assert_eq!(block_on(squares.map(|x| x + 1).collect::<Vec<_>>()), [2, 5, 10]);
//! ```

use core::async_iter::AsyncIterator as CoreAsyncIterator;
use core::pin::Pin;
use core::task::{Context, Poll};

use crate::AsyncIterator;

pin_project_lite::pin_project! {
    /// A `core::async_iter::AsyncIterator` (e.g. an `async gen` block) seen as an anext
    /// [`AsyncIterator`].
    ///
    /// Not [`FusedAsyncIterator`](crate::FusedAsyncIterator): the standard trait makes no
    /// promise after the end (an `async gen` block does return `None` forever); use
    /// [`fuse`](crate::AsyncIteratorExt::fuse) where the marker is needed.
    ///
    /// ```
    /// #![feature(async_iterator, gen_blocks)]
    /// let it = anext::nightly::FromCore::new(async gen { yield 1u8; });
    /// assert_eq!(anext::block_on(anext::AsyncIteratorExt::count(it)), 1);
    /// ```
    #[derive(Debug)]
    #[must_use = "async iterators do nothing unless polled"]
    pub struct FromCore<I> {
        #[pin]
        inner: I,
    }
}

impl<I> FromCore<I> {
    /// Wraps a standard async iterator.
    ///
    /// ```
    /// #![feature(async_iterator, gen_blocks)]
    /// let _it = anext::nightly::FromCore::new(async gen { yield "x"; });
    /// ```
    pub fn new(inner: I) -> Self {
        FromCore { inner }
    }

    /// Returns the wrapped iterator.
    ///
    /// ```
    /// #![feature(async_iterator, gen_blocks)]
    /// let _inner = anext::nightly::FromCore::new(async gen { yield 1u8; }).into_inner();
    /// ```
    pub fn into_inner(self) -> I {
        self.inner
    }
}

impl<I: CoreAsyncIterator> AsyncIterator for FromCore<I> {
    type Item = I::Item;

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
        self.project().inner.poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

pin_project_lite::pin_project! {
    /// An anext [`AsyncIterator`] seen as a `core::async_iter::AsyncIterator`.
    ///
    /// ```
    /// #![feature(async_iterator)]
    /// use core::async_iter::AsyncIterator;
    /// let it = anext::nightly::IntoCore::new(anext::iter([1, 2]));
    /// assert_eq!(AsyncIterator::size_hint(&it), (2, Some(2)));
    /// ```
    #[derive(Debug)]
    #[must_use = "async iterators do nothing unless polled"]
    pub struct IntoCore<I> {
        #[pin]
        inner: I,
    }
}

impl<I> IntoCore<I> {
    /// Wraps an anext async iterator.
    ///
    /// ```
    /// let _it = anext::nightly::IntoCore::new(anext::once(1));
    /// ```
    pub fn new(inner: I) -> Self {
        IntoCore { inner }
    }

    /// Returns the wrapped iterator.
    ///
    /// ```
    /// let _inner = anext::nightly::IntoCore::new(anext::once(1)).into_inner();
    /// ```
    pub fn into_inner(self) -> I {
        self.inner
    }
}

impl<I: AsyncIterator> CoreAsyncIterator for IntoCore<I> {
    type Item = I::Item;

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
        self.project().inner.poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}
