//! Regressions from the final review: wakers that use a channel (in `wake` or in their
//! destructor) do not deadlock, since every waker is woken and dropped after the channel's lock
//! is released (the timer lock's bug class, see `time_foreign_waker.rs`); huge chunk sizes are
//! not preallocated; `size_hint` after a caught panic in a bounded-concurrency adapter does
//! not promise items that will never come.

use anext::sync::channel;
use anext::{AsyncIterator, AsyncIteratorExt, block_on, iter};
use core::pin::{Pin, pin};
use core::task::{Context, Poll, Waker};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::task::Wake;
use std::time::Duration;

/// A waker whose `wake` sends on the very channel that woke it (a "foreign" waker that does
/// real work, like the time_foreign_waker case the timers were fixed for).
struct SendsOnWake(Mutex<Option<anext::sync::Sender<u32>>>);
impl Wake for SendsOnWake {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }
    fn wake_by_ref(self: &Arc<Self>) {
        if let Some(tx) = self.0.lock().unwrap().take() {
            let _ = tx.try_send(99); // locks the channel mutex
        }
    }
}

#[test]
fn channel_waker_that_uses_the_channel_does_not_deadlock() {
    let (done_tx, done_rx) = mpsc::channel();
    std::thread::spawn(move || {
        let (tx, mut rx) = channel::<u32>(4);
        let waker = Waker::from(Arc::new(SendsOnWake(Mutex::new(Some(tx.clone())))));
        let mut cx = Context::from_waker(&waker);
        assert!(pin!(&mut rx).poll_next(&mut cx).is_pending());
        tx.try_send(1).unwrap(); // wakes the receiver *under the channel lock*
        done_tx.send(()).unwrap();
    });
    assert!(
        done_rx.recv_timeout(Duration::from_secs(5)).is_ok(),
        "deadlock: the receiver's waker ran under the channel mutex"
    );
}

/// A waker whose destructor drops a Sender of the same channel.
struct DropsSender(#[allow(dead_code)] anext::sync::Sender<u32>);
impl Wake for DropsSender {
    fn wake(self: Arc<Self>) {}
}

#[test]
fn channel_replaced_waker_dropped_outside_the_lock() {
    let (done_tx, done_rx) = mpsc::channel();
    std::thread::spawn(move || {
        let (tx, mut rx) = channel::<u32>(4);
        let w1 = Waker::from(Arc::new(DropsSender(tx.clone())));
        assert!(
            pin!(&mut rx)
                .poll_next(&mut Context::from_waker(&w1))
                .is_pending()
        );
        drop(w1); // the channel now holds the only clone
        // A new task polls: the old waker is replaced, and dropped, under the lock.
        let _ = pin!(&mut rx).poll_next(&mut Context::from_waker(Waker::noop()));
        drop(tx);
        done_tx.send(()).unwrap();
    });
    assert!(
        done_rx.recv_timeout(Duration::from_secs(5)).is_ok(),
        "deadlock: a replaced waker was dropped under the channel mutex"
    );
}

#[test]
fn chunks_with_a_huge_size_does_not_preallocate_it() {
    // `chunks(usize::MAX)` means "everything in one Vec"; it panics with "capacity overflow".
    let v: Vec<Vec<u8>> = block_on(iter([1u8, 2, 3]).chunks(usize::MAX).collect());
    assert_eq!(v, [vec![1, 2, 3]]);
}

#[test]
fn ready_chunks_with_a_huge_size_does_not_preallocate_it() {
    let v: Vec<Vec<u8>> = block_on(iter([1u8, 2, 3]).ready_chunks(usize::MAX).collect());
    assert_eq!(v, [vec![1, 2, 3]]);
}

#[test]
fn buffered_size_hint_after_a_caught_panic_is_not_a_false_promise() {
    let futs = iter(0..3).map(|n| async move {
        if n == 0 {
            panic!("boom");
        }
        n
    });
    let mut it = Box::pin(futs.buffered(3));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _ = it
            .as_mut()
            .poll_next(&mut Context::from_waker(Waker::noop()));
    }));
    assert!(r.is_err());
    let (lower, _) = it.size_hint();
    let actual = block_on(it.as_mut().count());
    assert!(lower <= actual, "size_hint lower {lower} > actual {actual}");
}

struct HoldsOneshotSender(#[allow(dead_code)] anext::sync::oneshot::Sender<u32>);
impl Wake for HoldsOneshotSender {
    fn wake(self: Arc<Self>) {}
}

#[test]
fn oneshot_replaced_waker_dropped_outside_the_lock() {
    use core::future::Future;
    let (done_tx, done_rx) = mpsc::channel();
    std::thread::spawn(move || {
        let (tx, mut rx) = anext::sync::oneshot::channel::<u32>();
        let w1 = Waker::from(Arc::new(HoldsOneshotSender(tx)));
        assert!(
            Pin::new(&mut rx)
                .poll(&mut Context::from_waker(&w1))
                .is_pending()
        );
        drop(w1); // the channel holds the only clone, and with it the sender
        // Replacing it drops the sender, whose Drop locks the same mutex.
        let _ = Pin::new(&mut rx).poll(&mut Context::from_waker(Waker::noop()));
        let r = Pin::new(&mut rx).poll(&mut Context::from_waker(Waker::noop()));
        assert_eq!(r, Poll::Ready(Err(anext::sync::oneshot::Canceled)));
        done_tx.send(()).unwrap();
    });
    assert!(
        done_rx.recv_timeout(Duration::from_secs(5)).is_ok(),
        "deadlock: a replaced waker was dropped under the oneshot mutex"
    );
}
