//! Instructions per generator item, for `benches/icount.sh gen CASE...`.
//!
//! A CASE is `IMPLEMENTATION/BODY` (for example `anext/plain`; see
//! `anext_benches::gen_cases::{IMPLEMENTATIONS, BODIES}`), drained through
//! `Pin<&mut dyn AsyncIterator>`, or `IMPLEMENTATION/BODY/inline`, drained by a loop into which
//! `poll_next` is inlined; the binary drains one generator of N items. `benches/icount.sh gen
//! all` runs every implementation, body and drain (the six scenarios of each peer):
//!
//! ```text
//! benches/icount.sh gen all
//! benches/icount.sh gen anext/plain anext/plain/inline async_stream/plain/inline
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
    let mut parts = case.split('/');
    let (implementation, body) = match (parts.next(), parts.next()) {
        (Some(implementation), Some(body)) => (implementation, body),
        _ => panic!("CASE is IMPLEMENTATION/BODY or IMPLEMENTATION/BODY/inline"),
    };
    let inline = match parts.next() {
        None => false,
        Some("inline") => true,
        Some(other) => panic!("unknown drain {other}: write IMPLEMENTATION/BODY/inline"),
    };
    let sum = anext_benches::gen_cases::run(
        black_box(implementation),
        black_box(body),
        black_box(n),
        black_box(inline),
    );
    assert_eq!(sum, n * n.saturating_sub(1) / 2);
}
