//! [`Probe`]: polls a future or an async iterator by hand with a waker that counts wakes.

use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use core::task::{Context, Poll, Waker};
use std::boxed::Box;
use std::sync::Arc;
use std::task::Wake;

use crate::AsyncIterator;

/// Wraps `value` (a future or an async iterator) for polling by hand; see [`Probe`].
///
/// ```
/// let mut ready = anext::testing::probe(async { 7 });
/// assert_eq!(ready.poll(), std::task::Poll::Ready(7));
/// ```
pub fn probe<T>(value: T) -> Probe<T> {
    Probe {
        value: Box::pin(value),
        wakes: Arc::new(Wakes::default()),
        polls: 0,
    }
}

/// A pinned future or async iterator plus the waker it is polled with: [`poll`](Self::poll)
/// or [`poll_next`](Self::poll_next) it, then ask whether the waker was woken
/// ([`is_woken`](Self::is_woken)) and how often ([`wake_count`](Self::wake_count)).
///
/// The value is pinned on the heap (one allocation when the probe is made), so `!Unpin`
/// futures work. The waker is `Send + Sync` and may be cloned and woken from any thread.
///
/// ```
/// use anext::testing::probe;
/// use anext::{assert_pending, assert_ready_eq};
///
/// let (tx, rx) = anext::sync::oneshot::channel::<u32>();
/// let mut received = probe(rx);
/// assert_pending!(received.poll());
/// assert!(!received.is_woken());
/// tx.send(5).unwrap();
/// assert!(received.is_woken());
/// assert_ready_eq!(received.poll(), Ok(5));
/// ```
pub struct Probe<T> {
    value: Pin<Box<T>>,
    wakes: Arc<Wakes>,
    polls: usize,
}

#[derive(Default)]
struct Wakes {
    /// Woken since the last poll.
    woken: AtomicBool,
    count: AtomicUsize,
}

impl Wake for Wakes {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.count.fetch_add(1, Ordering::Relaxed);
        self.woken.store(true, Ordering::Release);
    }
}

impl<T> Probe<T> {
    fn enter<R>(&mut self, f: impl FnOnce(Pin<&mut T>, &mut Context<'_>) -> R) -> R {
        self.wakes.woken.store(false, Ordering::Relaxed);
        self.polls += 1;
        let waker = Waker::from(Arc::clone(&self.wakes));
        let mut cx = Context::from_waker(&waker);
        f(self.value.as_mut(), &mut cx)
    }

    /// Whether the waker was woken since the last poll (or since the probe was made).
    ///
    /// ```
    /// let mut yielded = anext::testing::probe(anext::yield_now());
    /// assert!(!yielded.is_woken());
    /// let _ = yielded.poll();
    /// assert!(yielded.is_woken());
    /// ```
    pub fn is_woken(&self) -> bool {
        self.wakes.woken.load(Ordering::Acquire)
    }

    /// How many times the waker (or a clone of it) has been woken, in total.
    ///
    /// ```
    /// let mut yielded = anext::testing::probe(anext::yield_now());
    /// let _ = yielded.poll();
    /// assert_eq!(yielded.wake_count(), 1);
    /// ```
    pub fn wake_count(&self) -> usize {
        self.wakes.count.load(Ordering::Relaxed)
    }

    /// How many times the value has been polled through this probe.
    ///
    /// ```
    /// let mut ready = anext::testing::probe(async {});
    /// let _ = ready.poll();
    /// assert_eq!(ready.poll_count(), 1);
    /// ```
    pub fn poll_count(&self) -> usize {
        self.polls
    }

    /// The wrapped value, pinned.
    ///
    /// ```
    /// let mut items = anext::testing::probe(anext::iter([1, 2, 3]));
    /// assert_eq!(anext::AsyncIterator::size_hint(&*items.get_mut()), (3, Some(3)));
    /// ```
    pub fn get_mut(&mut self) -> Pin<&mut T> {
        self.value.as_mut()
    }
}

impl<F: Future> Probe<F> {
    /// Polls the future once with the probe's waker.
    ///
    /// ```
    /// let mut ready = anext::testing::probe(async { 1 });
    /// assert_eq!(ready.poll(), std::task::Poll::Ready(1));
    /// ```
    pub fn poll(&mut self) -> Poll<F::Output> {
        self.enter(|future, cx| future.poll(cx))
    }
}

impl<I: AsyncIterator> Probe<I> {
    /// Polls the async iterator for its next item once, with the probe's waker.
    ///
    /// ```
    /// let mut items = anext::testing::probe(anext::iter([1]));
    /// assert_eq!(items.poll_next(), std::task::Poll::Ready(Some(1)));
    /// assert_eq!(items.poll_next(), std::task::Poll::Ready(None));
    /// ```
    pub fn poll_next(&mut self) -> Poll<Option<I::Item>> {
        self.enter(|iter, cx| iter.poll_next(cx))
    }
}

impl<T> fmt::Debug for Probe<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Probe")
            .field("polls", &self.polls)
            .field("wakes", &self.wake_count())
            .field("woken", &self.is_woken())
            .finish_non_exhaustive()
    }
}
