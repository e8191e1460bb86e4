//! Every yield that is polled reaches the consumer, whenever and however it is polled
//! (issue 9, defect 2): awaited late, or polled once and abandoned with a second yield in the
//! same body poll, or polled by a combinator with wakers of its own. A yield dropped unpolled
//! yields nothing and drops its value (like any future never polled; `#[must_use]` warns).

mod common;

use std::future::{Future, poll_fn};
use std::pin::pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use anext::generator::Co;
use anext::{AsyncIteratorExt, Gen, block_on};
use common::{DropLog, Trace, poll_logged, within};

#[test]
fn a_yield_awaited_late_delivers_its_item_instead_of_hanging() {
    // The repro: before the fix the value was handed over at `co.yield_(1)`, the
    // consumer took it at the first `yield_now`, and the late `y.await` then returned
    // `Pending` with nothing to hand over and nobody to wake: `block_on` reported a deadlock.
    let items = within(Duration::from_secs(20), || {
        block_on(async {
            let mut g = pin!(Gen::new(async |mut co: Co<'_, u32>| {
                let y = co.yield_(1);
                anext::yield_now().await;
                y.await;
                co.yield_(2).await;
            }));
            let first = g.next().await;
            anext::yield_now().await;
            let second = g.next().await;
            let end = g.next().await;
            [first, second, end]
        })
    });
    assert_eq!(items, [Some(1), Some(2), None]);
}

#[test]
fn a_yield_awaited_late_traces_pending_then_its_item() {
    let trace = Trace::new();
    let t = trace.clone();
    let mut generator = pin!(Gen::new(async move |mut co| {
        let y = co.yield_("late");
        t.log("yield created");
        common::pending_once().await;
        t.log("awaiting it");
        y.await;
        t.log("resumed");
    }));
    for _ in 0..3 {
        let _ = poll_logged(generator.as_mut(), &trace);
    }
    assert_eq!(
        trace.take(),
        [
            "yield created",
            "wake",
            "poll -> Pending",
            "awaiting it",
            "poll -> Some(\"late\")",
            "resumed",
            "poll -> None"
        ]
    );
}

#[test]
fn a_yield_abandoned_by_a_select_after_its_first_poll_was_delivered() {
    // Before the fix the abandoned item stayed in the slot and the next yield overwrote it.
    // Now the next yield, polled in the same body poll, finds the slot full and waits for
    // the consumer to take the first item.
    let trace = Trace::new();
    let mut generator = pin!(Gen::new(async |mut co| {
        {
            let mut abandoned = pin!(co.yield_(1));
            // A select whose other branch wins at once: the yield is polled once, then
            // dropped.
            poll_fn(|cx| {
                let _ = abandoned.as_mut().poll(cx);
                Poll::Ready(())
            })
            .await;
        }
        co.yield_(2).await;
    }));
    for _ in 0..3 {
        let _ = poll_logged(generator.as_mut(), &trace);
    }
    assert_eq!(
        trace.take(),
        // The second yield found the slot full: it woke the task to be polled again.
        ["wake", "poll -> Some(1)", "poll -> Some(2)", "poll -> None"]
    );
}

#[test]
fn a_yield_dropped_unpolled_drops_its_value_and_the_next_is_delivered() {
    let trace = Trace::new();
    let t = trace.clone();
    let generator = Gen::new(async move |mut co| {
        #[allow(clippy::let_underscore_future)]
        let _ = co.yield_(DropLog("never polled", t.clone()));
        co.yield_(DropLog("kept", t.clone())).await;
    });
    let items = block_on(generator.collect::<Vec<_>>());
    trace.log("collected");
    drop(items);
    assert_eq!(
        trace.take(),
        ["drop never polled", "collected", "drop kept"]
    );
}

#[test]
fn a_yield_polled_under_a_foreign_waker_still_delivers() {
    // A combinator that polls its futures with wakers of its own (as futures'
    // `FuturesUnordered` does): the yield reaches its generator through its handle, not
    // through the waker.
    let trace = Trace::new();
    let mut generator = pin!(Gen::new(async |mut co| {
        let mut y = pin!(co.yield_(1));
        poll_fn(|_| y.as_mut().poll(&mut Context::from_waker(Waker::noop()))).await;
        co.yield_(2).await;
    }));
    for _ in 0..3 {
        let _ = poll_logged(generator.as_mut(), &trace);
    }
    assert_eq!(
        trace.take(),
        ["poll -> Some(1)", "poll -> Some(2)", "poll -> None"]
    );
}

#[test]
fn an_outer_handle_of_the_same_item_type_inside_an_inner_body_yields_to_the_outer() {
    // Both generators yield `u32`: only the id, not the item type, tells them apart.
    let outer = Gen::new(async |mut outer_co| {
        let inner = Gen::new(async |mut inner_co: Co<'_, u32>| {
            outer_co.yield_(100).await;
            inner_co.yield_(1).await;
            outer_co.yield_(200).await;
            inner_co.yield_(2).await;
        });
        let inner_items: Vec<u32> = inner.collect().await;
        for item in inner_items {
            outer_co.yield_(item).await;
        }
    });
    assert_eq!(block_on(outer.collect::<Vec<_>>()), [100, 200, 1, 2]);
}
