//! The expansion of `gen!` shown in `docs/state-machines.md` is the macro's real output:
//! this test compares the chapter's block with what the macro produces for the same body,
//! and fails when they differ. After an intended change of the macro, re-bless the chapter
//! with `ANEXT_BLESS=1 cargo test -p anext --test gen_expansion`.

use std::path::Path;

/// The macro's output for the chapter's pages body, as text (`__gen_expansion!` is the
/// hidden twin of `gen!` that returns its expansion as a string literal).
const EXPANSION: &str = anext_macros::__gen_expansion! {
    for number in 0..3 {
        anext::yield_now().await;
        yield page(number);
    }
};

/// The marker line that precedes the snapshot block in the chapter.
const MARKER: &str = "<!-- snapshot: tests/gen_expansion.rs -->\n```text\n";

/// `proc_macro`'s text with its spaces around `::` and `..` removed, for reading.
fn readable(tokens: &str) -> String {
    tokens
        .replace("::\n", "::")
        .replace(" :: ", "::")
        .replace(":: ", "::")
        .replace(" ::", "::")
        .replace(" .. ", "..")
        .trim_end()
        .to_string()
        + "\n"
}

#[test]
#[cfg_attr(miri, ignore = "reads and writes files; no unsafe code here")]
fn the_state_machines_chapter_shows_the_real_expansion_of_gen() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/state-machines.md");
    let chapter = std::fs::read_to_string(&path).unwrap();
    let start = chapter
        .find(MARKER)
        .expect("the snapshot marker in the chapter")
        + MARKER.len();
    let end = start
        + chapter[start..]
            .find("```\n")
            .expect("the end of the snapshot block");
    let expected = readable(EXPANSION);
    if std::env::var_os("ANEXT_BLESS").is_some() {
        let blessed = format!("{}{expected}{}", &chapter[..start], &chapter[end..]);
        std::fs::write(&path, blessed).unwrap();
        return;
    }
    assert_eq!(
        &chapter[start..end],
        expected,
        "gen!'s expansion changed; if intended, re-bless with ANEXT_BLESS=1"
    );
}

#[test]
fn readable_only_drops_spaces_around_paths_and_ranges() {
    assert_eq!(
        readable(":: anext :: Gen ::\nnew(0 .. 3)"),
        "::anext::Gen::new(0..3)\n"
    );
}
