//! Instruction counts per ping-pong round trip for `benches/icount.sh pingpong CASE...`:
//! runs `anext_benches::pingpong_cases::run(CASE, N)` (see that module for the cases).
//!
//! Run: `benches/icount.sh pingpong anext tokio_futures_mpsc tokio_tokio_mpsc
//! anext_channel_alone futures_mpsc_alone`

use std::hint::black_box;

fn main() {
    let mut args = std::env::args().skip(1);
    let case = args.next().expect("usage: pingpong CASE N");
    let n: u64 = args
        .next()
        .and_then(|s| s.parse().ok())
        .expect("usage: pingpong CASE N");
    let sum = anext_benches::pingpong_cases::run(black_box(&case), black_box(n));
    assert_eq!(
        sum,
        n * n.saturating_sub(1) / 2,
        "every number came back once"
    );
    black_box(sum);
}
