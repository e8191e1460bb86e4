#!/usr/bin/env bash
# Regenerates docs/benchmarks.md's figures and charts in one command:
#
#   benches/report.sh                 # everything (about 10 minutes on 2 cores)
#   benches/report.sh --no-criterion  # instruction counts only; keeps the last wall-clock figures
#   benches/report.sh --render        # only redraw tables and charts from results.json
#
# 1. builds the benchmark binaries (release, one codegen unit) and, when `cargo +nightly` is
#    installed, the nightly `async gen` crate in benches/nightly (its own workspace);
# 2. counts instructions per operation of every case with callgrind (benches/report/spec.rs
#    lists them; each case runs twice, with 100,000 and 200,000 operations, and the
#    difference is divided by 100,000, which cancels set-up);
# 3. runs a short criterion pass for nanoseconds per operation (noisy on a shared machine);
# 4. writes docs/benchmarks/results.json, the SVG charts in docs/benchmarks/ (plotters) and
#    the generated tables of docs/benchmarks.md.
#
# Needs valgrind (apt-get install valgrind).
set -euo pipefail
cd "$(dirname "$0")/.."

criterion=1
measure=1
case "${1:-}" in
  --no-criterion) criterion=0 ;;
  --render) criterion=0; measure=0 ;;
  "") ;;
  *) echo "usage: benches/report.sh [--no-criterion | --render]" >&2; exit 2 ;;
esac

target=${CARGO_TARGET_DIR:-target}
cargo build --release -q -p anext-benches --bins
if [ "$measure" = 1 ]; then
  command -v valgrind >/dev/null || { echo "report.sh: valgrind is needed (apt-get install valgrind)" >&2; exit 1; }
  if cargo +nightly --version >/dev/null 2>&1; then
    cargo +nightly build --release -q --manifest-path benches/nightly/Cargo.toml --target-dir "$target/nightly-bench"
  else
    echo "report.sh: no nightly toolchain: the nightly async gen rows are left out" >&2
    rm -f "$target/nightly-bench/release/anext-nightly-bench"
  fi
  "$target/release/report" measure
fi
if [ "$criterion" = 1 ]; then
  rm -rf "$target/criterion"
  cargo bench -q -p anext-benches --bench gen --bench adapters --bench executor --bench pingpong \
    -- --warm-up-time 1 --measurement-time 2
  "$target/release/report" criterion
fi
"$target/release/report" render
echo "report.sh: wrote docs/benchmarks/results.json, docs/benchmarks/*.svg and docs/benchmarks.md"
