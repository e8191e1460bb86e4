//! The ping-pong benchmark cases, shared by `benches/pingpong.rs` (criterion) and
//! `benches/icount/pingpong.rs` (instruction counts). Each case makes `n` round trips and
//! returns the sum of the echoed numbers (so the work cannot be optimised away).
//!
//! A round trip: the `ping` task sends `i` on channel A and waits on channel B; the `pong`
//! task receives it from A and sends it back on B. Both channels hold one item (anext:
//! `channel(1)`; tokio: `mpsc::channel(1)`; futures: `mpsc::channel(1)`, which holds 1 + 1 per
//! sender: with `channel(0)` its `send(..).await` waits in `poll_flush` until the receiver
//! took the item, an extra park per message that would only slow the peer down). Every
//! round trip therefore costs two sends, two receives, two wakes and four task polls
//! (each task is polled once when woken and suspends again on its receive).
//!
//! Cases ([`CASES`]):
//! - `anext`: two tasks on `anext::exec::LocalExecutor`, anext channels.
//! - `tokio_futures_mpsc`: two tasks on a tokio `LocalSet` (current-thread runtime),
//!   `futures::channel::mpsc` (the reference point).
//! - `tokio_tokio_mpsc`: the same with `tokio::sync::mpsc`.
//! - `anext_channel_alone` / `futures_mpsc_alone`: the channels without tasks: one future
//!   under `anext::block_on` does both sides of the round trip in turn (send on A, receive
//!   on A, send on B, receive on B), so nothing ever suspends: what the channels cost.

use anext::AsyncIteratorExt;
use anext::exec::LocalExecutor;
use futures::{SinkExt, StreamExt};

/// The cases, in report order.
pub const CASES: [&str; 5] = [
    "anext",
    "tokio_futures_mpsc",
    "tokio_tokio_mpsc",
    "anext_channel_alone",
    "futures_mpsc_alone",
];

/// Runs `case` for `n` round trips; panics on an unknown case.
pub fn run(case: &str, n: u64) -> u64 {
    match case {
        "anext" => anext_tasks(n),
        "tokio_futures_mpsc" => tokio_futures_mpsc(n),
        "tokio_tokio_mpsc" => tokio_tokio_mpsc(n),
        "anext_channel_alone" => anext_channel_alone(n),
        "futures_mpsc_alone" => futures_mpsc_alone(n),
        other => panic!("unknown ping-pong case {other:?}; known: {CASES:?}"),
    }
}

fn anext_tasks(n: u64) -> u64 {
    let ex = LocalExecutor::new();
    let (to_pong, mut from_ping) = anext::sync::channel::<u64>(1);
    let (to_ping, mut from_pong) = anext::sync::channel::<u64>(1);
    ex.spawn_local(async move {
        while let Some(x) = from_ping.next().await {
            to_ping.send(x).await.unwrap();
        }
    })
    .detach();
    let ping = ex.spawn_local(async move {
        let mut sum = 0u64;
        for i in 0..n {
            to_pong.send(i).await.unwrap();
            sum = sum.wrapping_add(from_pong.next().await.unwrap());
        }
        sum
    });
    ex.run(ping).unwrap()
}

fn tokio_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
}

fn tokio_futures_mpsc(n: u64) -> u64 {
    let rt = tokio_runtime();
    let local = tokio::task::LocalSet::new();
    let (mut to_pong, mut from_ping) = futures::channel::mpsc::channel::<u64>(1);
    let (mut to_ping, mut from_pong) = futures::channel::mpsc::channel::<u64>(1);
    local.spawn_local(async move {
        while let Some(x) = from_ping.next().await {
            to_ping.send(x).await.unwrap();
        }
    });
    let ping = local.spawn_local(async move {
        let mut sum = 0u64;
        for i in 0..n {
            to_pong.send(i).await.unwrap();
            sum = sum.wrapping_add(from_pong.next().await.unwrap());
        }
        sum
    });
    rt.block_on(local.run_until(ping)).unwrap()
}

fn tokio_tokio_mpsc(n: u64) -> u64 {
    let rt = tokio_runtime();
    let local = tokio::task::LocalSet::new();
    let (to_pong, mut from_ping) = tokio::sync::mpsc::channel::<u64>(1);
    let (to_ping, mut from_pong) = tokio::sync::mpsc::channel::<u64>(1);
    local.spawn_local(async move {
        while let Some(x) = from_ping.recv().await {
            to_ping.send(x).await.unwrap();
        }
    });
    let ping = local.spawn_local(async move {
        let mut sum = 0u64;
        for i in 0..n {
            to_pong.send(i).await.unwrap();
            sum = sum.wrapping_add(from_pong.recv().await.unwrap());
        }
        sum
    });
    rt.block_on(local.run_until(ping)).unwrap()
}

fn anext_channel_alone(n: u64) -> u64 {
    let (to_pong, mut from_ping) = anext::sync::channel::<u64>(1);
    let (to_ping, mut from_pong) = anext::sync::channel::<u64>(1);
    anext::block_on(async {
        let mut sum = 0u64;
        for i in 0..n {
            to_pong.send(i).await.unwrap();
            let x = from_ping.next().await.unwrap();
            to_ping.send(x).await.unwrap();
            sum = sum.wrapping_add(from_pong.next().await.unwrap());
        }
        sum
    })
}

fn futures_mpsc_alone(n: u64) -> u64 {
    let (mut to_pong, mut from_ping) = futures::channel::mpsc::channel::<u64>(1);
    let (mut to_ping, mut from_pong) = futures::channel::mpsc::channel::<u64>(1);
    anext::block_on(async {
        let mut sum = 0u64;
        for i in 0..n {
            to_pong.send(i).await.unwrap();
            let x = from_ping.next().await.unwrap();
            to_ping.send(x).await.unwrap();
            sum = sum.wrapping_add(from_pong.next().await.unwrap());
        }
        sum
    })
}
