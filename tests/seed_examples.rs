//! The seed examples print what CPython prints (`tests/seed/*.expected.txt`, copies of
//! `shared/seed/`): each example binary (built by `cargo test`) is run and its output
//! compared byte for byte. The tour's generator part shows every suspension and resumption.

mod common;

#[path = "../examples/tour/generated.rs"]
#[allow(dead_code)]
mod tour_generated;

use std::path::Path;

/// The expected output, from the repository's copy; if the shared seed is next to the
/// checkout, the copy must still match it.
fn expected(name: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let file = format!("{name}.expected.txt");
    let copy = std::fs::read_to_string(root.join("tests/seed").join(&file)).unwrap();
    if let Ok(original) = std::fs::read_to_string(root.join("../shared/seed").join(&file)) {
        assert_eq!(copy, original, "tests/seed/{file} is out of date");
    }
    copy
}

#[test]
#[cfg_attr(
    miri,
    ignore = "reads files; the same code paths run in the gen_* tests"
)]
fn pages_prints_what_cpython_prints() {
    assert_eq!(common::run_example("pages"), expected("pages"));
}

#[test]
#[cfg_attr(
    miri,
    ignore = "reads files; the same code paths run in the gen_* tests"
)]
fn event_feed_prints_what_cpython_prints() {
    assert_eq!(common::run_example("event_feed"), expected("event_feed"));
}

#[test]
#[cfg_attr(
    miri,
    ignore = "reads files; the same code paths run in the gen_* tests"
)]
fn collect_vs_stream_prints_what_cpython_prints() {
    assert_eq!(
        common::run_example("collect_vs_stream"),
        expected("collect_vs_stream")
    );
}

#[test]
fn tour_trace_shows_each_suspension_and_resumption() {
    let expected = "\
poll #1
    body: starts (first poll; nothing ran before)
    body: page 0: awaits sleep()
    waker: woken (poll me again)
  -> Pending: suspended inside `sleep().await`
poll #2
    body: page 0: resumed after sleep(); yields
  -> Ready(Some(Page { number: 0, rows: [\"row-0\"] })): suspended at `yield`
poll #3
    body: page 0: resumed after the yield
    body: page 1: awaits sleep()
    waker: woken (poll me again)
  -> Pending: suspended inside `sleep().await`
poll #4
    body: page 1: resumed after sleep(); yields
  -> Ready(Some(Page { number: 1, rows: [\"row-1\"] })): suspended at `yield`
poll #5
    body: page 1: resumed after the yield
    body: page 2: awaits sleep()
    waker: woken (poll me again)
  -> Pending: suspended inside `sleep().await`
poll #6
    body: page 2: resumed after sleep(); yields
  -> Ready(Some(Page { number: 2, rows: [\"row-2\"] })): suspended at `yield`
poll #7
    body: page 2: resumed after the yield
    body: returns
  -> Ready(None): finished
poll #8 (after the end)
  -> Ready(None): fused, the body does not run
";
    assert_eq!(tour_generated::trace(), expected);
}

#[test]
#[cfg_attr(miri, ignore = "runs the example as a process")]
fn tour_example_prints_the_generator_part() {
    let out = common::run_example("tour");
    let part: String = out
        .lines()
        .skip_while(|l| !l.starts_with("== Part 3"))
        .skip(1)
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(part, tour_generated::trace());
}
