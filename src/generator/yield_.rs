//! The futures a generator body awaits: [`Yield`], [`YieldFrom`], and the hidden `?` of
//! `try_gen!`. All safe code: they reach the generator only through [`Co`].

use core::fmt;
use core::future::Future;
use core::marker::PhantomData;
use core::pin::Pin;
use core::task::{Context, Poll};

use pin_project_lite::pin_project;

use super::Co;
use super::raw::Resumer;
use crate::AsyncIterator;

/// Why a suspended yield was resumed: what `co.yield_(x).await` evaluates to. (In
/// [`async_gen!`](crate::async_gen!), `yield x` evaluates to `()`.)
///
/// Bodies that do not care ignore it. A body with async cleanup checks it to react to
/// [`Gen::close`](super::Gen::close), the way a Python generator's `finally` reacts to
/// `aclose()`.
///
/// ```
/// use anext::generator::Resume;
/// assert!(Resume::Next.is_next());
/// assert!(Resume::Close.is_close());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Resume {
    /// The consumer asked for the next item: carry on.
    Next,
    /// The consumer is closing the generator: clean up and return; a further yield ends the
    /// body at once.
    Close,
}

impl Resume {
    /// `true` for [`Resume::Next`].
    ///
    /// ```
    /// assert!(anext::generator::Resume::Next.is_next());
    /// ```
    #[inline]
    pub fn is_next(self) -> bool {
        self == Resume::Next
    }

    /// `true` for [`Resume::Close`].
    ///
    /// ```
    /// assert!(anext::generator::Resume::Close.is_close());
    /// ```
    #[inline]
    pub fn is_close(self) -> bool {
        self == Resume::Close
    }
}

/// The future returned by [`Co::yield_`]: at its first poll it hands the item to the
/// generator and returns `Pending` (the generator's `poll_next` returns the item meanwhile);
/// at the next, `Ready` with the reason it was resumed.
///
/// It needs no wake: the generator's `poll_next` returns the item instead of `Pending`, and
/// the consumer's next poll resumes the body. (Polled by a combinator that gives its futures
/// wakers of their own, like futures' `FuturesUnordered`, it wakes that waker, so that the
/// combinator polls it again.) See [`Co::yield_`] for a yield awaited late, abandoned, or
/// never polled.
///
/// ```
/// use anext::{AsyncIteratorExt, Gen, block_on};
/// use anext::generator::Resume;
/// let g = Gen::new(async |mut co| {
///     let resumed: Resume = co.yield_(1).await;
///     assert_eq!(resumed, Resume::Next);
///     co.yield_(2).await;
/// });
/// assert_eq!(block_on(g.collect::<Vec<_>>()), [1, 2]);
/// ```
#[must_use = "a yield does nothing unless awaited"]
pub struct Yield<'co, 'a, T> {
    resumer: Resumer<T>,
    /// The item, until the first poll hands it over.
    value: Option<T>,
    /// The handle stays borrowed until the yield completes: no second yield meanwhile.
    _co: PhantomData<&'co mut Co<'a, T>>,
}

impl<'co, 'a, T> Yield<'co, 'a, T> {
    #[inline]
    pub(super) fn new(co: &'co mut Co<'a, T>, value: T) -> Self {
        Yield {
            resumer: co.resumer(),
            value: Some(value),
            _co: PhantomData,
        }
    }
}

// Nothing in a `Yield` is pinned.
impl<T> Unpin for Yield<'_, '_, T> {}

impl<T> Future for Yield<'_, '_, T> {
    type Output = Resume;

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Resume> {
        let this = self.get_mut();
        // Checked first: a `take` would store `None` again on every resume.
        if this.value.is_none() {
            return Poll::Ready(this.resumer.resume());
        }
        if let Some(value) = this.value.take()
            && let Err(value) = this.resumer.hand_over(value, cx)
        {
            // Another yield of this body poll filled the slot first (`hand_over` woke the
            // task): keep the value; it is handed over once the consumer took that item.
            this.value = Some(value);
        }
        Poll::Pending
    }
}

impl<T> fmt::Debug for Yield<'_, '_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Yield")
            .field("handed_over", &self.value.is_none())
            .finish()
    }
}

pin_project! {
    /// The future returned by [`Co::yield_from`]: yields every item of an inner async
    /// iterator, passing its `Pending`s through, then resolves to [`Resume::Next`] (or to
    /// [`Resume::Close`] as soon as the generator is closing).
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, Gen, block_on, iter};
    /// let inner = Gen::new(async |mut co| {
    ///     co.yield_(1).await;
    ///     co.yield_(2).await;
    /// });
    /// let outer = Gen::new(async move |mut co| {
    ///     co.yield_from(inner).await;
    ///     co.yield_(3).await;
    /// });
    /// assert_eq!(block_on(outer.collect::<Vec<_>>()), [1, 2, 3]);
    /// ```
    #[must_use = "a yield does nothing unless awaited"]
    pub struct YieldFrom<'co, 'a, T, I> {
        co: &'co mut Co<'a, T>,
        #[pin]
        inner: I,
    }
}

