//! The timer wheel against a reference model: every timer fires at its exact deadline, in
//! (deadline, registration) order, across all levels of the wheel, with cancellations.

mod common;

use anext::exec::LocalExecutor;
use anext::time::{now, sleep, sleep_until};
use common::Rng;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

/// A deadline offset spread over every level: nanoseconds to days, with frequent ties.
fn offset(rng: &mut Rng) -> u64 {
    let magnitude = rng.next_u64() % 48; // up to 2^47 ns, about 39 hours
    let value = rng.next_u64() % (1 << magnitude).max(1);
    if rng.next_u64() % 4 == 0 {
        value & !0xFF
    } else {
        value
    }
}

fn check_seed(seed: u64, n: usize) {
    let mut rng = Rng::new(seed);
    let ex = LocalExecutor::with_virtual_clock();
    let start = ex.now();
    let fired = Rc::new(RefCell::new(Vec::new()));
    let mut expected = Vec::new();
    let mut handles = Vec::new();
    for i in 0..n {
        let at = offset(&mut rng);
        let fired = Rc::clone(&fired);
        handles.push(ex.spawn_local(async move {
            sleep_until(start + Duration::from_nanos(at)).await;
            let elapsed = now().await - start;
            fired.borrow_mut().push((i, elapsed));
        }));
        expected.push((at, i));
    }
    ex.run_until_stalled(); // every timer registered, in index order
    // Cancel about a tenth of them.
    let mut cancelled = vec![false; n];
    for (i, handle) in handles.iter().enumerate() {
        // (A zero offset is ready at its first poll: already finished, nothing to cancel.)
        if rng.next_u64() % 10 == 0 && !handle.is_finished() {
            handle.abort();
            cancelled[i] = true;
        }
    }
    ex.run(async {
        for handle in handles {
            let _ = handle.await;
        }
    });
    expected.retain(|&(_, i)| !cancelled[i]);
    expected.sort(); // by deadline, then registration index
    let expected: Vec<(usize, Duration)> = expected
        .into_iter()
        .map(|(at, i)| (i, Duration::from_nanos(at)))
        .collect();
    let fired = fired.borrow();
    if let Some(at) =
        (0..fired.len().max(expected.len())).find(|&k| fired.get(k) != expected.get(k))
    {
        let window = at.saturating_sub(2)..(at + 3);
        panic!(
            "seed {seed}: first difference at {at} of {}: fired {:?}, expected {:?}",
            expected.len(),
            fired.get(window.clone()),
            expected.get(window),
        );
    }
    assert_eq!(ex.timer_count(), 0);
}

#[test]
fn wheel_fires_like_a_sorted_list_across_all_levels() {
    let (seeds, n) = if cfg!(miri) { (2, 40) } else { (30, 2_000) };
    for seed in 0..seeds {
        check_seed(seed, n);
    }
}

#[test]
fn equal_deadlines_registered_at_different_times_fire_in_registration_order() {
    // The first timer is registered far ahead (a high wheel level) and must cascade down;
    // the second is registered just before the deadline (level 0). Registration order wins.
    let ex = LocalExecutor::with_virtual_clock();
    let deadline = ex.now() + Duration::from_secs(10);
    let log = Rc::new(RefCell::new(Vec::new()));
    let early = Rc::clone(&log);
    ex.spawn_local(async move {
        sleep_until(deadline).await;
        early.borrow_mut().push("registered at 0 s");
    })
    .detach();
    let late = Rc::clone(&log);
    ex.spawn_local(async move {
        sleep(Duration::from_secs(10) - Duration::from_nanos(5)).await;
        sleep_until(deadline).await;
        late.borrow_mut().push("registered at 10 s - 5 ns");
    })
    .detach();
    ex.run(sleep(Duration::from_secs(11)));
    assert_eq!(
        *log.borrow(),
        ["registered at 0 s", "registered at 10 s - 5 ns"]
    );
}

#[test]
#[cfg_attr(
    miri,
    ignore = "real time: Miri's clock runs ahead while it interprets"
)]
fn timers_on_the_real_clock_park_and_fire_in_deadline_order() {
    let ex = LocalExecutor::new();
    let start = std::time::Instant::now();
    let log = Rc::new(RefCell::new(Vec::new()));
    let mut handles = Vec::new();
    for (name, ms) in [("b", 4), ("a", 2), ("c", 6)] {
        let log = Rc::clone(&log);
        handles.push(ex.spawn_local(async move {
            sleep_until(start + Duration::from_millis(ms)).await;
            log.borrow_mut().push(name);
        }));
    }
    ex.run(async {
        for handle in handles {
            handle.await.unwrap();
        }
    });
    assert_eq!(*log.borrow(), ["a", "b", "c"]);
}

/// Advances the clock by hand in random strides, each passing many deadlines at once: the
/// timers a stride makes due fire in (deadline, registration) order, wherever they sat.
fn check_strides(seed: u64, n: usize) {
    let mut rng = Rng::new(seed);
    let ex = LocalExecutor::with_virtual_clock();
    ex.set_auto_advance(false);
    let start = ex.now();
    let fired = Rc::new(RefCell::new(Vec::new()));
    let mut expected = Vec::new();
    for i in 0..n {
        let at = 1 + offset(&mut rng) % (1 << 30);
        let fired = Rc::clone(&fired);
        ex.spawn_local(async move {
            sleep_until(start + Duration::from_nanos(at)).await;
            fired.borrow_mut().push(i);
        })
        .detach();
        expected.push((at, i));
    }
    ex.run_until_stalled(); // every timer registered, in index order
    let mut at = 0;
    while at < 1 << 30 {
        at += 1 + rng.next_u64() % (1 << (rng.next_u64() % 28));
        ex.advance(Duration::from_nanos(at) - ex.elapsed().min(Duration::from_nanos(at)));
        ex.run_until_stalled();
        let mut due: Vec<(u64, usize)> =
            expected.iter().copied().filter(|&(d, _)| d <= at).collect();
        due.sort();
        let due: Vec<usize> = due.into_iter().map(|(_, i)| i).collect();
        assert_eq!(*fired.borrow(), due, "seed {seed}, clock at {at} ns");
    }
    assert_eq!(ex.timer_count(), 0);
}

#[test]
fn timers_passed_by_one_manual_advance_fire_in_deadline_order() {
    let (seeds, n) = if cfg!(miri) { (1, 30) } else { (10, 1_000) };
    for seed in 0..seeds {
        check_strides(seed, n);
    }
}
