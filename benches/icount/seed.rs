//! Instruction counts for the seed's claim that per-item awaits add overhead when the work is
//! tiny and already in memory. Run with `benches/icount.sh seed CASE...`; each case sums N
//! numbers:
//!
//! - `vec-loop`: a plain `for` loop over a `Vec` (no async at all);
//! - `iter-stream`: the same `Vec` through `anext::iter(..).fold(..)` under `block_on`: async
//!   in form, but every poll is ready, so no suspension;
//! - `yielding-stream`: an `unfold` whose every step awaits a future that returns `Pending`
//!   once (Python's `await asyncio.sleep(0)`): a real suspension and resumption per item.

use anext::{AsyncIteratorExt, block_on, iter, unfold};
use std::hint::black_box;

fn main() {
    let mut args = std::env::args().skip(1);
    let case = args.next().expect("usage: seed CASE N");
    let n: u64 = args
        .next()
        .and_then(|n| n.parse().ok())
        .expect("usage: seed CASE N");
    let data: Vec<u64> = (0..n).collect();
    let sum = match case.as_str() {
        "vec-loop" => {
            let mut sum = 0u64;
            for x in black_box(&data) {
                sum = sum.wrapping_add(black_box(*x));
            }
            sum
        }
        "iter-stream" => {
            block_on(iter(black_box(&data)).fold(0u64, |sum, x| sum.wrapping_add(black_box(*x))))
        }
        "yielding-stream" => {
            let items = unfold(0usize, |i| {
                let item = data.get(i).copied();
                async move {
                    anext::yield_now().await;
                    item.map(|x| (x, i + 1))
                }
            });
            block_on(items.fold(0u64, |sum, x| sum.wrapping_add(black_box(x))))
        }
        other => panic!("unknown case {other}"),
    };
    black_box(sum);
}
