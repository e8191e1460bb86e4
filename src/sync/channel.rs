//! The bounded channel.
//!
//! # Invariants (all under the one mutex)
//!
//! - `buffer.len() <= capacity` always: a send that finds the buffer full waits, so memory
//!   is bounded by `capacity` items however fast the producers are (backpressure).
//! - Every item pushed into `buffer` is either received exactly once or dropped exactly once
//!   (when the receiver drops). An item that a `SendFuture` has not pushed yet stays in the
//!   future: dropping the future drops it, and nothing else ever sees it.
//! - `waiting_senders` holds one entry per `SendFuture` that found the buffer full. When a
//!   slot frees, the oldest entry is removed and woken. A woken `SendFuture` that is dropped before
//!   it could push hands its wakeup on to the next entry, so a cancelled send never swallows
//!   the wakeup another sender needs.
//! - Once `closed` (receiver dropped or [`Receiver::close`]), no item enters the buffer again.
//!   The receiver yields `None` once the buffer is empty and either it is closed or every
//!   sender is gone.

use std::collections::VecDeque;
use std::sync::Arc;

use crate::exec::lock::{SpinGuard, SpinLock};

use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, Waker};

use crate::{AsyncIterator, FusedAsyncIterator};

/// Creates a bounded channel that holds at most `capacity` items: Python's
/// `asyncio.Queue(maxsize=capacity)`.
///
/// [`Sender::send`] waits while the channel is full, which slows a fast producer down to the
/// pace of the consumer (backpressure). The [`Receiver`] is an async iterator that ends when
/// every [`Sender`] is gone and the buffered items are drained.
///
/// The buffer is allocated once, here; sending and receiving allocate nothing.
///
/// # Panics
///
/// Panics if `capacity` is 0: a channel that can hold nothing would make every `send` wait
/// forever. (Rendezvous channels are not provided; use capacity 1.)
///
/// # Example
///
/// ```
/// use anext::{AsyncIteratorExt, block_on, sync::channel};
/// let (tx, rx) = channel(2);
/// let producer = std::thread::spawn(move || {
///     for i in 0..5 {
///         block_on(tx.send(i)).unwrap(); // waits while 2 items are queued
///     }
/// }); // `tx` dropped here: the receiver ends after the last item
/// let got: Vec<i32> = block_on(rx.collect());
/// producer.join().unwrap();
/// assert_eq!(got, [0, 1, 2, 3, 4]);
/// ```
#[track_caller]
pub fn channel<T>(capacity: usize) -> (Sender<T>, Receiver<T>) {
    assert!(
        capacity != 0,
        "channel: the capacity must be at least 1, got 0 (a channel that holds nothing would \
         make every send wait forever)"
    );
    let shared = Arc::new(Shared {
        state: SpinLock::new(State {
            buffer: VecDeque::with_capacity(capacity),
            capacity,
            senders: 1,
            closed: false,
            receiver_waker: None,
            waiting_senders: VecDeque::new(),
            next_waiter: 0,
        }),
    });
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

/// The channel's state behind a spin lock, not a `std::sync::Mutex`: every critical
/// section is a few dozen instructions (a `VecDeque` push or pop, a flag, a waker moved in or
/// out; the only foreign code under the lock is a waker's `clone`, wakers are woken and
/// dropped after it), so a thread that finds it taken yields and retries until the holder,
/// which needs only those few instructions, has been scheduled again. That is the trade-off
/// against a futex-based mutex: if the holder is preempted, the waiter's wait is bounded by
/// the OS scheduler rather than by a sleep on the lock, and under strict real-time priorities
/// on one CPU a yielding spinner can starve a lower-priority holder, where a mutex with
/// priority inheritance would not. A waker whose `clone` calls back into the same channel
/// spins forever (a `std::sync::Mutex` would deadlock or panic there). Its unlock is a plain release store where the mutex's is an atomic swap, and it has
/// no poisoning to check: in ping-pong that was 6 of the 36 atomic read-modify-writes per
/// round trip and about 60 instructions (callgrind). A panic under the lock (a waker's
/// `clone`) releases it as the guard unwinds, and the state is consistent between any two
/// statements that could panic.
struct Shared<T> {
    state: SpinLock<State<T>>,
}

impl<T> Shared<T> {
    #[inline]
    fn lock(&self) -> SpinGuard<'_, State<T>> {
        self.state.lock()
    }
}

