//! Instructions per generator item, for `benches/icount.sh gen CASE...`.
//!
//! A CASE is `IMPLEMENTATION/BODY` (drained through `dyn AsyncIterator`) or
//! `IMPLEMENTATION/BODY/inline` (drained by a loop generic over the generator's type); see
//! `anext_benches::gen_cases::{IMPLEMENTATIONS, BODIES}`. The binary drains one generator of
//! N items. For example:
//!
//! ```text
//! benches/icount.sh gen anext/plain async_stream/plain anext/plain/inline async_stream/plain/inline
//! ```
//!
//! `benches/report.sh` runs every case.

use std::hint::black_box;

fn main() {
    let mut args = std::env::args().skip(1);
    let case = args
        .next()
        .expect("usage: gen IMPLEMENTATION/BODY[/inline] N");
    let n: u64 = args
        .next()
        .expect("usage: gen IMPLEMENTATION/BODY[/inline] N")
        .parse()
        .expect("N is a number");
    let mut parts = case.split('/');
    let (Some(implementation), Some(body)) = (parts.next(), parts.next()) else {
        panic!("CASE is IMPLEMENTATION/BODY[/inline], not {case:?}");
    };
    let run = match parts.next() {
        None => anext_benches::gen_cases::run,
        Some("inline") => anext_benches::gen_cases::run_inlined,
        Some(other) => panic!("unknown drain {other:?}: the third part is `inline` or nothing"),
    };
    let sum = run(black_box(implementation), black_box(body), black_box(n));
    assert_eq!(sum, n * n.saturating_sub(1) / 2);
}
