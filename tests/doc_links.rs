//! No dead links in README.md and `docs/`: every relative link points at a file that exists,
//! every `#anchor` at a heading of that file (GitHub's anchor slugs), and every link between
//! pages also works in the rendered book (`anext::docs`), where `src/docs/links.md` defines
//! the same labels as rustdoc paths.
//!
//! The rule that makes one text work in both places: a link to another page of the
//! repository is a reference link (`[the executor][executor.md]`) whose definition
//! (`[executor.md]: executor.md`) is at the bottom of the page, and whose label also appears
//! in `src/docs/links.md`. Rustdoc reads `links.md` first and the first definition of a label
//! wins, so there the link goes to the module page instead of a `.md` file. An inline link to
//! a relative path (`[x](executor.md)`) would be dead on docs.rs, so it is an error here.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// README.md and every `.md` file under `docs/`, as paths relative to the repository root.
fn pages() -> Vec<PathBuf> {
    let mut pages = vec![PathBuf::from("README.md")];
    let mut dirs = vec![PathBuf::from("docs")];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(root().join(&dir)).unwrap() {
            let path = dir.join(entry.unwrap().file_name());
            if root().join(&path).is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                pages.push(path);
            }
        }
    }
    pages.sort();
    pages
}

/// The lines of `text` outside fenced code blocks, with inline code spans blanked out.
fn prose_lines(text: &str) -> Vec<String> {
    let mut in_fence = false;
    let mut lines = vec![];
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            lines.push(String::new());
            continue;
        }
        if in_fence {
            lines.push(String::new());
            continue;
        }
        let mut out = String::new();
        let mut in_code = false;
        for c in line.chars() {
            if c == '`' {
                in_code = !in_code;
                out.push(' ');
            } else {
                out.push(if in_code { ' ' } else { c });
            }
        }
        lines.push(out);
    }
    lines
}

/// GitHub's anchor slug of a heading: lower case, punctuation dropped (but `-` and `_` kept),
/// spaces turned into `-`.
fn slug(heading: &str) -> String {
    let mut text = String::new();
    // Keep a link's text, drop its destination: "[a](b)" -> "a".
    let mut chars = heading.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ']' && chars.peek() == Some(&'(') {
            for c in chars.by_ref() {
                if c == ')' {
                    break;
                }
            }
            continue;
        }
        text.push(c);
    }
    text.trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// Every anchor a page offers: its headings' slugs, with GitHub's `-1`, `-2` suffixes for
/// repeated headings.
fn anchors(text: &str) -> BTreeSet<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut anchors = BTreeSet::new();
    let mut in_fence = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        if in_fence || !line.starts_with('#') {
            continue;
        }
        let heading = line.trim_start_matches('#');
        if !heading.starts_with(' ') {
            continue;
        }
        let base = slug(&heading.replace('`', ""));
        let n = seen.entry(base.clone()).or_insert(0);
        anchors.insert(if *n == 0 {
            base.clone()
        } else {
            format!("{base}-{n}")
        });
        *n += 1;
    }
    anchors
}

/// A link found on a page.
#[derive(Debug)]
enum Link {
    /// `[text](destination)`.
    Inline { line: usize, destination: String },
    /// `[text][label]`.
    Reference { line: usize, label: String },
    /// `[label]: destination`.
    Definition {
        line: usize,
        label: String,
        destination: String,
    },
}

fn links(text: &str) -> Vec<Link> {
    let mut found = vec![];
    for (i, line) in prose_lines(text).iter().enumerate() {
        let line_no = i + 1;
        if let Some(rest) = line.strip_prefix('[')
            && let Some((label, destination)) = rest.split_once("]: ")
        {
            found.push(Link::Definition {
                line: line_no,
                label: label.to_lowercase(),
                destination: destination.trim().to_string(),
            });
            continue;
        }
        let bytes = line.as_bytes();
        for j in 0..bytes.len().saturating_sub(1) {
            let close = match (bytes[j], bytes[j + 1]) {
                (b']', b'(') => b')',
                (b']', b'[') => b']',
                _ => continue,
            };
            let Some(len) = line[j + 2..].find(close as char) else {
                continue;
            };
            let inside = line[j + 2..j + 2 + len].to_string();
            if close == b')' {
                found.push(Link::Inline {
                    line: line_no,
                    destination: inside,
                });
            } else if !inside.is_empty() {
                found.push(Link::Reference {
                    line: line_no,
                    label: inside.to_lowercase(),
                });
            }
        }
    }
    found
}

fn is_external(destination: &str) -> bool {
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| destination.starts_with(scheme))
}

/// A picture or data file of the repository (the benchmark charts and their results), not a
/// page: rustdoc cannot ship it, so on docs.rs such a link shows its text only, and there is
/// no page of the book to send it to instead. It must still exist.
fn is_asset(destination: &str) -> bool {
    let path = destination
        .split_once('#')
        .map_or(destination, |(path, _)| path);
    [".svg", ".png", ".json", ".csv"]
        .iter()
        .any(|ext| path.ends_with(ext))
}