struct State<T> {
    buffer: VecDeque<T>,
    capacity: usize,
    senders: usize,
    closed: bool,
    /// The waiting receiver's waker; `Some` exactly while the receiver waits for an item.
    receiver_waker: Option<Waker>,
    /// `(id, waker)` of every `SendFuture` waiting for room, oldest first.
    waiting_senders: VecDeque<(u64, Waker)>,
    next_waiter: u64,
}

impl<T> State<T> {
    /// The receiver's waker, if it waits. Taken, not woken: every waker is woken (and
    /// dropped) by the caller after the lock is released, so a waker may use this channel.
    fn take_receiver_waker(&mut self) -> Option<Waker> {
        self.receiver_waker.take()
    }

    /// The oldest waiting sender's waker, if there is room for it.
    fn take_sender_waker(&mut self) -> Option<Waker> {
        if self.buffer.len() < self.capacity {
            self.waiting_senders.pop_front().map(|(_, waker)| waker)
        } else {
            None
        }
    }
}

/// Wakes `waker` if any; call it after the guard is dropped.
#[inline]
fn wake(waker: Option<Waker>) {
    if let Some(waker) = waker {
        waker.wake();
    }
}

/// The sending half of a [`channel`]. Cloneable; the channel ends for the receiver when the
/// last clone is dropped.
pub struct Sender<T> {
    shared: Arc<Shared<T>>,
}

/// The receiving half of a [`channel`]: an [`AsyncIterator`] over the sent items.
pub struct Receiver<T> {
    shared: Arc<Shared<T>>,
    done: bool,
}

/// The error of [`Sender::send`]: the receiver is gone or closed; the item comes back.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct SendError<T>(pub T);

/// The error of [`Sender::try_send`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum TrySendError<T> {
    /// The channel holds `capacity` items; the item comes back.
    Full(T),
    /// The receiver is gone or closed; the item comes back.
    Closed(T),
}

/// The error of [`Receiver::try_recv`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TryRecvError {
    /// No item now, but senders remain.
    Empty,
    /// No item, and none will ever come: every sender is gone, or the receiver was closed.
    Closed,
}

impl<T> fmt::Debug for SendError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SendError(..)")
    }
}

impl<T> fmt::Display for SendError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("sending on a closed channel")
    }
}

impl<T> std::error::Error for SendError<T> {}

impl<T> fmt::Debug for TrySendError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TrySendError::Full(_) => "Full(..)",
            TrySendError::Closed(_) => "Closed(..)",
        })
    }
}

impl<T> fmt::Display for TrySendError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TrySendError::Full(_) => "the channel is full",
            TrySendError::Closed(_) => "sending on a closed channel",
        })
    }
}

impl<T> std::error::Error for TrySendError<T> {}

impl fmt::Display for TryRecvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TryRecvError::Empty => "the channel is empty",
            TryRecvError::Closed => "the channel is empty and closed",
        })
    }
}

impl std::error::Error for TryRecvError {}

impl<T> Sender<T> {
    /// Returns a future that puts `item` in the channel, waiting while it is full. It
    /// resolves to `Err(SendError(item))` if the receiver is dropped or closed first.
    ///
    /// Cancel-safe: dropping the future before it resolved drops the item, which was never
    /// sent, and leaves the channel exactly as if the send had not been attempted.
    ///
    /// ```
    /// use anext::{block_on, sync::channel};
    /// let (tx, mut rx) = channel(1);
    /// block_on(tx.send("hello")).unwrap();
    /// assert_eq!(rx.try_recv(), Ok("hello"));
    /// ```
    pub fn send(&self, item: T) -> SendFuture<'_, T> {
        SendFuture {
            sender: self,
            item: Some(item),
            waiter: None,
        }
    }

    /// Puts `item` in the channel if there is room now, without waiting.
    ///
    /// ```
    /// use anext::sync::{TrySendError, channel};
    /// let (tx, _rx) = channel(1);
    /// assert_eq!(tx.try_send(1), Ok(()));
    /// assert_eq!(tx.try_send(2), Err(TrySendError::Full(2)));
    /// ```
    pub fn try_send(&self, item: T) -> Result<(), TrySendError<T>> {
        let mut state = self.shared.lock();
        if state.closed {
            return Err(TrySendError::Closed(item));
        }
        if state.buffer.len() == state.capacity {
            return Err(TrySendError::Full(item));
        }
        state.buffer.push_back(item);
        let waker = state.take_receiver_waker();
        drop(state);
        wake(waker);
        Ok(())
    }

    /// Tells whether the receiver is gone or closed, so that every send would fail.
    ///
    /// ```
    /// let (tx, rx) = anext::sync::channel::<u8>(1);
    /// assert!(!tx.is_closed());
    /// drop(rx);
    /// assert!(tx.is_closed());
    /// ```
    pub fn is_closed(&self) -> bool {
        self.shared.lock().closed
    }
}

