//! Differential tests: every adapter, fed random inputs by a source that returns `Pending` on
//! a seeded random schedule (waking itself), yields exactly what the matching `std::iter`
//! adapter yields for the same input. Along the way, every `size_hint` is checked against the
//! true number of items still to come, and polling after `None` must keep returning `None`
//! (the driver requires `FusedAsyncIterator`, so the fused claim is checked at compile time
//! and at run time).
//!
//! A tiny seeded PRNG (`common::Rng`) instead of proptest keeps this fast under Miri.

mod common;

use anext::{AsyncIterator, AsyncIteratorExt, FusedAsyncIterator, block_on};
use common::{Rng, drain_checked};
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

const CASES: u64 = if cfg!(miri) { 6 } else { 400 };
const MAX_LEN: u64 = if cfg!(miri) { 12 } else { 40 };

/// A source over `items` that, before each answer, returns `Pending` (after waking itself)
/// with a seeded probability: the adversary every adapter must survive without losing,
/// duplicating or reordering items.
struct Flaky<T> {
    items: std::vec::IntoIter<T>,
    rng: Rng,
    pending_percent: u64,
    /// Returned `None` once: from then on `None` at once, as the fused contract asks.
    ended: bool,
}

impl<T> Flaky<T> {
    fn new(items: Vec<T>, rng: &mut Rng) -> Self {
        let pending_percent = rng.below(70);
        Flaky {
            items: items.into_iter(),
            rng: Rng::new(rng.next_u64()),
            pending_percent,
            ended: false,
        }
    }
}

impl<T> Unpin for Flaky<T> {}

impl<T> AsyncIterator for Flaky<T> {
    type Item = T;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let percent = self.pending_percent;
        if self.ended {
            return Poll::Ready(None);
        }
        if self.rng.chance(percent) {
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        let next = self.items.next();
        self.ended = next.is_none();
        Poll::Ready(next)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.items.size_hint()
    }
}

impl<T> FusedAsyncIterator for Flaky<T> {}

/// A future that returns `Pending` `delays` times (waking itself each time), then `value`.
struct Delayed<T> {
    delays: u32,
    value: Option<T>,
}

impl<T> Unpin for Delayed<T> {}

impl<T> Future for Delayed<T> {
    type Output = T;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        if self.delays > 0 {
            self.delays -= 1;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        Poll::Ready(self.value.take().expect("Delayed polled after completion"))
    }
}

fn delayed<T>(value: T, delays: u32) -> Delayed<T> {
    Delayed {
        delays,
        value: Some(value),
    }
}

/// One random case: the input and the parameters both pipelines share.
struct Case {
    input: Vec<u32>,
    other: Vec<u32>,
    n: usize,
    threshold: u32,
    rng: Rng,
}

impl Case {
    fn new(seed: u64) -> Self {
        let mut rng = Rng::new(seed);
        let len = rng.below(MAX_LEN) as usize;
        let input = (0..len).map(|_| rng.below(20) as u32).collect();
        let other_len = rng.below(MAX_LEN) as usize;
        let other = (0..other_len).map(|_| rng.below(20) as u32).collect();
        let n = rng.below(MAX_LEN / 2) as usize;
        let threshold = rng.below(20) as u32;
        Case {
            input,
            other,
            n,
            threshold,
            rng,
        }
    }
    fn source(&mut self) -> Flaky<u32> {
        Flaky::new(self.input.clone(), &mut self.rng)
    }
    fn other_source(&mut self) -> Flaky<u32> {
        Flaky::new(self.other.clone(), &mut self.rng)
    }
    /// A pseudo-random delay derived from the value, so both pipelines agree on it.
    fn delay_of(x: u32) -> u32 {
        (x * 7 + 3) % 5
    }
}

/// Runs `CASES` random cases through both pipelines and compares their outputs.
fn differential<A, S>(mut make_async: impl FnMut(&mut Case) -> A, make_std: impl Fn(&Case) -> S)
where
    A: FusedAsyncIterator,
    A::Item: PartialEq + core::fmt::Debug,
    S: Iterator<Item = A::Item>,
{
    for seed in 0..CASES {
        let mut case = Case::new(seed);
        let expected: Vec<A::Item> = make_std(&case).collect();
        let got = drain_checked(make_async(&mut case));
        assert_eq!(
            got, expected,
            "seed {seed}, input {:?}, n {}",
            case.input, case.n
        );
    }
}

#[test]
fn map_matches_std_map() {
    differential(
        |c| c.source().map(|x| x * 3),
        |c| c.input.clone().into_iter().map(|x| x * 3),
    );
}

#[test]
fn then_matches_std_map_with_delayed_futures() {
    differential(
        |c| c.source().then(|x| delayed(x + 1, Case::delay_of(x))),
        |c| c.input.clone().into_iter().map(|x| x + 1),
    );
}

