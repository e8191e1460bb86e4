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
//! - `anext_X` / `futures_X` for X in `then`, `filter_map`, `enumerate_skip`, `zip`,
//!   `chain2`, `flat_map` (4 items per inner iterator), `scan`, `take_while`, `chunks` (of
//!   4), `buffer_unordered` (8, ready futures), `unfold` and `peekable` (peek, then next):
//!   one item through that adapter, each item through `black_box` so that the optimiser
//!   cannot sum the source in closed form. Not in the report; they are the survey of where
//!   anext could be behind futures (issue 11).
//! - `anext_X_dyn` / `futures_X_dyn` for X in `then`, `filter_async` (futures: `filter`),
//!   `filter_map_async` (futures: `filter_map`), `map`, `peekable`: the adapter over
//!   `iter(0..n)` drained through `dyn AsyncIterator` by `gen_cases::drain` (futures through
//!   `gen_cases::FromStream`), so `poll_next` is a real call per item.
//!
//! Run: `benches/icount.sh adapters anext_chain futures_chain anext_buffered
//! futures_buffered anext_channel futures_channel` (and `anext_peekable futures_peekable`...)

use anext::{AsyncIteratorExt, block_on};
use anext_benches::gen_cases::{FromStream, drain};
use core::pin::pin;
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
        "anext_then" => {
            let it = anext::iter(0..black_box(n)).then(|x| async move { x * 3 });
            block_on(it.fold(0u64, |acc, x| acc.wrapping_add(black_box(x))))
        }
        "futures_then" => {
            let it = futures::stream::iter(0..black_box(n)).then(|x| async move { x * 3 });
            block_on(it.fold(0u64, |acc, x| ready(acc.wrapping_add(black_box(x)))))
        }
        "anext_filter_map" => {
            let it = anext::iter(0..black_box(n)).filter_map(|x| (x % 2 == 0).then_some(x * 3));
            block_on(it.fold(0u64, |acc, x| acc.wrapping_add(black_box(x))))
        }
        "futures_filter_map" => {
            let it = futures::stream::iter(0..black_box(n))
                .filter_map(|x| ready((x % 2 == 0).then_some(x * 3)));
            block_on(it.fold(0u64, |acc, x| ready(acc.wrapping_add(black_box(x)))))
        }
        "anext_enumerate_skip" => {
            let it = anext::iter(0..black_box(n)).enumerate().skip(1);
            block_on(it.fold(0u64, |acc, (i, x)| {
                acc.wrapping_add(black_box(x ^ i as u64))
            }))
        }
        "futures_enumerate_skip" => {
            let it = futures::stream::iter(0..black_box(n)).enumerate().skip(1);
            block_on(it.fold(0u64, |acc, (i, x)| {
                ready(acc.wrapping_add(black_box(x ^ i as u64)))
            }))
        }
        "anext_zip" => {
            let it = anext::iter(0..black_box(n)).zip(anext::iter(0..black_box(n)));
            block_on(it.fold(0u64, |acc, (a, b)| acc.wrapping_add(black_box(a ^ b))))
        }
        "futures_zip" => {
            let it =
                futures::stream::iter(0..black_box(n)).zip(futures::stream::iter(0..black_box(n)));
            block_on(it.fold(0u64, |acc, (a, b)| {
                ready(acc.wrapping_add(black_box(a ^ b)))
            }))
        }
        "anext_chain2" => {
            let it = anext::iter(0..black_box(n) / 2).chain(anext::iter(0..black_box(n) - n / 2));
            block_on(it.fold(0u64, |acc, x| acc.wrapping_add(black_box(x))))
        }
        "futures_chain2" => {
            let it = futures::stream::iter(0..black_box(n) / 2)
                .chain(futures::stream::iter(0..black_box(n) - n / 2));
            block_on(it.fold(0u64, |acc, x| ready(acc.wrapping_add(black_box(x)))))
        }
        "anext_flat_map" => {
            let it = anext::iter(0..black_box(n) / 4).flat_map(|x| anext::iter([x, x, x, x]));
            block_on(it.fold(0u64, |acc, x| acc.wrapping_add(black_box(x))))
        }
        "futures_flat_map" => {
            let it = futures::stream::iter(0..black_box(n) / 4)
                .flat_map(|x| futures::stream::iter([x, x, x, x]));
            block_on(it.fold(0u64, |acc, x| ready(acc.wrapping_add(black_box(x)))))
        }
        "anext_scan" => {
            let it = anext::iter(0..black_box(n)).scan(0u64, |s, x| {
                *s += x;
                Some(*s)
            });
            block_on(it.fold(0u64, |acc, x| acc.wrapping_add(black_box(x))))
        }
        "futures_scan" => {
            let it = futures::stream::iter(0..black_box(n)).scan(0u64, |s, x| {
                *s += x;
                ready(Some(*s))
            });
            block_on(it.fold(0u64, |acc, x| ready(acc.wrapping_add(black_box(x)))))
        }
        "anext_take_while" => {
            let it = anext::iter(0..black_box(n)).take_while(|x| *x < u64::MAX);
            block_on(it.fold(0u64, |acc, x| acc.wrapping_add(black_box(x))))
        }
        "futures_take_while" => {
            let it = futures::stream::iter(0..black_box(n)).take_while(|x| ready(*x < u64::MAX));
            block_on(it.fold(0u64, |acc, x| ready(acc.wrapping_add(black_box(x)))))
        }
        "anext_chunks" => {
            let it = anext::iter(0..black_box(n)).chunks(4);
            block_on(it.fold(0u64, |acc, c| acc.wrapping_add(black_box(c.len() as u64))))
        }
        "futures_chunks" => {
            let it = futures::stream::iter(0..black_box(n)).chunks(4);
            block_on(it.fold(0u64, |acc, c| {
                ready(acc.wrapping_add(black_box(c.len() as u64)))
            }))
        }
        "anext_buffer_unordered" => {
            let it = anext::iter(0..black_box(n))
                .map(|x| async move { x })
                .buffer_unordered(8);
            block_on(it.fold(0u64, |acc, x| acc.wrapping_add(black_box(x))))
        }
        "futures_buffer_unordered" => {
            let it = futures::stream::iter(0..black_box(n))
                .map(|x| async move { x })
                .buffer_unordered(8);
            block_on(it.fold(0u64, |acc, x| ready(acc.wrapping_add(black_box(x)))))
        }
        "anext_unfold" => {
            let it = anext::unfold(0u64, |i| async move { (i < n).then_some((i, i + 1)) });
            block_on(it.fold(0u64, |acc, x| acc.wrapping_add(black_box(x))))
        }
        "futures_unfold" => {
            let it =
                futures::stream::unfold(0u64, |i| async move { (i < n).then_some((i, i + 1)) });
            block_on(it.fold(0u64, |acc, x| ready(acc.wrapping_add(black_box(x)))))
        }
        "anext_peekable" => block_on(async {
            let mut it = core::pin::pin!(anext::iter(0..black_box(n)).peekable());
            let mut sum = 0u64;
            while it.as_mut().peek().await.is_some() {
                sum = sum.wrapping_add(black_box(it.next().await.unwrap()));
            }
            sum
        }),
        "futures_peekable" => block_on(async {
            let mut it = core::pin::pin!(futures::stream::iter(0..black_box(n)).peekable());
            let mut sum = 0u64;
            while it.as_mut().peek().await.is_some() {
                sum = sum.wrapping_add(black_box(it.next().await.unwrap()));
            }
            sum
        }),
        "anext_then_dyn" => drain(pin!(
            anext::iter(0..black_box(n)).then(|x| async move { x * 3 })
        )),
        "futures_then_dyn" => drain(pin!(FromStream(
            futures::stream::iter(0..black_box(n)).then(|x| async move { x * 3 })
        ))),
        "anext_filter_async_dyn" => drain(pin!(anext::iter(0..black_box(n)).filter_async(|x| {
            let keep = x % 2 == 0;
            async move { keep }
        }))),
        "futures_filter_async_dyn" => drain(pin!(FromStream(
            futures::stream::iter(0..black_box(n)).filter(|x| {
                let keep = x % 2 == 0;
                async move { keep }
            })
        ))),
        "anext_filter_map_async_dyn" => drain(pin!(
            anext::iter(0..black_box(n))
                .filter_map_async(|x| async move { (x % 2 == 0).then_some(x) })
        )),
        "futures_filter_map_async_dyn" => drain(pin!(FromStream(
            futures::stream::iter(0..black_box(n))
                .filter_map(|x| async move { (x % 2 == 0).then_some(x) })
        ))),
        "anext_map_dyn" => drain(pin!(anext::iter(0..black_box(n)).map(|x| x * 3))),
        "futures_map_dyn" => drain(pin!(FromStream(
            futures::stream::iter(0..black_box(n)).map(|x| x * 3)
        ))),
        "anext_peekable_dyn" => drain(pin!(anext::iter(0..black_box(n)).peekable())),
        "futures_peekable_dyn" => drain(pin!(FromStream(
            futures::stream::iter(0..black_box(n)).peekable()
        ))),
        other => panic!("unknown case {other}"),
    };
    black_box(result);
}
