//! Virtual time under wakers anext does not recognise (issue 10, point 2): futures'
//! `FuturesUnordered`, `select_all` and `join_all` poll each sleep with a waker of their own,
//! yet the sleeps still find the executor driving the thread and run on its virtual clock.
//!
//! No wall-time assertion: the sleeps are hours long, so a fall-back to the real clock would
//! not finish; `Builder::timeout` turns that into a failure instead of a hang.

use anext::exec::LocalExecutor;
use anext::time::sleep;
use futures::StreamExt;
use futures::future::{join_all, select_all};
use futures::stream::FuturesUnordered;
use std::time::Duration;

const HOUR: Duration = Duration::from_secs(3600);

fn virtual_executor() -> LocalExecutor {
    LocalExecutor::builder()
        .virtual_clock()
        .timeout(Duration::from_secs(60))
        .build()
}

#[test]
fn futures_unordered_of_100_sleeps_runs_on_the_virtual_clock_in_deadline_order() {
    let ex = virtual_executor();
    let order = ex.run(async {
        // Pushed in reverse, so the completion order is the clock's doing.
        let mut pending: FuturesUnordered<_> = (1..=100u32)
            .rev()
            .map(|i| async move {
                sleep(HOUR * i).await;
                i
            })
            .collect();
        let mut order = Vec::new();
        while let Some(i) = pending.next().await {
            order.push(i);
        }
        order
    });
    assert_eq!(order, (1..=100).collect::<Vec<_>>());
    assert_eq!(ex.elapsed(), HOUR * 100);
    assert_eq!(ex.timer_count(), 0);
}

#[test]
fn select_all_of_100_sleeps_returns_the_earliest_at_its_virtual_deadline() {
    let ex = virtual_executor();
    let (index, rest) = ex.run(async {
        let sleeps = (0..100u32).map(|i| Box::pin(sleep(HOUR * (100 - i))));
        let ((), index, rest) = select_all(sleeps).await;
        (index, rest.len())
    });
    assert_eq!((index, rest), (99, 99));
    assert_eq!(ex.elapsed(), HOUR);
    // The 99 losers were dropped with the select: their timers are gone.
    assert_eq!(ex.timer_count(), 0);
}

#[test]
fn join_all_of_100_sleeps_ends_at_the_latest_virtual_deadline() {
    let ex = virtual_executor();
    let done = ex.run(async {
        let sleeps = (1..=100u32).map(|i| sleep(HOUR * i));
        join_all(sleeps).await.len()
    });
    assert_eq!(done, 100);
    assert_eq!(ex.elapsed(), HOUR * 100);
}

/// In a spawned task too (the task's waker is wrapped by the combinator the same way).
#[test]
fn sleeps_in_a_combinator_inside_a_spawned_task_use_the_virtual_clock() {
    let ex = virtual_executor();
    let task = ex.spawn_local(async {
        join_all((1..=10u32).map(|i| sleep(HOUR * i))).await;
        anext::time::now().await
    });
    let start = ex.now();
    let finished_at = ex.run(task).unwrap();
    assert_eq!(finished_at - start, HOUR * 10);
    assert_eq!(ex.elapsed(), HOUR * 10);
}

/// Outside any executor, every such sleep shares one helper thread (before: one thread per
/// sleep, so 100 threads here).
#[cfg(target_os = "linux")]
#[test]
fn sleeps_outside_any_executor_share_one_helper_thread() {
    fn helper_threads() -> usize {
        std::fs::read_dir("/proc/self/task")
            .unwrap()
            .filter(|task| {
                let comm = task.as_ref().unwrap().path().join("comm");
                std::fs::read_to_string(comm).is_ok_and(|name| name.trim() == "anext-sleep")
            })
            .count()
    }
    let most = anext::block_on(async {
        // One short sleep, then 99 that stay armed well after it.
        let mut sleeps: FuturesUnordered<_> = (1..=100u64)
            .map(|i| sleep(Duration::from_millis(if i == 1 { 1 } else { 500 + i })))
            .collect();
        // Once the first sleep has fired, the helper has surely started (and named itself),
        // and the other 99 are still armed.
        sleeps.next().await;
        let most = helper_threads();
        while sleeps.next().await.is_some() {}
        most
    });
    assert_eq!(most, 1);
}
