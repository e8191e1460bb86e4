//! The generated parts of `docs/benchmarks.md`: tables with ratios, the machine, and the
//! list of the places where anext is not ahead.

use crate::spec::{Layout, TABLES, Table};
use crate::value;
use serde_json::{Map, Value};

/// A figure as the chapter prints it: instruction counts to 0.1 below 100, whole above;
/// nanoseconds to three significant digits.
pub fn figure(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        let s = format!("{v:.1}");
        s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
    } else {
        let s = format!("{v:.2}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        s.to_owned()
    }
}

/// `ours / theirs`, bold when anext costs more.
fn ratio(ours: Option<f64>, theirs: Option<f64>) -> String {
    match (ours, theirs) {
        (Some(a), Some(b)) if b > 0.0 => {
            let r = a / b;
            if r > 1.005 {
                format!("**{r:.2}×**")
            } else {
                format!("{r:.2}×")
            }
        }
        _ => "–".into(),
    }
}

fn cell(v: Option<f64>) -> String {
    v.map_or_else(|| "–".into(), figure)
}

/// The markdown table for `table`.
pub fn table(table: &Table, results: &Map<String, Value>) -> String {
    let mut out = String::new();
    match &table.layout {
        Layout::Matrix { columns, rows } => {
            out.push_str("| |");
            for (label, _) in *columns {
                out.push_str(&format!(" {label} |"));
            }
            out.push_str(" ratio in brackets |\n|---|");
            out.push_str(&"---|".repeat(columns.len()));
            out.push_str("---|\n");
            for row in *rows {
                out.push_str(&format!("| {} |", row.label));
                let baseline = row
                    .versus
                    .and_then(|label| rows.iter().find(|r| r.label == label));
                for (_, part) in *columns {
                    let v = value(results, &row.key.replace("{}", part));
                    match baseline {
                        None => out.push_str(&format!(" {} |", cell(v))),
                        Some(base) => {
                            let ours = value(results, &base.key.replace("{}", part));
                            out.push_str(&format!(" {} ({}) |", cell(v), ratio(ours, v)));
                        }
                    }
                }
                match baseline {
                    Some(base) => out.push_str(&format!(" {} ÷ this |\n", base.label)),
                    None => out.push_str(" |\n"),
                }
            }
        }
        Layout::Pairs { groups } => {
            out.push_str("| scenario | anext | peer | peer's figure | anext ÷ peer |\n");
            out.push_str("|---|---|---|---|---|\n");
            for group in *groups {
                let ours = value(results, group.anext);
                for (i, (peer, key)) in group.peers.iter().enumerate() {
                    let theirs = value(results, key);
                    let (scenario, anext) = if i == 0 {
                        (group.scenario.to_owned(), cell(ours))
                    } else {
                        (String::new(), String::new())
                    };
                    out.push_str(&format!(
                        "| {scenario} | {anext} | {peer} | {} | {} |\n",
                        cell(theirs),
                        ratio(ours, theirs)
                    ));
                }
            }
        }
    }
    out.push_str(&format!(
        "\n![{}](benchmarks/{}.svg)\n",
        table.title, table.id
    ));
    out
}

/// Every place where anext's figure is above a peer's, one bullet per anext row and peer
/// (matrix tables) or per scenario and peer (pair tables), under each table's title.
pub fn behind(results: &Map<String, Value>) -> String {
    let worse = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) if a > b * 1.005 => Some(format!(
            "{} against {} ({:.2}×)",
            figure(a),
            figure(b),
            a / b
        )),
        _ => None,
    };
    let mut out = String::new();
    for table in TABLES {
        let mut bullets = Vec::new();
        match &table.layout {
            Layout::Matrix { columns, rows } => {
                for row in *rows {
                    let Some(base) = row
                        .versus
                        .and_then(|label| rows.iter().find(|r| r.label == label))
                    else {
                        continue;
                    };
                    let found: Vec<String> = columns
                        .iter()
                        .filter_map(|(column, part)| {
                            let ours = value(results, &base.key.replace("{}", part));
                            let theirs = value(results, &row.key.replace("{}", part));
                            Some(format!("{column} {}", worse(ours, theirs)?))
                        })
                        .collect();
                    if !found.is_empty() {
                        bullets.push(format!(
                            "{} against {}: {}",
                            base.label,
                            row.label,
                            found.join("; ")
                        ));
                    }
                }
            }
            Layout::Pairs { groups } => {
                for group in *groups {
                    for (peer, key) in group.peers {
                        let ours = value(results, group.anext);
                        if let Some(text) = worse(ours, value(results, key)) {
                            bullets.push(format!("{}, against {peer}: {text}", group.scenario));
                        }
                    }
                }
            }
        }
        if !bullets.is_empty() {
            out.push_str(&format!("\n{}:\n\n", table.title));
            for bullet in bullets {
                out.push_str(&format!("- {bullet}.\n"));
            }
        }
    }
    if out.is_empty() {
        out.push_str("- Nowhere in this run.\n");
    }
    out.trim_start().to_owned()
}

/// The machine and toolchain list.
pub fn machine(results: &Map<String, Value>) -> String {
    let m = &results["machine"];
    let s = |v: &Value| v.as_str().unwrap_or("not recorded").to_owned();
    let peers = m["peers"]
        .as_object()
        .map(|p| {
            p.iter()
                .map(|(k, v)| format!("{k} {}", v.as_str().unwrap_or("?")))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    format!(
        "- Machine: {} ({} cores visible), {}.\n\
         - Toolchain: {}; nightly for `async gen`: {}.\n\
         - Callgrind: {}; runs of {} and {} operations per case.\n\
         - Peers (from `Cargo.lock`): {peers}.\n\
         - Instruction counts measured on commit {}, {}; wall-clock figures on commit {}, {}.\n",
        s(&m["cpu"]),
        m["cores"],
        s(&m["kernel"]),
        s(&m["rustc"]),
        m["rustc_nightly"]
            .as_str()
            .unwrap_or("not installed (no `async gen` rows)"),
        s(&m["valgrind"]),
        thousands(&results["icount_runs"]["n1"]),
        thousands(&results["icount_runs"]["n2"]),
        s(&m["commit"]),
        s(&m["date"]),
        s(&results["criterion_run"]["commit"]),
        s(&results["criterion_run"]["date"]),
    )
}

/// A whole number with thousands separators (`100,000`).
fn thousands(v: &Value) -> String {
    let digits = v.as_u64().map_or_else(|| "?".into(), |n| n.to_string());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Replaces what lies between `<!-- report:ID -->` and `<!-- /report:ID -->` in `doc`.
pub fn replace_section(doc: &str, id: &str, text: &str) -> Result<String, String> {
    let open = format!("<!-- report:{id} -->\n");
    let close = format!("<!-- /report:{id} -->");
    let start = doc
        .find(&open)
        .ok_or_else(|| format!("docs/benchmarks.md has no `{}` marker", open.trim()))?
        + open.len();
    let end = doc[start..]
        .find(&close)
        .ok_or_else(|| format!("docs/benchmarks.md has no `{close}` marker"))?
        + start;
    Ok(format!("{}{text}{}", &doc[..start], &doc[end..]))
}
