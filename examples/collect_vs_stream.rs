//! The seed's `collect_vs_stream.py`: the same batches collected into a list up front, and
//! streamed one by one from a generator, then collected (PEP 530's
//! `[batch async for batch in stream()]`).
//!
//! Run with `cargo run --example collect_vs_stream`; it prints what CPython prints.

use std::fmt;
use std::fmt::Write as _;

use anext::{AsyncIterator, AsyncIteratorExt, async_gen, block_on};

/// `@dataclass(frozen=True) class Batch: number: int`
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Batch {
    pub number: u32,
}

/// Python's `repr`: `Batch(number=0)`.
impl fmt::Debug for Batch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Batch(number={})", self.number)
    }
}

/// `async def collect_all() -> list[Batch]`: everything in memory at once (O(n)).
pub async fn collect_all() -> Vec<Batch> {
    (0..3).map(|number| Batch { number }).collect()
}

/// `async def stream()`: one batch at a time (O(1) retained), written with `gen!`.
pub fn stream() -> impl AsyncIterator<Item = Batch> {
    async_gen! {
        for number in 0..3 {
            anext::yield_now().await; // asyncio.sleep(0)
            yield Batch { number };
        }
    }
}

/// `async def main()`, into a string.
pub fn output() -> String {
    block_on(async {
        let mut out = String::new();
        writeln!(out, "{:?}", collect_all().await).unwrap();
        writeln!(out, "{:?}", stream().collect::<Vec<_>>().await).unwrap();
        out
    })
}

fn main() {
    print!("{}", output());
}
