//! A pinned `Option<Future>` slot that is emptied when its future completes *or panics*, so an
//! adapter that drives a user future is finished, not poisoned, after a panic.

use core::future::Future;
use core::mem;
use core::pin::Pin;
use core::task::{Context, Poll};

/// Polls the future in `slot`. When it returns `Ready`, or unwinds, the slot is set to `None`
/// (dropping the future in place); on `Pending` it stays.
///
/// # Panics
///
/// Panics if the slot is empty: callers fill it first.
pub(crate) fn poll_and_clear<F: Future>(
    slot: Pin<&mut Option<F>>,
    cx: &mut Context<'_>,
) -> Poll<F::Output> {
    /// Empties the slot when dropped: on unwind, or after `Ready`.
    struct ClearOnDrop<'a, F>(Pin<&'a mut Option<F>>);

    impl<F> Drop for ClearOnDrop<'_, F> {
        fn drop(&mut self) {
            self.0.set(None);
        }
    }

    let mut guard = ClearOnDrop(slot);
    let future = guard
        .0
        .as_mut()
        .as_pin_mut()
        .expect("poll_and_clear on an empty slot");
    match future.poll(cx) {
        Poll::Pending => {
            // Keep the future: defuse the guard (it only holds a reference, nothing leaks).
            mem::forget(guard);
            Poll::Pending
        }
        ready => ready,
    }
}
