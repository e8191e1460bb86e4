//! Every consumer against its `std::iter` twin, on random inputs whose source returns
//! `Pending` at random points (so each consumer is resumed mid-way), plus bad input.

mod common;

use anext::{AsyncIteratorExt, block_on, iter};
use common::{Rng, Stutter, scaled};
use std::collections::{BTreeSet, VecDeque};

/// Runs `check(items, seed)` on many random inputs.
fn for_random_inputs(mut check: impl FnMut(Vec<i32>, u64)) {
    let mut rng = Rng::new(0xA5);
    for seed in 0..scaled(300) as u64 {
        check(rng.vec(10), seed);
    }
}

#[test]
fn collect_matches_std_for_any_default_extend() {
    for_random_inputs(|v, seed| {
        let got: Vec<i32> = block_on(Stutter::new(v.clone(), seed).collect());
        assert_eq!(got, v);
        let got: BTreeSet<i32> = block_on(Stutter::new(v.clone(), seed).collect());
        assert_eq!(got, v.iter().copied().collect::<BTreeSet<_>>());
        let got: VecDeque<i32> = block_on(Stutter::new(v.clone(), seed).collect());
        assert_eq!(got, v.iter().copied().collect::<VecDeque<_>>());
    });
}

#[test]
fn fold_matches_std() {
    for_random_inputs(|v, seed| {
        let f = |acc: Vec<i32>, x| [acc, vec![x]].concat();
        assert_eq!(
            block_on(Stutter::new(v.clone(), seed).fold(vec![], f)),
            v.into_iter().fold(vec![], f)
        );
    });
}

#[test]
fn for_each_matches_std() {
    for_random_inputs(|v, seed| {
        let mut seen = vec![];
        block_on(Stutter::new(v.clone(), seed).for_each(|x| seen.push(x)));
        assert_eq!(seen, v);
    });
}

#[test]
fn count_last_match_std() {
    for_random_inputs(|v, seed| {
        assert_eq!(block_on(Stutter::new(v.clone(), seed).count()), v.len());
        assert_eq!(
            block_on(Stutter::new(v.clone(), seed).last()),
            v.last().copied()
        );
    });
}

#[test]
fn nth_matches_std_and_leaves_the_rest() {
    for_random_inputs(|v, seed| {
        let n = (seed % 12) as usize;
        let mut ours = Stutter::new(v.clone(), seed);
        let mut theirs = v.into_iter();
        assert_eq!(block_on(ours.nth(n)), theirs.nth(n));
        assert_eq!(block_on(ours.nth(1)), theirs.nth(1));
        assert_eq!(
            block_on(ours.collect::<Vec<_>>()),
            theirs.collect::<Vec<_>>()
        );
    });
}

#[test]
fn nth_usize_max_ends_cleanly() {
    let mut it = iter(0..10);
    assert_eq!(block_on(it.nth(usize::MAX)), None);
    assert_eq!(block_on(it.next()), None);
}

#[test]
fn any_all_match_std_and_stop_early() {
    for_random_inputs(|v, seed| {
        let mut ours = Stutter::new(v.clone(), seed);
        let mut theirs = v.clone().into_iter();
        assert_eq!(block_on((&mut ours).any(|x| x > 5)), theirs.any(|x| x > 5));
        assert_eq!(
            block_on(ours.collect::<Vec<_>>()),
            theirs.collect::<Vec<_>>()
        );

        let mut ours = Stutter::new(v.clone(), seed);
        let mut theirs = v.into_iter();
        assert_eq!(block_on((&mut ours).all(|x| x < 5)), theirs.all(|x| x < 5));
        assert_eq!(
            block_on(ours.collect::<Vec<_>>()),
            theirs.collect::<Vec<_>>()
        );
    });
}

#[test]
fn try_fold_matches_std() {
    for_random_inputs(|v, seed| {
        let f = |acc: i32, x: i32| if x == 7 { Err(acc) } else { Ok(acc + x) };
        let mut ours = Stutter::new(v.clone(), seed);
        let mut theirs = v.into_iter();
        assert_eq!(block_on((&mut ours).try_fold(0, f)), theirs.try_fold(0, f));
        assert_eq!(
            block_on(ours.collect::<Vec<_>>()),
            theirs.collect::<Vec<_>>()
        );
    });
}

#[test]
fn try_for_each_matches_std() {
    for_random_inputs(|v, seed| {
        let f = |x: i32| if x < -3 { Err(x) } else { Ok(()) };
        let mut ours = Stutter::new(v.clone(), seed);
        let mut theirs = v.into_iter();
        assert_eq!(
            block_on((&mut ours).try_for_each(f)),
            theirs.try_for_each(f)
        );
        assert_eq!(
            block_on(ours.collect::<Vec<_>>()),
            theirs.collect::<Vec<_>>()
        );
    });
}

#[test]
fn try_collect_matches_std() {
    for_random_inputs(|v, seed| {
        let items: Vec<Result<i32, i32>> = v
            .iter()
            .map(|&x| if x == 9 { Err(x) } else { Ok(x) })
            .collect();
        let ours: Result<Vec<i32>, i32> = block_on(Stutter::new(items.clone(), seed).try_collect());
        let theirs: Result<Vec<i32>, i32> = items.into_iter().collect();
        assert_eq!(ours, theirs);
    });
}

#[test]
fn next_or_is_pythons_anext_with_default() {
    let mut it = Stutter::new(vec![1], 3);
    assert_eq!(block_on(it.next_or(-1)), 1);
    assert_eq!(block_on(it.next_or(-1)), -1);
}

#[test]
#[should_panic(expected = "`Collect` polled after it completed")]
fn collect_polled_after_completion_panics_with_its_name() {
    let mut fut = anext::testing::probe(iter([1]).collect::<Vec<_>>());
    anext::assert_ready_eq!(fut.poll(), [1]);
    let _ = fut.poll();
}

#[test]
fn fold_is_left_completed_when_its_closure_panics() {
    use core::future::Future;
    use core::task::{Context, Waker};
    let mut fut = Box::pin(iter([1, 2]).fold(0, |_, _| -> i32 { panic!("inside fold") }));
    let mut cx = Context::from_waker(Waker::noop());
    let first =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| fut.as_mut().poll(&mut cx)));
    assert!(first.is_err());
    let second =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| fut.as_mut().poll(&mut cx)));
    let message = second.unwrap_err();
    assert_eq!(
        message.downcast_ref::<String>().map(String::as_str),
        Some("`Fold` polled after it completed")
    );
}

#[test]
fn consumers_never_poll_a_stream_more_than_needed() {
    // `any` stops at the first hit: the source is asked for exactly three items.
    let mut asked = 0;
    let it = anext::repeat_with(|| {
        asked += 1;
        asked
    });
    assert!(block_on(it.any(|x| x == 3)));
    assert_eq!(asked, 3);
}
