//! Trace-sequence tests of the generator lifecycle. The numbers `[n]` are the transitions of
//! the diagram at the top of `src/generator/mod.rs`.

mod common;

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::pin;
use std::task::Poll;

use anext::generator::{Closed, Resume};
use anext::{Gen, iter};
use common::{DropLog, Trace, pending_once, poll_future, poll_logged};

#[test]
fn body_does_not_run_before_the_first_poll() {
    // [1]
    let trace = Trace::new();
    let t = trace.clone();
    let generator = Gen::new(async move |mut co| {
        t.log("body starts");
        co.yield_(1).await;
    });
    trace.log("created");
    let mut generator = pin!(generator);
    trace.log("pinned");
    let _ = poll_logged(generator.as_mut(), &trace);
    assert_eq!(
        trace.take(),
        ["created", "pinned", "body starts", "poll -> Some(1)"]
    );
}

#[test]
fn await_suspends_with_pending_and_resumes_where_it_left_off() {
    // [2] then [3]
    let trace = Trace::new();
    let t = trace.clone();
    let mut generator = pin!(Gen::new(async move |mut co| {
        t.log("before await");
        pending_once().await;
        t.log("after await");
        co.yield_("item").await;
    }));
    let _ = poll_logged(generator.as_mut(), &trace);
    let _ = poll_logged(generator.as_mut(), &trace);
    assert_eq!(
        trace.take(),
        [
            "before await",
            "wake",
            "poll -> Pending",
            "after await",
            "poll -> Some(\"item\")"
        ]
    );
}

#[test]
fn yield_suspends_with_ready_some_and_the_next_poll_resumes_after_it() {
    // [3]
    let trace = Trace::new();
    let t = trace.clone();
    let mut generator = pin!(Gen::new(async move |mut co| {
        t.log("before yield 1");
        co.yield_(1).await;
        t.log("after yield 1");
        co.yield_(2).await;
        t.log("after yield 2");
    }));
    for _ in 0..3 {
        let _ = poll_logged(generator.as_mut(), &trace);
    }
    assert_eq!(
        trace.take(),
        [
            "before yield 1",
            "poll -> Some(1)",
            "after yield 1",
            "poll -> Some(2)",
            "after yield 2",
            "poll -> None"
        ]
    );
}

#[test]
fn none_after_the_body_returns_and_forever_after_without_running_user_code() {
    // [4], then fused
    let trace = Trace::new();
    let t = trace.clone();
    let mut generator = pin!(Gen::new(async move |mut co| {
        co.yield_(1).await;
        t.log("body returns");
    }));
    for _ in 0..4 {
        let _ = poll_logged(generator.as_mut(), &trace);
    }
    assert_eq!(
        trace.take(),
        [
            "poll -> Some(1)",
            "body returns",
            "poll -> None",
            "poll -> None",
            "poll -> None"
        ]
    );
}

#[test]
fn none_forever_after_a_panic_escaped_the_body() {
    // [6] then [12]
    let trace = Trace::new();
    let t = trace.clone();
    let mut generator = pin!(Gen::new(async move |mut co| {
        let _local = DropLog("local", t.clone());
        co.yield_(1).await;
        t.log("about to panic");
        panic!("boom");
    }));
    let _ = poll_logged(generator.as_mut(), &trace);
    let panicked = catch_unwind(AssertUnwindSafe(|| {
        let _ = poll_logged(generator.as_mut(), &trace);
    }));
    assert!(panicked.is_err());
    trace.log("caught");
    assert!(generator.is_finished());
    let _ = poll_logged(generator.as_mut(), &trace);
    let _ = poll_logged(generator.as_mut(), &trace);
    assert_eq!(
        trace.take(),
        [
            "poll -> Some(1)",
            "about to panic",
            "drop local",
            "caught",
            "poll -> None",
            "poll -> None"
        ]
    );
}

#[test]
fn dropping_a_suspended_generator_drops_its_live_locals_exactly_once() {
    // [14]: the `finally` of the seed, without async cleanup
    let trace = Trace::new();
    let t = trace.clone();
    let captured = DropLog("captured", trace.clone());
    {
        let mut generator = pin!(Gen::new(async move |mut co| {
            let _captured = captured;
            let _first = DropLog("first", t.clone());
            co.yield_(1).await;
            let _second = DropLog("second", t.clone());
            co.yield_(2).await;
            t.log("never reached");
        }));
        let _ = poll_logged(generator.as_mut(), &trace);
        let _ = poll_logged(generator.as_mut(), &trace);
        trace.log("dropping");
    }
    trace.log("dropped");
    assert_eq!(
        trace.take(),
        [
            "poll -> Some(1)",
            "poll -> Some(2)",
            "dropping",
            "drop second",
            "drop first",
            "drop captured",
            "dropped"
        ]
    );
}

