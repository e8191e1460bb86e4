//! `interval`: ticks on a fixed grid; missed ticks are skipped, not bunched.

use anext::AsyncIteratorExt;
use anext::exec::LocalExecutor;
use anext::time::{interval, interval_at, now, sleep};
use std::time::Duration;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

#[test]
fn first_tick_is_immediate_then_one_per_period() {
    let ex = LocalExecutor::with_virtual_clock();
    let start = ex.now();
    let ticks = ex.run(async {
        let mut it = interval(ms(100));
        let mut out = Vec::new();
        for _ in 0..4 {
            out.push(it.next().await.unwrap() - start);
        }
        out
    });
    assert_eq!(ticks, [ms(0), ms(100), ms(200), ms(300)]);
}

#[test]
fn missed_ticks_are_skipped_and_the_grid_does_not_drift() {
    let ex = LocalExecutor::with_virtual_clock();
    let start = ex.now();
    let ticks = ex.run(async {
        let mut it = interval(ms(100));
        let mut out = Vec::new();
        out.push(it.next().await.unwrap() - start); // 0
        sleep(ms(350)).await; // miss the ticks at 100, 200, 300
        out.push(it.next().await.unwrap() - start); // the late tick at 100, once
        out.push(it.next().await.unwrap() - start); // then the grid resumes at 400
        out.push(now().await - start);
        out
    });
    assert_eq!(ticks, [ms(0), ms(100), ms(400), ms(400)]);
}

#[test]
fn interval_at_starts_at_the_given_instant() {
    let ex = LocalExecutor::with_virtual_clock();
    let start = ex.now() + ms(50);
    let first = ex.run(async { interval_at(start, ms(10)).next().await });
    assert_eq!(first, Some(start));
    assert_eq!(ex.elapsed(), ms(50));
}

#[test]
#[should_panic(expected = "period must not be zero")]
fn zero_period_panics_with_a_clear_message() {
    let _ = interval(Duration::ZERO);
}

#[test]
fn interval_that_falls_more_than_u32_max_periods_behind_keeps_ticking() {
    let ex = LocalExecutor::with_virtual_clock();
    ex.set_auto_advance(false);
    let start = ex.now();
    let ticks = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let log = std::rc::Rc::clone(&ticks);
    ex.spawn_local(async move {
        let mut it = interval(Duration::from_nanos(1));
        loop {
            let tick = it.next().await.unwrap();
            log.borrow_mut().push(tick - start);
        }
    })
    .detach();
    ex.run_until_stalled(); // tick at 0, next armed at 1 ns
    ex.advance(Duration::from_secs(5)); // 5e9 periods behind: more than u32::MAX
    ex.run_until_stalled(); // the late tick at 1 ns
    ex.advance(Duration::from_nanos(1));
    ex.run_until_stalled(); // the grid resumes at 5 s + 1 ns
    assert_eq!(
        *ticks.borrow(),
        [
            Duration::ZERO,
            Duration::from_nanos(1),
            Duration::from_secs(5) + Duration::from_nanos(1)
        ]
    );
}
