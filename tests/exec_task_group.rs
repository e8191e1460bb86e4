//! `TaskGroup`: completion order, the first panic propagating with its payload, and dropping
//! the group aborting the rest. Trace tests on a virtual clock.

use anext::exec::{LocalExecutor, TaskGroup};
use anext::time::sleep;
use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;
use std::time::Duration;

type Trace = Rc<RefCell<Vec<String>>>;

fn log(trace: &Trace, event: impl Into<String>) {
    trace.borrow_mut().push(event.into());
}

/// Logs when the future holding it is dropped.
struct OnDrop(Trace, String);
impl Drop for OnDrop {
    fn drop(&mut self) {
        log(&self.0, format!("{} dropped", self.1));
    }
}

fn member(
    trace: &Trace,
    name: &'static str,
    secs: u64,
) -> impl Future<Output = &'static str> + use<> {
    let trace = Rc::clone(trace);
    async move {
        let _guard = OnDrop(Rc::clone(&trace), name.to_string());
        log(&trace, format!("{name} starts"));
        sleep(Duration::from_secs(secs)).await;
        log(&trace, format!("{name} ends"));
        name
    }
}

#[test]
fn join_next_returns_outputs_in_completion_order() {
    let ex = LocalExecutor::with_virtual_clock();
    let trace = Trace::default();
    let mut group = TaskGroup::new(ex.handle());
    group.spawn_local(member(&trace, "slow", 3));
    group.spawn_local(member(&trace, "fast", 1));
    group.spawn_local(member(&trace, "mid", 2));
    let origin = ex.now();
    ex.run({
        let trace = Rc::clone(&trace);
        async move {
            while let Some(name) = group.join_next().await {
                let at = anext::time::now().await - origin;
                log(&trace, format!("joined {name} at {at:?}"));
            }
            log(&trace, "group empty");
        }
    });
    assert_eq!(
        *trace.borrow(),
        [
            "slow starts",
            "fast starts",
            "mid starts",
            "fast ends",
            "fast dropped",
            "joined fast at 1s",
            "mid ends",
            "mid dropped",
            "joined mid at 2s",
            "slow ends",
            "slow dropped",
            "joined slow at 3s",
            "group empty",
        ]
    );
}

/// The first member to panic: `join_next` aborts the others (their futures are dropped) and
/// resumes the panic, payload intact, in the awaiting future.
#[test]
fn first_panic_aborts_the_other_members_and_propagates_its_payload() {
    let ex = LocalExecutor::with_virtual_clock();
    let trace = Trace::default();
    let mut group = TaskGroup::new(ex.handle());
    group.spawn_local(member(&trace, "a", 5));
    group.spawn_local({
        let trace = Rc::clone(&trace);
        async move {
            sleep(Duration::from_secs(1)).await;
            log(&trace, "b panics");
            std::panic::panic_any(42_u32);
        }
    });
    group.spawn_local(member(&trace, "c", 9));
    let caught = catch_unwind(AssertUnwindSafe(|| {
        ex.run(async { while group.join_next().await.is_some() {} })
    }));
    let payload = caught.expect_err("the member's panic propagates");
    assert_eq!(payload.downcast_ref::<u32>(), Some(&42));
    // The aborted members are dropped at the executor's next tick, in spawn order.
    ex.run_until_stalled();
    assert_eq!(
        *trace.borrow(),
        ["a starts", "c starts", "b panics", "a dropped", "c dropped"]
    );
    assert_eq!(ex.task_count(), 0);
}

/// Inside a task, the propagated panic becomes that task's `JoinError::Panicked` with the
/// same payload.
#[test]
fn member_panic_inside_a_task_becomes_that_tasks_join_error() {
    let ex = LocalExecutor::new();
    let spawner = ex.handle();
    let parent = ex.spawn_local(async move {
        let mut group = TaskGroup::<()>::new(spawner);
        group.spawn_local(async { panic!("member failed") });
        group.join_all().await;
    });
    let error = ex.run(parent).unwrap_err();
    assert_eq!(error.panic_message(), Some("member failed"));
}

#[test]
fn dropping_the_group_aborts_the_members_still_running() {
    let ex = LocalExecutor::with_virtual_clock();
    let trace = Trace::default();
    let mut group = TaskGroup::new(ex.handle());
    group.spawn_local(member(&trace, "quick", 1));
    group.spawn_local(member(&trace, "long", 3600));
    ex.run(async {
        assert_eq!(group.join_next().await, Some("quick"));
        drop(group);
    });
    ex.run_until_stalled();
    assert_eq!(
        *trace.borrow(),
        [
            "quick starts",
            "long starts",
            "quick ends",
            "quick dropped",
            "long dropped"
        ]
    );
    assert_eq!(ex.task_count(), 0);
    assert_eq!(
        ex.elapsed(),
        Duration::from_secs(1),
        "the hour-long member never ran out"
    );
}

#[test]
fn abort_all_then_join_next_skips_the_cancelled_members() {
    let ex = LocalExecutor::new();
    let mut group = TaskGroup::new(ex.handle());
    for _ in 0..3 {
        group.spawn_local(std::future::pending::<u8>());
    }
    group.abort_all();
    assert_eq!(ex.run(group.join_next()), None);
    assert!(group.is_empty());
}

/// Many members: each finished member costs a look-up, not a scan of every handle per wake.
#[test]
fn thousand_members_all_join_in_completion_order() {
    let ex = LocalExecutor::with_virtual_clock();
    let mut group = TaskGroup::new(ex.handle());
    let n = if cfg!(miri) { 20 } else { 1000 };
    for i in (0..n).rev() {
        group.spawn_local(async move {
            sleep(Duration::from_millis(i)).await;
            i
        });
    }
    let order = ex.run(group.join_all());
    assert_eq!(order, (0..n).collect::<Vec<_>>());
}