#[test]
fn dropping_an_unstarted_generator_drops_its_captures_once_and_runs_nothing() {
    // [14] from UNSTARTED
    let trace = Trace::new();
    let t = trace.clone();
    let captured = DropLog("captured", trace.clone());
    let generator = Gen::new(async move |mut co| {
        let _captured = captured;
        t.log("body runs");
        co.yield_(1).await;
    });
    drop(generator);
    assert_eq!(trace.take(), ["drop captured"]);
}

#[test]
fn the_return_value_is_available_after_completion_and_taken_once() {
    // [4] then [13]
    let mut generator = pin!(Gen::new(async |mut co| {
        co.yield_(1u8).await;
        String::from("summary")
    }));
    assert_eq!(generator.as_mut().take_return_value(), None);
    let trace = Trace::new();
    let _ = poll_logged(generator.as_mut(), &trace);
    assert_eq!(generator.as_mut().take_return_value(), None);
    let _ = poll_logged(generator.as_mut(), &trace);
    assert_eq!(trace.take(), ["poll -> Some(1)", "poll -> None"]);
    assert_eq!(
        generator.as_mut().take_return_value().as_deref(),
        Some("summary")
    );
    assert_eq!(generator.as_mut().take_return_value(), None);
}

#[test]
fn yield_from_yields_every_inner_item_and_passes_pending_through() {
    let trace = Trace::new();
    let t = trace.clone();
    let inner = Gen::new(async |mut co| {
        co.yield_(1).await;
        pending_once().await;
        co.yield_(2).await;
    });
    let mut outer = pin!(Gen::new(async move |mut co| {
        co.yield_(0).await;
        let resumed = co.yield_from(inner).await;
        t.log(format!("inner done: {resumed:?}"));
        co.yield_(3).await;
    }));
    for _ in 0..6 {
        let _ = poll_logged(outer.as_mut(), &trace);
    }
    assert_eq!(
        trace.take(),
        [
            "poll -> Some(0)",
            "poll -> Some(1)",
            "wake",
            "poll -> Pending",
            "poll -> Some(2)",
            "inner done: Next",
            "poll -> Some(3)",
            "poll -> None"
        ]
    );
}

#[test]
fn yield_from_an_iterator_source() {
    let trace = Trace::new();
    let mut outer = pin!(Gen::new(async |mut co| {
        co.yield_from(iter(["a", "b"])).await;
    }));
    for _ in 0..3 {
        let _ = poll_logged(outer.as_mut(), &trace);
    }
    assert_eq!(
        trace.take(),
        ["poll -> Some(\"a\")", "poll -> Some(\"b\")", "poll -> None"]
    );
}

#[test]
fn close_resumes_the_body_so_async_cleanup_can_await() {
    // [7], [11], [9]: Python's aclose() with an awaiting `finally`
    let trace = Trace::new();
    let t = trace.clone();
    let mut generator = pin!(Gen::new(async move |mut co| {
        let mut n = 0;
        loop {
            if co.yield_(n).await == Resume::Close {
                break;
            }
            n += 1;
        }
        t.log("cleanup starts");
        pending_once().await;
        t.log("cleanup ends");
        n
    }));
    let _ = poll_logged(generator.as_mut(), &trace);
    let _ = poll_logged(generator.as_mut(), &trace);
    {
        let mut close = pin!(generator.as_mut().close());
        trace.log("close polled");
        assert_eq!(poll_future(close.as_mut()), Poll::Pending);
        trace.log("close pending");
        assert_eq!(
            poll_future(close.as_mut()),
            Poll::Ready(Closed::Returned(1))
        );
        trace.log("close ready");
    }
    let _ = poll_logged(generator.as_mut(), &trace);
    assert_eq!(
        trace.take(),
        [
            "poll -> Some(0)",
            "poll -> Some(1)",
            "close polled",
            "cleanup starts",
            "close pending",
            "cleanup ends",
            "close ready",
            "poll -> None"
        ]
    );
}

#[test]
fn close_of_an_unstarted_generator_never_runs_the_body() {
    // [8]
    let trace = Trace::new();
    let t = trace.clone();
    let captured = DropLog("captured", trace.clone());
    let mut generator = pin!(Gen::new(async move |mut co| {
        let _captured = captured;
        t.log("body runs");
        co.yield_(1).await;
    }));
    assert_eq!(
        poll_future(pin!(generator.as_mut().close())),
        Poll::Ready(Closed::NeverStarted)
    );
    let _ = poll_logged(generator.as_mut(), &trace);
    assert_eq!(trace.take(), ["drop captured", "poll -> None"]);
}

#[test]
fn close_ends_the_body_when_it_yields_again_and_drops_locals_once() {
    // [7], [10]
    let trace = Trace::new();
    let t = trace.clone();
    let mut generator = pin!(Gen::new(async move |mut co| {
        let _local = DropLog("local", t.clone());
        let mut n = 0;
        loop {
            let resumed = co.yield_(n).await;
            t.log(format!("resumed: {resumed:?}"));
            n += 1;
        }
    }));
    let _ = poll_logged(generator.as_mut(), &trace);
    let closed = poll_future(pin!(generator.as_mut().close()));
    trace.log(format!("close: {closed:?}"));
    let _ = poll_logged(generator.as_mut(), &trace);
    assert_eq!(
        trace.take(),
        [
            "poll -> Some(0)",
            "resumed: Close",
            "drop local",
            "close: Ready(CutShort)",
            "poll -> None"
        ]
    );
}

