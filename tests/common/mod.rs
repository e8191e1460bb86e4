//! Helpers shared by the generator tests: a trace log, a waker that logs its wakes, a
//! future that is pending once, and a drop logger.
#![allow(dead_code)]

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

use anext::AsyncIterator;

/// A shared, cloneable log of events.
#[derive(Clone, Default)]
pub struct Trace(Rc<RefCell<Vec<String>>>);

impl Trace {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn log(&self, event: impl Into<String>) {
        self.0.borrow_mut().push(event.into());
    }
    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut self.0.borrow_mut())
    }
}

/// A waker that appends "wake" to a log each time it is woken (the log is `Sync`, so the
/// waker is a real `std` waker).
pub struct LogWaker(pub Mutex<Vec<&'static str>>);

impl Wake for LogWaker {
    fn wake(self: Arc<Self>) {
        self.0.lock().unwrap().push("wake");
    }
    fn wake_by_ref(self: &Arc<Self>) {
        self.0.lock().unwrap().push("wake");
    }
}

/// Polls `it` once with a waker that records into `trace`; logs the result as
/// `poll -> Pending`, `poll -> Some(..)` or `poll -> None`, and each wake as `wake`.
pub fn poll_logged<I>(it: Pin<&mut I>, trace: &Trace) -> Poll<Option<I::Item>>
where
    I: AsyncIterator + ?Sized,
    I::Item: std::fmt::Debug,
{
    let log = Arc::new(LogWaker(Mutex::new(Vec::new())));
    let waker = Waker::from(log.clone());
    let mut cx = Context::from_waker(&waker);
    let result = it.poll_next(&mut cx);
    for wake in log.0.lock().unwrap().drain(..) {
        trace.log(wake);
    }
    match &result {
        Poll::Pending => trace.log("poll -> Pending"),
        Poll::Ready(Some(item)) => trace.log(format!("poll -> Some({item:?})")),
        Poll::Ready(None) => trace.log("poll -> None"),
    }
    result
}

/// Polls a future once with a no-op waker.
pub fn poll_future<F: Future + ?Sized>(future: Pin<&mut F>) -> Poll<F::Output> {
    future.poll(&mut Context::from_waker(Waker::noop()))
}

/// `asyncio.sleep(0)`: pending once (waking its waker at once), then ready.
#[derive(Default)]
pub struct PendingOnce(bool);

impl Future for PendingOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

pub fn pending_once() -> PendingOnce {
    PendingOnce(false)
}

/// Logs `drop <name>` when dropped.
pub struct DropLog(pub &'static str, pub Trace);

impl Drop for DropLog {
    fn drop(&mut self) {
        self.1.log(format!("drop {}", self.0));
    }
}
