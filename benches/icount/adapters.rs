//! Instruction counts per item for `benches/icount.sh adapters CASE...`; each case runs its
//! operation N times (N from argv) inside one `anext::block_on`, so the script's difference
//! of two runs cancels set-up and leaves the cost of one item.
//!
//! Cases:
//! - `anext_chain` / `futures_chain`: one item through `map` + `filter` + `take` (the item
//!   count is the source length; `filter` keeps every other item, so `take` is never hit).
//! - `anext_buffered` / `futures_buffered`: one ready future through `buffered(8)`.
//! - `anext_channel` / `futures_channel`: one send + receive round trip on a capacity-1
//!   channel (futures: `mpsc::channel(1)`, capacity 1 + 1 per sender; with `channel(0)` its
//!   `send(..).await` waits for the receiver in `poll_flush`, which deadlocks one task).
//!
//! Run: `benches/icount.sh adapters anext_chain futures_chain anext_buffered
//! futures_buffered anext_channel futures_channel`

use anext::{AsyncIteratorExt, block_on};
use futures::{SinkExt, StreamExt, future::ready};
use std::hint::black_box;

fn main() {
    let mut args = std::env::args().skip(1);
    let case = args.next().expect("usage: adapters CASE N");
    let n: u64 = args
        .next()
        .and_then(|s| s.parse().ok())
        .expect("usage: adapters CASE N");
    let result = match case.as_str() {
        "anext_chain" => {
            let it = anext::iter(0..black_box(n))
                .map(|x| x * 3)
                .filter(|x| x % 2 == 0)
                .take(n as usize);
            block_on(it.fold(0u64, |acc, x| acc.wrapping_add(x)))
        }
        "futures_chain" => {
            let it = futures::stream::iter(0..black_box(n))
                .map(|x| x * 3)
                .filter(|x| ready(x % 2 == 0))
                .take(n as usize);
            block_on(it.fold(0u64, |acc, x| ready(acc.wrapping_add(x))))
        }
        "anext_buffered" => {
            let it = anext::iter(0..black_box(n))
                .map(|x| async move { x })
                .buffered(8);
            block_on(it.fold(0u64, |acc, x| acc.wrapping_add(x)))
        }
        "futures_buffered" => {
            let it = futures::stream::iter(0..black_box(n))
                .map(|x| async move { x })
                .buffered(8);
            block_on(it.fold(0u64, |acc, x| ready(acc.wrapping_add(x))))
        }
        "anext_channel" => {
            let (tx, mut rx) = anext::sync::channel(1);
            block_on(async {
                let mut sum = 0u64;
                for i in 0..n {
                    tx.send(i).await.unwrap();
                    sum = sum.wrapping_add(rx.next().await.unwrap());
                }
                sum
            })
        }
        "futures_channel" => {
            let (mut tx, mut rx) = futures::channel::mpsc::channel(1);
            block_on(async {
                let mut sum = 0u64;
                for i in 0..n {
                    tx.send(i).await.unwrap();
                    sum = sum.wrapping_add(rx.next().await.unwrap());
                }
                sum
            })
        }
        other => panic!("unknown case {other}"),
    };
    black_box(result);
}