/// Checks that `destination`, written on `page`, names an existing file and anchor.
fn check_target(page: &Path, destination: &str) -> Result<(), String> {
    let (path, anchor) = match destination.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (destination, None),
    };
    let target = if path.is_empty() {
        page.to_path_buf()
    } else {
        page.parent().unwrap().join(path)
    };
    let full = root().join(&target);
    if !full.exists() {
        return Err(format!("`{destination}`: no file {}", target.display()));
    }
    if let Some(anchor) = anchor {
        let text = fs::read_to_string(&full)
            .map_err(|e| format!("`{destination}`: cannot read {}: {e}", target.display()))?;
        if !anchors(&text).contains(anchor) {
            return Err(format!(
                "`{destination}`: {} has no heading with the anchor #{anchor}",
                target.display()
            ));
        }
    }
    Ok(())
}

/// The labels that `src/docs/links.md` maps to rustdoc paths.
fn rendered_labels() -> BTreeSet<String> {
    let text = fs::read_to_string(root().join("src/docs/links.md")).unwrap();
    links(&text)
        .into_iter()
        .filter_map(|link| match link {
            Link::Definition { label, .. } => Some(label),
            _ => None,
        })
        .collect()
}

fn problems() -> Vec<String> {
    let rendered = rendered_labels();
    let mut problems = vec![];
    for page in pages() {
        let text = fs::read_to_string(root().join(&page)).unwrap();
        let found = links(&text);
        let defined: BTreeSet<&str> = found
            .iter()
            .filter_map(|link| match link {
                Link::Definition { label, .. } => Some(label.as_str()),
                _ => None,
            })
            .collect();
        for link in &found {
            let problem = match link {
                Link::Inline { line, destination } if !is_external(destination) => {
                    if destination.starts_with('#') || is_asset(destination) {
                        check_target(&page, destination).err().map(|e| (line, e))
                    } else {
                        Some((
                            line,
                            format!(
                                "`{destination}`: an inline link to a relative path is dead in \
                                 the rendered book; write a reference link with a label listed \
                                 in src/docs/links.md"
                            ),
                        ))
                    }
                }
                Link::Inline { .. } => None,
                Link::Reference { line, label } => (!defined.contains(label.as_str()))
                    .then(|| (line, format!("[{label}]: no definition on this page"))),
                Link::Definition {
                    line,
                    label,
                    destination,
                } if !is_external(destination) => {
                    if let Err(e) = check_target(&page, destination) {
                        Some((line, e))
                    } else if !destination.starts_with('#') && !rendered.contains(label) {
                        Some((
                            line,
                            format!("[{label}]: not in src/docs/links.md, so dead on docs.rs"),
                        ))
                    } else {
                        None
                    }
                }
                Link::Definition { .. } => None,
            };
            if let Some((line, problem)) = problem {
                problems.push(format!("{}:{line}: {problem}", page.display()));
            }
        }
    }
    problems
}

#[test]
#[cfg_attr(miri, ignore = "reads files; no unsafe code here")]
fn readme_and_docs_have_no_dead_links() {
    let problems = problems();
    assert!(problems.is_empty(), "dead links:\n{}", problems.join("\n"));
}

#[test]
#[cfg_attr(miri, ignore = "reads files; no unsafe code here")]
fn every_chapter_is_a_page_of_the_rendered_book() {
    let book = fs::read_to_string(root().join("src/docs/mod.rs")).unwrap();
    let missing: Vec<String> = pages()
        .into_iter()
        .filter(|page| page.starts_with("docs"))
        .map(|page| page.display().to_string())
        .filter(|page| !book.contains(&format!("include_str!(\"../../{page}\")")))
        .collect();
    assert!(missing.is_empty(), "not in src/docs/mod.rs: {missing:?}");
}

#[test]
fn github_anchor_slugs_follow_github() {
    let text = "# A `poll_next`: three answers\n## Pin, in one page\n## Pin, in one page\n\
                ```\n# not a heading\n```\n### [Link](x.md) text\n";
    let expected = [
        "a-poll_next-three-answers",
        "pin-in-one-page",
        "pin-in-one-page-1",
        "link-text",
    ];
    assert_eq!(
        anchors(text),
        expected.iter().map(|s| s.to_string()).collect()
    );
}

#[test]
#[cfg_attr(miri, ignore = "reads files; no unsafe code here")]
fn the_checker_reports_a_missing_file_a_missing_anchor_and_an_inline_relative_link() {
    let page = Path::new("docs/python.md");
    assert!(check_target(page, "python.md").is_ok());
    assert!(check_target(page, "no-such-chapter.md").is_err());
    assert!(check_target(page, "#no-such-heading").is_err());
    assert!(check_target(page, "../README.md#the-book").is_ok());
    let found = links("see [x](python.md) and [y][python.md]\n\n[python.md]: python.md\n");
    assert!(matches!(&found[0], Link::Inline { destination, .. } if destination == "python.md"));
    assert!(matches!(&found[1], Link::Reference { label, .. } if label == "python.md"));
    assert!(matches!(&found[2], Link::Definition { label, .. } if label == "python.md"));
}
