//! Nightly `async gen` blocks on the generator benchmark's three bodies, drained the same two
//! ways as `benches/gen_cases.rs` (through `dyn`, and inlined with the generator built in the
//! drain's own frame), for `benches/report.sh`, which counts instructions with callgrind:
//!
//! ```text
//! cargo +nightly build --release --manifest-path benches/nightly/Cargo.toml
//! anext-nightly-bench async_gen/plain/inline 100000
//! ```
//!
//! A CASE is `async_gen/BODY` or `async_gen/BODY/inline`, BODY one of `plain`, `ready`,
//! `yield_once`. The drains and `YieldOnce` are copies of the stable ones: this crate has no
//! dependencies, so that it builds on any nightly without the stable workspace.
#![feature(gen_blocks, async_iterator)]

use core::async_iter::AsyncIterator;
use core::future::{Future, ready};
use core::pin::{Pin, pin};
use core::task::{Context, Poll, Waker};
use std::hint::black_box;

/// Pending once (waking its waker by reference), then ready.
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

/// Drains `it` through the vtable; every item goes through `black_box`.
#[inline(never)]
fn drain(mut it: Pin<&mut dyn AsyncIterator<Item = u64>>) -> u64 {
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

/// Builds the generator here and drains it through `dyn`.
#[inline(always)]
fn build_and_drain<I: AsyncIterator<Item = u64>>(make: impl FnOnce() -> I) -> u64 {
    drain(pin!(make()))
}

/// Builds the generator in this frame and drains it with a loop generic over its type.
#[inline(never)]
fn drain_inlined<I: AsyncIterator<Item = u64>>(make: impl FnOnce() -> I) -> u64 {
    let mut it = pin!(make());
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

/// The three bodies, written once for both drains.
macro_rules! cases {
    ($drain:ident, $body:expr, $n:expr) => {{
        let n: u64 = $n;
        match $body {
            "plain" => $drain(move || async gen move {
                for i in 0..n {
                    yield i;
                }
            }),
            "ready" => $drain(move || async gen move {
                for i in 0..n {
                    let x = ready(i).await;
                    yield x;
                }
            }),
            "yield_once" => $drain(move || async gen move {
                for i in 0..n {
                    YieldOnce(false).await;
                    yield i;
                }
            }),
            other => panic!("unknown body {other:?}"),
        }
    }};
}

fn main() {
    let mut args = std::env::args().skip(1);
    let case = args
        .next()
        .expect("usage: anext-nightly-bench async_gen/BODY[/inline] N");
    let n: u64 = args
        .next()
        .and_then(|n| n.parse().ok())
        .expect("usage: anext-nightly-bench async_gen/BODY[/inline] N");
    let parts: Vec<&str> = case.split('/').collect();
    let sum = match parts[..] {
        ["async_gen", body] => cases!(build_and_drain, black_box(body), black_box(n)),
        ["async_gen", body, "inline"] => cases!(drain_inlined, black_box(body), black_box(n)),
        _ => panic!("CASE is async_gen/BODY[/inline], not {case:?}"),
    };
    assert_eq!(sum, n * n.saturating_sub(1) / 2);
}
