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
//! Each fetch is a task spawned on a `LocalExecutor` (Python's event loop), and
//! `buffered(3)` is both the semaphore and the `gather`: it spawns the next fetch only when
//! fewer than three are in flight, and yields the pages in input order as soon as each one
//! is next in line (a `JoinHandle` is the future of its task's output).
//!
//! The network latency is `anext::time::sleep` on the executor's virtual clock: time jumps
//! to the next deadline whenever every task waits, so the run is instant and its trace (with
//! virtual timestamps) is the same on every machine.
//!
//! Run: `cargo run --example fan_out`

use anext::exec::LocalExecutor;
use anext::time::{Instant, now, sleep};
use anext::{AsyncIteratorExt, iter};
use core::pin::pin;
use core::time::Duration;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

const LIMIT: usize = 3;

/// A fetch of page `n` takes 10..=50 ms, so they finish out of order.
fn latency(n: u32) -> Duration {
    Duration::from_millis(10 * u64::from(1 + (n * 7) % 5))
}

/// Shared by the fetch tasks and the consumer: the in-flight count and the trace.
struct World {
    start: Instant,
    in_flight: Cell<usize>,
    max_in_flight: Cell<usize>,
    trace: RefCell<Vec<String>>,
}

impl World {
    /// Logs `line` at the executor's (virtual) time.
    async fn log(&self, line: String) {
        let at = now().await - self.start;
        self.trace
            .borrow_mut()
            .push(format!("t={:>3} ms  {line}", at.as_millis()));
    }
}

async fn fetch(world: Rc<World>, n: u32) -> String {
    world.in_flight.set(world.in_flight.get() + 1);
    world
        .max_in_flight
        .set(world.max_in_flight.get().max(world.in_flight.get()));
    world
        .log(format!(
            "start fetch {n}   (in flight: {}, takes {} ms)",
            world.in_flight.get(),
            latency(n).as_millis()
        ))
        .await;
    sleep(latency(n)).await; // the network
    world.in_flight.set(world.in_flight.get() - 1);
    world.log(format!("done  fetch {n}")).await;
    format!("page {n}")
}

fn main() {
    let ex = LocalExecutor::with_virtual_clock();
    let world = Rc::new(World {
        start: ex.now(),
        in_flight: Cell::new(0),
        max_in_flight: Cell::new(0),
        trace: RefCell::new(Vec::new()),
    });
    let pages: Vec<String> = ex.run(async {
        let mut pages = pin!(
            iter(0..10)
                .map(|n| ex.spawn_local(fetch(world.clone(), n)))
                .buffered(LIMIT)
        );
        let mut out = Vec::new();
        while let Some(page) = pages.next().await {
            let page = page.expect("a fetch task does not panic");
            world.log(format!("use   {page}")).await;
            out.push(page);
        }
        out
    });
    for line in world.trace.borrow().iter() {
        println!("{line}");
    }
    println!("pages in order: {}", pages.join(", "));
    println!(
        "max in flight: {} (limit {LIMIT}); total time: {} ms (one at a time: {} ms)",
        world.max_in_flight.get(),
        ex.elapsed().as_millis(),
        (0..10).map(latency).sum::<Duration>().as_millis(),
    );
    assert!(world.max_in_flight.get() <= LIMIT);
}
