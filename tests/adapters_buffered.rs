//! Bounded concurrency: `buffered`, `buffer_unordered`, `for_each_concurrent` and `drive`.
//! Trace tests record which future started, finished and was yielded, in order.

use anext::{AsyncIterator, AsyncIteratorExt, block_on, iter};
use core::future::Future;
use core::pin::{Pin, pin};
use core::task::{Context, Poll, Waker};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

type Log = Rc<RefCell<Vec<String>>>;

/// A simulated request: needs `polls` polls (waking itself in between), logs when it starts
/// and finishes, and counts how many requests run at once.
struct Request {
    name: &'static str,
    polls: u32,
    started: bool,
    log: Log,
    running: Rc<Cell<usize>>,
    max_running: Rc<Cell<usize>>,
}

impl Future for Request {
    type Output = &'static str;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {
        if !self.started {
            self.started = true;
            self.log.borrow_mut().push(format!("start {}", self.name));
            self.running.set(self.running.get() + 1);
            self.max_running
                .set(self.max_running.get().max(self.running.get()));
        }
        self.polls -= 1;
        if self.polls > 0 {
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        self.log.borrow_mut().push(format!("done {}", self.name));
        self.running.set(self.running.get() - 1);
        Poll::Ready(self.name)
    }
}

struct Harness {
    log: Log,
    running: Rc<Cell<usize>>,
    max_running: Rc<Cell<usize>>,
}

