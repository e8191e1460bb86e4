use core::fmt;
use core::future::Future;
use core::mem;
use core::pin::Pin;
use core::task::{Context, Poll};

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
        state: State::Value { value: init },
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
        #[pin]
        state: State<S, Fut>,
    }
}

pin_project_lite::pin_project! {
    /// One tag for the three cases (two `Option`s would cost a check each per item).
    #[project = StateProj]
    #[project_replace = StateReplace]
    enum State<S, Fut> {
        /// Between items: the state for the next step.
        Value { value: S },
        /// A step is running.
        Future { #[pin] future: Fut },
        /// Ended, or a step panicked.
        Empty,
    }
}

impl<S, Fut> State<S, Fut> {
    /// Takes the value out, leaving the state empty, if it holds one.
    #[inline]
    fn take_value(self: Pin<&mut Self>) -> Option<S> {
        match &*self {
            State::Value { .. } => match self.project_replace(State::Empty) {
                StateReplace::Value { value } => Some(value),
                _ => unreachable!("the state was just seen to be a value"),
            },
            _ => None,
        }
    }
}

/// Empties the state if the step's poll unwinds, so that the iterator is finished after a
/// panic and never polls a panicked future again. Forgotten on the normal path.
struct EmptyOnUnwind<'a, S, Fut>(Pin<&'a mut State<S, Fut>>);

impl<S, Fut> Drop for EmptyOnUnwind<'_, S, Fut> {
    fn drop(&mut self) {
        self.0.set(State::Empty);
    }
}

impl<S, F, Fut> fmt::Debug for Unfold<S, F, Fut> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match &self.state {
            State::Value { .. } => "Value",
            State::Future { .. } => "Future",
            State::Empty => "Done",
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

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let mut this = self.project();
        if let Some(value) = this.state.as_mut().take_value() {
            // The state is empty while `f` runs: if it panics, the iterator is finished.
            this.state.set(State::Future {
                future: (this.f)(value),
            });
        }
        let mut guard = EmptyOnUnwind(this.state.as_mut());
        let StateProj::Future { future } = guard.0.as_mut().project() else {
            mem::forget(guard);
            return Poll::Ready(None);
        };
        let poll = future.poll(cx);
        mem::forget(guard);
        match poll {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Some((item, next))) => {
                this.state.set(State::Value { value: next });
                Poll::Ready(Some(item))
            }
            Poll::Ready(None) => {
                this.state.set(State::Empty);
                Poll::Ready(None)
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self.state {
            State::Empty => (0, Some(0)),
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
