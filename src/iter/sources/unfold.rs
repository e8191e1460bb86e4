use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::{AsyncIterator, FusedAsyncIterator};

/// An async iterator built from a state and an async step function: `f(state)` resolves to
/// `Some((item, next_state))` to yield `item`, or `None` to end.
///
/// Unlike `futures::stream::unfold`, polling it again after it ended returns `None`; it never
/// panics.
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
        state: UnfoldState::Value { value: init },
    }
}

pin_project_lite::pin_project! {
    #[project = UnfoldStateProj]
    #[project_replace = UnfoldStateReplace]
    enum UnfoldState<S, Fut> {
        // Waiting for the next poll to call `f` with this state.
        Value { value: S },
        // `f` has been called; its future is in flight.
        Future { #[pin] future: Fut },
        // The step function returned `None`, or is being replaced.
        Done,
    }
}

pin_project_lite::pin_project! {
    /// The async iterator returned by [`unfold`].
    #[must_use = "async iterators do nothing unless polled"]
    pub struct Unfold<S, F, Fut> {
        f: F,
        #[pin]
        state: UnfoldState<S, Fut>,
    }
}

impl<S, F, Fut> fmt::Debug for Unfold<S, F, Fut> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match self.state {
            UnfoldState::Value { .. } => "Value",
            UnfoldState::Future { .. } => "Future",
            UnfoldState::Done => "Done",
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
        if let UnfoldStateProj::Value { .. } = this.state.as_mut().project() {
            let UnfoldStateReplace::Value { value } =
                this.state.as_mut().project_replace(UnfoldState::Done)
            else {
                unreachable!("the state was `Value` one line above")
            };
            this.state.set(UnfoldState::Future {
                future: (this.f)(value),
            });
        }
        let UnfoldStateProj::Future { future } = this.state.as_mut().project() else {
            return Poll::Ready(None);
        };
        match ready!(future.poll(cx)) {
            Some((item, next)) => {
                this.state.set(UnfoldState::Value { value: next });
                Poll::Ready(Some(item))
            }
            None => {
                this.state.set(UnfoldState::Done);
                Poll::Ready(None)
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self.state {
            UnfoldState::Done => (0, Some(0)),
            _ => (0, None),
        }
    }
}

impl<T, S, F, Fut> FusedAsyncIterator for Unfold<S, F, Fut>
where
    F: FnMut(S) -> Fut,
    Fut: Future<Output = Option<(T, S)>>,
{
}
