//! The tour example prints a faithful poll-by-poll trace: these tests pin all of it, part by
//! part, line by line. The trace is the same on every run: part 1 and 2's simulated server
//! answers only after the driver printed that it parks, and parts 3 and 4 use no real time.

mod common;

// Parts 3 and 4 are also checked in process, which lets Miri run the generator and the
// executor through them.
#[path = "../examples/tour/executor.rs"]
#[allow(dead_code)] // `run` prints for the example; the tests read the text
mod tour_executor;
#[path = "../examples/tour/generated.rs"]
#[allow(dead_code)] // `run` prints for the example; the tests read the text
mod tour_generated;

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

/// The lines of one part of the tour's output, from its `== Part N` header to the next.
fn part(out: &str, n: u32) -> Vec<&str> {
    let header = format!("== Part {n}:");
    let next = format!("== Part {}:", n + 1);
    let mut lines: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with(&header))
        .take_while(|l| !l.starts_with(&next))
        .collect();
    while lines.last() == Some(&"") {
        lines.pop();
    }
    lines
}

/// Part 1: every poll of the hand-written state machine, each state it passes, every
/// wake from the server thread, the end and the fused poll after it.
#[test]
#[cfg_attr(miri, ignore = "runs the example as a process")]
fn tour_part_one_drives_a_hand_written_state_machine_poll_by_poll() {
    let expected = [
        "== Part 1: a hand-written state machine, driven poll by poll ==",
        "created the stream: nothing ran yet (lazy)",
        "poll #1",
        "    state Loop { number: 0 } -> start the request",
        "    state Awaiting -> the request is in flight: suspend",
        "  -> Pending: park until woken",
        "      [server] page 0 is ready: waking the task",
        "      wake #1",
        "poll #2",
        "    state Awaiting -> the reply arrived: yield it",
        r#"  -> Ready(Some(Page { number: 0, rows: ["row-0"] }))"#,
        "poll #3",
        "    state Loop { number: 1 } -> start the request",
        "    state Awaiting -> the request is in flight: suspend",
        "  -> Pending: park until woken",
        "      [server] page 1 is ready: waking the task",
        "      wake #2",
        "poll #4",
        "    state Awaiting -> the reply arrived: yield it",
        r#"  -> Ready(Some(Page { number: 1, rows: ["row-1"] }))"#,
        "poll #5",
        "    state Loop { number: 2 } -> start the request",
        "    state Awaiting -> the request is in flight: suspend",
        "  -> Pending: park until woken",
        "      [server] page 2 is ready: waking the task",
        "      wake #3",
        "poll #6",
        "    state Awaiting -> the reply arrived: yield it",
        r#"  -> Ready(Some(Page { number: 2, rows: ["row-2"] }))"#,
        "poll #7",
        "    state Loop { number: 3 } -> the loop ends",
        "  -> Ready(None): the stream is complete (StopAsyncIteration)",
        "poll again after the end -> Ready(None): fused",
        "7 polls, 3 wakes",
    ];
    assert_eq!(part(&common::run_example("tour"), 1), expected);
}

/// Part 2: `block_on` polls the main future once at first and once per wake; a
/// `Ready(Some)` of the stream does not go back to `block_on`.
#[test]
#[cfg_attr(miri, ignore = "runs the example as a process")]
fn tour_part_two_shows_block_on_polling_the_main_future_once_per_wake() {
    let expected = [
        "== Part 2: the same stream through block_on ==",
        "the main future is `while let Some(page) = pages.next().await { .. }`",
        "block_on: poll #1 of the main future",
        "    state Loop { number: 0 } -> start the request",
        "    state Awaiting -> the request is in flight: suspend",
        "  -> Pending: block_on parks the thread until a wake",
        "      [server] page 0 is ready: waking the task",
        "block_on: poll #2 of the main future",
        "    state Awaiting -> the reply arrived: yield it",
        r#"  main future: got Page { number: 0, rows: ["row-0"] }; asks for the next page at once"#,
        "    state Loop { number: 1 } -> start the request",
        "    state Awaiting -> the request is in flight: suspend",
        "  -> Pending: block_on parks the thread until a wake",
        "      [server] page 1 is ready: waking the task",
        "block_on: poll #3 of the main future",
        "    state Awaiting -> the reply arrived: yield it",
        r#"  main future: got Page { number: 1, rows: ["row-1"] }; asks for the next page at once"#,
        "    state Loop { number: 2 } -> start the request",
        "    state Awaiting -> the request is in flight: suspend",
        "  -> Pending: block_on parks the thread until a wake",
        "      [server] page 2 is ready: waking the task",
        "block_on: poll #4 of the main future",
        "    state Awaiting -> the reply arrived: yield it",
        r#"  main future: got Page { number: 2, rows: ["row-2"] }; asks for the next page at once"#,
        "    state Loop { number: 3 } -> the loop ends",
        "  main future: None; the loop ends",
        "  -> Ready: block_on returns its output",
        "3 pages in 4 polls of the main future: the first, and one per wake",
        "(part 1 needed 7 polls: here one poll runs the loop until it has to wait)",
    ];
    assert_eq!(part(&common::run_example("tour"), 2), expected);
}

#[test]
#[cfg_attr(miri, ignore = "runs the example as a process")]
fn tour_has_four_parts_in_order() {
    let out = common::run_example("tour");
    let headers: Vec<&str> = out.lines().filter(|l| l.starts_with("== Part")).collect();
    assert_eq!(headers.len(), 4, "{headers:?}");
    for (i, header) in headers.iter().enumerate() {
        assert!(
            header.starts_with(&format!("== Part {}:", i + 1)),
            "{header}"
        );
    }
}

