//! A task that awaits its own `JoinHandle` (issue 9, defect 7a): it panics with a clear
//! message when it polls the handle with its own waker, and however it waits for itself, its
//! block is freed (no reference cycle through the join waker). Allocations of the task blocks
//! are recognised by their size: each task below carries a ballast that no other allocation of
//! this test binary has.

use anext::exec::{JoinHandle, LocalExecutor};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::RefCell;
use std::future::{Future, poll_fn};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicIsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Poll, Wake, Waker};

// Not near a power of two: the test harness grows its output-capture buffers to those.
const BALLAST: usize = 5003;

/// Live allocations whose size says they are a task block carrying the ballast.
static LIVE_TASK_BLOCKS: AtomicIsize = AtomicIsize::new(0);

struct CountTaskBlocks;

fn is_task_block(layout: Layout) -> bool {
    (BALLAST..BALLAST + 256).contains(&layout.size())
}

// SAFETY: forwards to the system allocator unchanged; only counts.
unsafe impl GlobalAlloc for CountTaskBlocks {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if is_task_block(layout) {
            LIVE_TASK_BLOCKS.fetch_add(1, Ordering::SeqCst);
        }
        // SAFETY: the caller's contract, forwarded.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if is_task_block(layout) {
            LIVE_TASK_BLOCKS.fetch_sub(1, Ordering::SeqCst);
        }
        // SAFETY: the caller's contract, forwarded.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: CountTaskBlocks = CountTaskBlocks;

/// The tests share the counter: one at a time.
static SERIAL: Mutex<()> = Mutex::new(());

/// Serializes the test and returns the count of live task blocks before it. The first
/// unwind of the process fills the unwinder's caches with allocations of about the same
/// sizes as the task blocks, so one panic is caught first, before any count is taken.
fn start() -> (std::sync::MutexGuard<'static, ()>, isize) {
    let serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    static WARM_UP: std::sync::Once = std::sync::Once::new();
    WARM_UP.call_once(|| {
        drop(catch_unwind(|| {
            panic!("warm-up: fills the unwinder's caches")
        }))
    });
    (serial, LIVE_TASK_BLOCKS.load(Ordering::SeqCst))
}

type OwnHandle = Rc<RefCell<Option<JoinHandle<()>>>>;

/// Spawns a task whose future, on its first poll, takes its own handle out of the returned
/// slot and hands it to `wait`; the future (with the ballast) lives until it is dropped.
fn spawn_self_joining(
    ex: &LocalExecutor,
    mut wait: impl FnMut(&mut JoinHandle<()>, &Waker) -> Poll<()> + 'static,
) -> OwnHandle {
    let slot: OwnHandle = Rc::default();
    let own = slot.clone();
    let ballast = [7u8; BALLAST];
    let mut handle = None;
    let task = ex.spawn_local(poll_fn(move |cx| {
        assert_eq!(ballast[BALLAST - 1], 7);
        let handle = handle.get_or_insert_with(|| own.borrow_mut().take().unwrap());
        wait(handle, cx.waker())
    }));
    *slot.borrow_mut() = Some(task);
    slot
}

#[test]
fn task_awaiting_its_own_join_handle_panics_with_a_clear_message_and_is_freed() {
    let (_serial, before) = start();
    let message = Rc::new(RefCell::new(String::new()));
    let seen = message.clone();
    let ex = LocalExecutor::new();
    spawn_self_joining(&ex, move |own, waker| {
        let mut cx = std::task::Context::from_waker(waker);
        let payload = catch_unwind(AssertUnwindSafe(|| Pin::new(own).poll(&mut cx))).unwrap_err();
        *seen.borrow_mut() = payload.downcast_ref::<&str>().unwrap().to_string();
        Poll::Ready(())
    });
    assert_eq!(LIVE_TASK_BLOCKS.load(Ordering::SeqCst) - before, 1);
    ex.run_until_stalled();
    assert_eq!(ex.task_count(), 0);
    assert_eq!(
        *message.borrow(),
        "JoinHandle: a task awaited its own JoinHandle; it can never finish while it waits for \
         itself (deadlock)"
    );
    drop(ex);
    assert_eq!(LIVE_TASK_BLOCKS.load(Ordering::SeqCst) - before, 0);
}

#[test]
fn task_awaiting_its_own_join_handle_unhandled_ends_panicked_not_hung() {
    let (_serial, before) = start();
    let ex = LocalExecutor::new();
    spawn_self_joining(&ex, |own, waker| {
        Pin::new(own)
            .poll(&mut std::task::Context::from_waker(waker))
            .map(|_| ())
    });
    ex.run_until_stalled();
    assert_eq!(ex.task_count(), 0, "the task finished (panicked)");
    drop(ex);
    assert_eq!(LIVE_TASK_BLOCKS.load(Ordering::SeqCst) - before, 0);
}

/// A waker of the test's own making that forwards to the task's waker (as a combinator's
/// waker would): the check in `JoinHandle::poll` cannot see through it.
struct Forward(Waker);

impl Wake for Forward {
    fn wake(self: Arc<Self>) {
        self.0.wake_by_ref();
    }
}

#[test]
fn task_awaiting_its_own_join_handle_through_a_foreign_waker_is_freed_with_the_executor() {
    let (_serial, before) = start();
    let ex = LocalExecutor::new();
    spawn_self_joining(&ex, |own, waker| {
        let forward = Waker::from(Arc::new(Forward(waker.clone())));
        Pin::new(own)
            .poll(&mut std::task::Context::from_waker(&forward))
            .map(|_| ())
    });
    ex.run_until_stalled();
    assert_eq!(ex.task_count(), 1, "waiting for itself");
    assert_eq!(LIVE_TASK_BLOCKS.load(Ordering::SeqCst) - before, 1);
    drop(ex);
    assert_eq!(
        LIVE_TASK_BLOCKS.load(Ordering::SeqCst) - before,
        0,
        "the task block was freed"
    );
}

#[test]
fn aborting_a_task_that_awaits_its_own_handle_through_a_foreign_waker_frees_it() {
    let (_serial, before) = start();
    let ex = LocalExecutor::new();
    let slot = spawn_self_joining(&ex, |own, waker| {
        let forward = Waker::from(Arc::new(Forward(waker.clone())));
        own.abort();
        Pin::new(own)
            .poll(&mut std::task::Context::from_waker(&forward))
            .map(|_| ())
    });
    ex.run_until_stalled();
    assert!(slot.borrow().is_none());
    assert_eq!(ex.task_count(), 0, "cancelled");
    assert_eq!(LIVE_TASK_BLOCKS.load(Ordering::SeqCst) - before, 0);
}
