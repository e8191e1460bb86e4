//! Every source against its `std::iter` twin: same items, same `size_hint`, and what happens
//! after the end.

mod common;

use anext::testing::probe;
use anext::{AsyncIterator, AsyncIteratorExt, block_on};
use core::task::Poll;

/// Polls `it` by hand `n` times (with the probe's waker) and records every result.
fn poll_n<I: AsyncIterator>(it: I, n: usize) -> Vec<Poll<Option<I::Item>>> {
    let mut it = probe(it);
    (0..n).map(|_| it.poll_next()).collect()
}

/// The results std gives for `n` calls of `next`, as polls.
fn std_n<I: Iterator>(mut it: I, n: usize) -> Vec<Poll<Option<I::Item>>> {
    (0..n).map(|_| Poll::Ready(it.next())).collect()
}

#[test]
fn iter_matches_std_and_keeps_returning_none() {
    let mut rng = common::Rng::new(1);
    for _ in 0..common::scaled(200) {
        let v = rng.vec(8);
        assert_eq!(poll_n(anext::iter(v.clone()), 12), std_n(v.into_iter(), 12));
    }
}

#[test]
fn iter_forwards_size_hint() {
    let mut it = anext::iter([1, 2, 3]);
    assert_eq!(it.size_hint(), (3, Some(3)));
    block_on(it.next());
    assert_eq!(it.size_hint(), (2, Some(2)));
    assert_eq!(
        anext::iter((0..).filter(|x| x % 2 == 0)).size_hint(),
        (0, None)
    );
}

#[test]
fn once_yields_one_item_then_none_forever() {
    assert_eq!(poll_n(anext::once('a'), 4), std_n(std::iter::once('a'), 4));
    let mut it = anext::once(1);
    assert_eq!(it.size_hint(), (1, Some(1)));
    block_on(it.next());
    assert_eq!(it.size_hint(), (0, Some(0)));
}

#[test]
fn empty_ends_at_once_and_forever() {
    assert_eq!(
        poll_n(anext::empty::<u8>(), 3),
        std_n(std::iter::empty::<u8>(), 3)
    );
    assert_eq!(anext::empty::<u8>().size_hint(), (0, Some(0)));
}

#[test]
fn pending_never_yields() {
    assert_eq!(
        poll_n(anext::pending::<u8>(), 3),
        [Poll::Pending, Poll::Pending, Poll::Pending]
    );
}

#[test]
fn repeat_matches_std() {
    assert_eq!(
        poll_n(anext::repeat("x"), 5),
        std_n(std::iter::repeat("x"), 5)
    );
    assert_eq!(
        anext::repeat(1).size_hint(),
        std::iter::repeat(1).size_hint()
    );
}

#[test]
fn repeat_with_matches_std() {
    let counter = |start: i32| {
        let mut n = start;
        move || {
            n += 1;
            n
        }
    };
    assert_eq!(
        poll_n(anext::repeat_with(counter(0)), 5),
        std_n(std::iter::repeat_with(counter(0)), 5)
    );
}

#[test]
fn from_fn_matches_std_and_never_calls_the_closure_after_none() {
    let mut calls = 0;
    let mut left = 3;
    let it = anext::from_fn(|| {
        calls += 1;
        let item = (left > 0).then(|| {
            left -= 1;
            left
        });
        async move { item }
    });
    let mut std_left = 3;
    let std_it = std::iter::from_fn(|| {
        (std_left > 0).then(|| {
            std_left -= 1;
            std_left
        })
    });
    assert_eq!(poll_n(it, 7), std_n(std_it.fuse(), 7));
    assert_eq!(calls, 4, "three items and the `None`, then never again");
}

#[test]
fn from_fn_keeps_its_future_across_pending() {
    let mut rng_seed = 0;
    let it = anext::from_fn(|| {
        rng_seed += 1;
        let item = (rng_seed <= 3).then_some(rng_seed);
        let mut polled = false;
        core::future::poll_fn(move |cx| {
            if polled {
                Poll::Ready(item)
            } else {
                polled = true;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        })
    });
    assert_eq!(block_on(it.collect::<Vec<_>>()), [1, 2, 3]);
}

#[test]
fn poll_fn_is_its_closure() {
    let mut n = 0;
    let it = anext::poll_fn(|_| {
        n += 1;
        Poll::Ready((n % 3 != 0).then_some(n))
    });
    // Not fused: the closure decides every poll, like `std::iter::from_fn`.
    assert_eq!(
        poll_n(it, 5),
        [
            Poll::Ready(Some(1)),
            Poll::Ready(Some(2)),
            Poll::Ready(None),
            Poll::Ready(Some(4)),
            Poll::Ready(Some(5))
        ]
    );
}

#[test]
fn unfold_matches_std_successors() {
    let it = anext::unfold(1u32, |n| async move { (n < 100).then_some((n, n * 3)) });
    let std_it = std::iter::successors(Some(1u32), |n| Some(n * 3)).take_while(|n| *n < 100);
    assert_eq!(poll_n(it, 8), std_n(std_it, 8));
}

#[test]
fn unfold_returns_none_after_the_end_instead_of_panicking() {
    let mut it = core::pin::pin!(anext::unfold((), |()| async { None::<((), ())> }));
    assert_eq!(block_on(it.next()), None);
    assert_eq!(block_on(it.next()), None);
    assert_eq!(it.size_hint(), (0, Some(0)));
}

#[test]
fn unfold_is_finished_after_its_step_panics() {
    let mut it = Box::pin(anext::unfold(0, |n| async move {
        assert!(n < 1, "step panics");
        Some((n, n + 1))
    }));
    assert_eq!(block_on(it.next()), Some(0));
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| block_on(it.next())));
    assert!(caught.is_err());
    assert_eq!(block_on(it.next()), None, "fused after a panic");
}

