use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::{AsyncIterator, FusedAsyncIterator};

/// An async iterator built from a state and an async step function: `f(state)` resolves to
/// `Some((item, next_state))` to yield `item`, or `None` to end.
///
/// Unlike `futures::stream::unfold`, polling it again after it ended returns `None`; it never
/// panics. If `f` or its future panics, the iterator is finished too.
///
/// ```
/// use anext::{AsyncIteratorExt, block_on, unfold};
///
/// // Pages of a paginated API: fetch page `n` until the server says there are no more.
/// let pages = unfold(0, |n| async move { (n < 3).then(|| (format!("page-{n}"), n + 1)) });
/// assert_eq!(block_on(pages.collect::<Vec<_>>()), ["page-0", "page-1", "page-2"]);
/// ```
pub fn unfold<T, S, F, Fut>(init: S, f: F) -> Unfold<S, F, Fut>
where
    F: FnMut(S) -> Fut,
    Fut: Future<Output = Option<(T, S)>>,
{
    Unfold {
        f,
        state: Some(init),
        future: None,
    }
}

pin_project_lite::pin_project! {
    /// The async iterator returned by [`unfold`].
    ///
    /// Between items it holds the state; while a step runs, the step's future; once ended,
    /// neither.
    #[must_use = "async iterators do nothing unless polled"]
    pub struct Unfold<S, F, Fut> {
        f: F,
        state: Option<S>,
        #[pin]
        future: Option<Fut>,
    }
}

impl<S, F, Fut> fmt::Debug for Unfold<S, F, Fut> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match (&self.state, &self.future) {
            (Some(_), _) => "Value",
            (None, Some(_)) => "Future",
            (None, None) => "Done",
        };
        f.debug_struct("Unfold").field("state", &state).finish()
    }
}

impl<T, S, F, Fut> AsyncIterator for Unfold<S, F, Fut>
where
    F: FnMut(S) -> Fut,
    Fut: Future<Output = Option<(T, S)>>,
{
    type Item = T;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let mut this = self.project();
        if let Some(state) = this.state.take() {
            this.future.set(Some((this.f)(state)));
        } else if this.future.is_none() {
            return Poll::Ready(None);
        }
        // A panic in the step's future empties the slot: the iterator is then ended.
        match ready!(crate::iter::poll_and_clear(this.future, cx)) {
            Some((item, next)) => {
                *this.state = Some(next);
                Poll::Ready(Some(item))
            }
            None => Poll::Ready(None),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.state.is_none() && self.future.is_none() {
            (0, Some(0))
        } else {
            (0, None)
        }
    }
}

impl<T, S, F, Fut> FusedAsyncIterator for Unfold<S, F, Fut>
where
    F: FnMut(S) -> Fut,
    Fut: Future<Output = Option<(T, S)>>,
{
}
