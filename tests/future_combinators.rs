//! Behaviour of `anext::future`: poll order, fairness, short-circuiting and drops, as traces.

mod common;

use anext::future::{Either, join_all, race, select, try_join_all};
use anext::{block_on, join, try_join};
use common::{DropLog, Trace};
use core::future::{Future, poll_fn};
use core::pin::pin;
use core::task::Poll;

/// A future that logs each poll as `poll <name>` and is ready after `pendings` self-wakes.
fn logged(name: &'static str, pendings: u32, trace: &Trace) -> impl Future<Output = &'static str> {
    let trace = trace.clone();
    let mut left = pendings;
    let guard = DropLog(name, trace.clone());
    poll_fn(move |cx| {
        let _keep = &guard;
        trace.log(format!("poll {name}"));
        if left == 0 {
            return Poll::Ready(name);
        }
        left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    })
}

#[test]
fn join_polls_only_unfinished_futures_and_keeps_argument_order() {
    let trace = Trace::new();
    let out = block_on(async { join!(logged("a", 1, &trace), logged("b", 0, &trace)) });
    assert_eq!(out, ("a", "b"));
    assert_eq!(
        trace.take(),
        // A finished future is dropped at once; its output waits in the join.
        ["poll a", "poll b", "drop b", "poll a", "drop a"]
    );
}

#[test]
fn join_of_nothing_is_unit_and_of_one_is_a_one_tuple() {
    block_on(async {
        let () = join!();
        assert_eq!(join!(async { 1 }), (1,));
    });
}

#[test]
fn try_join_stops_at_the_first_error_and_drops_the_rest_unpolled() {
    let trace = Trace::new();
    let result: Result<(&str, ()), &str> = block_on(async {
        try_join!(async { Ok(logged("slow", 5, &trace).await) }, async {
            Err("boom")
        })
    });
    assert_eq!(result, Err("boom"));
    assert_eq!(trace.take(), ["poll slow", "drop slow"]);
}

#[test]
fn try_join_all_of_successes_keeps_order() {
    let trace = Trace::new();
    let all = ["x", "y", "z"].map(|name| {
        let f = logged(name, 1, &trace);
        async move { Ok::<_, ()>(f.await) }
    });
    assert_eq!(block_on(try_join_all(all)), Ok(vec!["x", "y", "z"]));
}

#[test]
fn join_all_waits_for_every_future() {
    let trace = Trace::new();
    let out = block_on(join_all([
        logged("a", 2, &trace),
        logged("b", 0, &trace),
        logged("c", 1, &trace),
    ]));
    assert_eq!(out, ["a", "b", "c"]);
    assert_eq!(
        trace.take(),
        [
            "poll a", "poll b", "drop b", "poll c", // round 1: b done
            "poll a", "poll c", "drop c", // round 2: c done
            "poll a", "drop a", // round 3: a done
        ]
    );
}

#[test]
fn race_rotates_the_future_polled_first() {
    let trace = Trace::new();
    let out = block_on(race([
        logged("a", 2, &trace),
        logged("b", 2, &trace),
        logged("c", 2, &trace),
    ]));
    // Poll 1 starts at a, poll 2 at b, poll 3 at c: c is the first to be polled a third time.
    assert_eq!(out, (2, "c"));
    assert_eq!(
        trace.take(),
        [
            "poll a", "poll b", "poll c", //
            "poll b", "poll c", "poll a", //
            "poll c", "drop a", "drop b", "drop c",
        ]
    );
}

#[test]
#[should_panic(expected = "`race` of no futures would wait forever")]
fn race_of_nothing_panics_instead_of_hanging() {
    block_on(race(Vec::<core::future::Ready<()>>::new()));
}

#[test]
fn select_hands_back_the_loser_which_can_be_resumed() {
    let trace = Trace::new();
    block_on(async {
        let a = pin!(logged("a", 3, &trace));
        let b = pin!(logged("b", 1, &trace));
        let Either::Right((won, a)) = select(a, b).await else {
            panic!("b is faster")
        };
        assert_eq!(won, "b");
        trace.log("b won");
        assert_eq!(a.await, "a");
    });
    assert_eq!(
        trace.take(),
        [
            "poll a", "poll b", "poll a", "poll b", "b won", "poll a", "poll a", "drop b",
            "drop a",
        ]
    );
}
