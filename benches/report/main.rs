//! The benchmark report: measures what `docs/benchmarks.md` shows, writes the figures to
//! `docs/benchmarks/results.json`, and from that file alone writes the chapter's tables and
//! charts. `benches/report.sh` runs the three steps in order; each can run alone:
//!
//! - `report measure [FILTER]`: callgrind instruction counts of every case the tables name
//!   (or only the keys containing FILTER, merged into the existing results);
//! - `report criterion`: reads the estimates of the last `cargo bench` from
//!   `target/criterion` into the results;
//! - `report render`: writes `docs/benchmarks/*.svg` and the generated parts of
//!   `docs/benchmarks.md` (between `<!-- report:ID -->` and `<!-- /report:ID -->`).
//!
//! Run from the repository root, after `cargo build --release -p anext-benches --bins`.

mod chart;
mod markdown;
mod spec;

use serde_json::{Map, Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;

const RESULTS: &str = "docs/benchmarks/results.json";
const CHAPTER: &str = "docs/benchmarks.md";
const CHARTS: &str = "docs/benchmarks";

/// Cargo's target directory: `$CARGO_TARGET_DIR`, or `target` in the repository root.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from)
}

/// The nightly `async gen` binary, built by `benches/report.sh` when nightly is installed.
fn nightly_exe() -> PathBuf {
    target_dir().join("nightly-bench/release/anext-nightly-bench")
}

/// Operations of the two callgrind runs of a case: the difference of their totals divided
/// by `N2 - N1` is the cost of one operation, start-up and set-up cancelled.
const N1: u64 = 100_000;
const N2: u64 = 200_000;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("measure") => measure(args.get(1).map(String::as_str)),
        Some("criterion") => criterion(),
        Some("render") => render(),
        _ => Err("usage: report measure [FILTER] | report criterion | report render".into()),
    };
    if let Err(error) = result {
        eprintln!("report: {error}");
        std::process::exit(1);
    }
}

type Result<T = ()> = std::result::Result<T, String>;

fn load() -> Result<Map<String, Value>> {
    match std::fs::read_to_string(RESULTS) {
        Ok(text) => match serde_json::from_str(&text) {
            Ok(Value::Object(map)) => Ok(map),
            _ => Err(format!("{RESULTS} is not a JSON object")),
        },
        Err(_) => Ok(Map::new()),
    }
}

fn save(results: &Map<String, Value>) -> Result {
    std::fs::create_dir_all(CHARTS).map_err(|e| format!("{CHARTS}: {e}"))?;
    let text = serde_json::to_string_pretty(results).expect("a JSON map serialises");
    std::fs::write(RESULTS, text + "\n").map_err(|e| format!("{RESULTS}: {e}"))
}

/// The first line printed by `program args`, or `None` if it cannot run.
fn first_line(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    out.status
        .success()
        .then(|| text.lines().next().unwrap_or("").trim().to_owned())
}

/// The machine, the toolchains and the peers' versions (from `Cargo.lock`).
fn machine() -> Value {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")
                .map(|v| v.trim_start_matches([' ', '\t', ':']))
        })
        .unwrap_or("unknown");
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let lock = std::fs::read_to_string("Cargo.lock").unwrap_or_default();
    let mut peers = Map::new();
    let mut name = None;
    for line in lock.lines() {
        if let Some(n) = line.strip_prefix("name = ") {
            name = Some(n.trim_matches('"').to_owned());
        } else if let (Some(v), Some(n)) = (line.strip_prefix("version = "), name.take()) {
            const PEERS: [&str; 9] = [
                "async-stream",
                "genawaiter",
                "futures",
                "tokio",
                "pollster",
                "async-executor",
                "futures-lite",
                "criterion",
                "plotters",
            ];
            if PEERS.contains(&n.as_str()) {
                peers.insert(n, json!(v.trim_matches('"')));
            }
        }
    }
    json!({
        "cpu": cpu,
        "cores": cores,
        "kernel": first_line("uname", &["-sr"]),
        "rustc": first_line("rustc", &["-V"]),
        "rustc_nightly": first_line("rustc", &["+nightly", "-V"]),
        "valgrind": first_line("valgrind", &["--version"]),
        "commit": first_line("git", &["rev-parse", "--short", "HEAD"]),
        "date": first_line("date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
        "peers": peers,
    })
}

/// Total instructions of one run of `exe case n` under callgrind.
fn total(exe: &Path, case: &str, n: u64, scratch: &Path) -> Result<u64> {
    let out_file = scratch.join("callgrind.out");
    let status = Command::new("valgrind")
        .arg("--tool=callgrind")
        .arg(format!("--callgrind-out-file={}", out_file.display()))
        .arg(exe)
        .arg(case)
        .arg(n.to_string())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .map_err(|e| format!("valgrind: {e} (is valgrind installed?)"))?;
    if !status.success() {
        return Err(format!(
            "{} {case} {n} failed under valgrind",
            exe.display()
        ));
    }
    let text = std::fs::read_to_string(&out_file).map_err(|e| e.to_string())?;
    text.lines()
        .find_map(|l| {
            l.strip_prefix("totals:")
                .or_else(|| l.strip_prefix("summary:"))
        })
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .ok_or_else(|| format!("no totals line in callgrind output for {case}"))
}