impl<T> Clone for Sender<T> {
    fn clone(&self) -> Self {
        self.shared.lock().senders += 1;
        Sender {
            shared: self.shared.clone(),
        }
    }
}

impl<T> Drop for Sender<T> {
    fn drop(&mut self) {
        let mut state = self.shared.lock();
        state.senders -= 1;
        let waker = if state.senders == 0 {
            state.take_receiver_waker()
        } else {
            None
        };
        drop(state);
        wake(waker);
    }
}

impl<T> fmt::Debug for Sender<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sender").finish_non_exhaustive()
    }
}

/// The future returned by [`Sender::send`]. (Not named `Send`, which would shadow the
/// marker trait in every diagnostic that mentions it.)
#[must_use = "futures do nothing unless polled"]
pub struct SendFuture<'a, T> {
    sender: &'a Sender<T>,
    item: Option<T>,
    /// `Some(id)` once registered in `waiting_senders` (it may have been removed since, by a
    /// wake).
    waiter: Option<u64>,
}

impl<T> Unpin for SendFuture<'_, T> {}

impl<T> fmt::Debug for SendFuture<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SendFuture")
            .field("waiting", &self.waiter.is_some())
            .finish_non_exhaustive()
    }
}

impl<T> Future for SendFuture<'_, T> {
    type Output = Result<(), SendError<T>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = &mut *self;
        // Checked before locking: a misuse panic must not poison the channel's lock.
        let item = this
            .item
            .take()
            .expect("`SendFuture` polled after it completed");
        let mut state = this.sender.shared.lock();
        let waiter = this.waiter;
        let position = waiter.and_then(|id| state.waiting_senders.iter().position(|w| w.0 == id));
        if state.closed || state.buffer.len() < state.capacity {
            // Our own queued waker, if any: dropped after the lock is released.
            let ours = position.and_then(|p| state.waiting_senders.remove(p));
            this.waiter = None;
            if state.closed {
                drop(state);
                drop(ours);
                return Poll::Ready(Err(SendError(item)));
            }
            state.buffer.push_back(item);
            let waker = state.take_receiver_waker();
            drop(state);
            drop(ours);
            wake(waker);
            return Poll::Ready(Ok(()));
        }
        this.item = Some(item);
        match position {
            // Still queued: keep the stored waker unless the task changed (no clone).
            Some(position) => {
                let stored = &mut state.waiting_senders[position].1;
                if !stored.will_wake(cx.waker()) {
                    let old = core::mem::replace(stored, cx.waker().clone());
                    drop(state);
                    drop(old); // outside the lock: its destructor may use this channel
                }
            }
            // First wait, or woken and beaten to the slot: queue (again) at the back. The
            // clone is needed because the waker must outlive this poll; it happens only on
            // the backpressure path, never when there is room.
            None => {
                let id = state.next_waiter;
                state.next_waiter += 1;
                state.waiting_senders.push_back((id, cx.waker().clone()));
                this.waiter = Some(id);
            }
        }
        Poll::Pending
    }
}

impl<T> Drop for SendFuture<'_, T> {
    #[inline]
    fn drop(&mut self) {
        // Inline, the common case (the send never waited) is one test; dropping the future
        // was a call of its own per send (13 instructions, callgrind).
        if let Some(id) = self.waiter {
            self.leave_waiting_senders(id);
        }
    }
}

impl<T> SendFuture<'_, T> {
    /// The drop of a send that waited for room: takes its entry off the waiting senders, or
    /// passes on the wakeup it was given and will not use.
    #[cold]
    #[inline(never)]
    fn leave_waiting_senders(&mut self, id: u64) {
        let mut state = self.sender.shared.lock();
        let waker = match state.waiting_senders.iter().position(|w| w.0 == id) {
            // Our own waker: dropped, not woken, after the lock is released.
            Some(position) => state.waiting_senders.remove(position).map(|(_, w)| w),
            // It was woken for a free slot it will never use: pass the wakeup on.
            None => {
                let next = state.take_sender_waker();
                drop(state);
                wake(next);
                return;
            }
        };
        drop(state);
        drop(waker);
    }
}

