//! Instructions per item of nightly Rust's `async gen` blocks, on the three bodies of
//! `anext_benches::gen_cases`, drained through `dyn` or inlined. Same CASE syntax as the `gen`
//! binary, implementation `async_gen`:
//!
//! ```text
//! benches/icount.sh nightly_gen async_gen/plain async_gen/plain/inline ...
//! benches/icount.sh nightly_gen all
//! ```
#![feature(async_iterator, gen_blocks)]

use core::async_iter::AsyncIterator;
use core::future::{Future, ready};
use core::pin::{Pin, pin};
use core::task::{Context, Poll, Waker};
use std::hint::black_box;

/// Pending once (waking its waker by reference), then ready: as in `gen_cases`.
struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();
    #[inline]
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

#[inline(never)]
fn drain(mut it: Pin<&mut dyn AsyncIterator<Item = u64>>) -> u64 {
    let mut cx = Context::from_waker(Waker::noop());
    let mut sum = 0u64;
    loop {
        match it.as_mut().poll_next(&mut cx) {
            Poll::Ready(Some(x)) => sum = sum.wrapping_add(x),
            Poll::Ready(None) => return sum,
            Poll::Pending => {}
        }
    }
}

#[inline(always)]
fn drain_inline<I: AsyncIterator<Item = u64>>(mut it: Pin<&mut I>) -> u64 {
    let mut cx = Context::from_waker(Waker::noop());
    let mut sum = 0u64;
    loop {
        match it.as_mut().poll_next(&mut cx) {
            Poll::Ready(Some(x)) => sum = sum.wrapping_add(black_box(x)),
            Poll::Ready(None) => return sum,
            Poll::Pending => {}
        }
    }
}

macro_rules! cases {
    ($finish:ident, $body:expr, $n:expr) => {{
        let n: u64 = $n;
        match $body {
            "plain" => $finish(pin!(async gen move {
                for i in 0..n {
                    yield i;
                }
            })),
            "ready" => $finish(pin!(async gen move {
                for i in 0..n {
                    let x = ready(i).await;
                    yield x;
                }
            })),
            "yield_once" => $finish(pin!(async gen move {
                for i in 0..n {
                    YieldOnce(false).await;
                    yield i;
                }
            })),
            other => panic!("unknown body {other}"),
        }
    }};
}

fn main() {
    let mut args = std::env::args().skip(1);
    let case = args
        .next()
        .expect("usage: nightly_gen async_gen/BODY[/inline] N");
    let n: u64 = args.next().expect("N").parse().expect("N is a number");
    let mut parts = case.split('/');
    assert_eq!(
        parts.next(),
        Some("async_gen"),
        "the only implementation is async_gen"
    );
    let body = parts.next().expect("CASE is async_gen/BODY[/inline]");
    let inline = match parts.next() {
        None => false,
        Some("inline") => true,
        Some(other) => panic!("unknown drain {other}"),
    };
    let sum = if black_box(inline) {
        cases!(drain_inline, black_box(body), black_box(n))
    } else {
        cases!(drain, black_box(body), black_box(n))
    };
    assert_eq!(sum, n * n.saturating_sub(1) / 2);
}
