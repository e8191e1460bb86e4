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
