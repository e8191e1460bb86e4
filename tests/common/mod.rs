//! Helpers shared by the integration tests: a seeded random source, a source that injects
//! `Pending`, and a watchdog that turns a hang into a failure.
#![allow(dead_code)] // each test binary uses a different subset

use anext::AsyncIterator;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::time::Duration;

/// A small seeded PRNG (SplitMix64): deterministic input for differential tests, so a failure
/// replays from its seed.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// `true` with the given probability, in percent.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// A vector of up to `max_len` small numbers.
    pub fn vec(&mut self, max_len: u64) -> Vec<i32> {
        let len = self.below(max_len + 1);
        (0..len).map(|_| self.below(20) as i32 - 5).collect()
    }
}

/// Yields the items of a vector, but before each one returns `Pending` (after waking its task)
/// a random number of times. Fused; polling after the end returns `None`.
#[derive(Debug)]
pub struct Stutter<T> {
    items: std::vec::IntoIter<T>,
    rng: Rng,
    pending_left: u64,
    pub pendings: usize,
}

impl<T> Stutter<T> {
    pub fn new(items: Vec<T>, seed: u64) -> Self {
        let mut rng = Rng::new(seed);
        let pending_left = rng.below(3);
        Stutter {
            items: items.into_iter(),
            rng,
            pending_left,
            pendings: 0,
        }
    }
}

impl<T> Unpin for Stutter<T> {}

impl<T> anext::FusedAsyncIterator for Stutter<T> {}

impl<T> AsyncIterator for Stutter<T> {
    type Item = T;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        if self.pending_left > 0 {
            self.pending_left -= 1;
            self.pendings += 1;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        let item = self.items.next();
        // After the end, no more `Pending`: `None` at once, forever (the fused promise).
        self.pending_left = if item.is_some() { self.rng.below(3) } else { 0 };
        Poll::Ready(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.items.size_hint()
    }
}

/// Runs `f` on a thread and fails the test if it does not finish within `limit`, instead of
/// letting a lost wakeup hang the test binary.
pub fn within<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    let handle = std::thread::spawn(move || {
        let out = f();
        let _ = tx.send(());
        out
    });
    match rx.recv_timeout(limit) {
        // Finished, or panicked (the sender was dropped): join to return or re-raise.
        Ok(()) | Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => match handle.join() {
            Ok(out) => out,
            Err(panic) => std::panic::resume_unwind(panic),
        },
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("did not finish within {limit:?}: a lost wakeup or a hang")
        }
    }
}

/// Loop counts shrink under Miri, which is about a thousand times slower.
pub fn scaled(n: usize) -> usize {
    if cfg!(miri) { (n / 1000).max(2) } else { n }
}

/// The counting allocator of the allocation tests is the public one.
#[allow(unused_imports)] // not every test binary counts allocations
pub use anext::testing::CountingAllocator;

/// Runs an example built by `cargo test` (which builds every example next to the test
/// binaries) and returns its standard output.
pub fn run_example(name: &str) -> String {
    let test_exe = std::env::current_exe().expect("path of the test binary");
    // target/<profile>/deps/<test>  ->  target/<profile>/examples/<name>
    let profile_dir = test_exe
        .parent()
        .and_then(std::path::Path::parent)
        .expect("test binary lives in target/<profile>/deps");
    let exe = profile_dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    let output = std::process::Command::new(&exe)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", exe.display()));
    assert!(
        output.status.success(),
        "example {name} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8 output")
}

// ---- Generator tests (tests/gen_*.rs): a trace log, a logging waker, a future that is
// ---- pending once, and a drop logger.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::task::{Wake, Waker};

/// A shared, cloneable log of events.
#[derive(Clone, Default)]
pub struct Trace(Rc<RefCell<Vec<String>>>);

impl Trace {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn log(&self, event: impl Into<String>) {
        self.0.borrow_mut().push(event.into());
    }
    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut self.0.borrow_mut())
    }
}

