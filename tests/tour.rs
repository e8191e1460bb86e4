//! The tour example prints a faithful poll-by-poll trace: these tests pin its sequence.

mod common;

#[test]
#[cfg_attr(miri, ignore = "runs the example as a process")]
fn tour_part_one_shows_every_suspension_resumption_and_the_end() {
    let out = common::run_example("tour");
    let part_one: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("== Part 1"))
        .take_while(|l| !l.starts_with("== Part 2"))
        .filter(|l| l.starts_with("poll") || l.starts_with("  ->") || l.contains("wake #"))
        .map(str::trim)
        .collect();
    let mut expected = vec![];
    for page in 0..3 {
        let n = 2 * page + 1;
        expected.push(format!("poll #{n}"));
        expected.push("-> Pending: park until woken".to_string());
        expected.push(format!("wake #{}", page + 1));
        expected.push(format!("poll #{}", n + 1));
        expected.push(format!(
            "-> Ready(Some(Page {{ number: {page}, rows: [\"row-{page}\"] }}))"
        ));
    }
    expected.push("poll #7".into());
    expected.push("-> Ready(None): the stream is complete (StopAsyncIteration)".into());
    expected.push("poll again after the end -> Ready(None): fused".into());
    assert_eq!(part_one, expected);
}

#[test]
#[cfg_attr(miri, ignore = "runs the example as a process")]
fn tour_part_two_prints_the_seed_pages_through_block_on() {
    let out = common::run_example("tour");
    let pages: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("== Part 2"))
        .filter(|l| l.starts_with("Page "))
        .collect();
    assert_eq!(
        pages,
        [
            r#"Page { number: 0, rows: ["row-0"] }"#,
            r#"Page { number: 1, rows: ["row-1"] }"#,
            r#"Page { number: 2, rows: ["row-2"] }"#,
        ]
    );
}
