//! Adversarial generator cases: panics in destructors and during close, handles used from
//! nested generators, yields that are never awaited. None of them may cause a double drop,
//! a use after free, or a generator that runs user code after it finished.

mod common;

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use anext::generator::{Closed, Resume};
use anext::{AsyncIterator, AsyncIteratorExt, Gen, block_on};
use common::{DropLog, Trace, pending_once, poll_future, poll_logged};

/// Panics when dropped, after logging.
struct PanicOnDrop(&'static str, Trace);

impl Drop for PanicOnDrop {
    fn drop(&mut self) {
        self.1.log(format!("drop {} (panics)", self.0));
        panic!("destructor of {} panics", self.0);
    }
}

#[test]
fn a_panicking_local_destructor_while_dropping_a_suspended_generator_drops_the_rest_once() {
    let trace = Trace::new();
    let t = trace.clone();
    let result = catch_unwind(AssertUnwindSafe(|| {
        let mut generator = pin!(Gen::new(async move |mut co| {
            let _first = DropLog("first", t.clone());
            let _bomb = PanicOnDrop("bomb", t.clone());
            let _last = DropLog("last", t.clone());
            co.yield_(1).await;
            t.log("never reached");
        }));
        let _ = poll_logged(generator.as_mut(), &trace);
        trace.log("dropping");
    }));
    assert!(result.is_err());
    assert_eq!(
        trace.take(),
        [
            "poll -> Some(1)",
            "dropping",
            "drop last",
            "drop bomb (panics)",
            "drop first"
        ]
    );
}

#[test]
fn a_panic_during_close_cleanup_finishes_the_generator() {
    // [7] then [6] from CLOSING, then [12]
    let trace = Trace::new();
    let t = trace.clone();
    let mut generator = pin!(Gen::new(async move |mut co| {
        let _local = DropLog("local", t.clone());
        if co.yield_(1).await.is_close() {
            t.log("cleanup panics");
            panic!("cleanup failed");
        }
    }));
    let _ = poll_logged(generator.as_mut(), &trace);
    let closed = catch_unwind(AssertUnwindSafe(|| {
        poll_future(pin!(generator.as_mut().close()))
    }));
    assert!(closed.is_err());
    assert!(generator.is_finished());
    let _ = poll_logged(generator.as_mut(), &trace);
    assert_eq!(
        poll_future(pin!(generator.as_mut().close())),
        Poll::Ready(Closed::AlreadyClosed)
    );
    assert_eq!(
        trace.take(),
        [
            "poll -> Some(1)",
            "cleanup panics",
            "drop local",
            "poll -> None"
        ]
    );
}

#[test]
fn an_item_yielded_during_close_is_dropped_exactly_once() {
    // [10]
    let trace = Trace::new();
    let t = trace.clone();
    let mut generator = pin!(Gen::new(async move |mut co| {
        co.yield_(DropLog("first item", t.clone())).await;
        co.yield_(DropLog("item yielded while closing", t.clone()))
            .await;
        t.log("never reached");
    }));
    let first = block_on(generator.next());
    drop(first);
    let closed = poll_future(pin!(generator.as_mut().close()));
    assert!(matches!(closed, Poll::Ready(Closed::CutShort)));
    assert_eq!(
        trace.take(),
        ["drop first item", "drop item yielded while closing"]
    );
}

#[test]
fn an_item_yielded_in_a_poll_that_then_panics_is_dropped_exactly_once_with_the_generator() {
    // [6] with an item in the slot: the item was handed over, but the poll never returned
    // it. It is not returned later either (the generator is finished), and it is dropped
    // once, when the generator is.
    let trace = Trace::new();
    let t = trace.clone();
    let mut generator = Box::pin(Gen::new(async move |mut co| {
        let mut y = pin!(co.yield_(DropLog("item", t.clone())));
        std::future::poll_fn(|cx| -> Poll<()> {
            let _ = y.as_mut().poll(cx);
            t.log("handed over, panicking");
            panic!("boom after a yield");
        })
        .await
    }));
    let mut cx = Context::from_waker(Waker::noop());
    let panicked = catch_unwind(AssertUnwindSafe(|| {
        let _ = generator.as_mut().poll_next(&mut cx);
    }));
    assert!(panicked.is_err());
    trace.log("caught");
    assert!(matches!(
        generator.as_mut().poll_next(&mut cx),
        Poll::Ready(None)
    ));
    trace.log("poll -> None");
    trace.log("dropping the generator");
    drop(generator);
    trace.log("dropped");
    assert_eq!(
        trace.take(),
        [
            "handed over, panicking",
            "caught",
            "poll -> None",
            "dropping the generator",
            "drop item",
            "dropped"
        ]
    );
}

#[test]
fn close_during_yield_from_stops_pulling_the_inner_iterator() {
    let trace = Trace::new();
    let t = trace.clone();
    let inner_trace = trace.clone();
    let inner = Gen::new(async move |mut co| {
        for i in 0..10 {
            inner_trace.log(format!("inner yields {i}"));
            co.yield_(i).await;
        }
    });
    let mut outer = pin!(Gen::new(async move |mut co| {
        let resumed = co.yield_from(inner).await;
        t.log(format!("yield_from resolved: {resumed:?}"));
        if resumed == Resume::Close {
            pending_once().await;
            t.log("async cleanup done");
        }
    }));
    let _ = poll_logged(outer.as_mut(), &trace);
    let _ = poll_logged(outer.as_mut(), &trace);
    let mut close = pin!(outer.as_mut().close());
    assert_eq!(poll_future(close.as_mut()), Poll::Pending);
    assert_eq!(
        poll_future(close.as_mut()),
        Poll::Ready(Closed::Returned(()))
    );
    assert_eq!(
        trace.take(),
        [
            "inner yields 0",
            "poll -> Some(0)",
            "inner yields 1",
            "poll -> Some(1)",
            "yield_from resolved: Close",
            "async cleanup done"
        ]
    );
}

#[test]
fn an_outer_handle_used_inside_an_inner_generator_yields_to_the_outer_one() {
    // Odd but allowed: the inner generator lives inside the outer body, so the outer
    // handle is still valid there. The item goes to the outer consumer.
    let outer = Gen::new(async |mut outer_co| {
        let inner = Gen::new(async |mut inner_co| {
            outer_co.yield_("from inside the inner body").await;
            inner_co.yield_(1).await;
        });
        let inner_items: Vec<i32> = inner.collect().await;
        outer_co
            .yield_(if inner_items == [1] {
                "inner saw 1"
            } else {
                "?"
            })
            .await;
    });
    assert_eq!(
        block_on(outer.collect::<Vec<_>>()),
        ["from inside the inner body", "inner saw 1"]
    );
}

#[test]
fn a_yield_that_is_never_awaited_is_replaced_by_the_next_one() {
    let trace = Trace::new();
    let t = trace.clone();
    let generator = Gen::new(async move |mut co| {
        drop(co.yield_(DropLog("lost", t.clone())));
        co.yield_(DropLog("kept", t.clone())).await;
    });
    let items = block_on(generator.collect::<Vec<_>>());
    trace.log("collected");
    drop(items);
    assert_eq!(trace.take(), ["drop lost", "collected", "drop kept"]);
}

#[test]
fn polling_many_times_after_the_end_never_runs_the_body() {
    let trace = Trace::new();
    let t = trace.clone();
    let mut generator = pin!(Gen::new(async move |mut co| {
        t.log("body runs");
        co.yield_(()).await;
    }));
    for _ in 0..5 {
        let _ = poll_logged(generator.as_mut(), &trace);
    }
    assert_eq!(
        trace.take(),
        [
            "body runs",
            "poll -> Some(())",
            "poll -> None",
            "poll -> None",
            "poll -> None",
            "poll -> None"
        ]
    );
}

#[test]
fn yield_from_a_source_that_stutters_passes_every_pending_through() {
    let stutter = common::Stutter::new((0..20).collect::<Vec<u32>>(), 7);
    let generator = Gen::new(async move |mut co| {
        co.yield_from(stutter).await;
    });
    assert_eq!(
        block_on(generator.collect::<Vec<_>>()),
        (0..20).collect::<Vec<_>>()
    );
}