impl Harness {
    fn new() -> Self {
        Harness {
            log: Log::default(),
            running: Rc::default(),
            max_running: Rc::default(),
        }
    }
    /// Requests named by `spec`: `(name, polls needed)`.
    fn requests(&self, spec: &[(&'static str, u32)]) -> impl AsyncIterator<Item = Request> + use<> {
        let (log, running, max) = (
            self.log.clone(),
            self.running.clone(),
            self.max_running.clone(),
        );
        iter(spec.to_vec()).map(move |(name, polls)| Request {
            name,
            polls,
            started: false,
            log: log.clone(),
            running: running.clone(),
            max_running: max.clone(),
        })
    }
    fn push(&self, line: String) {
        self.log.borrow_mut().push(line);
    }
    fn take_log(&self) -> Vec<String> {
        self.log.take()
    }
}

fn poll_once<I: AsyncIterator>(it: Pin<&mut I>) -> Poll<Option<I::Item>> {
    it.poll_next(&mut Context::from_waker(Waker::noop()))
}

#[test]
#[should_panic(expected = "buffered: the concurrency limit must be at least 1, got 0")]
fn buffered_with_limit_zero_panics_instead_of_hanging() {
    let _ = iter([async {}]).buffered(0);
}

#[test]
#[should_panic(expected = "buffer_unordered: the concurrency limit must be at least 1, got 0")]
fn buffer_unordered_with_limit_zero_panics_instead_of_hanging() {
    let _ = iter([async {}]).buffer_unordered(0);
}

#[test]
#[should_panic(expected = "buffer_unordered: the concurrency limit must be at least 1, got 0")]
fn for_each_concurrent_with_limit_zero_panics_instead_of_hanging() {
    drop(iter([1]).for_each_concurrent(0, |_| async {}));
}

#[test]
fn buffered_starts_up_to_the_limit_on_the_first_poll() {
    let h = Harness::new();
    let mut it = pin!(
        h.requests(&[("a", 3), ("b", 3), ("c", 3), ("d", 3)])
            .buffered(3)
    );
    assert!(poll_once(it.as_mut()).is_pending());
    assert_eq!(it.in_flight(), 3);
    assert_eq!(h.take_log(), ["start a", "start b", "start c"]);
}

#[test]
fn buffered_refills_the_freed_slot_before_yielding() {
    // Futures issue #2937: the limit stays full; `d` starts in the poll that yields `a`.
    let h = Harness::new();
    let mut it = pin!(
        h.requests(&[("a", 2), ("b", 9), ("c", 9), ("d", 9)])
            .buffered(3)
    );
    assert!(poll_once(it.as_mut()).is_pending());
    assert_eq!(poll_once(it.as_mut()), Poll::Ready(Some("a")));
    assert_eq!(it.in_flight(), 3);
    assert_eq!(
        h.take_log(),
        ["start a", "start b", "start c", "done a", "start d"]
    );
}

#[test]
fn buffered_yields_in_input_order_when_later_futures_finish_first() {
    let h = Harness::new();
    let it = h
        .requests(&[("slow", 4), ("fast", 1), ("mid", 2)])
        .buffered(3);
    let out: Vec<&str> = block_on(it.collect());
    assert_eq!(out, ["slow", "fast", "mid"]);
    assert_eq!(
        h.take_log(),
        [
            "start slow",
            "start fast",
            "done fast",
            "start mid",
            "done mid",
            "done slow"
        ]
    );
}

#[test]
fn buffered_never_runs_more_than_the_limit() {
    let h = Harness::new();
    let spec: Vec<(&str, u32)> = (0..20).map(|i| ("r", 1 + i % 4)).collect();
    let n = block_on(h.requests(&spec).buffered(4).count());
    assert_eq!(n, 20);
    assert_eq!(h.max_running.get(), 4);
}

#[test]
fn buffer_unordered_yields_in_completion_order() {
    let h = Harness::new();
    let it = h
        .requests(&[("slow", 4), ("fast", 1), ("mid", 2)])
        .buffer_unordered(3);
    let out: Vec<&str> = block_on(it.collect());
    assert_eq!(out, ["fast", "mid", "slow"]);
}

#[test]
fn buffer_unordered_refills_the_freed_slot_before_yielding() {
    let h = Harness::new();
    let mut it = pin!(
        h.requests(&[("a", 9), ("b", 2), ("c", 9), ("d", 9)])
            .buffer_unordered(3)
    );
    assert!(poll_once(it.as_mut()).is_pending());
    assert_eq!(poll_once(it.as_mut()), Poll::Ready(Some("b")));
    assert_eq!(it.in_flight(), 3);
    assert_eq!(
        h.take_log(),
        ["start a", "start b", "start c", "done b", "start d"]
    );
}

#[test]
fn buffer_unordered_never_runs_more_than_the_limit() {
    let h = Harness::new();
    let spec: Vec<(&str, u32)> = (0..20).map(|i| ("r", 1 + i % 5)).collect();
    let n = block_on(h.requests(&spec).buffer_unordered(3).count());
    assert_eq!(n, 20);
    assert_eq!(h.max_running.get(), 3);
}

#[test]
fn for_each_concurrent_runs_exactly_up_to_the_limit() {
    let h = Harness::new();
    let spec: Vec<(&str, u32)> = (0..12).map(|i| ("r", 1 + i % 3)).collect();
    let finished = Cell::new(0);
    block_on(h.requests(&spec).for_each_concurrent(5, |request| {
        let finished = &finished;
        async move {
            request.await;
            finished.set(finished.get() + 1);
        }
    }));
    assert_eq!(finished.get(), 12);
    assert_eq!(h.max_running.get(), 5);
}

/// The consumer's own slow work per item: `polls` polls, logged.
async fn slow_work(h: &Harness, item: &str, polls: u32) {
    let mut left = polls;
    core::future::poll_fn(|cx| {
        left -= 1;
        if left == 0 {
            return Poll::Ready(());
        }
        cx.waker().wake_by_ref();
        Poll::Pending
    })
    .await;
    h.push(format!("work on {item} done"));
}

#[test]
fn without_drive_buffered_futures_stall_while_the_consumer_works() {
    // The futures footgun (issue #2387), shown so the next test has something to beat.
    let h = Harness::new();
    block_on(async {
        let mut it = pin!(h.requests(&[("a", 1), ("b", 3), ("c", 3)]).buffered(3));
        while let Some(item) = it.next().await {
            h.push(format!("got {item}"));
            slow_work(&h, item, 5).await;
        }
    });
    assert_eq!(
        h.take_log(),
        [
            "start a",
            "done a",
            "start b",
            "start c",
            "got a",
            "work on a done", // b, c idle
            "done b",
            "done c",
            "got b",
            "work on b done",
            "got c",
            "work on c done",
        ]
    );
}

#[test]
fn drive_keeps_buffered_futures_running_while_the_consumer_works() {
    let h = Harness::new();
    block_on(async {
        let mut it = pin!(h.requests(&[("a", 1), ("b", 3), ("c", 3)]).buffered(3));
        while let Some(item) = it.next().await {
            h.push(format!("got {item}"));
            it.as_mut().drive(slow_work(&h, item, 5)).await;
        }
    });
    assert_eq!(
        h.take_log(),
        [
            "start a",
            "done a",
            "start b",
            "start c",
            "got a",
            "done b",
            "done c",
            "work on a done", // b and c finished during the work
            "got b",
            "work on b done",
            "got c",
            "work on c done",
        ]
    );
}

#[test]
fn drive_keeps_buffer_unordered_futures_running_and_holds_their_outputs() {
    let h = Harness::new();
    block_on(async {
        let mut it = pin!(
            h.requests(&[("a", 1), ("b", 2), ("c", 9)])
                .buffer_unordered(2)
        );
        let first = it.next().await;
        assert_eq!(first, Some("a"));
        it.as_mut().drive(slow_work(&h, "a", 4)).await;
        assert_eq!(
            it.in_flight(),
            2,
            "b finished during the work and waits in its slot"
        );
        assert_eq!(it.next().await, Some("b"));
        assert_eq!(it.next().await, Some("c"));
    });
    assert_eq!(
        h.take_log(),
        [
            "start a",
            "done a",
            "start b",
            "start c",
            "done b",
            "work on a done",
            "done c"
        ]
    );
}
