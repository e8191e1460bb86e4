//! The generator benchmark cases, shared by `benches/gen.rs` (criterion) and
//! `benches/icount/gen.rs` (instruction counts): each case builds one generator of `n` items
//! and drains it through `Pin<&mut dyn AsyncIterator>`, so every item costs one virtual
//! `poll_next` call, as in a real consumer that does not know the concrete type.
//!
//! Three bodies, each written for every implementation:
//!
//! - `plain`: `yield i`;
//! - `ready`: `let x = ready(i).await; yield x` (an await that never suspends);
//! - `yield_once`: `YieldOnce.await; yield i` (an await that suspends once and wakes itself,
//!   like `asyncio.sleep(0)`: every item costs a `Pending` and a second poll).

use core::future::{Future, ready};
use core::pin::{Pin, pin};
use core::task::{Context, Poll, Waker};

use anext::AsyncIterator;
use futures::Stream;

/// The implementations compared, in report order.
pub const IMPLEMENTATIONS: [&str; 6] = [
    "anext",
    "async_stream",
    "genawaiter",
    "unfold",
    "anext_unfold",
    "hand",
];
/// The bodies compared.
pub const BODIES: [&str; 3] = ["plain", "ready", "yield_once"];

/// Pending once (waking its waker by reference), then ready.
pub struct YieldOnce(bool);

impl YieldOnce {
    #[inline]
    pub fn new() -> Self {
        YieldOnce(false)
    }
}

impl Default for YieldOnce {
    fn default() -> Self {
        Self::new()
    }
}

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

