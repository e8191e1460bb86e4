use core::fmt;
use core::future::{Future, IntoFuture};
use core::pin::Pin;
use core::task::{Context, Poll};
use core::time::Duration;

use super::sleep::{Sleep, sleep};

/// Runs `future` with a time limit: `Ok(output)` if it finishes within `duration` (counted
/// from the first poll), else `Err(Elapsed)` and the future is dropped. The future is polled
/// before the timer, so a future that is ready at once wins even with a zero duration.
///
/// ```
/// use anext::time::{sleep, timeout};
/// use std::time::Duration;
///
/// let ex = anext::exec::LocalExecutor::with_virtual_clock();
/// let slow = ex.run(timeout(Duration::from_secs(1), sleep(Duration::from_secs(5))));
/// assert!(slow.is_err());
/// let fast = ex.run(timeout(Duration::from_secs(1), async { 7 }));
/// assert_eq!(fast, Ok(7));
/// ```
pub fn timeout<F: IntoFuture>(duration: Duration, future: F) -> Timeout<F::IntoFuture> {
    Timeout {
        future: future.into_future(),
        sleep: sleep(duration),
    }
}

pin_project_lite::pin_project! {
    /// The future returned by [`timeout`].
    #[derive(Debug)]
    #[must_use = "futures do nothing unless awaited"]
    pub struct Timeout<F> {
        #[pin]
        future: F,
        sleep: Sleep,
    }
}

impl<F> Timeout<F> {
    /// The wrapped future.
    ///
    /// ```
    /// let t = anext::time::timeout(std::time::Duration::from_secs(1), async { 1 });
    /// let _inner = t.get_ref();
    /// ```
    pub fn get_ref(&self) -> &F {
        &self.future
    }
}

impl<F: Future> Future for Timeout<F> {
    type Output = Result<F::Output, Elapsed>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        if let Poll::Ready(output) = this.future.poll(cx) {
            return Poll::Ready(Ok(output));
        }
        match Pin::new(this.sleep).poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(Elapsed(()))),
            Poll::Pending => Poll::Pending,
        }
    }
}

/// The error of a [`timeout`] whose time ran out.
///
/// ```
/// use anext::time::{sleep, timeout};
/// use std::time::Duration;
///
/// let ex = anext::exec::LocalExecutor::with_virtual_clock();
/// let err = ex.run(timeout(Duration::ZERO, sleep(Duration::from_secs(1)))).unwrap_err();
/// assert_eq!(err.to_string(), "deadline has elapsed");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Elapsed(());

impl Elapsed {
    /// For the per-item [`timeout`](crate::AsyncIteratorExt::timeout) adapter.
    pub(crate) fn new() -> Self {
        Elapsed(())
    }
}

impl fmt::Display for Elapsed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("deadline has elapsed")
    }
}

impl std::error::Error for Elapsed {}