#[test]
fn poll_next_after_an_abandoned_close_drops_the_body_and_ends() {
    // [7], [11], then [12] from CLOSING
    let trace = Trace::new();
    let t = trace.clone();
    let mut generator = pin!(Gen::new(async move |mut co| {
        let _local = DropLog("local", t.clone());
        co.yield_(1).await;
        t.log("cleanup starts");
        pending_once().await;
        t.log("never reached");
    }));
    let _ = poll_logged(generator.as_mut(), &trace);
    {
        let mut close = pin!(generator.as_mut().close());
        assert_eq!(poll_future(close.as_mut()), Poll::Pending);
        trace.log("close abandoned");
    }
    assert!(generator.is_finished());
    let _ = poll_logged(generator.as_mut(), &trace);
    let _ = poll_logged(generator.as_mut(), &trace);
    assert_eq!(
        trace.take(),
        [
            "poll -> Some(1)",
            "cleanup starts",
            "close abandoned",
            "drop local",
            "poll -> None",
            "poll -> None"
        ]
    );
}

#[test]
fn close_after_return_hands_over_the_return_value() {
    // [4] then [13] through close()
    let mut generator = pin!(Gen::new(async |mut co| {
        co.yield_(1).await;
        "returned"
    }));
    let trace = Trace::new();
    let _ = poll_logged(generator.as_mut(), &trace);
    let _ = poll_logged(generator.as_mut(), &trace);
    assert_eq!(
        poll_future(pin!(generator.as_mut().close())),
        Poll::Ready(Closed::Returned("returned"))
    );
    assert_eq!(
        poll_future(pin!(generator.as_mut().close())),
        Poll::Ready(Closed::AlreadyClosed)
    );
    assert_eq!(trace.take(), ["poll -> Some(1)", "poll -> None"]);
}

#[test]
fn is_closing_is_visible_to_the_body_during_close() {
    let trace = Trace::new();
    let t = trace.clone();
    let mut generator = pin!(Gen::new(async move |mut co| {
        t.log(format!("closing before: {}", co.is_closing()));
        co.yield_(1).await;
        t.log(format!("closing after: {}", co.is_closing()));
    }));
    let _ = poll_logged(generator.as_mut(), &trace);
    let closed = poll_future(pin!(generator.as_mut().close()));
    assert_eq!(closed, Poll::Ready(Closed::Returned(())));
    assert_eq!(
        trace.take(),
        [
            "closing before: false",
            "poll -> Some(1)",
            "closing after: true"
        ]
    );
}

#[test]
fn a_yield_polled_once_then_abandoned_before_return_still_reaches_the_consumer() {
    let trace = Trace::new();
    let mut generator = pin!(Gen::new(async |mut co| {
        let mut first_poll_only = pin!(co.yield_(7));
        std::future::poll_fn(|cx| {
            let _ = first_poll_only.as_mut().poll(cx);
            std::task::Poll::Ready(())
        })
        .await;
    }));
    let _ = poll_logged(generator.as_mut(), &trace);
    let _ = poll_logged(generator.as_mut(), &trace);
    assert_eq!(trace.take(), ["poll -> Some(7)", "poll -> None"]);
}

#[test]
fn size_hint_is_exact_zero_once_finished() {
    use anext::AsyncIterator;
    let mut generator = pin!(Gen::new(async |mut co| co.yield_(1).await));
    assert_eq!(generator.size_hint(), (0, None));
    let trace = Trace::new();
    let _ = poll_logged(generator.as_mut(), &trace);
    let _ = poll_logged(generator.as_mut(), &trace);
    assert_eq!(generator.size_hint(), (0, Some(0)));
}

#[test]
fn items_may_borrow_from_the_environment() {
    let words = vec![String::from("a"), String::from("b")];
    let generator = Gen::new(async |mut co| {
        for word in &words {
            co.yield_(word.as_str()).await;
        }
    });
    let items: Vec<&str> = anext::block_on(anext::AsyncIteratorExt::collect(generator));
    assert_eq!(items, ["a", "b"]);
}

#[test]
fn an_async_fn_item_can_be_the_body() {
    async fn countdown(mut co: anext::generator::Co<'_, u32>) -> &'static str {
        for n in (1..=3).rev() {
            co.yield_(n).await;
        }
        "liftoff"
    }
    let mut generator = pin!(Gen::new(countdown));
    let trace = Trace::new();
    for _ in 0..4 {
        let _ = poll_logged(generator.as_mut(), &trace);
    }
    assert_eq!(
        trace.take(),
        [
            "poll -> Some(3)",
            "poll -> Some(2)",
            "poll -> Some(1)",
            "poll -> None"
        ]
    );
    assert_eq!(generator.as_mut().take_return_value(), Some("liftoff"));
}
