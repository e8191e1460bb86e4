//! The bounded channel: backpressure, endings, cancellation, and threads.

use anext::sync::{SendError, TryRecvError, TrySendError, channel};
use anext::{AsyncIterator, AsyncIteratorExt, block_on};
use core::future::Future;
use core::pin::{Pin, pin};
use core::sync::atomic::{AtomicUsize, Ordering};
use core::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};
use std::sync::Arc;
use std::thread;

const ITEMS: usize = if cfg!(miri) { 20 } else { 10_000 };

fn noop_cx() -> Context<'static> {
    Context::from_waker(Waker::noop())
}

/// An item that counts how many of its kind are alive, to prove none is lost or duplicated.
struct Counted(Arc<AtomicUsize>, usize);

impl Counted {
    fn new(live: &Arc<AtomicUsize>, n: usize) -> Self {
        live.fetch_add(1, Ordering::SeqCst);
        Counted(live.clone(), n)
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A waker that counts its wakes and clones, for tests that check who was woken.
struct Probe {
    wakes: AtomicUsize,
    clones: AtomicUsize,
}

static PROBE_VTABLE: RawWakerVTable =
    RawWakerVTable::new(probe_clone, probe_wake, probe_wake, probe_drop);

// SAFETY (for the four `probe_*` functions): `data` always points at a `Probe` that the test
// keeps alive (a local declared before every waker and future that could hold a clone), and
// the functions only touch it through atomics.
unsafe fn probe_clone(data: *const ()) -> RawWaker {
    // SAFETY: see above.
    unsafe { &*data.cast::<Probe>() }
        .clones
        .fetch_add(1, Ordering::SeqCst);
    RawWaker::new(data, &PROBE_VTABLE)
}
unsafe fn probe_wake(data: *const ()) {
    // SAFETY: see above.
    unsafe { &*data.cast::<Probe>() }
        .wakes
        .fetch_add(1, Ordering::SeqCst);
}
unsafe fn probe_drop(_: *const ()) {}

impl Probe {
    fn new() -> Self {
        Probe {
            wakes: AtomicUsize::new(0),
            clones: AtomicUsize::new(0),
        }
    }
    fn waker(&self) -> Waker {
        let data: *const Probe = self;
        // SAFETY: the vtable's contract holds while `self` lives; every test drops the
        // channel handles and futures holding clones before the `Probe` (declared first).
        unsafe { Waker::from_raw(RawWaker::new(data.cast(), &PROBE_VTABLE)) }
    }
    fn wakes(&self) -> usize {
        self.wakes.load(Ordering::SeqCst)
    }
}

#[test]
#[should_panic(expected = "channel: the capacity must be at least 1, got 0")]
fn capacity_zero_panics_instead_of_hanging() {
    let _ = channel::<()>(0);
}

#[test]
fn send_waits_while_full_and_completes_after_a_receive() {
    let (tx, mut rx) = channel(1);
    tx.try_send(1).unwrap();
    let mut send = pin!(tx.send(2));
    assert!(send.as_mut().poll(&mut noop_cx()).is_pending());
    assert_eq!(rx.try_recv(), Ok(1));
    assert_eq!(send.as_mut().poll(&mut noop_cx()), Poll::Ready(Ok(())));
    assert_eq!(rx.try_recv(), Ok(2));
}

#[test]
fn try_send_reports_full_and_closed() {
    let (tx, rx) = channel(1);
    assert_eq!(tx.try_send(1), Ok(()));
    assert_eq!(tx.try_send(2), Err(TrySendError::Full(2)));
    drop(rx);
    assert_eq!(tx.try_send(3), Err(TrySendError::Closed(3)));
}

#[test]
fn try_recv_reports_empty_then_closed_after_the_last_sender() {
    let (tx, mut rx) = channel::<u8>(1);
    let tx2 = tx.clone();
    assert_eq!(rx.try_recv(), Err(TryRecvError::Empty));
    drop(tx);
    assert_eq!(rx.try_recv(), Err(TryRecvError::Empty));
    drop(tx2);
    assert_eq!(rx.try_recv(), Err(TryRecvError::Closed));
}

#[test]
fn receiver_ends_after_the_buffered_items_when_every_sender_is_gone() {
    let (tx, rx) = channel(4);
    let tx2 = tx.clone();
    tx.try_send(1).unwrap();
    tx2.try_send(2).unwrap();
    drop((tx, tx2));
    let mut rx = pin!(rx);
    assert_eq!(rx.size_hint(), (2, Some(2)));
    assert_eq!(block_on(rx.as_mut().collect::<Vec<_>>()), [1, 2]);
    assert_eq!(
        rx.as_mut().poll_next(&mut noop_cx()),
        Poll::Ready(None),
        "fused"
    );
}

#[test]
fn dropping_the_last_sender_wakes_a_waiting_receiver() {
    let probe = Probe::new();
    let (tx, mut rx) = channel::<u8>(1);
    let waker = probe.waker();
    let mut cx = Context::from_waker(&waker);
    assert!(Pin::new(&mut rx).poll_next(&mut cx).is_pending());
    drop(tx);
    assert_eq!(probe.wakes(), 1);
    assert_eq!(Pin::new(&mut rx).poll_next(&mut cx), Poll::Ready(None));
}

#[test]
fn close_fails_later_sends_but_keeps_buffered_items() {
    let (tx, mut rx) = channel(2);
    tx.try_send(1).unwrap();
    rx.close();
    assert!(tx.is_closed());
    assert_eq!(block_on(tx.send(2)), Err(SendError(2)));
    assert_eq!(block_on(rx.collect::<Vec<_>>()), [1]);
}

#[test]
fn close_wakes_a_waiting_send_which_returns_its_item() {
    let probe = Probe::new();
    let (tx, mut rx) = channel(1);
    tx.try_send(1).unwrap();
    let waker = probe.waker();
    let mut cx = Context::from_waker(&waker);
    let mut send = pin!(tx.send(2));
    assert!(send.as_mut().poll(&mut cx).is_pending());
    rx.close();
    assert_eq!(probe.wakes(), 1);
    assert_eq!(send.as_mut().poll(&mut cx), Poll::Ready(Err(SendError(2))));
}

#[test]
fn dropping_the_receiver_fails_a_waiting_send_and_returns_its_item() {
    let live = Arc::new(AtomicUsize::new(0));
    let (tx, rx) = channel(1);
    tx.try_send(Counted::new(&live, 1)).unwrap();
    let mut send = pin!(tx.send(Counted::new(&live, 2)));
    assert!(send.as_mut().poll(&mut noop_cx()).is_pending());
    drop(rx);
    assert_eq!(
        live.load(Ordering::SeqCst),
        1,
        "the buffered item was dropped with the receiver"
    );
    match send.as_mut().poll(&mut noop_cx()) {
        Poll::Ready(Err(SendError(item))) => assert_eq!(item.1, 2),
        _ => panic!("the send must fail and hand its item back"),
    }
    assert_eq!(live.load(Ordering::SeqCst), 0);
}

#[test]
fn cancelled_send_delivers_nothing_and_drops_its_item_once() {
    let live = Arc::new(AtomicUsize::new(0));
    let (tx, mut rx) = channel(1);
    tx.try_send(Counted::new(&live, 1)).unwrap();
    {
        let mut send = pin!(tx.send(Counted::new(&live, 2)));
        assert!(send.as_mut().poll(&mut noop_cx()).is_pending());
    } // cancelled here
    assert_eq!(live.load(Ordering::SeqCst), 1);
    assert_eq!(rx.try_recv().map(|c| c.1), Ok(1));
    assert!(matches!(rx.try_recv(), Err(TryRecvError::Empty)));
    assert_eq!(live.load(Ordering::SeqCst), 0);
}

#[test]
fn cancelled_send_that_was_woken_passes_the_wakeup_to_the_next_sender() {
    let (first_probe, second_probe) = (Probe::new(), Probe::new());
    let (tx, mut rx) = channel(1);
    tx.try_send(0).unwrap();
    let (w1, w2) = (first_probe.waker(), second_probe.waker());
    let mut first = Box::pin(tx.send(1));
    let mut second = pin!(tx.send(2));
    assert!(
        first
            .as_mut()
            .poll(&mut Context::from_waker(&w1))
            .is_pending()
    );
    assert!(
        second
            .as_mut()
            .poll(&mut Context::from_waker(&w2))
            .is_pending()
    );
    assert_eq!(rx.try_recv(), Ok(0)); // frees a slot: wakes the oldest waiting send
    assert_eq!((first_probe.wakes(), second_probe.wakes()), (1, 0));
    drop(first); // woken but cancelled before using the slot
    assert_eq!(
        second_probe.wakes(),
        1,
        "the wakeup was handed on, not swallowed"
    );
    assert_eq!(
        second.as_mut().poll(&mut Context::from_waker(&w2)),
        Poll::Ready(Ok(()))
    );
    assert_eq!(rx.try_recv(), Ok(2));
}

#[test]
fn the_receiver_clones_its_waker_once_per_wait_not_per_item() {
    let probe = Probe::new();
    let (tx, mut rx) = channel(1);
    let waker = probe.waker();
    let mut cx = Context::from_waker(&waker);
    for i in 0..5 {
        assert!(Pin::new(&mut rx).poll_next(&mut cx).is_pending());
        tx.try_send(i).unwrap();
        assert_eq!(Pin::new(&mut rx).poll_next(&mut cx), Poll::Ready(Some(i)));
    }
    // The waker is taken out to be woken outside the lock, so each wait stores a clone.
    assert_eq!(probe.clones.load(Ordering::SeqCst), 5, "one clone per wait");
    assert_eq!(probe.wakes(), 5);
}

#[test]
fn items_cross_threads_in_order() {
    let (tx, rx) = channel(8);
    let producer = thread::spawn(move || {
        for i in 0..ITEMS {
            block_on(tx.send(i)).unwrap();
        }
    });
    let got: Vec<usize> = block_on(rx.collect());
    producer.join().unwrap();
    assert_eq!(got, (0..ITEMS).collect::<Vec<_>>());
}

#[test]
fn many_producers_deliver_every_item_exactly_once() {
    let (tx, rx) = channel(4);
    let producers: Vec<_> = (0..4)
        .map(|p| {
            let tx = tx.clone();
            thread::spawn(move || {
                for i in 0..ITEMS / 4 {
                    block_on(tx.send(p * ITEMS + i)).unwrap();
                }
            })
        })
        .collect();
    drop(tx);
    let mut got: Vec<usize> = block_on(rx.collect());
    for producer in producers {
        producer.join().unwrap();
    }
    got.sort_unstable();
    let mut expected: Vec<usize> = (0..4)
        .flat_map(|p| (0..ITEMS / 4).map(move |i| p * ITEMS + i))
        .collect();
    expected.sort_unstable();
    assert_eq!(got, expected);
}

#[test]
fn fast_producer_and_slow_consumer_hold_at_most_capacity_items() {
    const CAPACITY: usize = 3;
    let live = Arc::new(AtomicUsize::new(0));
    let (tx, rx) = channel(CAPACITY);
    let producer_live = live.clone();
    let producer = thread::spawn(move || {
        for i in 0..ITEMS {
            block_on(tx.send(Counted::new(&producer_live, i))).unwrap();
        }
    });
    let mut rx = pin!(rx);
    let mut next = 0;
    while let Some(item) = block_on(rx.next()) {
        // Alive: what the channel holds, the one the producer is sending, the one in hand.
        assert!(rx.len() <= CAPACITY);
        assert!(live.load(Ordering::SeqCst) <= CAPACITY + 2);
        assert_eq!(item.1, next);
        next += 1;
        thread::yield_now(); // the slow consumer
    }
    producer.join().unwrap();
    assert_eq!(next, ITEMS);
    assert_eq!(live.load(Ordering::SeqCst), 0);
}

#[test]
fn a_receiver_parked_in_block_on_is_woken_by_a_send_from_another_thread() {
    let (tx, mut rx) = channel(1);
    let sender = thread::spawn(move || {
        thread::yield_now();
        tx.try_send("hello").unwrap();
        tx // keep the sender alive until joined, so the receive cannot end with None
    });
    assert_eq!(block_on(rx.next()), Some("hello"));
    drop(sender.join().unwrap());
}

#[test]
fn handles_are_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>(_: &T) {}
    let (tx, rx) = channel::<String>(1);
    assert_send_sync(&tx);
    assert_send_sync(&rx);
    assert_send_sync(&tx.send(String::new()));
}
