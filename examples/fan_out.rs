//! Bounded fan-out: fetch ten pages, at most three at a time, and use them in order.
//!
//! The Python original:
//!
//! ```python
//! sem = asyncio.Semaphore(3)
//! async def fetch(n):
//!     async with sem:
//!         await asyncio.sleep(latency(n))
//!         return f"page {n}"
//! pages = await asyncio.gather(*(fetch(n) for n in range(10)))
//! ```
//!
//! Here `buffered(3)` is both the semaphore and the `gather`: it runs up to three fetches
//! at once and yields the pages in input order as soon as each one is next in line.
//!
//! Latency is simulated so the run is deterministic: a fetch "waits" by returning `Pending` a
//! number of times (waking itself), and the clock is the number of times `block_on` polled
//! the whole pipeline. Once the executor lands, `simulated_latency(t)` becomes
//! `anext::time::sleep(..)` and nothing else changes.
//!
//! Run: `cargo run --example fan_out`

use anext::{AsyncIteratorExt, block_on, iter};
use core::future::{Future, poll_fn};
use core::pin::pin;
use core::task::Poll;
use std::cell::{Cell, RefCell};

const LIMIT: usize = 3;

/// Shared by the fetches: the simulated clock and the trace.
struct World {
    now: Cell<u32>,
    in_flight: Cell<usize>,
    max_in_flight: Cell<usize>,
    trace: RefCell<Vec<String>>,
}

impl World {
    fn log(&self, line: String) {
        self.trace
            .borrow_mut()
            .push(format!("t={:>2}  {line}", self.now.get()));
    }
}

/// Returns `Pending` `ticks` times, waking itself each time: a stand-in for a network wait.
async fn simulated_latency(ticks: u32) {
    let mut left = ticks;
    poll_fn(|cx| {
        if left == 0 {
            return Poll::Ready(());
        }
        left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    })
    .await
}

async fn fetch(world: &World, n: u32) -> String {
    world.in_flight.set(world.in_flight.get() + 1);
    world
        .max_in_flight
        .set(world.max_in_flight.get().max(world.in_flight.get()));
    world.log(format!(
        "start fetch {n}   (in flight: {})",
        world.in_flight.get()
    ));
    simulated_latency(1 + (n * 7) % 5).await; // pages take 1..=5 ticks, out of order
    world.in_flight.set(world.in_flight.get() - 1);
    world.log(format!("done  fetch {n}"));
    format!("page {n}")
}

/// Runs `future`, advancing the simulated clock by one on every poll of it.
fn run_with_clock<F: Future>(world: &World, future: F) -> F::Output {
    let mut future = pin!(future);
    block_on(poll_fn(|cx| {
        let polled = future.as_mut().poll(cx);
        world.now.set(world.now.get() + 1);
        polled
    }))
}

fn main() {
    let world = World {
        now: Cell::new(0),
        in_flight: Cell::new(0),
        max_in_flight: Cell::new(0),
        trace: RefCell::new(Vec::new()),
    };
    let pages: Vec<String> = run_with_clock(&world, async {
        let mut pages = pin!(iter(0..10).map(|n| fetch(&world, n)).buffered(LIMIT));
        let mut out = Vec::new();
        while let Some(page) = pages.next().await {
            world.log(format!("use   {page}"));
            out.push(page);
        }
        out
    });
    for line in world.trace.borrow().iter() {
        println!("{line}");
    }
    println!("pages in order: {}", pages.join(", "));
    println!(
        "max in flight: {} (limit {LIMIT}); total time: {} ticks (one at a time: {} ticks)",
        world.max_in_flight.get(),
        world.now.get(),
        (0..10).map(|n| 1 + (n * 7) % 5).sum::<u32>(),
    );
    assert!(world.max_in_flight.get() <= LIMIT);
}
