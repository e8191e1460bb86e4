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
use std::future::Future;
use std::pin::{Pin, pin};
use std::task::{Context, Poll};

use anext::{AsyncIterator, AsyncIteratorExt, block_on, r#gen};

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

/// `asyncio.sleep(...)` until the executor lands: pending once (waking itself), then ready.
pub struct Sleep(bool);

pub fn sleep() -> Sleep {
    Sleep(false)
}

impl Future for Sleep {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// `async def pages()`, written with `gen!`.
pub fn pages() -> impl AsyncIterator<Item = Page> {
    r#gen! {
        for number in 0..3 {
            sleep().await;
            yield Page { number, rows: vec![format!("row-{number}")] };
        }
    }
}

/// `async def main()`: `async for page in pages(): print(page)`, into a string.
pub fn output() -> String {
    block_on(async {
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
