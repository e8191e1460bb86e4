//! The oneshot channel: one value, from any thread, never lost or duplicated.

use anext::block_on;
use anext::sync::oneshot::{self, Canceled};
use core::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;

#[test]
fn a_sent_value_is_received() {
    let (tx, rx) = oneshot::channel();
    tx.send("value").unwrap();
    assert_eq!(block_on(rx), Ok("value"));
}

#[test]
fn dropping_the_sender_cancels_the_receiver() {
    let (tx, rx) = oneshot::channel::<u8>();
    drop(tx);
    assert_eq!(block_on(rx), Err(Canceled));
}

#[test]
fn sending_to_a_dropped_receiver_returns_the_value() {
    let (tx, rx) = oneshot::channel();
    drop(rx);
    assert!(tx.is_closed());
    assert_eq!(tx.send(5), Err(5));
}

#[test]
fn try_recv_reports_not_yet_then_the_value() {
    let (tx, mut rx) = oneshot::channel();
    assert_eq!(rx.try_recv(), Ok(None));
    tx.send(1).unwrap();
    assert_eq!(rx.try_recv(), Ok(Some(1)));
}

#[test]
fn a_receiver_parked_in_block_on_is_woken_from_another_thread() {
    let (tx, rx) = oneshot::channel();
    let sender = thread::spawn(move || {
        thread::yield_now();
        tx.send(42).unwrap();
    });
    assert_eq!(block_on(rx), Ok(42));
    sender.join().unwrap();
}

#[test]
fn a_sender_dropped_on_another_thread_wakes_the_receiver_with_canceled() {
    let (tx, rx) = oneshot::channel::<u8>();
    let dropper = thread::spawn(move || drop(tx));
    assert_eq!(block_on(rx), Err(Canceled));
    dropper.join().unwrap();
}

struct Counted(Arc<AtomicUsize>);

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn an_unreceived_value_is_dropped_exactly_once_with_the_receiver() {
    let drops = Arc::new(AtomicUsize::new(0));
    let (tx, rx) = oneshot::channel();
    assert!(tx.send(Counted(drops.clone())).is_ok());
    assert_eq!(drops.load(Ordering::SeqCst), 0);
    drop(rx);
    assert_eq!(drops.load(Ordering::SeqCst), 1);
}

#[test]
fn handles_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>(_: &T) {}
    let (tx, rx) = oneshot::channel::<String>();
    assert_send_sync(&tx);
    assert_send_sync(&rx);
}