impl<'co, 'a, T, I> YieldFrom<'co, 'a, T, I> {
    #[inline]
    pub(super) fn new(co: &'co mut Co<'a, T>, inner: I) -> Self {
        YieldFrom { co, inner }
    }
}

impl<T, I> Future for YieldFrom<'_, '_, T, I>
where
    I: AsyncIterator<Item = T>,
{
    type Output = Resume;

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Resume> {
        let this = self.project();
        if this.co.is_closing() {
            return Poll::Ready(Resume::Close);
        }
        // Leave the inner item where it is while another yield's item waits in the slot.
        if this.co.is_full() {
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        match this.inner.poll_next(cx) {
            Poll::Ready(Some(item)) => {
                // The slot is empty (checked above; the inner iterator cannot fill it, it
                // does not have this handle).
                let offered = this.co.offer(item);
                debug_assert!(offered.is_ok());
                Poll::Pending
            }
            Poll::Ready(None) => Poll::Ready(Resume::Next),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<T, I: fmt::Debug> fmt::Debug for YieldFrom<'_, '_, T, I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("YieldFrom")
            .field("inner", &self.inner)
            .finish()
    }
}

/// The `?` of [`try_async_gen!`](crate::try_async_gen!), as a postfix method: `expr?` becomes
/// `expr.__anext_try(&mut co).await`. Not public API.
///
/// On `Err(e)` it yields `Err(e)` and stops the body for good; it does not convert `e` with
/// `From`, so the generator's error type is inferred from the `?`s themselves.
#[doc(hidden)]
pub trait TryYieldExt<V, E> {
    #[doc(hidden)]
    fn __anext_try<T>(self, co: &mut Co<'_, Result<T, E>>) -> TryYield<V, Result<T, E>>;
}

impl<V, E> TryYieldExt<V, E> for Result<V, E> {
    #[inline]
    fn __anext_try<T>(self, co: &mut Co<'_, Result<T, E>>) -> TryYield<V, Result<T, E>> {
        TryYield {
            resumer: co.resumer(),
            outcome: match self {
                Ok(value) => Outcome::Continue(value),
                Err(error) => Outcome::Stop(Err(error)),
            },
        }
    }
}

impl<T, E> Co<'_, Result<T, E>> {
    /// The `Err(e)?` of [`try_async_gen!`](crate::try_async_gen!): yields `Err(e)` and stops the body
    /// for good. Its output is uninhabited, so `match co.__anext_fail(e).await {}` is a
    /// diverging expression, as `Err(e)?` is in plain Rust. Not public API.
    #[doc(hidden)]
    #[inline]
    pub fn __anext_fail(&mut self, error: E) -> TryYield<core::convert::Infallible, Result<T, E>> {
        TryYield {
            resumer: self.resumer(),
            outcome: Outcome::Stop(Err(error)),
        }
    }
}

/// What a [`TryYield`] holds.
#[derive(Debug)]
enum Outcome<V, T> {
    /// `Ok(value)`: resolve to `value`.
    Continue(V),
    /// `Err(e)`: yield `Err(e)` as the last item.
    Stop(T),
    /// Resolved, or the error was handed over.
    Spent,
}

/// The future of [`TryYieldExt::__anext_try`]: ready with the `Ok` value, or, on `Err`,
/// hands the error to the generator as its last item at its first poll (like a yield) and
/// stays pending (the generator never polls the body again).
#[doc(hidden)]
#[must_use = "futures do nothing unless polled"]
pub struct TryYield<V, T> {
    resumer: Resumer<T>,
    outcome: Outcome<V, T>,
}

impl<V: fmt::Debug, T: fmt::Debug> fmt::Debug for TryYield<V, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("TryYield").field(&self.outcome).finish()
    }
}

// Nothing is pinned: the values are only moved out.
impl<V, T> Unpin for TryYield<V, T> {}

impl<V, T> Future for TryYield<V, T> {
    type Output = V;

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<V> {
        let this = self.get_mut();
        match core::mem::replace(&mut this.outcome, Outcome::Spent) {
            Outcome::Continue(value) => Poll::Ready(value),
            Outcome::Stop(item) => {
                if let Err(item) = this.resumer.offer_last(item) {
                    // Another yield of this body poll filled the slot first.
                    this.outcome = Outcome::Stop(item);
                    cx.waker().wake_by_ref();
                }
                Poll::Pending
            }
            Outcome::Spent => Poll::Pending,
        }
    }
}
