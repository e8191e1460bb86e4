#!/usr/bin/env bash
# Clean build time of a user crate that depends on anext, against the same user crate built
# on async-stream, futures and tokio, in one run on the same machine.
#
#   benches/build_time.sh [CASE ...]
#
# Each CASE is a throw-away binary crate in a temp dir with one dependency and a `main` that
# uses it, and its own target dir. Every case is built `RUNS` times (default 3) from an empty
# target dir, in debug (what `cargo build` gives a new user) and in release, interleaved
# (anext, async-stream, futures, tokio, anext, ...) so that load from other jobs falls on
# every case alike. Printed per case and profile: the crates compiled (the user crate
# included), then the median CPU time (user + sys, the primary figure: this machine's cores
# are shared) and the median wall time, in seconds.
#
# Cases: anext (default features, by path: this checkout), anext-std (`default-features =
# false, features = ["std"]`: generators and adapters, no runtime; `main` drains a `gen!` by
# hand), anext-nodefault (`default-features = false`), async-stream, futures, tokio (`rt`,
# `macros`); default: all but anext-std and anext-nodefault. And `tour`: the README's main
# job as a new clone meets it, `cargo build --example tour` in this checkout (its workspace,
# so incremental as cargo chooses) with an empty target dir of its own. The peers come from
# the local registry cache (`--offline`).
# `CARGO_INCREMENTAL=0` for every build: a path dependency would otherwise be built
# incrementally, which a registry dependency never is, and that costs anext about 10 %.
# `PROFILES="debug"` skips release; `KEEP=1` keeps the temp dir (and prints its path), whose
# `CASE/target` holds the last build, for `cargo build --timings` by hand.
#
# `ICOUNT=1` measures something else, stable under load: the instructions rustc executes
# compiling the anext crate alone (every thread, callgrind; one build per case and profile,
# about a minute and a half each in debug), for the anext cases. Use it to tell whether a
# change to anext makes it cheaper to build; the seconds above compare it with the peers.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-3}
profiles=${PROFILES:-"debug release"}
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(anext async-stream futures tokio)
work=$(mktemp -d)
if [ -n "${KEEP:-}" ]; then echo "temp dir: $work"; else trap 'rm -rf "$work"' EXIT; fi
export CARGO_INCREMENTAL=0

make_case() { # CASE -> a crate in $work/CASE
  local dep main
  case $1 in
  anext)
    dep="anext = { path = \"$root\" }"
    main='fn main() { println!("{}", anext::block_on(async { 1 + 1 })); }' ;;
  anext-std)
    dep="anext = { path = \"$root\", default-features = false, features = [\"std\"] }"
    main='use anext::{AsyncIterator, AsyncIteratorExt};
use std::task::{Context, Poll, Waker};
fn main() {
    let mut it = std::pin::pin!(anext::r#gen! { yield 1; }.map(|x| x + 1));
    let mut cx = Context::from_waker(Waker::noop());
    while let Poll::Ready(Some(x)) = it.as_mut().poll_next(&mut cx) { println!("{x}"); }
}' ;;
  anext-nodefault)
    dep="anext = { path = \"$root\", default-features = false }"
    main='use anext::AsyncIterator;
fn main() { println!("{:?}", anext::empty::<u8>().size_hint()); }' ;;
  async-stream)
    dep='async-stream = "0.3"'
    main='fn main() { let s = async_stream::stream! { yield 1; }; drop(s); println!("2"); }' ;;
  futures)
    dep='futures = "0.3"'
    main='fn main() { println!("{}", futures::executor::block_on(async { 1 + 1 })); }' ;;
  tokio)
    dep='tokio = { version = "1", features = ["rt", "macros"] }'
    main='#[tokio::main(flavor = "current_thread")]
async fn main() { println!("{}", async { 1 + 1 }.await); }' ;;
  tour) mkdir -p "$work/tour"; return ;;
  *) echo "unknown case $1" >&2; exit 2 ;;
  esac
  mkdir -p "$work/$1/src"
  printf '[package]\nname = "user"\nversion = "0.1.0"\nedition = "2024"\n\n[dependencies]\n%s\n' \
    "$dep" >"$work/$1/Cargo.toml"
  printf '%s\n' "$main" >"$work/$1/src/main.rs"
  (cd "$work/$1" && cargo generate-lockfile --offline -q)
}

build() { # CASE PROFILE -> "crates cpu wall"
  local dir=$work/$1 flag=
  [ "$2" = release ] && flag=--release
  rm -rf "$dir/target"
  if [ "$1" = tour ]; then
    (cd "$root" && env -u CARGO_INCREMENTAL CARGO_TARGET_DIR="$dir/target" \
      /usr/bin/time -o "$dir/time" -f '%e %U %S' \
      cargo build --offline $flag --example tour >"$dir/log" 2>&1) || { cat "$dir/log" >&2; exit 1; }
  else
    (cd "$dir" && /usr/bin/time -o "$dir/time" -f '%e %U %S' \
      cargo build --offline $flag >"$dir/log" 2>&1) || { cat "$dir/log" >&2; exit 1; }
  fi
  local crates
  crates=$(grep -c '^ *Compiling ' "$dir/log")
  awk -v n="$crates" '{ printf "%d %.2f %.2f\n", n, $2 + $3, $1 }' "$dir/time"
}

icount() { # CASE PROFILE -> instructions (G) of rustc compiling the anext crate
  local dir=$work/$1 flag=
  [ "$2" = release ] && flag=--release
  rm -rf "$dir/target" "$dir/cg"
  (cd "$dir" && RUSTC_WRAPPER="$work/wrap" CALLGRIND_OUT="$dir/cg" cargo build --offline $flag \
    >"$dir/log" 2>&1) || { cat "$dir/log" >&2; exit 1; }
  awk '/^summary:/ { printf "%.3f\n", $2 / 1e9 }' "$dir/cg"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

for c in "${cases[@]}"; do make_case "$c"; done
if [ -n "${ICOUNT:-}" ]; then
  cat >"$work/wrap" <<'WRAP'
#!/usr/bin/env bash
# RUSTC_WRAPPER: the anext crate's rustc under callgrind, every other one as usual.
rustc=$1
shift
name= prev=
for a in "$@"; do [ "$prev" = --crate-name ] && name=$a; prev=$a; done
[ "$name" = anext ] && exec valgrind --tool=callgrind --callgrind-out-file="$CALLGRIND_OUT" \
  -q "$rustc" "$@"
exec "$rustc" "$@"
WRAP
  chmod +x "$work/wrap"
  printf '%-16s %-8s %22s\n' case profile "rustc on anext (G instr)"
  for p in $profiles; do
    for c in "${cases[@]}"; do
      case $c in anext*) printf '%-16s %-8s %22s\n' "$c" "$p" "$(icount "$c" "$p")" ;; esac
    done
  done
  exit 0
fi
echo "rustc $(rustc --version | cut -d' ' -f2), $runs runs each, median; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-16s %-8s %7s %9s %9s\n' case profile crates "cpu (s)" "wall (s)"
for p in $profiles; do
  for ((i = 0; i < runs; i++)); do
    for c in "${cases[@]}"; do build "$c" "$p" >>"$work/$c.$p"; done
  done
  for c in "${cases[@]}"; do
    f=$work/$c.$p
    printf '%-16s %-8s %7s %9s %9s\n' "$c" "$p" "$(cut -d' ' -f1 "$f" | median)" \
      "$(cut -d' ' -f2 "$f" | median)" "$(cut -d' ' -f3 "$f" | median)"
  done
done