/// Drains `it` with a no-op waker; returns the sum of the items (so nothing is optimized
/// away). Not inlined: the generator is only reachable through the vtable.
#[inline(never)]
pub fn drain(mut it: Pin<&mut dyn AsyncIterator<Item = u64>>) -> u64 {
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

/// Drains `it` in a loop the compiler sees whole (`poll_next` inlined into it): how generic
/// user code that knows the concrete type runs. Same result as [`drain`]. Each item goes
/// through `black_box`, so the loop cannot be replaced by a closed formula for the sum.
#[inline(always)]
pub fn drain_inline<I: AsyncIterator<Item = u64> + ?Sized>(mut it: Pin<&mut I>) -> u64 {
    let mut cx = Context::from_waker(Waker::noop());
    let mut sum = 0u64;
    loop {
        match it.as_mut().poll_next(&mut cx) {
            Poll::Ready(Some(x)) => sum = sum.wrapping_add(std::hint::black_box(x)),
            Poll::Ready(None) => return sum,
            Poll::Pending => {}
        }
    }
}

/// A `futures::Stream` seen as an [`AsyncIterator`] (the peers implement `Stream`).
pub struct FromStream<S>(pub S);

impl<S: Stream> AsyncIterator for FromStream<S> {
    type Item = S::Item;
    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<S::Item>> {
        // SAFETY: structural pinning of the only field; `FromStream` never moves it.
        unsafe { self.map_unchecked_mut(|s| &mut s.0) }.poll_next(cx)
    }
}

/// The hand-written async iterator: a counter, plus a flag for the `yield_once` body.
pub struct Hand {
    next: u64,
    end: u64,
    body: u8,
    suspended: bool,
}

impl AsyncIterator for Hand {
    type Item = u64;
    #[inline]
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u64>> {
        if self.next == self.end {
            return Poll::Ready(None);
        }
        match self.body {
            1 => {
                let i = self.next;
                self.next += 1;
                // `ready(i).await`, by hand
                let mut fut = pin!(ready(i));
                match fut.as_mut().poll(cx) {
                    Poll::Ready(x) => Poll::Ready(Some(x)),
                    Poll::Pending => unreachable!(),
                }
            }
            2 if !self.suspended => {
                self.suspended = true;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            _ => {
                self.suspended = false;
                let i = self.next;
                self.next += 1;
                Poll::Ready(Some(i))
            }
        }
    }
}

/// Runs one case: builds the generator `implementation` with body `body` and `n` items,
/// drains it through `dyn` ([`drain`]), or inlined ([`drain_inline`]) if `inline`, and
/// returns the sum. Panics on an unknown name.
pub fn run(implementation: &str, body: &str, n: u64, inline: bool) -> u64 {
    if inline {
        cases!(drain_inline, implementation, body, n)
    } else {
        cases!(drain, implementation, body, n)
    }
}

/// The cases, once per drain: each expansion has closure types of its own, so the dyn and the
/// inlined drain never share a generator's `poll` (a body polled from one place only is
/// inlined into it, as in a program that drains each generator in one loop).
macro_rules! cases {
    ($finish:ident, $implementation:expr, $body:expr, $n:expr) => {{
        let (implementation, body, n): (&str, &str, u64) = ($implementation, $body, $n);
        match (implementation, body) {
            ("anext", "plain") => $finish(pin!(anext::Gen::new(async move |mut co| {
                for i in 0..n {
                    co.yield_(i).await;
                }
            }))),
            ("anext", "ready") => $finish(pin!(anext::Gen::new(async move |mut co| {
                for i in 0..n {
                    let x = ready(i).await;
                    co.yield_(x).await;
                }
            }))),
            ("anext", "yield_once") => $finish(pin!(anext::Gen::new(async move |mut co| {
                for i in 0..n {
                    YieldOnce::new().await;
                    co.yield_(i).await;
                }
            }))),
            ("async_stream", "plain") => $finish(pin!(FromStream(async_stream::stream! {
                for i in 0..n {
                    yield i;
                }
            }))),
            ("async_stream", "ready") => $finish(pin!(FromStream(async_stream::stream! {
                for i in 0..n {
                    let x = ready(i).await;
                    yield x;
                }
            }))),
            ("async_stream", "yield_once") => $finish(pin!(FromStream(async_stream::stream! {
                for i in 0..n {
                    YieldOnce::new().await;
                    yield i;
                }
            }))),
            ("genawaiter", body) => {
                use genawaiter::stack::{Co, Gen, Shelf};
                let body = match body {
                    "plain" => 0,
                    "ready" => 1,
                    "yield_once" => 2,
                    _ => panic!("unknown body {body}"),
                };
                let mut shelf = Shelf::new();
                // SAFETY: `genawaiter`'s documented contract for `stack::Gen::new`: the producer
                // does not let its `Co` escape (it only yields), and the shelf outlives the
                // generator (both are locals of this block, the generator declared last).
                let generator = unsafe {
                    Gen::new(&mut shelf, move |co: Co<'_, u64>| async move {
                        for i in 0..n {
                            match body {
                                0 => {}
                                1 => {
                                    let x = ready(i).await;
                                    co.yield_(x).await;
                                    continue;
                                }
                                _ => YieldOnce::new().await,
                            }
                            co.yield_(i).await;
                        }
                    })
                };
                $finish(pin!(FromStream(generator)))
            }
            ("unfold", "plain") => $finish(pin!(FromStream(futures::stream::unfold(
                0,
                move |i| async move { (i < n).then_some((i, i + 1)) }
            )))),
            ("unfold", "ready") => $finish(pin!(FromStream(futures::stream::unfold(
                0,
                move |i| async move {
                    let x = ready(i).await;
                    (x < n).then_some((x, x + 1))
                }
            )))),
            ("unfold", "yield_once") => $finish(pin!(FromStream(futures::stream::unfold(
                0,
                move |i| async move {
                    YieldOnce::new().await;
                    (i < n).then_some((i, i + 1))
                }
            )))),
            ("anext_unfold", "plain") => $finish(pin!(anext::unfold(0, move |i| async move {
                (i < n).then_some((i, i + 1))
            }))),
            ("anext_unfold", "ready") => $finish(pin!(anext::unfold(0, move |i| async move {
                let x = ready(i).await;
                (x < n).then_some((x, x + 1))
            }))),
            ("anext_unfold", "yield_once") => {
                $finish(pin!(anext::unfold(0, move |i| async move {
                    YieldOnce::new().await;
                    (i < n).then_some((i, i + 1))
                })))
            }
            ("hand", body) => {
                let body = match body {
                    "plain" => 0,
                    "ready" => 1,
                    "yield_once" => 2,
                    _ => panic!("unknown body {body}"),
                };
                $finish(pin!(Hand {
                    next: 0,
                    end: n,
                    body,
                    suspended: false,
                }))
            }
            _ => panic!("unknown case {implementation}/{body}"),
        }
    }};
}
use cases;
