//! `LocalExecutor::handle` and `Spawner`: tasks that spawn tasks.

use anext::exec::{LocalExecutor, Spawner};
use std::cell::RefCell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;

type Trace = Rc<RefCell<Vec<String>>>;

fn log(trace: &Trace, event: impl Into<String>) {
    trace.borrow_mut().push(event.into());
}

/// A parent spawns two children through its captured spawner and awaits them; the whole
/// order of events is FIFO: the children run after the parent yields, in spawn order.
#[test]
fn task_spawns_children_through_a_captured_spawner() {
    let ex = LocalExecutor::new();
    let trace = Trace::default();
    let spawner = ex.handle();
    let parent = ex.spawn_local({
        let trace = Rc::clone(&trace);
        async move {
            log(&trace, "parent: start");
            let children: Vec<_> = (1..=2)
                .map(|i| {
                    let trace = Rc::clone(&trace);
                    spawner.spawn_local(async move {
                        log(&trace, format!("child {i}"));
                        i * 10
                    })
                })
                .collect();
            log(&trace, "parent: spawned");
            let mut sum = 0;
            for child in children {
                sum += child.await.unwrap();
            }
            log(&trace, format!("parent: sum {sum}"));
            sum
        }
    });
    assert_eq!(ex.run(parent).unwrap(), 30);
    assert_eq!(
        *trace.borrow(),
        [
            "parent: start",
            "parent: spawned",
            "child 1",
            "child 2",
            "parent: sum 30"
        ]
    );
}

/// Recursion: each task spawns the next one, through a clone of the spawner.
#[test]
fn spawner_clones_spawn_a_chain_of_tasks() {
    fn chain(spawner: Spawner, left: u32) -> anext::exec::JoinHandle<u32> {
        let next = spawner.clone();
        spawner.spawn_local(async move {
            if left == 0 {
                0
            } else {
                chain(next, left - 1).await.unwrap() + 1
            }
        })
    }
    let ex = LocalExecutor::new();
    let root = chain(ex.handle(), 50);
    assert_eq!(ex.run(root).unwrap(), 50);
    assert_eq!(ex.task_count(), 0);
}

#[anext::test]
async fn anext_test_can_take_a_spawner(spawner: Spawner) {
    let inner = spawner.clone();
    let outer = spawner.spawn_named("outer", async move {
        let rc = Rc::new(5); // !Send futures are fine
        inner.spawn_local(async move { *rc * 2 }).await.unwrap()
    });
    assert_eq!(outer.await.unwrap(), 10);
}

#[test]
fn spawning_after_the_executor_was_dropped_panics_with_a_clear_message() {
    let ex = LocalExecutor::new();
    let spawner = ex.handle();
    drop(ex);
    let payload = catch_unwind(AssertUnwindSafe(|| spawner.spawn_local(async {}).detach()))
        .expect_err("spawn after drop must panic");
    let message = payload.downcast_ref::<&str>().copied().unwrap_or_default();
    assert!(message.contains("has been dropped"), "{message}");
}

/// A task's destructor that spawns while the executor's drop cancels its tasks: the new task
/// is cancelled by the same drop (its future dropped once, its handle says Cancelled).
#[test]
fn task_spawned_by_a_destructor_during_executor_drop_is_cancelled_too() {
    struct SpawnsOnDrop {
        spawner: Spawner,
        trace: Trace,
        late: Rc<RefCell<Option<anext::exec::JoinHandle<()>>>>,
    }
    impl Drop for SpawnsOnDrop {
        fn drop(&mut self) {
            log(&self.trace, "first task dropped: spawns");
            let trace = Rc::clone(&self.trace);
            let guard = DropLog(Rc::clone(&self.trace), "late task's future dropped");
            let handle = self.spawner.spawn_local(async move {
                let _guard = guard;
                log(&trace, "late task polled");
            });
            *self.late.borrow_mut() = Some(handle);
        }
    }
    struct DropLog(Trace, &'static str);
    impl Drop for DropLog {
        fn drop(&mut self) {
            log(&self.0, self.1);
        }
    }
    let trace = Trace::default();
    let late = Rc::new(RefCell::new(None));
    let ex = LocalExecutor::new();
    let bomb = SpawnsOnDrop {
        spawner: ex.handle(),
        trace: Rc::clone(&trace),
        late: Rc::clone(&late),
    };
    ex.spawn_local(async move {
        let _bomb = bomb;
        std::future::pending::<()>().await
    })
    .detach();
    ex.run_until_stalled();
    drop(ex);
    assert_eq!(
        *trace.borrow(),
        ["first task dropped: spawns", "late task's future dropped"]
    );
    let handle = late.borrow_mut().take().unwrap();
    assert!(anext::block_on(handle).unwrap_err().is_cancelled());
}

/// `spawn` no longer demands `Send`.
#[test]
fn spawn_accepts_a_future_that_is_not_send() {
    let ex = LocalExecutor::new();
    let rc = Rc::new(3);
    let task = ex.spawn(async move { *rc + 1 });
    assert_eq!(ex.run(task).unwrap(), 4);
}
