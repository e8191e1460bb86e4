//! The seed's memory claim, measured: streaming keeps the retained results O(1), collecting
//! first keeps them O(n). Run with `cargo run --release -p anext-benches --bin retained`.
//!
//! A counting global allocator tracks live heap bytes and their peak. Each run "fetches" N
//! batches of 1 KiB; the consumer reduces each batch to its checksum:
//!
//! - `collect`: `[b async for b in stream()]`, then process the list;
//! - `stream`: `async for b in stream(): process(b)`, each batch dropped after use.

use anext::{AsyncIteratorExt, block_on, unfold};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Tracking;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards every call to `System` unchanged; the counters are only bookkeeping.
unsafe impl GlobalAlloc for Tracking {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        // SAFETY: forwarded unchanged; the caller upholds `alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: forwarded unchanged; `ptr` was allocated by `System` with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Tracking = Tracking;

const BATCH: usize = 1024;

fn batches(n: usize) -> impl anext::AsyncIterator<Item = Vec<u8>> {
    unfold(0, move |i| async move {
        (i < n).then(|| (vec![i as u8; BATCH], i + 1))
    })
}

fn checksum(batch: &[u8]) -> u64 {
    batch.iter().map(|&b| u64::from(b)).sum()
}

/// Peak heap bytes above the level at the start of `f`.
fn peak_of(f: impl FnOnce() -> u64) -> (usize, u64) {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let result = f();
    (PEAK.load(Ordering::Relaxed) - base, result)
}

fn main() {
    println!(
        "{:>9} {:>16} {:>16} {:>8}",
        "batches", "collect: peak B", "stream: peak B", "ratio"
    );
    for n in [1_000, 10_000, 100_000] {
        let (collected, a) = peak_of(|| {
            let all: Vec<Vec<u8>> = block_on(batches(n).collect());
            all.iter().map(|b| checksum(b)).sum()
        });
        let (streamed, b) = peak_of(|| block_on(batches(n).fold(0, |acc, b| acc + checksum(&b))));
        assert_eq!(a, b, "both ways compute the same result");
        println!(
            "{n:>9} {collected:>16} {streamed:>16} {:>8.0}",
            collected as f64 / streamed as f64
        );
    }
}
