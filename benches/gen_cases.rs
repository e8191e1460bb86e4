//! The generator benchmark cases, shared by `benches/gen.rs` (criterion) and
//! `benches/icount/gen.rs` (instruction counts): each case builds one generator of `n` items
//! and drains it one of two ways:
//!
//! - through `Pin<&mut dyn AsyncIterator>` ([`run`], [`drain`]): every item costs one virtual
//!   `poll_next` call, as in a consumer that does not know the concrete type;
//! - inlined ([`run_inlined`], [`drain_inlined`]): the generator is built in the drain's own
//!   frame and the loop is generic over its type, so the optimiser may inline `poll_next`
//!   into the loop and keep the generator's fields in registers, as in most user code (an
//!   `async fn` that pins a generator and runs `while let Some(x) = it.next().await`).
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
use std::hint::black_box;

use anext::AsyncIterator;
use futures::Stream;

/// The implementations compared, in report order: `anext` is the closure API
/// (`Gen::new(async |mut co| ..)`), `anext_macro` the `gen!` macro, `anext_unfold` anext's
/// `unfold`, `unfold` futures' `unfold`, `hand` a hand-written `poll_next`.
pub const IMPLEMENTATIONS: [&str; 7] = [
    "anext",
    "anext_macro",
    "anext_unfold",
    "async_stream",
    "genawaiter",
    "unfold",
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

/// Drains `it` with a no-op waker; returns the sum of the items. Each item goes through
/// `black_box`, so the optimiser can neither drop the work nor fold the loop into a closed
/// form. Not inlined: the generator is only reachable through the vtable.
#[inline(never)]
pub fn drain(mut it: Pin<&mut dyn AsyncIterator<Item = u64>>) -> u64 {
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

/// Builds a generator with `make` and drains it with [`drain`], through `dyn`.
#[inline(always)]
pub fn build_and_drain<I: AsyncIterator<Item = u64>>(make: impl FnOnce() -> I) -> u64 {
    drain(pin!(make()))
}

/// Builds a generator with `make` in its own frame and drains it like [`drain`], but with a
/// loop generic over the generator's type: one copy per generator type, with `poll_next`
/// inlined into it where the optimiser sees fit, and the generator a local whose address
/// only this function knows (as in an `async fn` that pins a generator and loops over it).
/// The `black_box` on each item keeps the optimiser from summing a counter in closed form.
/// Not inlined itself, so each case's loop stays one function.
#[inline(never)]
pub fn drain_inlined<I: AsyncIterator<Item = u64>>(make: impl FnOnce() -> I) -> u64 {
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

/// The cases, written once for both drains: `$drain` is `build_and_drain` or `drain_inlined`.
macro_rules! cases {
    ($drain:ident, $implementation:expr, $body:expr, $n:expr) => {{
        let (implementation, body, n): (&str, &str, u64) = ($implementation, $body, $n);
        match (implementation, body) {
            ("anext", "plain") => $drain(move || {
                anext::Gen::new(async move |mut co| {
                    for i in 0..n {
                        co.yield_(i).await;
                    }
                })
            }),
            ("anext", "ready") => $drain(move || {
                anext::Gen::new(async move |mut co| {
                    for i in 0..n {
                        let x = ready(i).await;
                        co.yield_(x).await;
                    }
                })
            }),
            ("anext", "yield_once") => $drain(move || {
                anext::Gen::new(async move |mut co| {
                    for i in 0..n {
                        YieldOnce::new().await;
                        co.yield_(i).await;
                    }
                })
            }),
            ("anext_macro", "plain") => $drain(move || {
                anext::r#gen! {
                    for i in 0..n {
                        yield i;
                    }
                }
            }),
            ("anext_macro", "ready") => $drain(move || {
                anext::r#gen! {
                    for i in 0..n {
                        let x = ready(i).await;
                        yield x;
                    }
                }
            }),
            ("anext_macro", "yield_once") => $drain(move || {
                anext::r#gen! {
                    for i in 0..n {
                        YieldOnce::new().await;
                        yield i;
                    }
                }
            }),
            ("anext_unfold", "plain") => $drain(move || {
                anext::unfold(0, move |i| async move { (i < n).then_some((i, i + 1)) })
            }),
            ("anext_unfold", "ready") => $drain(move || {
                anext::unfold(0, move |i| async move {
                    let x = ready(i).await;
                    (x < n).then_some((x, x + 1))
                })
            }),
            ("anext_unfold", "yield_once") => $drain(move || {
                anext::unfold(0, move |i| async move {
                    YieldOnce::new().await;
                    (i < n).then_some((i, i + 1))
                })
            }),
            ("async_stream", "plain") => $drain(move || {
                FromStream(async_stream::stream! {
                    for i in 0..n {
                        yield i;
                    }
                })
            }),
            ("async_stream", "ready") => $drain(move || {
                FromStream(async_stream::stream! {
                    for i in 0..n {
                        let x = ready(i).await;
                        yield x;
                    }
                })
            }),
            ("async_stream", "yield_once") => $drain(move || {
                FromStream(async_stream::stream! {
                    for i in 0..n {
                        YieldOnce::new().await;
                        yield i;
                    }
                })
            }),
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
                // generator (the shelf is a local of this block, the generator lives in the
                // drain call within it).
                $drain(|| {
                    FromStream(unsafe {
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
                    })
                })
            }
            ("unfold", "plain") => $drain(move || {
                FromStream(futures::stream::unfold(0, move |i| async move {
                    (i < n).then_some((i, i + 1))
                }))
            }),
            ("unfold", "ready") => $drain(move || {
                FromStream(futures::stream::unfold(0, move |i| async move {
                    let x = ready(i).await;
                    (x < n).then_some((x, x + 1))
                }))
            }),
            ("unfold", "yield_once") => $drain(move || {
                FromStream(futures::stream::unfold(0, move |i| async move {
                    YieldOnce::new().await;
                    (i < n).then_some((i, i + 1))
                }))
            }),
            ("hand", body) => {
                let body = match body {
                    "plain" => 0,
                    "ready" => 1,
                    "yield_once" => 2,
                    _ => panic!("unknown body {body}"),
                };
                $drain(move || Hand {
                    next: 0,
                    end: n,
                    body,
                    suspended: false,
                })
            }
            _ => panic!("unknown case {implementation}/{body}"),
        }
    }};
}

/// Runs one case: builds the generator `implementation` with body `body` and `n` items,
/// drains it through `dyn` ([`build_and_drain`]), and returns the sum. Panics on an unknown name.
pub fn run(implementation: &str, body: &str, n: u64) -> u64 {
    cases!(build_and_drain, implementation, body, n)
}

/// Runs one case like [`run`], but drains it with [`drain_inlined`].
pub fn run_inlined(implementation: &str, body: &str, n: u64) -> u64 {
    cases!(drain_inlined, implementation, body, n)
}
