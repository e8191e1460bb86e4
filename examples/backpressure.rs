//! Backpressure: a fast producer and a slow consumer joined by a bounded channel. The
//! producer is slowed down to the consumer's pace, so memory stays bounded by the capacity
//! however many items are produced.
//!
//! The Python original:
//!
//! ```python
//! queue = asyncio.Queue(maxsize=2)
//! async def producer():
//!     for i in range(8):
//!         await queue.put(i)        # waits while the queue is full
//!     await queue.put(None)
//! async def consumer():
//!     while (item := await queue.get()) is not None:
//!         await asyncio.sleep(0.3)  # slow work
//! await asyncio.gather(producer(), consumer())
//! ```
//!
//! Producer and consumer are two tasks on a `LocalExecutor` (Python's event loop); the
//! consumer's slow work is `anext::time::sleep` on the executor's virtual clock, which jumps
//! to the next deadline whenever every task waits: the run is instant, and its trace (with
//! virtual timestamps) is the same on every machine. Instead of a `None` sentinel, the
//! producer drops its sender, which ends the receiver once the channel is drained. The
//! channel also works across threads: its handles are `Send + Sync`.
//!
//! Run: `cargo run --example backpressure`

use anext::AsyncIteratorExt;
use anext::exec::LocalExecutor;
use anext::sync::{TrySendError, channel};
use anext::time::{Instant, now, sleep};
use core::time::Duration;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

const CAPACITY: usize = 2;
const ITEMS: u32 = 8;
const WORK: Duration = Duration::from_millis(300);

struct Trace {
    start: Instant,
    lines: RefCell<Vec<String>>,
}

impl Trace {
    /// Logs `line` at the executor's (virtual) time.
    async fn log(&self, line: String) {
        let at = now().await - self.start;
        self.lines
            .borrow_mut()
            .push(format!("t={:>4} ms  {line}", at.as_millis()));
    }
}

fn main() {
    let ex = LocalExecutor::with_virtual_clock();
    let trace = Rc::new(Trace {
        start: ex.now(),
        lines: RefCell::new(Vec::new()),
    });
    let (tx, mut rx) = channel(CAPACITY);
    let max_queued = Rc::new(Cell::new(0));

    let producer = ex.spawn_local({
        let trace = trace.clone();
        async move {
            for i in 0..ITEMS {
                if let Err(full) = tx.try_send(i) {
                    trace
                        .log(format!("producer: channel full, waits to send {i}"))
                        .await;
                    let item = match full {
                        TrySendError::Full(item) => item,
                        TrySendError::Closed(_) => return,
                    };
                    tx.send(item)
                        .await
                        .expect("the consumer outlives the producer");
                }
                trace.log(format!("producer: sent {i}")).await;
            }
            trace.log("producer: done".to_string()).await;
        } // `tx` dropped: ends the consumer's loop once the channel is drained
    });

    let consumer = ex.spawn_local({
        let (trace, max_queued) = (trace.clone(), max_queued.clone());
        async move {
            while let Some(item) = rx.next().await {
                max_queued.set(max_queued.get().max(rx.len() + 1));
                trace.log(format!("consumer: got {item}, working")).await;
                sleep(WORK).await;
            }
            trace.log("consumer: channel ended".to_string()).await;
        }
    });

    ex.run(async {
        producer.await.expect("the producer does not panic");
        consumer.await.expect("the consumer does not panic");
    });
    for line in trace.lines.borrow().iter() {
        println!("{line}");
    }
    println!(
        "max items in the channel at once: {} (capacity {CAPACITY}) for {ITEMS} items; \
         total time: {} ms",
        max_queued.get(),
        ex.elapsed().as_millis(),
    );
    assert!(max_queued.get() <= CAPACITY);
}
