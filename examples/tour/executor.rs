//! Tour, part four: two tasks, a channel and a timer on a `LocalExecutor` with a virtual
//! clock, driven one `step()` at a time. For every step the timeline shows which task was
//! polled, what the task did, what came of the poll, which tasks it woke; and when nothing is
//! ready, the clock is moved by hand and the timers that fire wake their tasks. The clock is
//! virtual and does not move by itself, so the timeline is the same on every run.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::rc::Rc;
use std::time::Duration;

use anext::AsyncIteratorExt;
use anext::exec::{JoinHandle, LocalExecutor, Outcome, Step};

/// The tasks' names and their handles, to turn ids into names and count wakes.
struct Tasks<'a> {
    named: Vec<(&'static str, &'a JoinHandle<usize>)>,
}

impl Tasks<'_> {
    fn name(&self, id: u64) -> &'static str {
        self.named
            .iter()
            .find(|(_, handle)| handle.id() == id)
            .map_or("?", |(name, _)| name)
    }

    fn wake_counts(&self) -> Vec<usize> {
        self.named.iter().map(|(_, h)| h.wake_count()).collect()
    }

    /// The tasks whose wake count grew since `before`, as "producer, consumer" or "none".
    fn woken_since(&self, before: &[usize]) -> String {
        let woken: Vec<&str> = self
            .named
            .iter()
            .zip(before)
            .filter(|((_, handle), before)| handle.wake_count() > **before)
            .map(|((name, _), _)| *name)
            .collect();
        if woken.is_empty() {
            "none".to_string()
        } else {
            woken.join(", ")
        }
    }
}

fn outcome(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Pending => "Pending (idle until woken)",
        Outcome::Requeued => "Pending, woken during the poll: back of the queue",
        Outcome::Completed => "Completed",
        Outcome::Panicked => "Panicked",
        Outcome::Cancelled => "Cancelled",
    }
}

/// Prints the timeline.
pub fn run() {
    println!();
    println!(
        "== Part 4: two tasks, a channel and a timer on LocalExecutor, one step() at a time =="
    );
    print!("{}", timeline());
}

/// The step-by-step timeline, as text.
pub fn timeline() -> String {
    let mut out = String::new();
    // `println!` into `out`.
    macro_rules! emit {
        ($($arg:tt)*) => {
            writeln!(out, $($arg)*).unwrap()
        };
    }
    let ex = LocalExecutor::with_virtual_clock();
    ex.set_auto_advance(false); // time moves only when this driver says so
    let (tx, rx) = anext::sync::channel::<u32>(1);
    // What the tasks do, printed by the driver after the step's header.
    let log: Rc<RefCell<Vec<String>>> = Rc::default();
    let say = |log: &Rc<RefCell<Vec<String>>>, line: String| log.borrow_mut().push(line);
    let producer_log = Rc::clone(&log);
    let producer = ex.spawn_local(async move {
        let log = producer_log;
        for n in 1..=2 {
            say(&log, "producer: sleeps 10 ms (registers a timer)".into());
            anext::time::sleep(Duration::from_millis(10)).await;
            say(&log, format!("producer: sends {n}"));
            tx.send(n).await.unwrap();
        }
        say(
            &log,
            "producer: done; dropping the sender closes the channel".into(),
        );
        2
    });
    let consumer_log = Rc::clone(&log);
    let consumer = ex.spawn_local(async move {
        let log = consumer_log;
        let mut rx = core::pin::pin!(rx);
        let mut received = 0;
        say(&log, "consumer: waits for a message".into());
        while let Some(n) = rx.next().await {
            say(&log, format!("consumer: got {n}; waits for the next"));
            received += 1;
        }
        say(&log, "consumer: the channel is closed".into());
        received
    });
    let tasks = Tasks {
        named: vec![("producer", &producer), ("consumer", &consumer)],
    };
    emit!(
        "spawned task {} (producer) and task {} (consumer); both are in the run queue",
        producer.id(),
        consumer.id()
    );
    let mut step = 0;
    while ex.task_count() > 0 {
        let before = tasks.wake_counts();
        match ex.step() {
            Step::Polled { task, outcome: o } => {
                step += 1;
                emit!(
                    "t={:>2} ms  step {step}: poll {}",
                    ex.elapsed().as_millis(),
                    tasks.name(task)
                );
                for line in log.borrow_mut().drain(..) {
                    emit!("    {line}");
                }
                emit!(
                    "  -> {}; woke: {}; timers registered: {}",
                    outcome(o),
                    tasks.woken_since(&before),
                    ex.timer_count()
                );
            }
            Step::Idle => {
                emit!(
                    "t={:>2} ms  idle: no task is ready; advance the virtual clock by 10 ms",
                    ex.elapsed().as_millis()
                );
                ex.advance(Duration::from_millis(10));
                emit!(
                    "t={:>2} ms  a timer fired; it woke: {}",
                    ex.elapsed().as_millis(),
                    tasks.woken_since(&before)
                );
            }
        }
    }
    emit!("all tasks finished at t={} ms", ex.elapsed().as_millis());
    for (name, handle) in &tasks.named {
        emit!(
            "{name}: {} polls, {} wakes",
            handle.poll_count(),
            handle.wake_count()
        );
    }
    drop(tasks);
    let received = ex.run(async { consumer.await.unwrap() });
    emit!("the consumer's JoinHandle gives Ok({received}): the number of messages it got");
    out
}
