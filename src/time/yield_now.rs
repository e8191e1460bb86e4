use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

/// Returns `Pending` once, after waking its task, so that every other ready task runs
/// before this one continues (it goes to the back of the run queue).
///
/// ```
/// use anext::exec::LocalExecutor;
/// use std::{cell::RefCell, rc::Rc};
///
/// let ex = LocalExecutor::new();
/// let log = Rc::new(RefCell::new(Vec::new()));
/// for name in ["a", "b"] {
///     let log = Rc::clone(&log);
///     ex.spawn_local(async move {
///         log.borrow_mut().push(name);
///         anext::yield_now().await;
///         log.borrow_mut().push(name);
///     })
///     .detach();
/// }
/// ex.run_until_stalled();
/// assert_eq!(*log.borrow(), ["a", "b", "a", "b"]);
/// ```
#[inline]
pub fn yield_now() -> YieldNow {
    YieldNow { yielded: false }
}

/// The future returned by [`yield_now`].
#[derive(Debug)]
#[must_use = "futures do nothing unless awaited"]
pub struct YieldNow {
    yielded: bool,
}

impl Future for YieldNow {
    type Output = ();

    #[inline]
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
