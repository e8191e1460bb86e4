//! The executor workloads, shared by the criterion bench (`executor.rs`) and the icount
//! binary (`icount/executor.rs`). Each function runs its operation `n` times; the same
//! shape is written once per crate so that the peers do the same work.
#![allow(dead_code)] // each target uses a subset

use std::future::Future;
use std::hint::black_box;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

/// Returns `Pending` (after waking itself) `n` times, then `Ready`.
pub struct SelfWake(pub u64);

impl Future for SelfWake {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 {
            return Poll::Ready(());
        }
        self.0 -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

// ---- block_on of a ready future ----

pub fn anext_block_on_ready(n: u64) {
    for i in 0..n {
        black_box(anext::block_on(async { black_box(i) }));
    }
}

pub fn pollster_block_on_ready(n: u64) {
    for i in 0..n {
        black_box(pollster::block_on(async { black_box(i) }));
    }
}

pub fn futures_block_on_ready(n: u64) {
    for i in 0..n {
        black_box(futures::executor::block_on(async { black_box(i) }));
    }
}

// ---- one block_on, n self-wakes ----

pub fn anext_self_wake(n: u64) {
    anext::block_on(SelfWake(n));
}

pub fn pollster_self_wake(n: u64) {
    pollster::block_on(SelfWake(n));
}

pub fn futures_self_wake(n: u64) {
    futures::executor::block_on(SelfWake(n));
}

// ---- spawn + run + join of one trivial task ----

pub fn anext_spawn_join(n: u64) {
    let ex = anext::exec::LocalExecutor::new();
    for i in 0..n {
        let task = ex.spawn(async move { black_box(i) });
        black_box(ex.run(task).unwrap());
    }
}

pub fn localpool_spawn_join(n: u64) {
    use futures::task::LocalSpawnExt;
    let mut pool = futures::executor::LocalPool::new();
    let spawner = pool.spawner();
    for i in 0..n {
        let task = spawner
            .spawn_local_with_handle(async move { black_box(i) })
            .unwrap();
        black_box(pool.run_until(task));
    }
}

pub fn async_executor_spawn_join(n: u64) {
    let ex = async_executor::LocalExecutor::new();
    for i in 0..n {
        let task = ex.spawn(async move { black_box(i) });
        black_box(futures_lite::future::block_on(ex.run(task)));
    }
}

pub fn tokio_localset_spawn_join(n: u64) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let local = tokio::task::LocalSet::new();
    for i in 0..n {
        black_box(local.block_on(&rt, async move {
            tokio::task::spawn_local(async move { black_box(i) })
                .await
                .unwrap()
        }));
    }
}

// ---- timers: rounds of `k` concurrent sleeps on a clock that jumps when idle ----

/// Deadlines in a scrambled order, 1..=k microseconds: nearly every timer has its own
/// deadline, so each fires alone.
fn deadline(i: u64, k: u64) -> Duration {
    Duration::from_micros(1 + (i * 7919) % k)
}

/// Deadlines on whole milliseconds, 1..=10: timers fire in groups, as with tokio's 1 ms
/// resolution, which the microsecond case denies tokio but not anext (exact deadlines).
fn deadline_ms(i: u64, _k: u64) -> Duration {
    Duration::from_millis(1 + (i * 7919) % 10)
}

pub fn anext_timers(n: u64, k: u64) {
    anext_timers_with(n, k, deadline);
}

pub fn anext_timers_ms(n: u64, k: u64) {
    anext_timers_with(n, k, deadline_ms);
}

pub fn tokio_timers(n: u64, k: u64) {
    tokio_timers_with(n, k, deadline);
}

pub fn tokio_timers_ms(n: u64, k: u64) {
    tokio_timers_with(n, k, deadline_ms);
}

fn anext_timers_with(n: u64, k: u64, deadline: fn(u64, u64) -> Duration) {
    let ex = anext::exec::LocalExecutor::with_virtual_clock();
    for _ in 0..n / k {
        ex.run(async {
            let mut sleeps: Vec<anext::time::Sleep> =
                (0..k).map(|i| anext::time::sleep(deadline(i, k))).collect();
            // Register every timer, then wait for each.
            std::future::poll_fn(|cx| {
                for s in sleeps.iter_mut() {
                    let _ = Pin::new(s).poll(cx);
                }
                Poll::Ready(())
            })
            .await;
            for s in sleeps {
                s.await;
            }
        });
    }
}

fn tokio_timers_with(n: u64, k: u64, deadline: fn(u64, u64) -> Duration) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .unwrap();
    for _ in 0..n / k {
        rt.block_on(async {
            let mut sleeps: Vec<tokio::time::Sleep> =
                (0..k).map(|i| tokio::time::sleep(deadline(i, k))).collect();
            std::future::poll_fn(|cx| {
                for s in sleeps.iter_mut() {
                    // SAFETY: the vector is never resized and its elements never moved
                    // until they are dropped with it.
                    let _ = unsafe { Pin::new_unchecked(s) }.poll(cx);
                }
                Poll::Ready(())
            })
            .await;
            for s in sleeps.iter_mut() {
                // SAFETY: as above.
                unsafe { Pin::new_unchecked(s) }.await;
            }
        });
    }
}

// ---- tasks: rounds of `k` tasks that each wake themselves once ----

pub fn anext_tasks(n: u64, k: u64) {
    let ex = anext::exec::LocalExecutor::new();
    for _ in 0..n / k {
        for _ in 0..k {
            ex.spawn(SelfWake(1)).detach();
        }
        ex.run_until_stalled();
    }
}

pub fn localpool_tasks(n: u64, k: u64) {
    use futures::task::LocalSpawnExt;
    let mut pool = futures::executor::LocalPool::new();
    let spawner = pool.spawner();
    for _ in 0..n / k {
        for _ in 0..k {
            spawner.spawn_local(SelfWake(1)).unwrap();
        }
        pool.run_until_stalled();
    }
}
