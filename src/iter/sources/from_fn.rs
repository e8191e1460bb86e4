use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::{AsyncIterator, FusedAsyncIterator};

/// An async iterator that calls `f` and awaits the future it returns, once per item, until
/// that future gives `None`.
///
/// The async twin of [`core::iter::from_fn`]. It is fused: after the first `None`, `f` is
/// never called again.
///
/// ```
/// use anext::{AsyncIteratorExt, block_on, from_fn};
///
/// let mut left = 3;
/// let it = from_fn(move || {
///     let item = if left > 0 { left -= 1; Some(left) } else { None };
///     async move { item }
/// });
/// assert_eq!(block_on(it.collect::<Vec<_>>()), [2, 1, 0]);
/// ```
pub fn from_fn<T, F, Fut>(f: F) -> FromFn<F, Fut>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    FromFn {
        f: Some(f),
        future: None,
    }
}

pin_project_lite::pin_project! {
    /// The async iterator returned by [`from_fn`].
    #[must_use = "async iterators do nothing unless polled"]
    pub struct FromFn<F, Fut> {
        // `None` once the iterator has ended: dropping the closure marks completion.
        f: Option<F>,
        #[pin]
        future: Option<Fut>,
    }
}

impl<F, Fut> fmt::Debug for FromFn<F, Fut> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FromFn")
            .field("finished", &self.f.is_none())
            .field("future_in_flight", &self.future.is_some())
            .finish()
    }
}

impl<T, F, Fut> AsyncIterator for FromFn<F, Fut>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    type Item = T;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let mut this = self.project();
        if this.future.is_none() {
            let Some(f) = this.f.as_mut() else {
                return Poll::Ready(None);
            };
            this.future.set(Some(f()));
        }
        // On `Ready` or on a panic the slot is emptied; after a panic the next poll calls `f`
        // again, as a new item.
        let item = ready!(crate::iter::poll_and_clear(this.future, cx));
        if item.is_none() {
            *this.f = None;
        }
        Poll::Ready(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.f.is_none() {
            (0, Some(0))
        } else {
            (0, None)
        }
    }
}

impl<T, F, Fut> FusedAsyncIterator for FromFn<F, Fut>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
}
