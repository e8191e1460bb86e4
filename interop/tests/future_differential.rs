//! `anext::future`'s combinators against `futures`' versions on the same seeded inputs: each
//! input future is ready after a random number of self-waking `Pending`s, with a random value
//! (or a random error, for the `try_` forms).

#[path = "../../tests/common/mod.rs"]
mod common;

use common::{Rng, scaled};
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

/// Ready with `value` after `pendings` self-waking `Pending`s.
#[derive(Clone, Debug)]
struct Delayed<T> {
    pendings: u64,
    value: Option<T>,
}

impl<T: Unpin> Future for Delayed<T> {
    type Output = T;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        if self.pendings > 0 {
            self.pendings -= 1;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        Poll::Ready(self.value.take().expect("polled after completion"))
    }
}

fn delayed<T>(rng: &mut Rng, value: T) -> Delayed<T> {
    Delayed {
        pendings: rng.below(5),
        value: Some(value),
    }
}

/// A fallible future: `Err` with a probability of one in five.
fn fallible(rng: &mut Rng, index: usize) -> Delayed<Result<i32, String>> {
    let value = if rng.chance(20) {
        Err(format!("error {index}"))
    } else {
        Ok(rng.below(100) as i32)
    };
    delayed(rng, value)
}

#[test]
fn join_macro_matches_futures_join() {
    for seed in 0..scaled(500) as u64 {
        let mut rng = Rng::new(seed);
        let inputs: Vec<_> = (0..4).map(|i| delayed(&mut rng, i * 10 + seed)).collect();
        let [a, b, c, d] = <[_; 4]>::try_from(inputs).unwrap();
        let ours =
            anext::block_on(async { anext::join!(a.clone(), b.clone(), c.clone(), d.clone()) });
        let theirs = futures::executor::block_on(async { futures::join!(a, b, c, d) });
        assert_eq!(ours, theirs, "seed {seed}");
    }
}

#[test]
fn join_all_matches_futures_join_all() {
    for seed in 0..scaled(500) as u64 {
        let mut rng = Rng::new(seed);
        let len = rng.below(12) as usize;
        let inputs: Vec<_> = (0..len).map(|i| delayed(&mut rng, i)).collect();
        let ours = anext::block_on(anext::future::join_all(inputs.clone()));
        let theirs = futures::executor::block_on(futures::future::join_all(inputs));
        assert_eq!(ours, theirs, "seed {seed}");
    }
}

#[test]
fn try_join_macro_matches_futures_try_join() {
    for seed in 0..scaled(500) as u64 {
        let mut rng = Rng::new(seed);
        let (a, b, c) = (
            fallible(&mut rng, 0),
            fallible(&mut rng, 1),
            fallible(&mut rng, 2),
        );
        let ours = anext::block_on(async { anext::try_join!(a.clone(), b.clone(), c.clone()) });
        let theirs = futures::executor::block_on(async { futures::try_join!(a, b, c) });
        assert_eq!(ours, theirs, "seed {seed}");
    }
}

#[test]
fn try_join_all_matches_futures_try_join_all() {
    for seed in 0..scaled(500) as u64 {
        let mut rng = Rng::new(seed);
        // At most 30: above that, futures switches to an unordered strategy whose first error
        // depends on wake order rather than on poll order.
        let len = rng.below(12) as usize;
        let inputs: Vec<_> = (0..len).map(|i| fallible(&mut rng, i)).collect();
        let ours = anext::block_on(anext::future::try_join_all(inputs.clone()));
        let theirs = futures::executor::block_on(futures::future::try_join_all(inputs));
        assert_eq!(ours, theirs, "seed {seed}");
    }
}

#[test]
fn select_matches_futures_select_and_returns_a_resumable_loser() {
    use anext::future::Either;
    for seed in 0..scaled(500) as u64 {
        let mut rng = Rng::new(seed);
        let a = delayed(&mut rng, 1);
        let b = delayed(&mut rng, 2);
        let ours = anext::block_on(async {
            match anext::future::select(a.clone(), b.clone()).await {
                Either::Left((x, loser)) => (0, x, loser.await),
                Either::Right((x, loser)) => (1, x, loser.await),
            }
        });
        let theirs = futures::executor::block_on(async {
            match futures::future::select(a, b).await {
                futures::future::Either::Left((x, loser)) => (0, x, loser.await),
                futures::future::Either::Right((x, loser)) => (1, x, loser.await),
            }
        });
        assert_eq!(ours, theirs, "seed {seed}");
    }
}

#[test]
fn race_agrees_with_futures_select_all_on_the_fastest_future() {
    for seed in 0..scaled(500) as u64 {
        let mut rng = Rng::new(seed);
        let len = 1 + rng.below(8) as usize;
        let inputs: Vec<_> = (0..len).map(|i| delayed(&mut rng, i)).collect();
        let fastest = inputs.iter().map(|f| f.pendings).min().unwrap();
        let (ours_index, ours_value) = anext::block_on(anext::future::race(inputs.clone()));
        let (theirs_value, theirs_index, _) =
            futures::executor::block_on(futures::future::select_all(inputs.clone()));
        // Both finish with one of the fastest futures...
        assert_eq!(inputs[ours_index].pendings, fastest, "seed {seed}");
        assert_eq!(inputs[theirs_index].pendings, fastest, "seed {seed}");
        assert_eq!(ours_value, ours_index);
        assert_eq!(theirs_value, theirs_index);
        // ...and the same one when it is the only fastest (on ties, race rotates).
        if inputs.iter().filter(|f| f.pendings == fastest).count() == 1 {
            assert_eq!(ours_index, theirs_index, "seed {seed}");
        }
    }
}
