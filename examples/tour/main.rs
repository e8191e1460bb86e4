//! The tour: how an async iterator suspends, resumes and completes, shown poll by poll.
//!
//! The seed's Python generator fetches three pages of a paginated API:
//!
//! ```python
//! async def pages():
//!     for number in range(3):
//!         await asyncio.sleep(0.01)      # the network
//!         yield Page(number, (f"row-{number}",))
//! ```
//!
//! Part 1 writes that generator by hand as an explicit state machine (one enum variant per
//! place where it can be suspended) and drives it by hand, with a waker that reports every
//! wake. Part 2 runs the same stream through `anext::block_on` and shows its polls of the
//! main future and the wakes that cause them. Part 3 (`generated.rs`) writes the stream with
//! `gen!` and shows, poll by poll, where the state machine that the compiler generates from
//! the body suspends and resumes, and how a `yield` becomes `Ready(Some)`. Part 4
//! (`executor.rs`) runs two tasks, a channel and a timer on a `LocalExecutor` with a
//! virtual clock, one `step()` at a time.
//!
//! Run it with `cargo run --example tour`.

use anext::{AsyncIterator, AsyncIteratorExt, block_on};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};
use std::time::Duration;

/// One page of results, like the seed's `Page` dataclass.
#[derive(Debug, Clone, PartialEq)]
struct Page {
    number: u32,
    rows: Vec<String>,
}

/// The simulated server answers only after the driver has printed that it is about to park,
/// so that the trace is the same on every run, however loaded the machine is.
static GATE: Gate = Gate {
    open: Mutex::new(false),
    changed: Condvar::new(),
};

struct Gate {
    open: Mutex<bool>,
    changed: Condvar,
}

impl Gate {
    /// The driver: "I printed my line, the server may answer now".
    fn open(&self) {
        *self.open.lock().unwrap() = true;
        self.changed.notify_all();
    }

    /// The server: waits until the driver opened the gate, and closes it behind itself.
    fn pass(&self) {
        let mut open = self.open.lock().unwrap();
        while !*open {
            open = self.changed.wait(open).unwrap();
        }
        *open = false;
    }
}

/// A simulated network request for one page: the first poll starts a "server" thread and
/// returns `Pending`; the thread answers after 10 ms and wakes the task; the next poll is
/// `Ready`.
struct Fetch {
    number: u32,
    reply: Option<Arc<Mutex<Option<Page>>>>,
}

impl Future for Fetch {
    type Output = Page;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Page> {
        let number = self.number;
        match &self.reply {
            None => {
                let slot = Arc::new(Mutex::new(None));
                let (reply, waker) = (slot.clone(), cx.waker().clone());
                thread::spawn(move || {
                    GATE.pass();
                    thread::sleep(Duration::from_millis(10));
                    *reply.lock().unwrap() = Some(Page {
                        number,
                        rows: vec![format!("row-{number}")],
                    });
                    println!("      [server] page {number} is ready: waking the task");
                    waker.wake();
                });
                self.reply = Some(slot);
                Poll::Pending
            }
            Some(slot) => match slot.lock().unwrap().take() {
                Some(page) => Poll::Ready(page),
                // Woken for another reason: still waiting (the waker is already with the server).
                None => Poll::Pending,
            },
        }
    }
}

/// The seed's `pages()` generator as a hand-written state machine. Each variant is a place
/// where the Python frame can be suspended, holding exactly the locals live there.
enum Pages {
    /// At the top of the `for` loop, about to start page `number`.
    Loop { number: u32 },
    /// Suspended in `await asyncio.sleep(...)`: the request for page `number` is in flight.
    Awaiting { fetch: Fetch },
    /// The loop ended: `StopAsyncIteration` from now on.
    Done,
}

impl Pages {
    fn new() -> Self {
        // Lazy, like a Python async generator: creating it runs nothing.
        Pages::Loop { number: 0 }
    }
}

