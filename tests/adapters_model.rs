//! The adapters and consumers that have no `futures` twin, against a model: the searching
//! consumers against `std::iter` on seeded inputs, and the time-based adapters against a
//! simulation of when each item comes out, on a virtual clock (exact, so no timed assertion).

mod common;

use anext::exec::LocalExecutor;
use anext::sync::channel;
use anext::time::{Duration, sleep_until};
use anext::{AsyncIteratorExt, block_on};
use common::{Rng, Stutter, scaled};

fn cases() -> impl Iterator<Item = (u64, Rng)> {
    (0..scaled(400) as u64).map(|seed| (seed, Rng::new(seed)))
}

#[test]
fn min_max_and_by_key_match_std_including_ties() {
    for (seed, mut rng) in cases() {
        // Pairs with few distinct keys, so ties are common; the second field tells equal
        // keys apart, so picking the wrong one of a tie shows.
        let input: Vec<(i32, usize)> = rng
            .vec(20)
            .into_iter()
            .enumerate()
            .map(|(i, x)| (x % 4, i))
            .collect();
        let src = || Stutter::new(input.clone(), seed);
        let keys: Vec<i32> = input.iter().map(|p| p.0).collect();
        let key_src = || Stutter::new(keys.clone(), seed);
        assert_eq!(block_on(key_src().min()), keys.iter().copied().min());
        assert_eq!(block_on(key_src().max()), keys.iter().copied().max());
        assert_eq!(
            block_on(src().min_by_key(|p| p.0)),
            input.iter().copied().min_by_key(|p| p.0),
            "seed {seed}"
        );
        assert_eq!(
            block_on(src().max_by_key(|p| p.0)),
            input.iter().copied().max_by_key(|p| p.0),
            "seed {seed}"
        );
    }
}

#[test]
fn find_and_position_match_std_and_leave_the_rest() {
    for (seed, mut rng) in cases() {
        let input = rng.vec(20);
        let target = rng.below(20) as i32 - 5;
        let mut ours = Stutter::new(input.clone(), seed);
        let mut theirs = input.clone().into_iter();
        assert_eq!(
            block_on(ours.find(|x| *x == target)),
            theirs.find(|x| *x == target),
            "seed {seed}"
        );
        assert_eq!(
            block_on(ours.position(|x| x > target)),
            theirs.position(|x| x > target),
            "seed {seed}"
        );
        assert_eq!(
            block_on(ours.collect::<Vec<_>>()),
            theirs.collect::<Vec<_>>()
        );
    }
}

/// Random arrival times (ms from the start, non-decreasing, gaps multiples of 10 ms) for up
/// to `max` items. Limits in the tests are multiples of 37 ms, so no deadline ever falls on
/// an arrival (a tie whose winner would depend on the order the executor fires timers in).
fn arrivals(rng: &mut Rng, max: u64) -> Vec<u64> {
    let mut t = 0;
    (0..rng.below(max + 1))
        .map(|_| {
            t += 10 * rng.below(25);
            t
        })
        .collect()
}

/// Runs `consume` on a virtual clock against a channel fed item `i` at `times[i]` ms by a
/// producer task, which closes the channel right after its last item.
fn with_arrivals<T: 'static>(
    times: &[u64],
    consume: impl AsyncFnOnce(anext::sync::Receiver<usize>, &LocalExecutor) -> T,
) -> T {
    let ex = LocalExecutor::with_virtual_clock();
    let start = ex.now();
    let (tx, rx) = channel(times.len().max(1));
    let times = times.to_vec();
    ex.spawn(async move {
        for (i, t) in times.into_iter().enumerate() {
            sleep_until(start + Duration::from_millis(t)).await;
            tx.send(i).await.unwrap();
        }
    })
    .detach();
    ex.run(consume(rx, &ex))
}

fn millis_since_start(ex: &LocalExecutor) -> u64 {
    ex.elapsed().as_millis() as u64
}