#[test]
fn filter_matches_std_filter() {
    differential(
        |c| {
            let t = c.threshold;
            c.source().filter(move |x| *x < t)
        },
        |c| {
            let t = c.threshold;
            c.input.clone().into_iter().filter(move |x| *x < t)
        },
    );
}

#[test]
fn filter_async_matches_std_filter() {
    differential(
        |c| {
            let t = c.threshold;
            c.source()
                .filter_async(move |&x| delayed(x < t, Case::delay_of(x)))
        },
        |c| {
            let t = c.threshold;
            c.input.clone().into_iter().filter(move |x| *x < t)
        },
    );
}

#[test]
fn filter_map_matches_std_filter_map() {
    differential(
        |c| c.source().filter_map(|x| (x % 3 != 0).then_some(x * 2)),
        |c| {
            c.input
                .clone()
                .into_iter()
                .filter_map(|x| (x % 3 != 0).then_some(x * 2))
        },
    );
}

#[test]
fn filter_map_async_matches_std_filter_map() {
    differential(
        |c| {
            c.source()
                .filter_map_async(|x| delayed((x % 3 != 0).then_some(x * 2), x % 3))
        },
        |c| {
            c.input
                .clone()
                .into_iter()
                .filter_map(|x| (x % 3 != 0).then_some(x * 2))
        },
    );
}

#[test]
fn take_matches_std_take() {
    differential(
        |c| c.source().take(c.n),
        |c| c.input.clone().into_iter().take(c.n),
    );
}

#[test]
fn skip_matches_std_skip() {
    differential(
        |c| c.source().skip(c.n),
        |c| c.input.clone().into_iter().skip(c.n),
    );
}

#[test]
fn take_while_matches_std_take_while() {
    differential(
        |c| {
            let t = c.threshold;
            c.source().take_while(move |x| *x < t)
        },
        |c| {
            let t = c.threshold;
            c.input.clone().into_iter().take_while(move |x| *x < t)
        },
    );
}

#[test]
fn skip_while_matches_std_skip_while() {
    differential(
        |c| {
            let t = c.threshold;
            c.source().skip_while(move |x| *x < t)
        },
        |c| {
            let t = c.threshold;
            c.input.clone().into_iter().skip_while(move |x| *x < t)
        },
    );
}

#[test]
fn map_while_matches_std_map_while() {
    differential(
        |c| {
            let t = c.threshold;
            c.source().map_while(move |x| (x < t).then_some(x + 100))
        },
        |c| {
            let t = c.threshold;
            c.input
                .clone()
                .into_iter()
                .map_while(move |x| (x < t).then_some(x + 100))
        },
    );
}

#[test]
fn step_by_matches_std_step_by() {
    differential(
        |c| c.source().step_by(c.n + 1),
        |c| c.input.clone().into_iter().step_by(c.n + 1),
    );
}

#[test]
fn enumerate_matches_std_enumerate() {
    differential(
        |c| c.source().enumerate(),
        |c| c.input.clone().into_iter().enumerate(),
    );
}

#[test]
fn chain_matches_std_chain() {
    differential(
        |c| {
            let other = c.other_source();
            c.source().chain(other)
        },
        |c| c.input.clone().into_iter().chain(c.other.clone()),
    );
}

#[test]
fn zip_matches_std_zip() {
    differential(
        |c| {
            let other = c.other_source();
            c.source().zip(other)
        },
        |c| c.input.clone().into_iter().zip(c.other.clone()),
    );
}

#[test]
fn flat_map_matches_std_flat_map() {
    differential(
        |c| {
            let mut rng = Rng::new(c.rng.next_u64());
            c.source()
                .flat_map(move |x| Flaky::new(vec![x; (x % 4) as usize], &mut rng))
        },
        |c| {
            c.input
                .clone()
                .into_iter()
                .flat_map(|x| vec![x; (x % 4) as usize])
        },
    );
}

#[test]
#[allow(clippy::map_flatten)] // std's `flatten` is the reference here
fn flatten_matches_std_flatten() {
    differential(
        |c| {
            let mut rng = Rng::new(c.rng.next_u64());
            let inners: Vec<_> = c
                .input
                .iter()
                .map(|&x| Flaky::new(vec![x; (x % 4) as usize], &mut rng))
                .collect();
            Flaky::new(inners, &mut rng).flatten()
        },
        |c| {
            c.input
                .clone()
                .into_iter()
                .map(|x| vec![x; (x % 4) as usize])
                .flatten()
        },
    );
}

#[test]
fn fuse_matches_std_fuse() {
    differential(
        |c| c.source().fuse(),
        |c| c.input.clone().into_iter().fuse(),
    );
}