/// Part 3: the `gen!` stream poll by poll: a self-wake before each `Pending`, the slot
/// holding the item at each `Ready(Some)`, the end and the fused poll after it.
#[test]
fn tour_part_three_shows_self_wakes_and_yields_becoming_ready_some() {
    let expected = [
        "poll #1",
        "    body: starts (first poll; nothing ran before)",
        "    body: page 0: awaits yield_now()",
        "    waker: woken by yield_now itself, before it returns Pending (a self-wake)",
        "  -> Pending: the body is suspended inside `yield_now().await` and the slot is empty",
        "poll #2",
        "    body: page 0: resumed; `yield` puts the page in the slot and suspends",
        r#"  -> Ready(Some(Page { number: 0, rows: ["row-0"] })): the body returned Pending with an item in the slot"#,
        "poll #3",
        "    body: page 0: resumed after the yield",
        "    body: page 1: awaits yield_now()",
        "    waker: woken by yield_now itself, before it returns Pending (a self-wake)",
        "  -> Pending: the body is suspended inside `yield_now().await` and the slot is empty",
        "poll #4",
        "    body: page 1: resumed; `yield` puts the page in the slot and suspends",
        r#"  -> Ready(Some(Page { number: 1, rows: ["row-1"] })): the body returned Pending with an item in the slot"#,
        "poll #5",
        "    body: page 1: resumed after the yield",
        "    body: page 2: awaits yield_now()",
        "    waker: woken by yield_now itself, before it returns Pending (a self-wake)",
        "  -> Pending: the body is suspended inside `yield_now().await` and the slot is empty",
        "poll #6",
        "    body: page 2: resumed; `yield` puts the page in the slot and suspends",
        r#"  -> Ready(Some(Page { number: 2, rows: ["row-2"] })): the body returned Pending with an item in the slot"#,
        "poll #7",
        "    body: page 2: resumed after the yield",
        "    body: returns",
        "  -> Ready(None): the body returned; finished",
        "poll #8 (after the end)",
        "  -> Ready(None): fused, the body does not run",
    ];
    assert_eq!(lines(&tour_generated::trace()), expected);
}

/// Part 3, by hand: the body's `Pending` with an item in the slot is a yield, with an empty
/// slot a real wait, and `Ready` the end.
#[test]
fn tour_part_three_shows_by_hand_how_the_slot_turns_pending_into_ready_some() {
    let expected = [
        "body -> Pending, slot -> None  =>  poll_next returns Pending: a real wait",
        "body -> Pending, slot -> Some(0)  =>  poll_next returns Ready(Some(0)): a yield",
        "body -> Pending, slot -> None  =>  poll_next returns Pending: a real wait",
        "body -> Pending, slot -> Some(1)  =>  poll_next returns Ready(Some(1)): a yield",
        "body -> Ready(()), slot -> None  =>  poll_next returns Ready(None): the body returned",
    ];
    assert_eq!(lines(&tour_generated::slot_trace()), expected);
}

/// Part 4: two tasks, a channel and a timer on a virtual-clock `LocalExecutor`, one
/// `step()` at a time: each step's task, outcome and wakes, and the timers that fire.
#[test]
fn tour_part_four_is_a_timeline_of_executor_steps_wakes_and_timers() {
    let expected = [
        "spawned task 1 (producer) and task 2 (consumer); both are in the run queue",
        "t= 0 ms  step 1: poll producer",
        "    producer: sleeps 10 ms (registers a timer)",
        "  -> Pending (idle until woken); woke: none; timers registered: 1",
        "t= 0 ms  step 2: poll consumer",
        "    consumer: waits for a message",
        "  -> Pending (idle until woken); woke: none; timers registered: 1",
        "t= 0 ms  idle: no task is ready; advance the virtual clock by 10 ms",
        "t=10 ms  a timer fired; it woke: producer",
        "t=10 ms  step 3: poll producer",
        "    producer: sends 1",
        "    producer: sleeps 10 ms (registers a timer)",
        "  -> Pending (idle until woken); woke: consumer; timers registered: 1",
        "t=10 ms  step 4: poll consumer",
        "    consumer: got 1; waits for the next",
        "  -> Pending (idle until woken); woke: none; timers registered: 1",
        "t=10 ms  idle: no task is ready; advance the virtual clock by 10 ms",
        "t=20 ms  a timer fired; it woke: producer",
        "t=20 ms  step 5: poll producer",
        "    producer: sends 2",
        "    producer: done; dropping the sender closes the channel",
        "  -> Completed; woke: consumer; timers registered: 0",
        "t=20 ms  step 6: poll consumer",
        "    consumer: got 2; waits for the next",
        "    consumer: the channel is closed",
        "  -> Completed; woke: none; timers registered: 0",
        "all tasks finished at t=20 ms",
        "producer: 3 polls, 2 wakes",
        "consumer: 3 polls, 2 wakes",
        "the consumer's JoinHandle gives Ok(2): the number of messages it got",
    ];
    assert_eq!(lines(&tour_executor::timeline()), expected);
}

/// The example prints exactly those traces under their headers.
#[test]
#[cfg_attr(miri, ignore = "runs the example as a process")]
fn tour_prints_parts_three_and_four_as_traced() {
    let out = common::run_example("tour");
    let mut three = vec!["== Part 3: the same stream written with gen!, poll by poll =="];
    let (trace, slots) = (tour_generated::trace(), tour_generated::slot_trace());
    three.extend(lines(&trace));
    three.push("-- how poll_next turns the body's answers into items, by hand --");
    three.extend(lines(&slots));
    assert_eq!(part(&out, 3), three);
    let timeline = tour_executor::timeline();
    let mut four = vec![
        "== Part 4: two tasks, a channel and a timer on LocalExecutor, one step() at a time ==",
    ];
    four.extend(lines(&timeline));
    assert_eq!(part(&out, 4), four);
}
