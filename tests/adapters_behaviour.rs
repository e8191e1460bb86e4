//! Per-adapter behaviour the differential tests cannot see: what is polled and dropped when,
//! fairness, lookahead, the documented panics, and the `Send` promises.

use anext::{AsyncIterator, AsyncIteratorExt, FusedAsyncIterator, block_on, iter, poll_fn, repeat};
use core::pin::pin;
use core::task::{Context, Poll, Waker};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

fn poll_once<I: AsyncIterator>(it: core::pin::Pin<&mut I>) -> Poll<Option<I::Item>> {
    it.poll_next(&mut Context::from_waker(Waker::noop()))
}

#[test]
fn take_stops_polling_the_inner_iterator_after_n_items() {
    let polls = Cell::new(0);
    let counted = poll_fn(|_| {
        polls.set(polls.get() + 1);
        Poll::Ready(Some(polls.get()))
    });
    let got: Vec<u32> = block_on(counted.take(2).collect());
    assert_eq!(got, [1, 2]);
    assert_eq!(polls.get(), 2);
}

struct DropLog(&'static str, Rc<RefCell<Vec<&'static str>>>);

impl Drop for DropLog {
    fn drop(&mut self) {
        self.1.borrow_mut().push(self.0);
    }
}

#[test]
fn chain_drops_the_first_iterator_as_soon_as_it_ends() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let guard = DropLog("first dropped", log.clone());
    let first = iter([1]).inspect(move |_| {
        let _ = &guard;
    });
    let mut it = pin!(first.chain(iter([2, 3])));
    let log2 = log.clone();
    let mut next = |label: &'static str| {
        let item = block_on(it.next());
        log2.borrow_mut().push(label);
        item
    };
    assert_eq!(next("got 1"), Some(1));
    assert_eq!(next("got 2"), Some(2));
    assert_eq!(next("got 3"), Some(3));
    assert_eq!(*log.borrow(), ["got 1", "first dropped", "got 2", "got 3"]);
}

#[test]
fn merge_alternates_between_two_ready_iterators() {
    let got: Vec<u8> = block_on(iter([1, 1, 1]).merge(iter([2, 2, 2])).collect());
    assert_eq!(got, [1, 2, 1, 2, 1, 2]);
}

#[test]
fn merge_does_not_let_an_endless_ready_iterator_starve_the_other() {
    let got: Vec<u8> = block_on(repeat(1).merge(iter([2, 2])).take(4).collect());
    assert_eq!(got, [1, 2, 1, 2]);
}

#[test]
fn merge_keeps_yielding_the_other_side_after_one_ends() {
    let got: Vec<u8> = block_on(iter([1]).merge(iter([2, 2, 2])).collect());
    assert_eq!(got, [1, 2, 2, 2]);
}

#[test]
#[should_panic(expected = "step_by: the step must be at least 1, got 0")]
fn step_by_zero_panics_like_std() {
    let _ = iter([1]).step_by(0);
}

#[test]
#[should_panic(expected = "chunks: the chunk size must be at least 1, got 0")]
fn chunks_of_zero_panics() {
    let _ = iter([1]).chunks(0);
}

#[test]
#[should_panic(expected = "ready_chunks: the chunk size must be at least 1, got 0")]
fn ready_chunks_of_zero_panics() {
    let _ = iter([1]).ready_chunks(0);
}

/// Yields the scripted answers in order: `Some(x)` an item, `None` a `Pending`.
fn scripted(script: Vec<Option<u8>>) -> impl AsyncIterator<Item = u8> {
    let mut script = script.into_iter();
    poll_fn(move |_| match script.next() {
        Some(Some(x)) => Poll::Ready(Some(x)),
        Some(None) => Poll::Pending,
        None => Poll::Ready(None),
    })
}

