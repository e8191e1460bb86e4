//! The fan-out and backpressure examples run real tasks on a virtual clock, so what they
//! print (which task ran when, in virtual milliseconds) is the same on every machine: each
//! example binary (built by `cargo test`) is run and its whole output compared.

mod common;

#[test]
#[cfg_attr(
    miri,
    ignore = "runs an example as a process; tests/sync_tasks.rs covers the paths"
)]
fn fan_out_runs_three_fetches_at_a_time_and_uses_pages_in_order() {
    let expected = "\
t=  0 ms  start fetch 0   (in flight: 1, takes 10 ms)
t=  0 ms  start fetch 1   (in flight: 2, takes 30 ms)
t=  0 ms  start fetch 2   (in flight: 3, takes 50 ms)
t= 10 ms  done  fetch 0
t= 10 ms  use   page 0
t= 10 ms  start fetch 3   (in flight: 3, takes 20 ms)
t= 30 ms  done  fetch 1
t= 30 ms  use   page 1
t= 30 ms  done  fetch 3
t= 30 ms  start fetch 4   (in flight: 2, takes 40 ms)
t= 50 ms  done  fetch 2
t= 50 ms  use   page 2
t= 50 ms  use   page 3
t= 50 ms  start fetch 5   (in flight: 2, takes 10 ms)
t= 50 ms  start fetch 6   (in flight: 3, takes 30 ms)
t= 60 ms  done  fetch 5
t= 70 ms  done  fetch 4
t= 70 ms  use   page 4
t= 70 ms  use   page 5
t= 70 ms  start fetch 7   (in flight: 2, takes 50 ms)
t= 70 ms  start fetch 8   (in flight: 3, takes 20 ms)
t= 80 ms  done  fetch 6
t= 80 ms  use   page 6
t= 80 ms  start fetch 9   (in flight: 3, takes 40 ms)
t= 90 ms  done  fetch 8
t=120 ms  done  fetch 7
t=120 ms  use   page 7
t=120 ms  use   page 8
t=120 ms  done  fetch 9
t=120 ms  use   page 9
pages in order: page 0, page 1, page 2, page 3, page 4, page 5, page 6, page 7, page 8, page 9
max in flight: 3 (limit 3); total time: 120 ms (one at a time: 300 ms)
";
    assert_eq!(common::run_example("fan_out"), expected);
}

#[test]
#[cfg_attr(
    miri,
    ignore = "runs an example as a process; tests/sync_tasks.rs covers the paths"
)]
fn backpressure_holds_the_producer_to_the_slow_consumers_pace() {
    let expected = "\
t=   0 ms  producer: sent 0
t=   0 ms  producer: sent 1
t=   0 ms  producer: channel full, waits to send 2
t=   0 ms  consumer: got 0, working
t=   0 ms  producer: sent 2
t=   0 ms  producer: channel full, waits to send 3
t= 300 ms  consumer: got 1, working
t= 300 ms  producer: sent 3
t= 300 ms  producer: channel full, waits to send 4
t= 600 ms  consumer: got 2, working
t= 600 ms  producer: sent 4
t= 600 ms  producer: channel full, waits to send 5
t= 900 ms  consumer: got 3, working
t= 900 ms  producer: sent 5
t= 900 ms  producer: channel full, waits to send 6
t=1200 ms  consumer: got 4, working
t=1200 ms  producer: sent 6
t=1200 ms  producer: channel full, waits to send 7
t=1500 ms  consumer: got 5, working
t=1500 ms  producer: sent 7
t=1500 ms  producer: done
t=1800 ms  consumer: got 6, working
t=2100 ms  consumer: got 7, working
t=2400 ms  consumer: channel ended
max items in the channel at once: 2 (capacity 2) for 8 items; total time: 2400 ms
";
    assert_eq!(common::run_example("backpressure"), expected);
}

#[test]
#[cfg_attr(miri, ignore = "runs an example as a process")]
fn mini_executor_polls_queued_tasks_and_requeues_them_on_wake() {
    let expected = [
        "    wake task 1",
        "    wake task 2",
        "poll task 1",
        "  producer: sending 1",
        "  producer: sending 2",
        "  task 1 pending",
        "poll task 2",
        "    wake task 1",
        "  consumer: got 1",
        "    wake task 2",
        "  task 2 pending",
        "poll task 1",
        "  producer: done, the channel closes",
        "  task 1 completed",
        "poll task 2",
        "  consumer: got 2",
        "    wake task 2",
        "  task 2 pending",
        "poll task 2",
        "  consumer: the channel is closed",
        "  task 2 completed",
    ];
    let out = common::run_example("mini_executor");
    assert_eq!(out.lines().collect::<Vec<_>>(), expected);
}

/// `docs/executor.md` shows the whole mini executor in a code block (compiled and run as a
/// doc test); this keeps that block and `examples/mini_executor.rs` one text.
#[test]
#[cfg_attr(miri, ignore = "reads files")]
fn the_executor_chapter_shows_the_mini_executor_verbatim() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let chapter = std::fs::read_to_string(root.join("docs/executor.md")).unwrap();
    let example = std::fs::read_to_string(root.join("examples/mini_executor.rs")).unwrap();
    let block = chapter
        .split("```rust\n")
        .map(|rest| rest.split("```\n").next().unwrap())
        .find(|block| block.contains("struct MiniExecutor"))
        .expect("docs/executor.md shows the mini executor in a ```rust block");
    assert_eq!(
        block, example,
        "copy examples/mini_executor.rs into docs/executor.md"
    );
}
