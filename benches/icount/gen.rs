//! Instructions per generator item, for `benches/icount.sh gen CASE...`.
//!
//! A CASE is `IMPLEMENTATION/BODY` (for example `anext/plain`; see
//! `anext_benches::gen_cases::{IMPLEMENTATIONS, BODIES}`); the binary drains one generator of
//! N items. All cases:
//!
//! ```text
//! benches/icount.sh gen anext/plain async_stream/plain genawaiter/plain unfold/plain hand/plain \
//!   anext/ready async_stream/ready genawaiter/ready unfold/ready hand/ready \
//!   anext/yield_once async_stream/yield_once genawaiter/yield_once unfold/yield_once hand/yield_once
//! ```

use std::hint::black_box;

fn main() {
    let mut args = std::env::args().skip(1);
    let case = args.next().expect("usage: gen IMPLEMENTATION/BODY N");
    let n: u64 = args
        .next()
        .expect("usage: gen IMPLEMENTATION/BODY N")
        .parse()
        .expect("N is a number");
    let (implementation, body) = case.split_once('/').expect("CASE is IMPLEMENTATION/BODY");
    let sum =
        anext_benches::gen_cases::run(black_box(implementation), black_box(body), black_box(n));
    assert_eq!(sum, n * n.saturating_sub(1) / 2);
}