#[test]
fn ready_chunks_yields_a_partial_chunk_when_the_input_pends() {
    // The `Pending` after 2 ends the first chunk; the next poll finds 3 ready.
    let mut it = pin!(scripted(vec![Some(1), Some(2), None, Some(3)]).ready_chunks(5));
    assert_eq!(poll_once(it.as_mut()), Poll::Ready(Some(vec![1, 2])));
    assert_eq!(poll_once(it.as_mut()), Poll::Ready(Some(vec![3])));
    assert_eq!(poll_once(it.as_mut()), Poll::Ready(None));
}

#[test]
fn chunks_keeps_a_partial_chunk_across_pending() {
    let mut it = pin!(scripted(vec![Some(1), None, Some(2), Some(3)]).chunks(2));
    assert_eq!(poll_once(it.as_mut()), Poll::Pending);
    assert_eq!(poll_once(it.as_mut()), Poll::Ready(Some(vec![1, 2])));
    assert_eq!(poll_once(it.as_mut()), Poll::Ready(Some(vec![3])));
    assert_eq!(poll_once(it.as_mut()), Poll::Ready(None));
}

#[test]
fn zip_keeps_the_left_item_while_the_right_pends() {
    let mut it = pin!(iter([1, 2]).zip(scripted(vec![None, Some(10), Some(20)])));
    assert_eq!(poll_once(it.as_mut()), Poll::Pending);
    assert_eq!(poll_once(it.as_mut()), Poll::Ready(Some((1, 10))));
    assert_eq!(poll_once(it.as_mut()), Poll::Ready(Some((2, 20))));
    assert_eq!(poll_once(it.as_mut()), Poll::Ready(None));
}

#[test]
fn fuse_stops_polling_an_unfused_source_after_none() {
    let polls = Cell::new(0u32);
    // None on odd polls, an item on even ones: not fused.
    let unfused = poll_fn(|_| {
        polls.set(polls.get() + 1);
        Poll::Ready((polls.get() % 2 == 0).then_some(polls.get()))
    });
    let mut it = pin!(unfused.fuse());
    for _ in 0..3 {
        assert_eq!(poll_once(it.as_mut()), Poll::Ready(None));
    }
    assert_eq!(polls.get(), 1);
    assert!(it.is_done());
}

#[test]
fn take_while_stops_at_the_first_rejected_item_and_never_polls_again() {
    let polls = Cell::new(0u32);
    let counting = iter([1, 5, 1]).inspect(|_| polls.set(polls.get() + 1));
    let got: Vec<u8> = block_on(counting.take_while(|x| *x < 3).collect());
    assert_eq!(got, [1]);
    assert_eq!(polls.get(), 2);
}

#[test]
fn peek_then_next_returns_the_same_item_once() {
    block_on(async {
        let mut it = pin!(iter([1, 2]).peekable());
        assert_eq!(it.as_mut().peek().await, Some(&1));
        assert_eq!(it.as_mut().peek().await, Some(&1));
        assert_eq!(it.next().await, Some(1));
        assert_eq!(it.next().await, Some(2));
        assert_eq!(it.as_mut().peek().await, None);
        assert_eq!(it.next().await, None);
    });
}

#[test]
fn a_peeked_end_is_returned_once_without_polling_again() {
    // A source that is not fused: `None` on its first poll, then an item. The peeked end is
    // kept (peek again, size_hint) and handed out by the next `next` without a poll; the
    // `next` after that polls the source again, as `std::iter::Peekable` does.
    let polls = Cell::new(0);
    let source = poll_fn(|_| {
        polls.set(polls.get() + 1);
        Poll::Ready((polls.get() > 1).then_some(polls.get()))
    });
    let mut it = pin!(source.peekable());
    let waker = Waker::noop();
    let mut cx = Context::from_waker(waker);
    assert_eq!(it.as_mut().poll_peek(&mut cx), Poll::Ready(None));
    assert_eq!(it.as_mut().poll_peek(&mut cx), Poll::Ready(None));
    assert_eq!(it.size_hint(), (0, Some(0)));
    assert_eq!(polls.get(), 1);
    assert_eq!(poll_once(it.as_mut()), Poll::Ready(None));
    assert_eq!(polls.get(), 1, "the peeked end comes out without a poll");
    assert_eq!(poll_once(it.as_mut()), Poll::Ready(Some(2)));
    assert_eq!(polls.get(), 2);
}