/// The executable that runs the cases of `bin` (`gen`, `executor`, ..., or `nightly`).
fn executable(bin: &str) -> PathBuf {
    match bin {
        "nightly" => nightly_exe(),
        bin => target_dir().join("release").join(bin),
    }
}

fn measure(filter: Option<&str>) -> Result {
    let mut results = load()?;
    let mut counts = match (filter, results.remove("icount")) {
        (Some(_), Some(Value::Object(old))) => old,
        _ => Map::new(),
    };
    let scratch = std::env::temp_dir().join(format!("anext-report-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).map_err(|e| e.to_string())?;
    let nightly = nightly_exe().exists();
    if !nightly {
        let exe = nightly_exe();
        eprintln!(
            "report: {} not built (no nightly?): no async gen rows",
            exe.display()
        );
    }
    let mut keys: Vec<String> = spec::TABLES
        .iter()
        .flat_map(spec::Table::keys)
        .filter(|k| !k.starts_with("crit:"))
        .filter(|k| filter.is_none_or(|f| k.contains(f)))
        .filter(|k| nightly || !k.starts_with("nightly:"))
        .collect();
    let mut seen = std::collections::HashSet::new();
    keys.retain(|k| seen.insert(k.clone()));
    for (i, key) in keys.iter().enumerate() {
        let (bin, case) = key.split_once(':').expect("keys are BIN:CASE");
        let exe = executable(bin);
        let a = total(&exe, case, N1, &scratch)?;
        let b = total(&exe, case, N2, &scratch)?;
        let per_op = (b as f64 - a as f64) / (N2 - N1) as f64;
        let per_op = (per_op * 10.0).round() / 10.0;
        eprintln!("[{}/{}] {key:<48} {per_op:>10.1}", i + 1, keys.len());
        counts.insert(key.clone(), json!(per_op));
    }
    let _ = std::fs::remove_dir_all(&scratch);
    results.insert("machine".into(), machine());
    results.insert("icount_runs".into(), json!({ "n1": N1, "n2": N2 }));
    results.insert("icount".into(), Value::Object(counts));
    save(&results)
}

/// Reads every `target/criterion/**/new/{benchmark,estimates}.json` pair: the median time
/// of one iteration divided by the benchmark's element count is the time of one operation.
fn criterion() -> Result {
    fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n == "new") {
                    found.push(path);
                } else {
                    walk(&path, found);
                }
            }
        }
    }
    let read = |path: PathBuf| -> Result<Value> {
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    };
    let mut found = Vec::new();
    walk(&target_dir().join("criterion"), &mut found);
    found.sort();
    let mut times = Map::new();
    for dir in found {
        let benchmark = read(dir.join("benchmark.json"))?;
        let estimates = read(dir.join("estimates.json"))?;
        let id = benchmark["full_id"]
            .as_str()
            .ok_or("benchmark.json has no full_id")?;
        let elements = benchmark["throughput"]["Elements"].as_f64().unwrap_or(1.0);
        let median = estimates["median"]["point_estimate"]
            .as_f64()
            .ok_or("estimates.json has no median")?;
        let per_op = median / elements;
        let per_op = (per_op * 1000.0).round() / 1000.0;
        times.insert(format!("crit:{id}"), json!(per_op));
    }
    if times.is_empty() {
        return Err("no criterion results in the target directory: run cargo bench first".into());
    }
    let mut results = load()?;
    results.insert(
        "criterion_run".into(),
        json!({
            "commit": first_line("git", &["rev-parse", "--short", "HEAD"]),
            "date": first_line("date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
        }),
    );
    results.insert(
        "criterion_settings".into(),
        json!("--warm-up-time 1 --measurement-time 2 (the gen bench: 0.5 s and 2 s, 20 samples); median of the samples"),
    );
    results.insert("criterion".into(), Value::Object(times));
    save(&results)
}

/// Looks up a measurement key in the results.
pub fn value(results: &Map<String, Value>, key: &str) -> Option<f64> {
    let section = if key.starts_with("crit:") {
        "criterion"
    } else {
        "icount"
    };
    results.get(section)?.get(key)?.as_f64()
}

fn render() -> Result {
    let results = load()?;
    if results.is_empty() {
        return Err(format!("{RESULTS} is missing: run `report measure` first"));
    }
    let mut chapter = std::fs::read_to_string(CHAPTER).map_err(|e| format!("{CHAPTER}: {e}"))?;
    for table in spec::TABLES {
        let text = markdown::table(table, &results);
        chapter = markdown::replace_section(&chapter, table.id, &text)?;
        let path = Path::new(CHARTS).join(format!("{}.svg", table.id));
        chart::draw(table, &results, &path)?;
    }
    chapter = markdown::replace_section(&chapter, "machine", &markdown::machine(&results))?;
    chapter = markdown::replace_section(&chapter, "behind", &markdown::behind(&results))?;
    std::fs::write(CHAPTER, chapter).map_err(|e| format!("{CHAPTER}: {e}"))
}
