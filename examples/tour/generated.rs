//! Tour, part three: the seed's `pages()` written with `gen!`, polled by hand, one poll at a
//! time. The trace shows where the state machine that the compiler generates from the body
//! suspends (at `sleep().await`: `Pending`; at `yield`: `Ready(Some)`), where the next poll
//! resumes it, and who wakes whom. The `sleep()` is Python's `asyncio.sleep(0)`, which is
//! `anext::yield_now()`.

use std::fmt::Write as _;
use std::pin::pin;
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
        note(&self.0, "    waker: woken (poll me again)");
    }
}

/// The poll-by-poll trace, as text.
pub fn trace() -> String {
    let log: Log = Arc::default();
    let body_log = log.clone();
    let pages = async_gen! {
        note(&body_log, "    body: starts (first poll; nothing ran before)");
        for number in 0..3 {
            note(&body_log, &format!("    body: page {number}: awaits sleep()"));
            // The trace's `sleep()`: `anext::yield_now()` is `asyncio.sleep(0)`, pending once
            // after waking its waker. (A real timer would wake from elsewhere, later: the
            // hand-driven trace below stays deterministic with this one.)
            anext::yield_now().await;
            note(&body_log, &format!("    body: page {number}: resumed after sleep(); yields"));
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
            Poll::Pending => "  -> Pending: suspended inside `sleep().await`".to_string(),
            Poll::Ready(Some(page)) => format!("  -> Ready(Some({page:?})): suspended at `yield`"),
            Poll::Ready(None) => "  -> Ready(None): finished".to_string(),
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

/// Prints the trace.
pub fn run() {
    println!("== Part 3: the same stream written with gen!, poll by poll ==");
    print!("{}", trace());
}
