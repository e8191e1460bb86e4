//! Adversarial: `buffered` / `buffer_unordered` whose futures panic in their destructors
//! (issue 9, defect 3). Whatever panics (a poll, or the destructor of a future that just
//! finished, or a sibling's destructor during the clean-up after a panic), the panic reaches
//! the caller, the adapter is finished afterwards (`None` forever), nothing is polled after
//! it panicked, and every future is dropped exactly once.

mod common;

use anext::{AsyncIterator, AsyncIteratorExt, iter};
use common::payload_message;
use core::pin::{Pin, pin};
use core::task::{Context, Poll, Waker};
use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;

type Log = Rc<RefCell<Vec<String>>>;

fn poll_once<I: AsyncIterator>(it: Pin<&mut I>) -> Poll<Option<I::Item>> {
    it.poll_next(&mut Context::from_waker(Waker::noop()))
}

fn poll_catching<I: AsyncIterator>(it: Pin<&mut I>) -> Result<Poll<Option<I::Item>>, String> {
    catch_unwind(AssertUnwindSafe(|| poll_once(it))).map_err(|payload| payload_message(&*payload))
}

/// The repro: ready at once with `value`; its destructor panics if `bomb`.
struct ReadyThenPanicOnDrop {
    value: u32,
    bomb: bool,
    log: Log,
}

impl Future for ReadyThenPanicOnDrop {
    type Output = u32;
    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<u32> {
        self.log.borrow_mut().push(format!("poll {}", self.value));
        Poll::Ready(self.value)
    }
}

impl Drop for ReadyThenPanicOnDrop {
    fn drop(&mut self) {
        self.log.borrow_mut().push(format!("drop {}", self.value));
        assert!(!self.bomb, "destructor {} panics", self.value);
    }
}

fn ready_then_panic_on_drop(log: &Log) -> impl AsyncIterator<Item = ReadyThenPanicOnDrop> {
    let log = log.clone();
    iter([1, 2, 3]).map(move |v| ReadyThenPanicOnDrop {
        value: v,
        bomb: v == 1,
        log: log.clone(),
    })
}

#[test]
fn buffer_unordered_finishes_when_a_finished_futures_destructor_panics() {
    let log = Log::default();
    let mut it = pin!(ready_then_panic_on_drop(&log).buffer_unordered(2));
    assert_eq!(
        poll_catching(it.as_mut()),
        Err("destructor 1 panics".into())
    );
    assert_eq!(poll_catching(it.as_mut()), Ok(Poll::Ready(None)));
    assert_eq!(poll_catching(it.as_mut()), Ok(Poll::Ready(None)));
    assert_eq!(it.in_flight(), 0);
    assert_eq!(it.size_hint(), (0, Some(0)));
    // Future 1 finished, its destructor panicked; the adapter stopped there and never
    // started 2 or 3 (the input's later items stay in the input, dropped with it).
    assert_eq!(*log.borrow(), ["poll 1", "drop 1"]);
}

#[test]
fn buffered_finishes_when_a_finished_futures_destructor_panics() {
    let log = Log::default();
    let mut it = pin!(ready_then_panic_on_drop(&log).buffered(2));
    assert_eq!(
        poll_catching(it.as_mut()),
        Err("destructor 1 panics".into())
    );
    assert_eq!(poll_catching(it.as_mut()), Ok(Poll::Ready(None)));
    assert_eq!(poll_catching(it.as_mut()), Ok(Poll::Ready(None)));
    assert_eq!(it.in_flight(), 0);
    assert_eq!(*log.borrow(), ["poll 1", "drop 1"]);
}

/// The refill that follows a yielded item runs in the same poll (futures #2937), so a panic
/// there unwinds out of the poll that had taken item 1: item 1 is dropped with the panic (a
/// loud loss, documented in `docs/reliability.md`), and the adapter is finished.
#[test]
fn buffer_unordered_whose_refill_panics_reports_it_and_finishes() {
    let log = Log::default();
    let log2 = log.clone();
    let mut it = pin!(
        iter([1, 2, 3])
            .map(move |v| ReadyThenPanicOnDrop {
                value: v,
                bomb: v == 2,
                log: log2.clone(),
            })
            .buffer_unordered(1)
    );
    assert_eq!(
        poll_catching(it.as_mut()),
        Err("destructor 2 panics".into())
    );
    assert_eq!(poll_catching(it.as_mut()), Ok(Poll::Ready(None)));
    assert_eq!(*log.borrow(), ["poll 1", "drop 1", "poll 2", "drop 2"]);
}

/// Pending on every poll; its destructor panics.
struct PendingThenPanicOnDrop {
    log: Log,
}

impl Future for PendingThenPanicOnDrop {
    type Output = u32;
    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<u32> {
        self.log.borrow_mut().push("poll pending".into());
        Poll::Pending
    }
}

impl Drop for PendingThenPanicOnDrop {
    fn drop(&mut self) {
        self.log.borrow_mut().push("drop pending".into());
        panic!("sibling's destructor panics");
    }
}

/// Panics on its first poll, and records any later one (which must never come).
struct PanicsWhenPolled {
    log: Log,
}

impl Future for PanicsWhenPolled {
    type Output = u32;
    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<u32> {
        self.log.borrow_mut().push("poll panicking".into());
        panic!("poll panics");
    }
}

impl Drop for PanicsWhenPolled {
    fn drop(&mut self) {
        self.log.borrow_mut().push("drop panicking".into());
    }
}

/// Slot 0 holds a pending future whose destructor panics, slot 1 a future that panics when
/// polled: the clean-up after slot 1's panic is interrupted by slot 0's destructor.
fn sibling_bomb(log: &Log) -> impl AsyncIterator<Item = Pin<Box<dyn Future<Output = u32>>>> {
    let log = log.clone();
    iter([0, 1]).map(move |i| -> Pin<Box<dyn Future<Output = u32>>> {
        if i == 0 {
            Box::pin(PendingThenPanicOnDrop { log: log.clone() })
        } else {
            Box::pin(PanicsWhenPolled { log: log.clone() })
        }
    })
}

#[test]
fn buffer_unordered_never_polls_a_panicked_future_after_a_siblings_destructor_panics() {
    let log = Log::default();
    let mut it = pin!(sibling_bomb(&log).buffer_unordered(2));
    assert_eq!(poll_catching(it.as_mut()), Err("poll panics".into()));
    assert_eq!(
        poll_catching(it.as_mut()),
        Err("sibling's destructor panics".into())
    );
    assert_eq!(poll_catching(it.as_mut()), Ok(Poll::Ready(None)));
    assert_eq!(
        *log.borrow(),
        [
            "poll pending",
            "poll panicking",
            "drop pending",
            "drop panicking"
        ]
    );
}

#[test]
fn buffered_never_polls_a_panicked_future_after_a_siblings_destructor_panics() {
    let log = Log::default();
    let mut it = pin!(sibling_bomb(&log).buffered(2));
    assert_eq!(poll_catching(it.as_mut()), Err("poll panics".into()));
    assert_eq!(
        poll_catching(it.as_mut()),
        Err("sibling's destructor panics".into())
    );
    assert_eq!(poll_catching(it.as_mut()), Ok(Poll::Ready(None)));
    assert_eq!(
        *log.borrow(),
        [
            "poll pending",
            "poll panicking",
            "drop pending",
            "drop panicking"
        ]
    );
}