#[test]
fn peek_waits_through_pending_and_keeps_the_item() {
    let mut it = pin!(scripted(vec![None, Some(7)]).peekable());
    let waker = Waker::noop();
    let mut cx = Context::from_waker(waker);
    assert!(it.as_mut().poll_peek(&mut cx).is_pending());
    assert!(matches!(
        it.as_mut().poll_peek(&mut cx),
        Poll::Ready(Some(&mut 7))
    ));
    assert_eq!(poll_once(it.as_mut()), Poll::Ready(Some(7)));
}

#[test]
fn next_if_consumes_only_accepted_items() {
    block_on(async {
        let mut it = pin!(iter([1, 2, 9, 3]).peekable());
        assert_eq!(it.as_mut().next_if(|x| *x == 1).await, Some(1));
        assert_eq!(it.as_mut().next_if(|x| *x == 5).await, None);
        assert_eq!(it.as_mut().next_if(|x| *x == 2).await, Some(2));
        assert_eq!(it.next().await, Some(9));
    });
}

#[test]
fn peek_mut_changes_the_item_next_returns() {
    block_on(async {
        let mut it = pin!(iter([1]).peekable());
        *it.as_mut().peek_mut().await.unwrap() += 41;
        assert_eq!(it.next().await, Some(42));
    });
}

#[test]
fn chain_of_endless_iterators_saturates_its_size_hint() {
    assert_eq!(repeat(1).chain(repeat(2)).size_hint(), (usize::MAX, None));
}

#[test]
fn boxed_iterators_work_as_trait_objects() {
    let items: Vec<anext::iter::adapters::BoxAsyncIterator<'_, u8>> =
        vec![iter([1]).boxed(), iter([2, 3]).map(|x| x * 10).boxed()];
    let got: Vec<u8> = block_on(iter(items).flatten().collect());
    assert_eq!(got, [1, 20, 30]);
}

fn assert_send<T: Send>(_: &T) {}
fn assert_sync<T: Sync>(_: &T) {}
fn assert_fused<T: FusedAsyncIterator>(_: &T) {}

#[test]
fn adapters_are_send_and_sync_when_their_parts_are() {
    let src = || iter(vec![1u32, 2, 3]);
    let chain = src()
        .map(|x| x + 1)
        .then(|x| async move { x })
        .filter(|_| true)
        .filter_async(|_| async { true })
        .filter_map(Some)
        .filter_map_async(|x| async move { Some(x) })
        .take(5)
        .skip(0)
        .take_while(|_| true)
        .skip_while(|_| false)
        .map_while(Some)
        .step_by(1)
        .enumerate()
        .map(|(_, x)| x)
        .chain(src())
        .zip(src())
        .map(|(a, _)| a)
        .flat_map(|x| iter([x]))
        .map(|x| iter([x]))
        .flatten()
        .fuse()
        .peekable()
        .inspect(|_| {})
        .scan(0, |_, x| Some(x))
        .merge(src());
    assert_send(&chain);
    assert_sync(&chain);
    assert_fused(&chain);
    let buffered = src().map(|x| async move { x }).buffered(2);
    assert_send(&buffered);
    assert_sync(&buffered);
    let unordered = src().map(|x| async move { x }).buffer_unordered(2);
    assert_send(&unordered);
    assert_send(&src().chunks(2));
    assert_send(&src().ready_chunks(2));
    assert_send(&src().boxed());
    assert_send(&src().for_each_concurrent(2, |_| async {}));
    assert_eq!(block_on(chain.count()), 6);
}

#[test]
fn debug_output_names_the_adapter() {
    let it = iter([1]).map(|x| x).take(1);
    assert!(format!("{it:?}").starts_with("Take { iter: Map { iter: Iter"));
}
