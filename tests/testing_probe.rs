//! `anext::testing`: the poll probe and the assertion macros, whose failure messages must
//! show what was actually returned.

mod common;

use anext::testing::probe;
use anext::{assert_done, assert_next_eq, assert_pending, assert_ready, assert_ready_eq};
use common::panic_message;
use std::task::Poll;

#[test]
fn probe_counts_polls_and_wakes_of_a_future() {
    let mut yielded = probe(anext::yield_now());
    assert_eq!((yielded.poll_count(), yielded.wake_count()), (0, 0));
    assert!(!yielded.is_woken());
    assert_pending!(yielded.poll());
    assert!(
        yielded.is_woken(),
        "yield_now wakes before returning Pending"
    );
    assert_ready!(yielded.poll());
    assert!(!yielded.is_woken(), "cleared by the poll");
    assert_eq!((yielded.poll_count(), yielded.wake_count()), (2, 1));
}

#[test]
fn probe_waker_clones_woken_from_another_thread_are_counted() {
    let (tx, rx) = anext::sync::oneshot::channel::<&str>();
    let mut received = probe(rx);
    assert_pending!(received.poll());
    assert!(!received.is_woken());
    std::thread::spawn(move || tx.send("hi").unwrap())
        .join()
        .unwrap();
    assert!(received.is_woken());
    assert_eq!(received.wake_count(), 1);
    assert_ready_eq!(received.poll(), Ok("hi"));
}

#[test]
fn probe_polls_an_async_iterator_to_its_end() {
    let mut items = probe(anext::iter([1, 2]));
    assert_next_eq!(items.poll_next(), 1);
    assert_next_eq!(items.poll_next(), 2);
    assert_done!(items.poll_next());
    assert_done!(items.poll_next());
    assert_eq!(items.poll_count(), 4);
}

#[test]
fn probe_accepts_futures_that_are_not_unpin() {
    let mut not_unpin = probe(async {
        let local = [0u8; 4];
        anext::yield_now().await;
        local.len()
    });
    assert_pending!(not_unpin.poll());
    assert_ready_eq!(not_unpin.poll(), 4);
}

#[test]
fn failure_messages_show_what_was_returned() {
    assert_eq!(
        panic_message(|| assert_pending!(Poll::Ready(3))),
        "assert_pending!(Poll::Ready(3)): expected Pending, got Ready(3)"
    );
    assert_eq!(
        panic_message(|| {
            let _: u8 = assert_ready!(Poll::<u8>::Pending);
        }),
        "assert_ready!(Poll::<u8>::Pending): expected Ready, got Pending"
    );
    assert_eq!(
        panic_message(|| assert_ready_eq!(Poll::Ready(3), 4)),
        "assert_ready_eq!(Poll::Ready(3), 4): expected Ready(4), got Ready(3)"
    );
    assert_eq!(
        panic_message(|| assert_ready_eq!(Poll::<u8>::Pending, 4)),
        "assert_ready_eq!(Poll::<u8>::Pending, 4): expected Ready(4), got Pending"
    );
    let mut items = probe(anext::iter(["a"]));
    assert_eq!(
        panic_message(|| assert_next_eq!(items.poll_next(), "b")),
        "assert_next_eq!(items.poll_next(), \"b\"): expected Ready(Some(\"b\")), got \
         Ready(Some(\"a\"))"
    );
    assert_eq!(
        panic_message(|| assert_next_eq!(items.poll_next(), "b")),
        "assert_next_eq!(items.poll_next(), \"b\"): expected Ready(Some(\"b\")), got Ready(None)"
    );
    assert_eq!(
        panic_message(|| assert_next_eq!(Poll::<Option<u8>>::Pending, 1)),
        "assert_next_eq!(Poll::<Option<u8>>::Pending, 1): expected Ready(Some(1)), got Pending"
    );
    assert_eq!(
        panic_message(|| assert_done!(Poll::Ready(Some(7)))),
        "assert_done!(Poll::Ready(Some(7))): expected Ready(None), got Ready(Some(7))"
    );
    assert_eq!(
        panic_message(|| assert_done!(Poll::<Option<u8>>::Pending)),
        "assert_done!(Poll::<Option<u8>>::Pending): expected Ready(None), got Pending"
    );
}