/// A waker that appends "wake" to a log each time it is woken (the log is `Sync`, so the
/// waker is a real `std` waker).
pub struct LogWaker(pub Mutex<Vec<&'static str>>);

impl Wake for LogWaker {
    fn wake(self: Arc<Self>) {
        self.0.lock().unwrap().push("wake");
    }
    fn wake_by_ref(self: &Arc<Self>) {
        self.0.lock().unwrap().push("wake");
    }
}

/// Polls `it` once with a waker that records into `trace`; logs the result as
/// `poll -> Pending`, `poll -> Some(..)` or `poll -> None`, and each wake as `wake`.
pub fn poll_logged<I>(it: Pin<&mut I>, trace: &Trace) -> Poll<Option<I::Item>>
where
    I: AsyncIterator + ?Sized,
    I::Item: std::fmt::Debug,
{
    let log = Arc::new(LogWaker(Mutex::new(Vec::new())));
    let waker = Waker::from(log.clone());
    let mut cx = Context::from_waker(&waker);
    let result = it.poll_next(&mut cx);
    for wake in log.0.lock().unwrap().drain(..) {
        trace.log(wake);
    }
    match &result {
        Poll::Pending => trace.log("poll -> Pending"),
        Poll::Ready(Some(item)) => trace.log(format!("poll -> Some({item:?})")),
        Poll::Ready(None) => trace.log("poll -> None"),
    }
    result
}

/// Polls a future once with a no-op waker.
pub fn poll_future<F: Future + ?Sized>(future: Pin<&mut F>) -> Poll<F::Output> {
    future.poll(&mut Context::from_waker(Waker::noop()))
}

/// `asyncio.sleep(0)`: pending once (waking its waker at once), then ready.
#[derive(Default)]
pub struct PendingOnce(bool);

impl Future for PendingOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

pub fn pending_once() -> PendingOnce {
    PendingOnce(false)
}

/// Logs `drop <name>` when dropped.
pub struct DropLog(pub &'static str, pub Trace);

impl Drop for DropLog {
    fn drop(&mut self) {
        self.1.log(format!("drop {}", self.0));
    }
}

// ---- Differential drivers (tests/adapters_differential.rs, tests/adapters_model.rs,
// interop/tests/adapters_vs_futures.rs).

/// Drains a fused iterator on `block_on`, checking before every poll that `size_hint` brackets
/// the true number of items still to come (known once drained), and that three more polls
/// after `None` still give `None`.
pub fn drain_checked<A: anext::FusedAsyncIterator>(it: A) -> Vec<A::Item> {
    anext::block_on(async move {
        let mut it = core::pin::pin!(it);
        let mut hints = Vec::new();
        let mut items = Vec::new();
        loop {
            hints.push(it.size_hint());
            match core::future::poll_fn(|cx| it.as_mut().poll_next(cx)).await {
                Some(item) => items.push(item),
                None => break,
            }
        }
        // Fused: `Ready(None)` at once (not after a `Pending`), three times over.
        for _ in 0..3 {
            let mut cx = Context::from_waker(Waker::noop());
            let after = it.as_mut().poll_next(&mut cx);
            assert!(matches!(after, Poll::Ready(None)), "not fused");
            assert_eq!(it.size_hint().0, 0, "lower bound after the end");
        }
        let total = items.len();
        for (taken, (lower, upper)) in hints.into_iter().enumerate() {
            let remaining = total - taken;
            assert!(
                lower <= remaining,
                "lower bound {lower} > remaining {remaining}"
            );
            if let Some(upper) = upper {
                assert!(
                    remaining <= upper,
                    "upper bound {upper} < remaining {remaining}"
                );
            }
        }
        items
    })
}

// ---- Panics.

/// The message of a panic payload: the `String` of `panic!("{x}")` or the `&str` of
/// `panic!("literal")`; empty for any other payload.
pub fn payload_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

/// Runs `f`, which must panic, and returns its panic's message.
pub fn panic_message(f: impl FnOnce()) -> String {
    let payload = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .expect_err("the closure was expected to panic");
    payload_message(&*payload)
}