#[test]
fn timeout_yields_one_error_per_silent_limit_then_the_item() {
    for (seed, mut rng) in cases() {
        let times = arrivals(&mut rng, 8);
        let limit = 37 * (1 + rng.below(4));
        // The model: the wait restarts at every event (item or error).
        let mut expected = Vec::new();
        let mut clock = 0;
        for (i, &t) in times.iter().enumerate() {
            while clock + limit < t {
                clock += limit;
                expected.push((clock, Err(())));
            }
            clock = clock.max(t);
            expected.push((clock, Ok(i)));
        }
        let got = with_arrivals(&times, async |rx, ex| {
            let mut it = core::pin::pin!(rx.timeout(Duration::from_millis(limit)));
            let mut got = Vec::new();
            while let Some(event) = it.next().await {
                got.push((millis_since_start(ex), event.map_err(|_| ())));
            }
            got
        });
        assert_eq!(got, expected, "seed {seed}, times {times:?}, limit {limit}");
    }
}

#[test]
fn throttle_spaces_items_by_at_least_the_period_and_loses_none() {
    for (seed, mut rng) in cases() {
        let times = arrivals(&mut rng, 8);
        let period = 37 * (1 + rng.below(4));
        // The model: an item comes out when it has arrived and the pause after the previous
        // one is over.
        let mut expected = Vec::new();
        let mut ready_at = 0;
        for (i, &t) in times.iter().enumerate() {
            let out = t.max(ready_at);
            expected.push((out, i));
            ready_at = out + period;
        }
        let got = with_arrivals(&times, async |rx, ex| {
            let mut it = core::pin::pin!(rx.throttle(Duration::from_millis(period)));
            let mut got = Vec::new();
            while let Some(i) = it.next().await {
                got.push((millis_since_start(ex), i));
            }
            got
        });
        assert_eq!(
            got, expected,
            "seed {seed}, times {times:?}, period {period}"
        );
    }
}

#[test]
fn chunks_timeout_cuts_a_chunk_when_full_or_when_its_first_item_is_old() {
    for (seed, mut rng) in cases() {
        let times = arrivals(&mut rng, 12);
        let size = 1 + rng.below(4) as usize;
        let wait = 37 * (1 + rng.below(4));
        // The model: a chunk opens at its first item and closes when full or at the
        // deadline, whichever comes first; the last one closes at the end.
        let mut expected: Vec<(u64, Vec<usize>)> = Vec::new();
        let mut chunk = Vec::new();
        let mut deadline = 0;
        for (i, &t) in times.iter().enumerate() {
            if !chunk.is_empty() && t > deadline {
                expected.push((deadline, std::mem::take(&mut chunk)));
            }
            if chunk.is_empty() {
                deadline = t + wait;
            }
            chunk.push(i);
            if chunk.len() == size {
                expected.push((t, std::mem::take(&mut chunk)));
            }
        }
        if !chunk.is_empty() {
            expected.push((*times.last().unwrap(), chunk));
        }
        let got = with_arrivals(&times, async |rx, ex| {
            let it = rx.chunks_timeout(size, Duration::from_millis(wait));
            let mut it = core::pin::pin!(it);
            let mut got = Vec::new();
            while let Some(chunk) = it.next().await {
                got.push((millis_since_start(ex), chunk));
            }
            got
        });
        assert_eq!(
            got, expected,
            "seed {seed}, times {times:?}, size {size}, wait {wait}"
        );
    }
}

#[test]
fn take_until_stops_before_the_next_item_once_the_future_is_ready() {
    let (tx, rx) = anext::sync::oneshot::channel::<&str>();
    let mut it = core::pin::pin!(anext::iter(0..).take_until(rx));
    block_on(async {
        assert_eq!(it.next().await, Some(0));
        assert_eq!(it.next().await, Some(1));
        tx.send("shutdown").unwrap();
        assert_eq!(it.next().await, None);
        assert_eq!(it.next().await, None);
    });
    assert!(it.is_stopped());
    assert_eq!(it.as_mut().take_result(), Some(Ok("shutdown")));
}

#[test]
fn chunks_timeout_of_zero_size_panics_with_a_clear_message() {
    let caught = std::panic::catch_unwind(|| {
        let _ = anext::iter([1]).chunks_timeout(0, Duration::from_secs(1));
    });
    let message = *caught.unwrap_err().downcast::<&str>().unwrap();
    assert_eq!(message, "`chunks_timeout` size must be at least 1");
}

#[test]
fn flatten_unordered_of_zero_limit_panics_with_a_clear_message() {
    let caught = std::panic::catch_unwind(|| {
        let _ = anext::iter([anext::iter([1])]).flatten_unordered(0);
    });
    let message = *caught.unwrap_err().downcast::<&str>().unwrap();
    assert_eq!(message, "`flatten_unordered` limit must be at least 1");
}