#[test]
fn unfold_is_finished_after_its_step_panics_on_a_later_poll() {
    // The step is pending once, then panics: the panic comes from a step already running
    // (the `Future` state), not from one the same poll started.
    let mut it = Box::pin(anext::unfold(0, |n| async move {
        anext::yield_now().await;
        assert!(n < 1, "step panics");
        Some((n, n + 1))
    }));
    assert_eq!(block_on(it.next()), Some(0));
    let waker = std::task::Waker::noop();
    let mut cx = std::task::Context::from_waker(waker);
    assert_eq!(it.as_mut().poll_next(&mut cx), Poll::Pending);
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        it.as_mut().poll_next(&mut cx)
    }));
    assert!(caught.is_err());
    assert_eq!(
        it.as_mut().poll_next(&mut cx),
        Poll::Ready(None),
        "fused after a panic"
    );
    assert_eq!(it.size_hint(), (0, Some(0)));
}

#[test]
fn unfold_is_finished_after_its_closure_panics() {
    let mut it = Box::pin(anext::unfold(0, |n| {
        assert!(n < 1, "closure panics");
        async move { Some((n, n + 1)) }
    }));
    assert_eq!(block_on(it.next()), Some(0));
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| block_on(it.next())));
    assert!(caught.is_err());
    assert_eq!(block_on(it.next()), None, "fused after a panic");
}

/// A step that is ready at once with `Some((n, n + 1))` and logs its polls and drops; its
/// destructor panics when `n` is 0.
struct LoggedStep {
    n: u32,
    log: std::rc::Rc<std::cell::RefCell<Vec<String>>>,
}

impl Future for LoggedStep {
    type Output = Option<(u32, u32)>;
    fn poll(self: core::pin::Pin<&mut Self>, _: &mut std::task::Context<'_>) -> Poll<Self::Output> {
        self.log.borrow_mut().push(format!("poll {}", self.n));
        Poll::Ready(Some((self.n, self.n + 1)))
    }
}

impl Drop for LoggedStep {
    fn drop(&mut self) {
        self.log.borrow_mut().push(format!("drop {}", self.n));
        assert!(self.n != 0, "destructor of step 0 panics");
    }
}

#[test]
fn unfold_is_finished_when_a_finished_steps_destructor_panics() {
    let log: std::rc::Rc<std::cell::RefCell<Vec<String>>> = std::rc::Rc::default();
    let mut it = Box::pin(anext::unfold(0, {
        let log = std::rc::Rc::clone(&log);
        move |n| LoggedStep {
            n,
            log: log.clone(),
        }
    }));
    let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| block_on(it.next())));
    assert!(caught.is_err(), "the destructor's panic reaches the caller");
    assert_eq!(
        block_on(it.next()),
        None,
        "finished: no step after the panic"
    );
    assert_eq!(it.size_hint(), (0, Some(0)));
    drop(it);
    assert_eq!(
        *log.borrow(),
        ["poll 0", "drop 0"],
        "no later step, no second drop"
    );
}

#[test]
fn sources_are_send_and_sync_when_their_parts_are() {
    fn assert_send_sync<T: Send + Sync>(_: &T) {}
    assert_send_sync(&anext::iter([1]));
    assert_send_sync(&anext::once(1));
    assert_send_sync(&anext::empty::<std::rc::Rc<u8>>());
    assert_send_sync(&anext::pending::<std::rc::Rc<u8>>());
    assert_send_sync(&anext::repeat(1));
    assert_send_sync(&anext::repeat_with(|| 1));
    assert_send_sync(&anext::poll_fn(|_| Poll::Ready(Some(1))));
    assert_send_sync(&anext::from_fn(|| async { Some(1) }));
    assert_send_sync(&anext::unfold(0, |n| async move { Some((n, n)) }));
}
