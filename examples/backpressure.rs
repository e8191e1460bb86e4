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
//! Producer and consumer are two futures polled side by side by one `block_on` (a tiny
//! `join`), so the trace is deterministic; the consumer's slow work is simulated latency
//! (see `fan_out.rs`). With the executor, the two become spawned tasks and `simulated_latency`
//! becomes `anext::time::sleep`; the channel code does not change. The channel also works
//! across threads: its handles are `Send + Sync`.
//!
//! Run: `cargo run --example backpressure`

use anext::sync::channel;
use anext::{AsyncIteratorExt, block_on};
use core::future::{Future, poll_fn};
use core::pin::pin;
use core::task::Poll;
use std::cell::{Cell, RefCell};

const CAPACITY: usize = 2;
const ITEMS: u32 = 8;

struct Trace {
    now: Cell<u32>,
    lines: RefCell<Vec<String>>,
}

impl Trace {
    fn log(&self, line: String) {
        self.lines
            .borrow_mut()
            .push(format!("t={:>2}  {line}", self.now.get()));
    }
}

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

/// Polls both futures until both are done, advancing the clock once per round.
fn join_with_clock(trace: &Trace, a: impl Future<Output = ()>, b: impl Future<Output = ()>) {
    let (mut a, mut b) = (pin!(a), pin!(b));
    let (mut a_done, mut b_done) = (false, false);
    block_on(poll_fn(|cx| {
        a_done = a_done || a.as_mut().poll(cx).is_ready();
        b_done = b_done || b.as_mut().poll(cx).is_ready();
        trace.now.set(trace.now.get() + 1);
        if a_done && b_done {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }))
}

fn main() {
    let trace = Trace {
        now: Cell::new(0),
        lines: RefCell::new(Vec::new()),
    };
    let (tx, mut rx) = channel(CAPACITY);
    let max_queued = Cell::new(0);

    let producer = async {
        for i in 0..ITEMS {
            if let Err(full) = tx.try_send(i) {
                trace.log(format!("producer: channel full, waits to send {i}"));
                let item = match full {
                    anext::sync::TrySendError::Full(item) => item,
                    anext::sync::TrySendError::Closed(_) => return,
                };
                tx.send(item)
                    .await
                    .expect("the consumer outlives the producer");
            }
            trace.log(format!("producer: sent {i}"));
        }
        trace.log("producer: done".to_string());
        drop(tx); // ends the consumer's loop once the channel is drained
    };

    let consumer = async {
        while let Some(item) = rx.next().await {
            max_queued.set(max_queued.get().max(rx.len() + 1));
            trace.log(format!("consumer: got {item}, working"));
            simulated_latency(3).await;
        }
        trace.log("consumer: channel ended".to_string());
    };

    join_with_clock(&trace, producer, consumer);
    for line in trace.lines.borrow().iter() {
        println!("{line}");
    }
    println!(
        "max items in the channel at once: {} (capacity {CAPACITY}) for {ITEMS} items",
        max_queued.get()
    );
    assert!(max_queued.get() <= CAPACITY);
}