impl AsyncIterator for Pages {
    type Item = Page;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Page>> {
        // `Pages` is `Unpin` (it holds no self-references), so it can be matched by `&mut`.
        let this = &mut *self;
        loop {
            match this {
                Pages::Loop { number } if *number < 3 => {
                    println!("    state Loop {{ number: {number} }} -> start the request");
                    *this = Pages::Awaiting {
                        fetch: Fetch {
                            number: *number,
                            reply: None,
                        },
                    };
                }
                Pages::Loop { .. } => {
                    println!("    state Loop {{ number: 3 }} -> the loop ends");
                    *this = Pages::Done;
                }
                Pages::Awaiting { fetch } => {
                    // `await`: poll the inner future; if it is not ready, so are we.
                    let page = match Pin::new(&mut *fetch).poll(cx) {
                        Poll::Pending => {
                            println!("    state Awaiting -> the request is in flight: suspend");
                            return Poll::Pending;
                        }
                        Poll::Ready(page) => page,
                    };
                    println!("    state Awaiting -> the reply arrived: yield it");
                    // `yield`: remember where to resume (the next loop iteration), hand out
                    // the item.
                    *this = Pages::Loop {
                        number: page.number + 1,
                    };
                    return Poll::Ready(Some(page));
                }
                Pages::Done => return Poll::Ready(None),
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = match self {
            Pages::Loop { number } => 3 - (*number).min(3) as usize,
            Pages::Awaiting { fetch } => 3 - fetch.number as usize,
            Pages::Done => 0,
        };
        (left, Some(left))
    }
}

/// A waker that counts its wakes, prints them and unparks the driving thread.
struct ReportingWaker {
    wakes: AtomicUsize,
    driver: Thread,
}

impl Wake for ReportingWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        let n = self.wakes.fetch_add(1, Ordering::SeqCst) + 1;
        println!("      wake #{n}");
        self.driver.unpark();
    }
}

fn part_one_by_hand() {
    println!("== Part 1: a hand-written state machine, driven poll by poll ==");
    let reporter = Arc::new(ReportingWaker {
        wakes: AtomicUsize::new(0),
        driver: thread::current(),
    });
    let waker = Waker::from(reporter.clone());
    let mut cx = Context::from_waker(&waker);
    let mut pages = Pages::new();
    println!("created the stream: nothing ran yet (lazy)");
    let mut poll = 0;
    loop {
        poll += 1;
        let seen_wakes = reporter.wakes.load(Ordering::SeqCst);
        println!("poll #{poll}");
        match Pin::new(&mut pages).poll_next(&mut cx) {
            Poll::Pending => {
                println!("  -> Pending: park until woken");
                GATE.open();
                // Park until the waker has been woken: loop because `park` may return early.
                while reporter.wakes.load(Ordering::SeqCst) == seen_wakes {
                    thread::park();
                }
            }
            Poll::Ready(Some(page)) => println!("  -> Ready(Some({page:?}))"),
            Poll::Ready(None) => {
                println!("  -> Ready(None): the stream is complete (StopAsyncIteration)");
                break;
            }
        }
    }
    match Pin::new(&mut pages).poll_next(&mut cx) {
        Poll::Ready(None) => println!("poll again after the end -> Ready(None): fused"),
        other => println!("poll again after the end -> {other:?}"),
    }
    println!(
        "{poll} polls, {} wakes",
        reporter.wakes.load(Ordering::SeqCst)
    );
}

/// The main future of part 2, wrapped so that each poll by `block_on` is printed.
struct PrintPolls<F> {
    polls: usize,
    inner: Pin<Box<F>>,
}

impl<F: Future> Future for PrintPolls<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.polls += 1;
        println!("block_on: poll #{} of the main future", self.polls);
        let result = self.inner.as_mut().poll(cx);
        match &result {
            Poll::Pending => {
                println!("  -> Pending: block_on parks the thread until a wake");
                GATE.open();
            }
            Poll::Ready(_) => println!("  -> Ready: block_on returns its output"),
        }
        result
    }
}

fn part_two_block_on() {
    println!();
    println!("== Part 2: the same stream through block_on ==");
    println!("the main future is `while let Some(page) = pages.next().await {{ .. }}`");
    let main_future = PrintPolls {
        polls: 0,
        inner: Box::pin(async {
            let mut pages = Pages::new();
            let mut received = 0;
            while let Some(page) = pages.next().await {
                // A `Ready(Some)` does not go back to block_on: the loop goes on in this poll.
                println!("  main future: got {page:?}; asks for the next page at once");
                received += 1;
            }
            println!("  main future: None; the loop ends");
            received
        }),
    };
    let mut main_future = main_future;
    let received = block_on(&mut main_future);
    println!(
        "{received} pages in {} polls of the main future: the first, and one per wake",
        main_future.polls
    );
    println!("(part 1 needed 7 polls: here one poll runs the loop until it has to wait)");
}

mod executor;
mod generated;

fn main() {
    part_one_by_hand();
    part_two_block_on();
    generated::run();
    executor::run();
}
