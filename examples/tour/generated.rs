//! Tour, part three: the seed's `pages()` written with `gen!`, polled by hand, one poll at a
//! time. The trace shows where the state machine that the compiler generates from the body
//! suspends (inside an `await`: `Pending`; at a `yield`: `Ready(Some)`), where the next poll
//! resumes it, and who wakes whom. The network wait is `anext::yield_now()` (Python's
//! `await asyncio.sleep(0)`), which wakes its own waker and is pending once, so the trace is
//! the same on every run. A second, smaller trace then does by hand what `poll_next` does
//! with the body's answer: how a `yield` becomes `Ready(Some)`.

use std::cell::Cell;
use std::fmt::Write as _;
use std::future::Future;
use std::pin::{Pin, pin};
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

use anext::{AsyncIterator, async_gen};

/// The pages of the seed (Python's repr is not the point here: plain `Debug`).
#[derive(Debug)]
#[allow(dead_code)] // the fields are read through `Debug` only
pub struct Page {
    number: u32,
    rows: Vec<String>,
}

/// The log that the body, the waker and the driver all write to.
type Log = Arc<Mutex<String>>;

fn note(log: &Log, line: &str) {
    writeln!(log.lock().unwrap(), "{line}").unwrap();
}

/// A waker that notes every wake in the log.
struct TracingWaker(Log);

impl Wake for TracingWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }
    fn wake_by_ref(self: &Arc<Self>) {
        note(
            &self.0,
            "    waker: woken by yield_now itself, before it returns Pending (a self-wake)",
        );
    }
}

/// The poll-by-poll trace of the `gen!` stream, as text.
pub fn trace() -> String {
    let log: Log = Arc::default();
    let body_log = log.clone();
    let pages = async_gen! {
        note(&body_log, "    body: starts (first poll; nothing ran before)");
        for number in 0..3 {
            note(&body_log, &format!("    body: page {number}: awaits yield_now()"));
            anext::yield_now().await;
            note(&body_log, &format!(
                "    body: page {number}: resumed; `yield` puts the page in the slot and suspends"
            ));
            yield Page { number, rows: vec![format!("row-{number}")] };
            note(&body_log, &format!("    body: page {number}: resumed after the yield"));
        }
        note(&body_log, "    body: returns");
    };
    let mut pages = pin!(pages);
    let waker = Waker::from(Arc::new(TracingWaker(log.clone())));
    let mut cx = Context::from_waker(&waker);
    for poll in 1.. {
        note(&log, &format!("poll #{poll}"));
        let result = pages.as_mut().poll_next(&mut cx);
        let line = match &result {
            Poll::Pending => "  -> Pending: the body is suspended inside `yield_now().await` \
                              and the slot is empty"
                .to_string(),
            Poll::Ready(Some(page)) => format!(
                "  -> Ready(Some({page:?})): the body returned Pending with an item in the slot"
            ),
            Poll::Ready(None) => "  -> Ready(None): the body returned; finished".to_string(),
        };
        note(&log, &line);
        if matches!(result, Poll::Ready(None)) {
            let again = pages.as_mut().poll_next(&mut cx);
            note(&log, &format!("poll #{} (after the end)", poll + 1));
            note(
                &log,
                &format!("  -> {again:?}: fused, the body does not run"),
            );
            break;
        }
    }
    log.lock().unwrap().clone()
}

/// A future that is `Pending` on its first poll and `Ready` on the second, without waking
/// anyone: the driver below polls again by itself. (A yield in `Gen` is such a future.)
#[derive(Default)]
struct PendingOnce(bool);

impl Future for PendingOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            Poll::Pending
        }
    }
}

/// What `poll_next` does with the body's answer, by hand: the body is an async block, a
/// `yield` writes the one-item slot and suspends. `Pending` with an item in the slot is a
/// yield; `Pending` with an empty slot is a real wait; `Ready` is the end.
pub fn slot_trace() -> String {
    let mut out = String::new();
    let slot: Rc<Cell<Option<u32>>> = Rc::default();
    let writer = Rc::clone(&slot);
    let mut body = pin!(async move {
        for n in 0..2 {
            PendingOnce::default().await; // a wait: Pending, nothing in the slot
            writer.set(Some(n)); // `yield n`: the item goes to the slot...
            PendingOnce::default().await; // ...and the body suspends
        }
    });
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        let answer = body.as_mut().poll(&mut cx);
        let item = slot.take();
        let verdict = match (&answer, item) {
            (Poll::Pending, Some(n)) => format!("Ready(Some({n})): a yield"),
            (Poll::Pending, None) => "Pending: a real wait".to_string(),
            (Poll::Ready(()), _) => "Ready(None): the body returned".to_string(),
        };
        writeln!(
            out,
            "body -> {answer:?}, slot -> {item:?}  =>  poll_next returns {verdict}"
        )
        .unwrap();
        if answer.is_ready() {
            return out;
        }
    }
}

/// Prints both traces.
pub fn run() {
    println!();
    println!("== Part 3: the same stream written with gen!, poll by poll ==");
    print!("{}", trace());
    println!("-- how poll_next turns the body's answers into items, by hand --");
    print!("{}", slot_trace());
}
