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
/// panics. If `f`, its future, or the destructor of a finished future panics, the iterator is
/// finished too.
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

/// Empties the state if a poll unwinds (from `f`, the step, or the destructor of a finished
/// step), so that the iterator is finished after a panic and never polls a panicked future
/// again. Forgotten on the normal path.
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
        // Only forwards: see `poll_unfold` for why the body is a separate function.
        self.poll_unfold(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self.state {
            State::Empty => (0, Some(0)),
            _ => (0, None),
        }
    }
}

impl<T, S, F, Fut> Unfold<S, F, Fut>
where
    F: FnMut(S) -> Fut,
    Fut: Future<Output = Option<(T, S)>>,
{
    /// The body of `poll_next`.
    ///
    /// The shape is chosen for the code LLVM makes of it (`benches/icount.sh gen
    /// anext_unfold/... unfold/...`, docs/benchmarks.md), each point measured:
    /// - A new step's future is polled in its own arm, not after a merge with the `Future`
    ///   arm: the optimiser then knows it is brand new and skips its state dispatch, and the
    ///   field addresses are not merged into one value that must live in a second register
    ///   across the step's poll.
    /// - That arm rebuilds the `Poll` it returns. Returned as is, the result shared a slot
    ///   with the taken state, and LLVM kept the old state alive across the poll as the
    ///   payload of `Pending` (a second callee-saved register: 10 instructions per item
    ///   when the step awaits once).
    /// - `poll_next` only calls this `#[inline]` function, so LLVM simplifies the body on
    ///   its own before inlining it, and once more after (1 instruction per item when the
    ///   step awaits once).
    /// - The end is a `#[cold]` call, so the common states are tested first.
    #[inline]
    fn poll_unfold(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let this = self.project();
        // One guard for the whole poll: if `f`, the step or dropping a finished step panics,
        // the state is emptied, so the iterator is finished (tests/sources.rs).
        let mut guard = EmptyOnUnwind(this.state);
        let poll = match guard.0.as_mut().project() {
            StateProj::Value { .. } => {
                let StateReplace::Value { value } = guard.0.as_mut().project_replace(State::Empty)
                else {
                    unreachable!("the state was just seen to be a value")
                };
                guard.0.set(State::Future {
                    future: (this.f)(value),
                });
                match poll_step(guard.0.as_mut(), cx) {
                    Poll::Pending => Poll::Pending,
                    Poll::Ready(None) => Poll::Ready(None),
                    Poll::Ready(Some(item)) => Poll::Ready(Some(item)),
                }
            }
            StateProj::Future { .. } => poll_step(guard.0.as_mut(), cx),
            StateProj::Empty => ended(),
        };
        mem::forget(guard);
        poll
    }
}

/// Polls the running step and moves to the next state when it resolves. Written once, copied
/// into both arms of `poll_unfold`.
#[inline(always)]
fn poll_step<T, S, Fut>(mut state: Pin<&mut State<S, Fut>>, cx: &mut Context<'_>) -> Poll<Option<T>>
where
    Fut: Future<Output = Option<(T, S)>>,
{
    let StateProj::Future { future } = state.as_mut().project() else {
        unreachable!("poll_step runs only while a step runs")
    };
    match future.poll(cx) {
        Poll::Pending => Poll::Pending,
        Poll::Ready(Some((item, next))) => {
            state.set(State::Value { value: next });
            Poll::Ready(Some(item))
        }
        Poll::Ready(None) => {
            state.set(State::Empty);
            Poll::Ready(None)
        }
    }
}

/// What every poll after the end returns; out of line so the hot states are tested first.
#[cold]
#[inline(never)]
fn ended<T>() -> Poll<Option<T>> {
    Poll::Ready(None)
}

impl<T, S, F, Fut> FusedAsyncIterator for Unfold<S, F, Fut>
where
    F: FnMut(S) -> Fut,
    Fut: Future<Output = Option<(T, S)>>,
{
}
