//! anext's generators, adapters, channels and timers under other executors: tokio's
//! current-thread and multi-thread runtimes and `futures::executor`. anext needs nothing from
//! the executor but a waker, so everything works; these tests pin that down, including a
//! `Send` generator that moves between threads in the middle of its body.

#[path = "../../tests/common/mod.rs"]
mod common;

use anext::{AsyncIteratorExt, Gen};
use common::scaled;
use std::pin::pin;
use std::time::Duration;

fn assert_send<T: Send>(_: &T) {}

/// A generator whose body awaits tokio's own `yield_now` between items.
fn counting(n: u32) -> impl anext::AsyncIterator<Item = u32> + Send {
    anext::r#gen! {
        for i in 0..n {
            tokio::task::yield_now().await;
            yield i;
        }
    }
}

#[tokio::test(flavor = "current_thread")]
async fn generator_and_adapters_on_the_current_thread_runtime() {
    let got: Vec<u32> = counting(10)
        .filter(|x| x % 2 == 0)
        .then(|x| async move {
            tokio::task::yield_now().await;
            x * 10
        })
        .collect()
        .await;
    assert_eq!(got, [0, 20, 40, 60, 80]);
}

#[tokio::test(flavor = "current_thread")]
async fn buffered_drives_tokio_sleeps_concurrently() {
    let got: Vec<u64> = anext::iter(0..6u64)
        .map(|i| async move {
            tokio::time::sleep(Duration::from_millis(6 - i)).await;
            i
        })
        .buffered(3)
        .collect()
        .await;
    assert_eq!(got, [0, 1, 2, 3, 4, 5]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_send_generator_moves_between_threads_mid_body() {
    let g = anext::r#gen! {
        yield std::thread::current().id();
        tokio::task::yield_now().await;
        yield std::thread::current().id();
        yield std::thread::current().id();
    };
    assert_send(&g);
    // First resumed in a task on a worker thread, then on a blocking-pool thread (never a
    // worker), then in another task on a worker: the body's locals move with it each time.
    let mut g = Box::pin(g);
    let (g, first) = tokio::spawn(async move {
        let first = g.next().await.unwrap();
        (g, first)
    })
    .await
    .unwrap();
    let (mut g, second) = tokio::task::spawn_blocking(move || {
        let mut g = g;
        let second = futures::executor::block_on(g.next()).unwrap();
        (g, second)
    })
    .await
    .unwrap();
    let third = tokio::spawn(async move {
        let third = g.next().await.unwrap();
        assert_eq!(g.next().await, None);
        third
    })
    .await
    .unwrap();
    assert_ne!(first, second, "resumed on the blocking thread");
    assert_ne!(third, second, "resumed on a worker again");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_generators_as_tokio_tasks_on_the_multi_thread_runtime() {
    let tasks: Vec<_> = (0..16u32)
        .map(|k| tokio::spawn(counting(50).map(move |x| x + k).fold(0, |a, b| a + b)))
        .collect();
    for (k, task) in tasks.into_iter().enumerate() {
        let sum = task.await.unwrap();
        assert_eq!(sum, (0..50).sum::<u32>() + 50 * k as u32);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_anext_channel_carries_items_between_tokio_tasks_with_backpressure() {
    let n = scaled(2000) as u64;
    let (tx, mut rx) = anext::sync::channel::<u64>(1);
    let producers: Vec<_> = (0..4)
        .map(|p| {
            let tx = tx.clone();
            tokio::spawn(async move {
                for i in 0..n {
                    tx.send(i * 4 + p).await.unwrap();
                }
            })
        })
        .collect();
    drop(tx);
    let consumer = tokio::spawn(async move {
        let mut seen = Vec::new();
        while let Some(x) = rx.recv().await {
            seen.push(x);
        }
        seen
    });
    for p in producers {
        p.await.unwrap();
    }
    let mut seen = consumer.await.unwrap();
    seen.sort_unstable();
    assert_eq!(seen, (0..4 * n).collect::<Vec<_>>());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn anext_sleep_and_timeout_work_under_tokio() {
    // Outside a LocalExecutor, anext's timers run on a helper thread and the real clock.
    anext::time::sleep(Duration::from_millis(5)).await;
    // The gap is far longer than the limit, so the order does not depend on load; `take(2)`
    // ends at the timeout and drops the generator (cancelling its long sleep).
    let slow = anext::r#gen! {
        yield 1;
        anext::time::sleep(Duration::from_secs(600)).await;
        yield 2;
    };
    let got: Vec<_> = slow
        .timeout(Duration::from_millis(20))
        .take(2)
        .map(|r| r.is_ok())
        .collect()
        .await;
    assert_eq!(got, [true, false]);
}

#[tokio::test(flavor = "current_thread")]
async fn join_and_race_under_tokio() {
    let (a, b) = anext::join!(tokio::time::sleep(Duration::from_millis(2)), async { 7 });
    assert_eq!((a, b), ((), 7));
    let fetches = [30u64, 1, 60].map(|ms| async move {
        tokio::time::sleep(Duration::from_millis(ms)).await;
        ms
    });
    assert_eq!(anext::future::race(fetches).await, (1, 1));
}

#[test]
fn generators_adapters_and_channels_under_futures_local_pool() {
    use futures::task::LocalSpawnExt;
    let mut pool = futures::executor::LocalPool::new();
    let spawner = pool.spawner();
    let (tx, rx) = anext::sync::channel::<u32>(2);
    spawner
        .spawn_local(async move {
            let mut numbers = pin!(anext::r#gen! {
                for i in 0..20u32 {
                    anext::time::yield_now().await;
                    yield i;
                }
            });
            while let Some(i) = numbers.next().await {
                tx.send(i).await.unwrap();
            }
        })
        .unwrap();
    let total = spawner
        .spawn_local_with_handle(rx.map(|x| x * 2).fold(0, |a, b| a + b))
        .unwrap();
    let total = pool.run_until(total);
    assert_eq!(total, (0..20).map(|x| x * 2).sum::<u32>());
}

#[test]
fn a_gen_new_generator_under_futures_block_on() {
    let g = Gen::new(async move |mut co| {
        for word in ["a", "b"] {
            co.yield_(word).await;
        }
    });
    assert_eq!(
        futures::executor::block_on(g.collect::<Vec<_>>()),
        ["a", "b"]
    );
}