impl<T> Receiver<T> {
    /// Waits for the next item: `None` once every sender is gone (or the channel was closed)
    /// and the channel is empty. An inherent method, so no trait import is needed; it is the
    /// same as [`AsyncIteratorExt::next`](crate::AsyncIteratorExt::next).
    ///
    /// Cancel-safe: dropping the future before it resolves loses no item.
    ///
    /// ```
    /// let (tx, mut rx) = anext::sync::channel(2);
    /// tx.try_send("hello").unwrap();
    /// drop(tx);
    /// anext::block_on(async {
    ///     assert_eq!(rx.recv().await, Some("hello"));
    ///     assert_eq!(rx.recv().await, None);
    /// });
    /// ```
    pub fn recv(&mut self) -> crate::iter::consumers::Next<'_, Self> {
        crate::AsyncIteratorExt::next(self)
    }

    /// Takes an item if one is in the channel now, without waiting.
    ///
    /// ```
    /// use anext::sync::{TryRecvError, channel};
    /// let (tx, mut rx) = channel(2);
    /// assert_eq!(rx.try_recv(), Err(TryRecvError::Empty));
    /// tx.try_send(7).unwrap();
    /// drop(tx);
    /// assert_eq!(rx.try_recv(), Ok(7));
    /// assert_eq!(rx.try_recv(), Err(TryRecvError::Closed));
    /// ```
    pub fn try_recv(&mut self) -> Result<T, TryRecvError> {
        let mut state = self.shared.lock();
        match state.buffer.pop_front() {
            Some(item) => {
                let waker = state.take_sender_waker();
                drop(state);
                wake(waker);
                Ok(item)
            }
            None if state.closed || state.senders == 0 => Err(TryRecvError::Closed),
            None => Err(TryRecvError::Empty),
        }
    }

    /// Closes the channel: every later send fails and every waiting send resolves to an
    /// error, while the items already in the channel can still be received.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, sync::channel};
    /// let (tx, mut rx) = channel(2);
    /// tx.try_send(1).unwrap();
    /// rx.close();
    /// assert!(tx.try_send(2).is_err());
    /// assert_eq!(block_on(rx.collect::<Vec<_>>()), [1]);
    /// ```
    pub fn close(&mut self) {
        let senders = {
            let mut state = self.shared.lock();
            state.closed = true;
            core::mem::take(&mut state.waiting_senders)
        };
        for (_, waker) in senders {
            waker.wake();
        }
    }

    /// The number of items in the channel now (at most the capacity).
    ///
    /// ```
    /// let (tx, rx) = anext::sync::channel(4);
    /// tx.try_send(()).unwrap();
    /// assert_eq!(rx.len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.shared.lock().buffer.len()
    }

    /// Tells whether the channel holds no item now.
    ///
    /// ```
    /// let (_tx, rx) = anext::sync::channel::<u8>(4);
    /// assert!(rx.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<T> AsyncIterator for Receiver<T> {
    type Item = T;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        if self.done {
            return Poll::Ready(None);
        }
        let mut state = self.shared.lock();
        if let Some(item) = state.buffer.pop_front() {
            let waker = state.take_sender_waker();
            drop(state);
            wake(waker);
            return Poll::Ready(Some(item));
        }
        if state.closed || state.senders == 0 {
            drop(state);
            self.done = true;
            return Poll::Ready(None);
        }
        // The clone is needed (the waker must outlive this poll); it happens once per wait,
        // never while items flow. A replaced waker is dropped outside the lock.
        let old = match &state.receiver_waker {
            Some(stored) if stored.will_wake(cx.waker()) => None,
            _ => state.receiver_waker.replace(cx.waker().clone()),
        };
        drop(state);
        drop(old);
        Poll::Pending
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.done {
            return (0, Some(0));
        }
        let state = self.shared.lock();
        let finished = state.closed || state.senders == 0;
        (state.buffer.len(), finished.then_some(state.buffer.len()))
    }
}

impl<T> FusedAsyncIterator for Receiver<T> {}

impl<T> Drop for Receiver<T> {
    fn drop(&mut self) {
        let (items, senders) = {
            let mut state = self.shared.lock();
            state.closed = true;
            (
                core::mem::take(&mut state.buffer),
                core::mem::take(&mut state.waiting_senders),
            )
        };
        for (_, waker) in senders {
            waker.wake();
        }
        // The undelivered items are dropped here, once, outside the lock (their destructors
        // may do anything).
        drop(items);
    }
}

impl<T> fmt::Debug for Receiver<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Receiver")
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}