#[test]
fn peekable_with_peeks_matches_std_peekable() {
    // Peek before every other item: the peeked item must come out next, exactly once.
    differential(
        |c| {
            let mut peekable = Box::pin(c.source().peekable());
            let mut out = Vec::new();
            block_on(async {
                let mut flip = false;
                loop {
                    flip = !flip;
                    let peeked = if flip {
                        peekable.as_mut().peek().await.copied()
                    } else {
                        None
                    };
                    let Some(x) = peekable.next().await else {
                        break;
                    };
                    if flip {
                        assert_eq!(peeked, Some(x));
                    }
                    out.push(x);
                }
            });
            anext::iter(out)
        },
        |c| c.input.clone().into_iter().peekable(),
    );
}

#[test]
fn peekable_without_peeks_matches_std() {
    differential(
        |c| c.source().peekable(),
        |c| c.input.clone().into_iter().peekable(),
    );
}

#[test]
fn chunks_matches_std_slice_chunks() {
    differential(
        |c| c.source().chunks(c.n + 1),
        |c| {
            c.input
                .chunks(c.n + 1)
                .map(<[u32]>::to_vec)
                .collect::<Vec<_>>()
                .into_iter()
        },
    );
}

#[test]
fn ready_chunks_preserves_items_and_bounds_chunk_size() {
    differential(
        |c| {
            let size = c.n + 1;
            c.source()
                .ready_chunks(size)
                .inspect(move |chunk| {
                    assert!(
                        !chunk.is_empty() && chunk.len() <= size,
                        "chunk of {}",
                        chunk.len()
                    )
                })
                .flat_map(anext::iter)
        },
        |c| c.input.clone().into_iter(),
    );
}

#[test]
fn inspect_matches_std_inspect() {
    differential(
        |c| c.source().inspect(|_| {}),
        |c| c.input.clone().into_iter().inspect(|_| {}),
    );
}

#[test]
fn scan_matches_std_scan() {
    differential(
        |c| {
            let t = c.threshold;
            c.source().scan(0u32, move |sum, x| {
                *sum += x;
                (*sum < t * 5).then_some(*sum)
            })
        },
        |c| {
            let t = c.threshold;
            c.input.clone().into_iter().scan(0u32, move |sum, x| {
                *sum += x;
                (*sum < t * 5).then_some(*sum)
            })
        },
    );
}

#[test]
fn merge_yields_both_inputs_each_in_order() {
    // Tag each side, then check that un-merging gives back both inputs, each in order.
    for seed in 0..CASES {
        let mut case = Case::new(seed);
        let a = case.source().map(|x| (0, x));
        let b = case.other_source().map(|x| (1, x));
        let merged = drain_checked(a.merge(b));
        let side = |s| {
            merged
                .iter()
                .filter(|(t, _)| *t == s)
                .map(|(_, x)| *x)
                .collect::<Vec<_>>()
        };
        assert_eq!(side(0), case.input, "seed {seed}");
        assert_eq!(side(1), case.other, "seed {seed}");
    }
}

#[test]
fn buffered_matches_std_map_in_input_order() {
    differential(
        |c| {
            c.source()
                .map(|x| delayed(x * 2, Case::delay_of(x)))
                .buffered(c.n + 1)
        },
        |c| c.input.clone().into_iter().map(|x| x * 2),
    );
}

#[test]
fn buffer_unordered_yields_every_output_once() {
    for seed in 0..CASES {
        let mut case = Case::new(seed);
        let it = case
            .source()
            .map(|x| delayed(x * 2, Case::delay_of(x)))
            .buffer_unordered(case.n + 1);
        let mut got = drain_checked(it);
        got.sort_unstable();
        let mut expected: Vec<u32> = case.input.iter().map(|x| x * 2).collect();
        expected.sort_unstable();
        assert_eq!(got, expected, "seed {seed}");
    }
}

#[test]
fn for_each_concurrent_visits_every_item_once() {
    for seed in 0..CASES {
        let mut case = Case::new(seed);
        let seen = std::cell::RefCell::new(Vec::new());
        let it = case.source();
        block_on(it.for_each_concurrent(case.n + 1, |x| {
            let seen = &seen;
            async move {
                delayed((), Case::delay_of(x)).await;
                seen.borrow_mut().push(x);
            }
        }));
        let mut seen = seen.into_inner();
        seen.sort_unstable();
        let mut expected = case.input.clone();
        expected.sort_unstable();
        assert_eq!(seen, expected, "seed {seed}");
    }
}

#[test]
fn long_chain_matches_std_chain_of_adapters() {
    differential(
        |c| {
            let (n, t) = (c.n, c.threshold);
            c.source()
                .map(|x| x + 1)
                .filter(move |x| *x != t)
                .enumerate()
                .skip(1)
                .step_by(2)
                .map(|(i, x)| i as u32 + x)
                .take(n)
        },
        |c| {
            let t = c.threshold;
            c.input
                .clone()
                .into_iter()
                .map(|x| x + 1)
                .filter(move |x| *x != t)
                .enumerate()
                .skip(1)
                .step_by(2)
                .map(|(i, x)| i as u32 + x)
                .take(c.n)
        },
    );
}
