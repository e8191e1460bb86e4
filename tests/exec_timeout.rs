//! `Builder::timeout` and `#[anext::test(timeout = "...")]`: a run that waits on something
//! the deadlock check cannot rule out (a waker kept somewhere, a cycle through channels,
//! time advancing forever) fails with a report instead of hanging.

mod common;

use anext::exec::LocalExecutor;
use common::panic_message;
use std::task::Poll;
use std::time::Duration;

/// Two tasks each waiting to receive from the other: each one's waker is held by a channel,
/// which looks exactly like a legitimate wait, so only the timeout can end it. Its report
/// lists both tasks by name.
#[test]
fn channel_cycle_times_out_with_the_task_report() {
    let ex = LocalExecutor::builder()
        .timeout(Duration::from_millis(50))
        .build();
    let (to_a, from_b) = anext::sync::oneshot::channel::<u32>();
    let (to_b, from_a) = anext::sync::oneshot::channel::<u32>();
    let a = ex.spawn_named("a", async move {
        let got = from_b.await.unwrap_or(0);
        let _ = to_b.send(got + 1);
    });
    let b = ex.spawn_named("b", async move {
        let got = from_a.await.unwrap_or(0);
        let _ = to_a.send(got + 1);
    });
    let (a_id, b_id) = (a.id(), b.id());
    let message = panic_message(|| {
        let _ = ex.run(async { (a.await, b.await) });
    });
    assert!(message.contains("timed out"), "{message}");
    assert!(message.contains("within 50ms"), "{message}");
    assert!(
        message.contains(&format!(
            "main future: awaits the JoinHandle of task {a_id}"
        )),
        "{message}"
    );
    assert!(
        message.contains(&format!("- task {a_id} \"a\"")),
        "{message}"
    );
    assert!(
        message.contains(&format!("- task {b_id} \"b\"")),
        "{message}"
    );
}

#[anext::test(timeout = "50ms")]
#[should_panic(expected = "timed out")]
async fn waker_kept_but_never_woken_times_out() {
    // The clone is held by the future itself: outside the executor, so maybe woken one day.
    let mut kept = None;
    std::future::poll_fn(|cx| {
        kept = Some(cx.waker().clone());
        Poll::<()>::Pending
    })
    .await;
}

/// Virtual time jumps from timer to timer and never parks: the real-time limit still holds.
#[anext::test(virtual_time, timeout = "50ms")]
#[should_panic(expected = "timed out")]
async fn virtual_time_advancing_forever_times_out() {
    loop {
        anext::time::sleep(Duration::from_secs(3600)).await;
    }
}

/// A main future that wakes itself forever never lets the executor park.
#[anext::test(timeout = "50ms")]
#[should_panic(expected = "timed out")]
async fn main_future_spinning_forever_times_out() {
    std::future::poll_fn(|cx| {
        cx.waker().wake_by_ref();
        Poll::<()>::Pending
    })
    .await;
}

/// A task that wakes itself forever keeps the queue busy: the limit is checked between polls.
#[anext::test(timeout = "50ms")]
#[should_panic(expected = "timed out")]
async fn busy_task_times_out(ex: &LocalExecutor) {
    ex.spawn_local(std::future::poll_fn(|cx| {
        cx.waker().wake_by_ref();
        Poll::<()>::Pending
    }))
    .await
    .unwrap();
}

#[anext::test(virtual_time, timeout = "10s")]
async fn test_that_finishes_in_time_passes() {
    anext::time::sleep(Duration::from_secs(86_400)).await;
}

/// The limit applies to each `run` call, not to the executor's lifetime.
#[test]
fn each_run_gets_the_whole_limit() {
    let ex = LocalExecutor::builder()
        .timeout(Duration::from_secs(10))
        .build();
    assert_eq!(ex.run(async { 1 }), 1);
    assert_eq!(ex.run(async { 2 }), 2);
}
