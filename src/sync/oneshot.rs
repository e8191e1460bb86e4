//! A channel for exactly one value: the Rust twin of an `asyncio.Future` that one side
//! resolves and the other awaits.
//!
//! ```
//! use anext::{block_on, sync::oneshot};
//! let (tx, rx) = oneshot::channel();
//! std::thread::spawn(move || tx.send(42).unwrap());
//! assert_eq!(block_on(rx), Ok(42));
//! ```

use std::sync::{Arc, PoisonError};

use crate::loom::{Mutex, MutexGuard};

use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, Waker};

/// Creates a one-value channel.
///
/// ```
/// use anext::{block_on, sync::oneshot};
/// let (tx, rx) = oneshot::channel::<&str>();
/// drop(tx);
/// assert_eq!(block_on(rx), Err(oneshot::Canceled));
/// ```
pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
    let shared = Arc::new(Mutex::new(State {
        value: None,
        waker: None,
        sender_gone: false,
        receiver_gone: false,
    }));
    (
        Sender {
            shared: shared.clone(),
        },
        Receiver {
            shared,
            done: false,
        },
    )
}

/// Invariant: `value` is set at most once (by `Sender::send`, which consumes the sender) and
/// taken at most once (by the receiver, or dropped with the state).
struct State<T> {
    value: Option<T>,
    waker: Option<Waker>,
    sender_gone: bool,
    receiver_gone: bool,
}

fn lock<T>(shared: &Mutex<State<T>>) -> MutexGuard<'_, State<T>> {
    // Every field is written before any waker runs, so a poisoned state is consistent.
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The sending half of a [`oneshot::channel`](channel).
pub struct Sender<T> {
    shared: Arc<Mutex<State<T>>>,
}

/// The receiving half of a [`oneshot::channel`](channel): a future of the value.
pub struct Receiver<T> {
    shared: Arc<Mutex<State<T>>>,
    done: bool,
}

/// The error of a [`Receiver`] whose [`Sender`] was dropped without sending.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Canceled;

impl fmt::Display for Canceled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the oneshot sender was dropped without sending")
    }
}

impl std::error::Error for Canceled {}

impl<T> Sender<T> {
    /// Sends the value, or gives it back if the receiver is gone.
    ///
    /// ```
    /// let (tx, rx) = anext::sync::oneshot::channel();
    /// drop(rx);
    /// assert_eq!(tx.send(1), Err(1));
    /// ```
    pub fn send(self, value: T) -> Result<(), T> {
        let mut state = lock(&self.shared);
        if state.receiver_gone {
            return Err(value);
        }
        state.value = Some(value);
        let waker = state.waker.take();
        drop(state);
        // Outside the lock: a waker may do anything, including touching this channel.
        if let Some(waker) = waker {
            waker.wake();
        }
        Ok(())
        // `self` drops here and marks the sender gone; the value is already in place.
    }

    /// Tells whether the receiver is gone, so that `send` would fail.
    ///
    /// ```
    /// let (tx, rx) = anext::sync::oneshot::channel::<()>();
    /// assert!(!tx.is_closed());
    /// drop(rx);
    /// assert!(tx.is_closed());
    /// ```
    pub fn is_closed(&self) -> bool {
        lock(&self.shared).receiver_gone
    }
}

impl<T> Drop for Sender<T> {
    fn drop(&mut self) {
        let mut state = lock(&self.shared);
        state.sender_gone = true;
        let waker = state.waker.take();
        drop(state);
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

impl<T> Receiver<T> {
    /// Takes the value if it was sent, without waiting: `Ok(Some(v))`, `Ok(None)` if not yet,
    /// `Err(Canceled)` if it never will be.
    ///
    /// ```
    /// use anext::sync::oneshot;
    /// let (tx, mut rx) = oneshot::channel();
    /// assert_eq!(rx.try_recv(), Ok(None));
    /// tx.send(5).unwrap();
    /// assert_eq!(rx.try_recv(), Ok(Some(5)));
    /// ```
    pub fn try_recv(&mut self) -> Result<Option<T>, Canceled> {
        let mut state = lock(&self.shared);
        match state.value.take() {
            Some(value) => Ok(Some(value)),
            None if state.sender_gone => Err(Canceled),
            None => Ok(None),
        }
    }
}

impl<T> Future for Receiver<T> {
    type Output = Result<T, Canceled>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        assert!(!self.done, "oneshot `Receiver` polled after it completed");
        let mut state = lock(&self.shared);
        let output = match state.value.take() {
            Some(value) => Ok(value),
            None if state.sender_gone => Err(Canceled),
            None => {
                let old = match &state.waker {
                    Some(stored) if stored.will_wake(cx.waker()) => None,
                    _ => state.waker.replace(cx.waker().clone()),
                };
                drop(state);
                drop(old); // outside the lock: its destructor may use this channel
                return Poll::Pending;
            }
        };
        drop(state);
        self.done = true;
        Poll::Ready(output)
    }
}

impl<T> Drop for Receiver<T> {
    fn drop(&mut self) {
        let value = {
            let mut state = lock(&self.shared);
            state.receiver_gone = true;
            state.value.take()
        };
        drop(value); // outside the lock: its destructor may do anything
    }
}

impl<T> fmt::Debug for Sender<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("oneshot::Sender").finish_non_exhaustive()
    }
}

impl<T> fmt::Debug for Receiver<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("oneshot::Receiver")
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}
