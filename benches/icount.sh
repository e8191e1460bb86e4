#!/usr/bin/env bash
# Instructions per operation, counted by callgrind (stable on a noisy machine, unlike time).
# (benches/report.sh runs every case of docs/benchmarks.md the same way and regenerates it.)
#
#   benches/icount.sh BIN CASE [CASE ...]
#
# BIN is a binary of the anext-benches package (benches/icount/BIN.rs); it must accept
# `CASE N` and run the measured operation N times. Each case runs twice, with N1 and N2
# operations; the difference of the two totals divided by N2 - N1 cancels start-up and
# set-up, leaving the cost of one operation.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1
shift
n1=${ICOUNT_N1:-100000}
n2=${ICOUNT_N2:-200000}
cargo build --release -q -p anext-benches --bin "$bin"
exe=target/release/$bin
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
total() { # CASE N -> instructions of the whole run
  valgrind --tool=callgrind --callgrind-out-file="$out/cg" "$exe" "$1" "$2" >/dev/null 2>"$out/log"
  awk '/^(summary|totals):/ { print $2; exit }' "$out/cg"
}
printf '%-40s %14s\n' "case ($bin)" "instr/op"
for case in "$@"; do
  a=$(total "$case" "$n1")
  b=$(total "$case" "$n2")
  awk -v a="$a" -v b="$b" -v n1="$n1" -v n2="$n2" -v c="$case" \
    'BEGIN { printf "%-40s %14.1f\n", c, (b - a) / (n2 - n1) }'
done
