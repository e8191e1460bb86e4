#!/usr/bin/env bash
# Instructions per operation, counted by callgrind (stable on a noisy machine, unlike time).
#
#   benches/icount.sh BIN CASE [CASE ...]
#
# BIN is a binary of the anext-benches package (benches/icount/BIN.rs), or nightly_gen
# (benches/nightly-gen, nightly `async gen` blocks, built with `cargo +nightly`); it must
# accept `CASE N` and run the measured operation N times. `benches/icount.sh gen all` and
# `benches/icount.sh nightly_gen all` run every generator case, dyn and inlined. Each case runs twice, with N1 and N2
# operations; the difference of the two totals divided by N2 - N1 cancels start-up and
# set-up, leaving the cost of one operation.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1
shift
n1=${ICOUNT_N1:-100000}
n2=${ICOUNT_N2:-200000}
if [ "$bin" = nightly_gen ]; then # nightly `async gen`: a crate of its own, nightly only
  cargo +nightly build --release -q --manifest-path benches/nightly-gen/Cargo.toml
  exe=benches/nightly-gen/target/release/$bin
else
  cargo build --release -q -p anext-benches --bin "$bin"
  exe=target/release/$bin
fi
if [ "${1:-}" = all ]; then # every generator case, dyn and inlined
  case $bin in
    gen) imps="anext async_stream genawaiter unfold anext_unfold hand" ;;
    nightly_gen) imps="async_gen" ;;
    *) echo "'all' is for the gen and nightly_gen binaries" >&2; exit 2 ;;
  esac
  set --
  for body in plain ready yield_once; do
    for imp in $imps; do
      set -- "$@" "$imp/$body" "$imp/$body/inline"
    done
  done
fi
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
