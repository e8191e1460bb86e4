//! anext's adapters against `futures`' `StreamExt` / `TryStreamExt` on the same seeded inputs:
//! both pipelines read the same `Stutter` source (the futures side through `IntoStream`), so
//! they see the same items and the same `Pending`s. The anext side is drained by
//! `drain_checked`, which also checks `size_hint` and fusing.
//!
//! For the unordered adapters (`select_all`, `flatten_unordered`) the interleaving is each
//! crate's own: the outputs are compared as multisets, and each source's order is checked.

#[path = "../../tests/common/mod.rs"]
mod common;

use anext::AsyncIteratorExt;
use anext::compat::IntoStream;
use common::{Rng, Stutter, drain_checked, scaled};
use futures::{StreamExt, TryStreamExt};

fn cases() -> impl Iterator<Item = (u64, Rng)> {
    (0..scaled(300) as u64).map(|seed| (seed, Rng::new(seed)))
}

/// The same input as an anext source and as a futures stream, with the same `Pending`s.
fn both<T: Clone>(items: &[T], seed: u64) -> (Stutter<T>, IntoStream<Stutter<T>>) {
    (
        Stutter::new(items.to_vec(), seed),
        IntoStream::new(Stutter::new(items.to_vec(), seed)),
    )
}

fn run<S: futures::Stream>(stream: S) -> Vec<S::Item> {
    futures::executor::block_on(stream.collect())
}

/// Items and errors: one in six is an `Err`.
fn results(rng: &mut Rng) -> Vec<Result<i32, String>> {
    let len = rng.below(30);
    (0..len)
        .map(|i| {
            if rng.chance(16) {
                Err(format!("e{i}"))
            } else {
                Ok(rng.below(20) as i32)
            }
        })
        .collect()
}

#[test]
fn take_until_matches_futures() {
    for (seed, mut rng) in cases() {
        let input = rng.vec(30);
        let stop_after = rng.below(8) as u32;
        let stop = || {
            let mut polls = 0;
            core::future::poll_fn(move |cx| {
                polls += 1;
                if polls > stop_after {
                    return core::task::Poll::Ready(());
                }
                cx.waker().wake_by_ref();
                core::task::Poll::Pending
            })
        };
        let (ours, theirs) = both(&input, seed);
        assert_eq!(
            drain_checked(ours.take_until(stop())),
            run(theirs.take_until(stop())),
            "seed {seed}"
        );
    }
}

#[test]
fn unzip_and_concat_match_futures() {
    for (seed, mut rng) in cases() {
        let pairs: Vec<(i32, i32)> = rng.vec(30).into_iter().map(|x| (x, -x)).collect();
        let (ours, theirs) = both(&pairs, seed);
        let ours: (Vec<i32>, Vec<i32>) = anext::block_on(ours.unzip());
        let theirs: (Vec<i32>, Vec<i32>) = futures::executor::block_on(theirs.unzip());
        assert_eq!(ours, theirs, "seed {seed}");

        let chunks: Vec<Vec<i32>> = (0..rng.below(6)).map(|_| rng.vec(4)).collect();
        let (ours, theirs) = both(&chunks, seed);
        assert_eq!(
            anext::block_on(ours.concat()),
            futures::executor::block_on(theirs.concat()),
            "seed {seed}"
        );
    }
}

#[test]
fn try_next_matches_futures() {
    for (seed, mut rng) in cases() {
        let input = results(&mut rng);
        let (mut ours, mut theirs) = both(&input, seed);
        let mut got = Vec::new();
        let mut want = Vec::new();
        for _ in 0..=input.len() {
            got.push(anext::block_on(ours.try_next()));
            want.push(futures::executor::block_on(theirs.try_next()));
        }
        assert_eq!(got, want, "seed {seed}");
    }
}

#[test]
fn map_ok_and_map_err_match_futures() {
    for (seed, mut rng) in cases() {
        let input = results(&mut rng);
        let (ours, theirs) = both(&input, seed);
        assert_eq!(
            drain_checked(ours.map_ok(|x| x * 2).map_err(|e| e.len())),
            run(theirs.map_ok(|x| x * 2).map_err(|e| e.len())),
            "seed {seed}"
        );
    }
}

#[test]
fn and_then_matches_futures() {
    for (seed, mut rng) in cases() {
        let input = results(&mut rng);
        // Odd values fail in the step; the step yields once before answering.
        let step = |x: i32| async move {
            anext::time::yield_now().await;
            if x % 2 == 0 {
                Ok(x / 2)
            } else {
                Err(format!("odd {x}"))
            }
        };
        let (ours, theirs) = both(&input, seed);
        assert_eq!(
            drain_checked(ours.and_then(step)),
            run(theirs.and_then(step)),
            "seed {seed}"
        );
    }
}

#[test]
fn try_filter_matches_futures() {
    for (seed, mut rng) in cases() {
        let input = results(&mut rng);
        let threshold = rng.below(20) as i32 - 5;
        let keep = move |x: &i32| {
            let keep = *x > threshold;
            async move {
                anext::time::yield_now().await;
                keep
            }
        };
        let (ours, theirs) = both(&input, seed);
        assert_eq!(
            drain_checked(ours.try_filter(keep)),
            run(theirs.try_filter(keep)),
            "seed {seed}"
        );
    }
}

