//! The virtual clock: jumps only when every task is idle; auto-advance can be switched off.

use anext::exec::LocalExecutor;
use anext::time::{advance, now, set_auto_advance, sleep};
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

#[test]
fn sleeping_an_hour_finishes_at_once_and_reports_3600_seconds() {
    let ex = LocalExecutor::with_virtual_clock();
    let elapsed = ex.run(async {
        let start = now().await;
        sleep(secs(3600)).await;
        now().await - start
    });
    assert_eq!(elapsed, secs(3600));
    assert_eq!(ex.elapsed(), secs(3600));
}

#[test]
fn clock_never_advances_while_a_task_is_ready() {
    let ex = LocalExecutor::with_virtual_clock();
    let log = Rc::new(RefCell::new(Vec::new()));
    let busy_log = Rc::clone(&log);
    ex.spawn_local(async move {
        for _ in 0..5 {
            let line = format!("busy at {:?}", now().await);
            busy_log.borrow_mut().push(line);
            anext::yield_now().await;
        }
    })
    .detach();
    let start = ex.now();
    let sleeper_log = Rc::clone(&log);
    ex.run(async move {
        sleep(secs(1)).await;
        let line = format!("woke after {:?}", now().await - start);
        sleeper_log.borrow_mut().push(line);
    });
    let log = log.borrow();
    assert_eq!(log.len(), 6);
    assert!(log[..5].iter().all(|l| *l == format!("busy at {start:?}")));
    assert_eq!(log[5], "woke after 1s");
}

#[test]
fn clock_jumps_to_each_deadline_in_turn() {
    let ex = LocalExecutor::with_virtual_clock();
    let seen = ex.run(async {
        let start = now().await;
        let mut seen = Vec::new();
        for s in [5, 1, 30] {
            sleep(secs(s)).await;
            seen.push((now().await - start).as_secs());
        }
        seen
    });
    assert_eq!(seen, [5, 6, 36]);
}

#[test]
fn with_auto_advance_off_time_moves_only_by_hand() {
    let ex = LocalExecutor::with_virtual_clock();
    ex.set_auto_advance(false);
    let task = ex.spawn(sleep(secs(10)));
    ex.run_until_stalled();
    assert!(!task.is_finished());
    ex.advance(secs(9));
    ex.run_until_stalled();
    assert!(!task.is_finished());
    assert_eq!(ex.elapsed(), secs(9));
    ex.advance(secs(1));
    ex.run_until_stalled();
    assert!(task.is_finished());
}

#[test]
fn async_advance_lets_a_test_body_step_time_by_hand() {
    let ex = LocalExecutor::with_virtual_clock();
    let sleeper = ex.spawn(sleep(secs(10)));
    ex.run_until_stalled(); // the sleep's 10 s count from its first poll, at time 0
    let log = ex.run(async move {
        set_auto_advance(false).await;
        let mut log = Vec::new();
        for _ in 0..3 {
            advance(secs(4)).await;
            anext::yield_now().await; // let woken tasks run
            log.push(sleeper.is_finished());
        }
        log
    });
    assert_eq!(log, [false, false, true]);
    assert_eq!(ex.elapsed(), secs(12));
}

#[test]
fn run_until_stalled_and_step_never_advance_the_virtual_clock() {
    let ex = LocalExecutor::with_virtual_clock();
    let task = ex.spawn(sleep(secs(1)));
    ex.run_until_stalled();
    ex.step();
    assert!(!task.is_finished());
    assert_eq!(ex.elapsed(), Duration::ZERO);
}

#[test]
#[should_panic(expected = "needs a LocalExecutor with a virtual clock")]
fn advance_on_the_real_clock_panics_with_a_clear_message() {
    LocalExecutor::new().run(advance(secs(1)));
}

#[test]
#[should_panic(expected = "needs an executor built with a virtual clock")]
fn executor_advance_on_the_real_clock_panics_with_a_clear_message() {
    LocalExecutor::new().advance(secs(1));
}

#[test]
fn now_outside_an_executor_reads_the_real_clock() {
    let before = std::time::Instant::now();
    let t = anext::block_on(now());
    assert!(t >= before);
}
