//! The seed examples print what CPython prints (`tests/seed/*.expected.txt`, copies of
//! `shared/seed/`): each example binary (built by `cargo test`) is run and its output
//! compared byte for byte. (The tour's trace is pinned by `tests/tour.rs`.)

mod common;

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