#[test]
fn catch_unwind_matches_futures() {
    for (seed, mut rng) in cases() {
        let input = rng.vec(20);
        let bad = rng.below(25) as usize; // may be past the end: no panic then
        let (ours, theirs) = both(&input, seed);
        let explode = move |(i, x): (usize, i32)| {
            if i == bad {
                panic!("item {i}");
            }
            x
        };
        let ours: Vec<_> = drain_checked(ours.enumerate().map(explode).catch_unwind())
            .into_iter()
            .map(|r| r.map_err(|p| *p.downcast::<String>().unwrap()))
            .collect();
        let theirs: Vec<_> =
            run(std::panic::AssertUnwindSafe(theirs.enumerate().map(explode)).catch_unwind())
                .into_iter()
                .map(|r| r.map_err(|p| *p.downcast::<String>().unwrap()))
                .collect();
        assert_eq!(ours, theirs, "seed {seed}");
    }
}

#[test]
fn next_if_eq_matches_futures() {
    for (seed, mut rng) in cases() {
        let input: Vec<i32> = rng.vec(20).into_iter().map(|x| x % 3).collect();
        let (ours, theirs) = both(&input, seed);
        let ours = anext::block_on(async {
            let mut it = core::pin::pin!(ours.peekable());
            let mut out = Vec::new();
            loop {
                let zero = it.as_mut().next_if_eq(&0).await;
                let next = it.next().await;
                out.push((zero, next));
                if next.is_none() {
                    return out;
                }
            }
        });
        let theirs = futures::executor::block_on(async {
            let mut it = core::pin::pin!(theirs.peekable());
            let mut out = Vec::new();
            loop {
                let zero = it.as_mut().next_if_eq(&0).await;
                let next = it.next().await;
                out.push((zero, next));
                if next.is_none() {
                    return out;
                }
            }
        });
        assert_eq!(ours, theirs, "seed {seed}");
    }
}

/// Random tagged sources: source `s` yields `(s, 0), (s, 1), ...`.
fn tagged_sources(rng: &mut Rng) -> Vec<Vec<(usize, usize)>> {
    (0..rng.below(6) as usize)
        .map(|s| (0..rng.below(8) as usize).map(|i| (s, i)).collect())
        .collect()
}

/// Same multiset, and each source's items in their own order.
fn assert_same_unordered(
    mut ours: Vec<(usize, usize)>,
    mut theirs: Vec<(usize, usize)>,
    seed: u64,
) {
    for s in 0..8 {
        let order: Vec<_> = ours
            .iter()
            .filter(|(t, _)| *t == s)
            .map(|(_, i)| *i)
            .collect();
        assert!(
            order.is_sorted(),
            "seed {seed}: source {s} reordered: {order:?}"
        );
    }
    ours.sort();
    theirs.sort();
    assert_eq!(ours, theirs, "seed {seed}");
}

#[test]
fn select_all_yields_what_futures_select_all_yields() {
    for (seed, mut rng) in cases() {
        let sources = tagged_sources(&mut rng);
        let ours = drain_checked(anext::iter::select_all(
            sources
                .iter()
                .enumerate()
                .map(|(s, v)| Stutter::new(v.clone(), seed + s as u64)),
        ));
        let theirs =
            run(futures::stream::select_all(sources.iter().enumerate().map(
                |(s, v)| IntoStream::new(Stutter::new(v.clone(), seed + s as u64)),
            )));
        assert_same_unordered(ours, theirs, seed);
    }
}

#[test]
fn flatten_unordered_yields_what_futures_flatten_unordered_yields() {
    for (seed, mut rng) in cases() {
        let sources = tagged_sources(&mut rng);
        let limit = 1 + rng.below(4) as usize;
        let ours = drain_checked(
            Stutter::new(sources.clone(), seed)
                .flat_map_unordered(limit, move |v| Stutter::new(v, seed)),
        );
        let theirs = run(IntoStream::new(Stutter::new(sources.clone(), seed))
            .flat_map_unordered(limit, move |v| IntoStream::new(Stutter::new(v, seed))));
        assert_same_unordered(ours, theirs, seed);
    }
}

#[test]
fn flatten_unordered_never_drains_more_than_limit_inner_iterators_at_once() {
    use std::cell::Cell;
    use std::rc::Rc;
    for (seed, mut rng) in cases() {
        let sources = tagged_sources(&mut rng);
        let limit = 1 + rng.below(3) as usize;
        let live = Rc::new(Cell::new(0usize));
        let most = Rc::new(Cell::new(0usize));
        let (live2, most2) = (live.clone(), most.clone());
        let inner = move |v: Vec<(usize, usize)>| {
            live2.set(live2.get() + 1);
            most2.set(most2.get().max(live2.get()));
            let guard = Guard(live2.clone());
            Stutter::new(v, seed).map(move |x| {
                let _ = &guard;
                x
            })
        };
        drain_checked(Stutter::new(sources, seed).flat_map_unordered(limit, inner));
        assert!(most.get() <= limit, "seed {seed}: {} > {limit}", most.get());
        assert_eq!(live.get(), 0);
    }

    struct Guard(Rc<Cell<usize>>);
    impl Drop for Guard {
        fn drop(&mut self) {
            self.0.set(self.0.get() - 1);
        }
    }
}
