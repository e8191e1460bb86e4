//! The fixed array of in-flight futures shared by [`Buffered`](super::Buffered) and
//! [`BufferUnordered`](super::BufferUnordered): allocated once, at the limit's size, and
//! never grown, so running a million futures through it allocates nothing per future.
//!
//! Every slot is `Empty`, `Running` (a future, pinned in place) or `Done` (its output, kept
//! until the consumer takes it). The only transitions are:
//!
//! ```text
//!   Empty --(1) start--> Running --(2) poll is Ready--> Done --(3) take--> Empty
//! ```
//!
//! Wakeups: every future is polled with the caller's own `Context`, so there is no waker per
//! slot, no waker clone and no allocation per item. The price is that a wake of any one future
//! re-polls every running future of the array (O(limit) per wake), which is cheap for the
//! small limits bounded concurrency is used with.

use std::boxed::Box;
use std::panic::{AssertUnwindSafe, catch_unwind};

use core::any::Any;
use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

pin_project_lite::pin_project! {
    #[project = SlotProj]
    #[project_replace = SlotReplace]
    pub(crate) enum Slot<F: Future> {
        Empty,
        Running { #[pin] fut: F },
        Done { output: F::Output },
    }
}

/// The array of slots. Its length is the concurrency limit.
pub(crate) struct Slots<F: Future> {
    slots: Pin<Box<[Slot<F>]>>,
    /// Set while a future is being polled; still set afterwards only if that poll unwound.
    /// The owning adapter then drops every future and finishes (see [`Slots::take_panicked`])
    /// instead of polling a future that panicked.
    polling: bool,
}

impl<F: Future> fmt::Debug for Slots<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let running = self
            .slots
            .iter()
            .filter(|s| matches!(s, Slot::Running { .. }))
            .count();
        let done = self
            .slots
            .iter()
            .filter(|s| matches!(s, Slot::Done { .. }))
            .count();
        f.debug_struct("Slots")
            .field("limit", &self.slots.len())
            .field("running", &running)
            .field("done", &done)
            .finish()
    }
}

impl<F: Future> Slots<F> {
    /// Allocates `limit` empty slots: the one allocation of the adapter.
    #[track_caller]
    pub(crate) fn new(limit: usize, adapter: &str) -> Self {
        assert!(
            limit != 0,
            "{adapter}: the concurrency limit must be at least 1, got 0 (a limit of 0 could \
             never run anything and would hang)"
        );
        let slots: Box<[Slot<F>]> = (0..limit).map(|_| Slot::Empty).collect();
        Slots {
            slots: Box::into_pin(slots),
            polling: false,
        }
    }

    pub(crate) fn limit(&self) -> usize {
        self.slots.len()
    }

    pub(crate) fn is_empty(&self, index: usize) -> bool {
        matches!(self.slots[index], Slot::Empty)
    }

    pub(crate) fn is_done(&self, index: usize) -> bool {
        matches!(self.slots[index], Slot::Done { .. })
    }

    fn slot(&mut self, index: usize) -> Pin<&mut Slot<F>> {
        slot_at(&mut self.slots, index)
    }

    /// Transition (1), then polls the new future once so that it starts at once; if it is
    /// already finished, transition (2) too. The slot must be `Empty`.
    pub(crate) fn start(&mut self, index: usize, fut: F, cx: &mut Context<'_>) {
        debug_assert!(self.is_empty(index));
        self.slot(index).set(Slot::Running { fut });
        self.poll(index, cx);
    }

    /// Polls the slot's future if it is `Running` (transition 2 when it finishes). Returns
    /// whether the slot is `Done`.
    pub(crate) fn poll(&mut self, index: usize, cx: &mut Context<'_>) -> bool {
        let Slots { slots, polling } = self;
        let mut slot = slot_at(slots, index);
        match slot.as_mut().project() {
            SlotProj::Running { fut } => {
                // `polling` is the panic guard: cleared only once the poll and, for a finished
                // future, its destructor (run by `set`) have returned. If either unwinds, it
                // stays set and the adapter finishes instead of using this slot again.
                *polling = true;
                let done = match fut.poll(cx) {
                    Poll::Ready(output) => {
                        slot.set(Slot::Done { output });
                        true
                    }
                    Poll::Pending => false,
                };
                *polling = false; // not reached if the poll or the destructor unwound
                done
            }
            SlotProj::Done { .. } => true,
            SlotProj::Empty => false,
        }
    }

    /// Tells whether a future panicked during the last poll and [`Slots::take_panicked`] has
    /// not cleaned up yet: the adapter will yield nothing more.
    pub(crate) fn panicked(&self) -> bool {
        self.polling
    }

    /// Tells whether a future panicked during the last poll (or in its destructor when it
    /// finished), and if so drops every future and output, leaving all slots `Empty`: the
    /// adapter is finished, not poisoned.
    ///
    /// A destructor that panics here does not stop the clean-up: every slot is emptied
    /// first, `polling` is cleared last, and only then is the first such panic resumed. So
    /// the future that panicked is never left `Running` to be polled again (issue 9,
    /// defect 3).
    pub(crate) fn take_panicked(&mut self) -> Result<bool, Box<dyn Any + Send>> {
        if !self.polling {
            return Ok(false);
        }
        let mut first_panic = None;
        for index in 0..self.limit() {
            let mut slot = self.slot(index);
            if let Err(payload) = catch_unwind(AssertUnwindSafe(|| slot.set(Slot::Empty))) {
                // `set` writes `Empty` even when the old value's destructor unwinds, so the
                // slot is never dropped twice. A later payload is dropped under a catch (its
                // own destructor could panic too).
                if first_panic.is_none() {
                    first_panic = Some(payload);
                } else {
                    let _ = catch_unwind(AssertUnwindSafe(move || drop(payload)));
                }
            }
        }
        self.polling = false;
        match first_panic {
            None => Ok(true),
            Some(payload) => Err(payload),
        }
    }

    /// Transition (3): the output of a `Done` slot, leaving it `Empty`.
    pub(crate) fn take(&mut self, index: usize) -> Option<F::Output> {
        if !self.is_done(index) {
            return None;
        }
        match self.slot(index).project_replace(Slot::Empty) {
            SlotReplace::Done { output } => Some(output),
            _ => None,
        }
    }
}

/// The slot at `index`, pinned.
fn slot_at<F: Future>(slots: &mut Pin<Box<[Slot<F>]>>, index: usize) -> Pin<&mut Slot<F>> {
    // SAFETY: the slots are structurally pinned inside the pinned boxed slice: the slice is
    // never reallocated, moved out of or resized (its length is fixed in `Slots::new`), and a
    // slot's value is only ever replaced in place through `Pin::set` / `project_replace`,
    // which drop the old value where it lies. So a future, once `Running`, stays at this
    // address until it is dropped. Indexing panics when out of bounds.
    unsafe { slots.as_mut().map_unchecked_mut(|slots| &mut slots[index]) }
}
