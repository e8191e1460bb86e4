//! Bridges to `futures_core::Stream`, both ways (feature `futures-core`).
//!
//! The two traits have the same shape, so each bridge is a transparent wrapper whose poll is
//! one call: no allocation, no extra state.
//!
//! ```
//! use anext::compat::{FromStream, IntoStream};
//! use anext::{AsyncIteratorExt, block_on, iter};
//! use futures_core::Stream;
//!
//! fn takes_a_stream<S: Stream<Item = u8>>(s: S) -> S { s }
//!
//! let stream = takes_a_stream(IntoStream::new(iter([1u8, 2, 3])));
//! let back = FromStream::new(stream);
//! assert_eq!(block_on(back.collect::<Vec<_>>()), [1, 2, 3]);
//! ```

use core::pin::Pin;
use core::task::{Context, Poll};

use futures_core::{FusedStream, Stream};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// An [`AsyncIterator`] seen as a `futures_core::Stream`.
    ///
    /// ```
    /// use anext::compat::IntoStream;
    /// use futures_core::Stream;
    /// let s = IntoStream::new(anext::iter(0..3));
    /// assert_eq!(s.size_hint(), (3, Some(3)));
    /// ```
    #[derive(Debug)]
    #[must_use = "streams do nothing unless polled"]
    pub struct IntoStream<I> {
        #[pin]
        inner: I,
    }
}

impl<I> IntoStream<I> {
    /// Wraps an async iterator.
    ///
    /// ```
    /// let s = anext::compat::IntoStream::new(anext::once(1));
    /// assert!(matches!(s.into_inner().size_hint(), (1, Some(1))));
    /// # use anext::AsyncIterator;
    /// ```
    pub fn new(inner: I) -> Self {
        IntoStream { inner }
    }

    /// Returns the wrapped async iterator.
    ///
    /// ```
    /// let s = anext::compat::IntoStream::new(anext::empty::<u8>());
    /// let _iter = s.into_inner();
    /// ```
    pub fn into_inner(self) -> I {
        self.inner
    }
}

impl<I: AsyncIterator> Stream for IntoStream<I> {
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
    /// A `futures_core::Stream` seen as an [`AsyncIterator`].
    ///
    /// It is a [`FusedAsyncIterator`] when the stream is a `FusedStream`.
    ///
    /// ```
    /// use anext::compat::{FromStream, IntoStream};
    /// use anext::{AsyncIteratorExt, block_on};
    /// let it = FromStream::new(IntoStream::new(anext::iter(["a"])));
    /// assert_eq!(block_on(it.collect::<Vec<_>>()), ["a"]);
    /// ```
    #[derive(Debug)]
    #[must_use = "async iterators do nothing unless polled"]
    pub struct FromStream<S> {
        #[pin]
        inner: S,
    }
}

impl<S> FromStream<S> {
    /// Wraps a stream.
    ///
    /// ```
    /// let it = anext::compat::FromStream::new(anext::compat::IntoStream::new(anext::once(1)));
    /// # drop(it);
    /// ```
    pub fn new(inner: S) -> Self {
        FromStream { inner }
    }

    /// Returns the wrapped stream.
    ///
    /// ```
    /// let it = anext::compat::FromStream::new(anext::compat::IntoStream::new(anext::once(1)));
    /// let _stream = it.into_inner();
    /// ```
    pub fn into_inner(self) -> S {
        self.inner
    }
}

impl<S: Stream> AsyncIterator for FromStream<S> {
    type Item = S::Item;

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
        self.project().inner.poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl<S: FusedStream> FusedAsyncIterator for FromStream<S> {}
