//! The seed's `pages.py`: an async generator of pages, consumed with `async for`.
//!
//! ```python
//! async def pages() -> AsyncIterator[Page]:
//!     for number in range(3):
//!         await asyncio.sleep(0.01)
//!         yield Page(number, (f"row-{number}",))
//! ```
//!
//! Run with `cargo run --example pages`; it prints what CPython prints.

use std::fmt;
use std::fmt::Write as _;
use std::pin::pin;
use std::time::Duration;

use anext::exec::LocalExecutor;
use anext::time::sleep;
use anext::{AsyncIterator, AsyncIteratorExt, async_gen};

/// `@dataclass(frozen=True) class Page: number: int; rows: tuple[str, ...]`
#[derive(Clone, PartialEq, Eq)]
pub struct Page {
    pub number: u32,
    pub rows: Vec<String>,
}

/// Python's `repr`: `Page(number=0, rows=('row-0',))`.
impl fmt::Debug for Page {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Page(number={}, rows=(", self.number)?;
        for (i, row) in self.rows.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "'{row}'")?;
        }
        if self.rows.len() == 1 {
            f.write_str(",")?; // a one-element tuple
        }
        f.write_str("))")
    }
}

/// `async def pages()`, written with `gen!`.
pub fn pages() -> impl AsyncIterator<Item = Page> {
    async_gen! {
        for number in 0..3 {
            sleep(Duration::from_millis(10)).await; // asyncio.sleep(0.01)
            yield Page { number, rows: vec![format!("row-{number}")] };
        }
    }
}

/// `async def main()`: `async for page in pages(): print(page)`, into a string. It runs on
/// a `LocalExecutor` (Python's event loop), whose timers drive the sleeps on this thread.
pub fn output() -> String {
    LocalExecutor::new().run(async {
        let mut out = String::new();
        let mut pages = pin!(pages());
        while let Some(page) = pages.next().await {
            writeln!(out, "{page:?}").unwrap();
        }
        out
    })
}

fn main() {
    print!("{}", output());
}
