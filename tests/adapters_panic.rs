//! Adversarial: a user future or closure that panics inside an adapter. The panic reaches
//! the caller; if the caller catches it and polls again, the adapter is not poisoned: the
//! single-future adapters move on to the next item, the buffering ones drop every future and
//! finish. Either way nothing panicked is ever polled again.

use anext::{AsyncIterator, AsyncIteratorExt, iter};
use core::pin::{Pin, pin};
use core::task::{Context, Poll, Waker};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;

fn poll_once<I: AsyncIterator>(it: Pin<&mut I>) -> Poll<Option<I::Item>> {
    it.poll_next(&mut Context::from_waker(Waker::noop()))
}

fn poll_catching<I: AsyncIterator>(it: Pin<&mut I>) -> Result<Poll<Option<I::Item>>, ()> {
    catch_unwind(AssertUnwindSafe(|| poll_once(it))).map_err(|_| ())
}

#[test]
fn then_moves_on_to_the_next_item_after_its_future_panics() {
    let mut it = pin!(iter([1, 2, 3]).then(|x| async move {
        assert!(x != 2, "boom");
        x
    }));
    assert_eq!(poll_once(it.as_mut()), Poll::Ready(Some(1)));
    assert!(poll_catching(it.as_mut()).is_err());
    assert_eq!(poll_once(it.as_mut()), Poll::Ready(Some(3)));
    assert_eq!(poll_once(it.as_mut()), Poll::Ready(None));
}

#[test]
fn then_moves_on_after_its_future_panics_on_a_later_poll() {
    // Item 2's future is pending once, then panics: the panic comes from a future polled
    // before (its own branch of `poll_next`), not from one the same poll created.
    let mut it = pin!(iter([1, 2, 3]).then(|x| async move {
        if x == 2 {
            anext::yield_now().await;
            panic!("boom");
        }
        x
    }));
    assert_eq!(poll_once(it.as_mut()), Poll::Ready(Some(1)));
    assert_eq!(poll_once(it.as_mut()), Poll::Pending);
    assert!(poll_catching(it.as_mut()).is_err());
    assert_eq!(poll_once(it.as_mut()), Poll::Ready(Some(3)));
    assert_eq!(poll_once(it.as_mut()), Poll::Ready(None));
}

#[test]
fn filter_async_moves_on_to_the_next_item_after_its_predicate_panics() {
    let mut it = pin!(iter([1, 2, 3]).filter_async(|&x| async move {
        assert!(x != 2, "boom");
        true
    }));
    assert_eq!(poll_once(it.as_mut()), Poll::Ready(Some(1)));
    assert!(poll_catching(it.as_mut()).is_err());
    assert_eq!(poll_once(it.as_mut()), Poll::Ready(Some(3)));
}

#[test]
fn filter_map_async_moves_on_to_the_next_item_after_its_future_panics() {
    let mut it = pin!(iter([1, 2, 3]).filter_map_async(|x| async move {
        assert!(x != 2, "boom");
        Some(x)
    }));
    assert_eq!(poll_once(it.as_mut()), Poll::Ready(Some(1)));
    assert!(poll_catching(it.as_mut()).is_err());
    assert_eq!(poll_once(it.as_mut()), Poll::Ready(Some(3)));
}

/// Futures that each hold a clone of `alive`, so the test can see that all were dropped.
fn guarded(alive: Rc<()>) -> impl AsyncIterator<Item = impl Future<Output = i32>> {
    iter([1, 2, 3, 4]).map(move |x| {
        let guard = alive.clone();
        async move {
            let _guard = guard;
            assert!(x != 2, "boom");
            x
        }
    })
}

#[test]
fn buffered_drops_every_future_and_finishes_after_one_panics() {
    let alive = Rc::new(());
    let mut it = pin!(guarded(alive.clone()).buffered(3));
    assert!(poll_catching(it.as_mut()).is_err());
    assert_eq!(poll_once(it.as_mut()), Poll::Ready(None));
    assert_eq!(it.in_flight(), 0);
    // Left: this test's `Rc` and the one the `map` closure owns; none in a future.
    assert_eq!(Rc::strong_count(&alive), 2, "every future was dropped");
}

#[test]
fn buffer_unordered_drops_every_future_and_finishes_after_one_panics() {
    let alive = Rc::new(());
    let mut it = pin!(guarded(alive.clone()).buffer_unordered(3));
    // 1 finishes on its first poll; 2 panics in the same fill.
    assert!(poll_catching(it.as_mut()).is_err());
    assert_eq!(poll_once(it.as_mut()), Poll::Ready(None));
    assert_eq!(it.in_flight(), 0);
    // Left: this test's `Rc` and the one the `map` closure owns; none in a future.
    assert_eq!(Rc::strong_count(&alive), 2, "every future was dropped");
}
