#![doc = include_str!("../../docs/internals/queue.md")]

use crate::loom::atomic::{AtomicPtr, Ordering};
use core::cell::UnsafeCell;
use core::ptr;
use std::boxed::Box;

/// The intrusive link. It is the first field of every task header (`#[repr(C)]`), so a
/// `*const Link` obtained by casting a header pointer can be cast back.
#[derive(Debug)]
pub(crate) struct Link {
    next: AtomicPtr<Link>,
}

impl Link {
    pub(crate) fn new() -> Self {
        Link {
            next: AtomicPtr::new(ptr::null_mut()),
        }
    }
}

/// The low bit of `Queue::head` while the consumer parks ([`Queue::mark_parked`]). Links
/// are pointer-aligned, so the bit is free.
const PARKED: usize = 1;

/// What [`Queue::pop`] found.
pub(crate) enum Pop {
    /// A node, now owned by the caller.
    Node(*const Link),
    /// Nothing in the queue.
    Empty,
    /// A push is half done: retry.
    Inconsistent,
}

pub(crate) struct Queue {
    /// Where producers push: the most recently pushed node, tagged with [`PARKED`] while the
    /// consumer parks on an empty queue.
    head: AtomicPtr<Link>,
    /// Where the consumer pops. Touched only by the consumer (see [`Queue::pop`]).
    tail: UnsafeCell<*const Link>,
    /// The queue's own node; boxed so its address is stable even if the queue moves.
    stub: *const Link,
}

// SAFETY: `head` and the links are atomics; `tail` is touched only by the single consumer,
// which `pop`'s contract makes the caller guarantee; `stub` is owned by the queue.
unsafe impl Send for Queue {}
// SAFETY: as above: shared access from producers touches only atomics.
unsafe impl Sync for Queue {}

impl Queue {
    pub(crate) fn new() -> Self {
        let stub: *const Link = Box::into_raw(Box::new(Link::new()));
        Queue {
            head: AtomicPtr::new(stub.cast_mut()),
            tail: UnsafeCell::new(stub),
            stub,
        }
    }

    /// Appends `node`. Returns whether the consumer had marked the queue as parked
    /// ([`mark_parked`](Self::mark_parked)): then this push is the first since the consumer
    /// decided to sleep, and the caller must unpark it. Every later push (until the consumer
    /// marks it again) returns `false`: the consumer drains the whole queue once awake.
    ///
    /// # Safety
    ///
    /// `node` must be valid until it is popped again, and not be in the queue already.
    #[inline]
    pub(crate) unsafe fn push(&self, node: *const Link) -> bool {
        // SAFETY: the caller guarantees `node` is alive and not queued, so no one else reads
        // or writes its `next` now.
        unsafe { (*node).next.store(ptr::null_mut(), Ordering::Relaxed) };
        // The swap writes an untagged pointer: it also clears the parked mark, so exactly one
        // push (the first after the mark, in `head`'s modification order) sees it.
        let prev = self.head.swap(node.cast_mut(), Ordering::AcqRel);
        let parked = prev.addr() & PARKED != 0;
        let prev = prev.map_addr(|addr| addr & !PARKED);
        // SAFETY: `prev` was the head, so it is still in the queue (the consumer never pops
        // the last node without first pushing `stub` behind it), hence alive; the Release
        // store publishes `node`'s contents to the consumer's Acquire load of `next`.
        unsafe { (*prev).next.store(node.cast_mut(), Ordering::Release) };
        parked
    }

    /// Consumer, before it parks: marks the queue as parked if it is empty, and returns
    /// whether it did. `false` means a node is queued or a push is under way: do not park.
    ///
    /// Why no wake is lost (acquire/release alone, no `SeqCst`): the mark is a
    /// compare-exchange of `head` from `stub` to `stub | PARKED`, and every push swaps
    /// `head`. Both are read-modify-writes of one word, so they are totally ordered (its
    /// modification order). A push ordered before the mark left `head != stub` (only the
    /// consumer puts `stub` back), so the mark fails and the consumer does not park. A push
    /// ordered after it reads the marked pointer, which is the value right before it in that
    /// order, so its `push` returns `true` and its caller unparks the consumer (the parker
    /// itself keeps that notify from being lost, `parker.rs`).
    ///
    /// # Safety
    ///
    /// Only the consumer (see [`pop`](Self::pop)); it must call
    /// [`unmark_parked`](Self::unmark_parked) before its next `pop`.
    pub(crate) unsafe fn mark_parked(&self) -> bool {
        // SAFETY: single consumer (this function's contract), so `tail` is not shared.
        let tail = unsafe { *self.tail.get() };
        // `tail != stub` means the node at `tail` is still to be popped.
        tail == self.stub
            && self
                .head
                .compare_exchange(
                    self.stub.cast_mut(),
                    self.stub.cast_mut().map_addr(|addr| addr | PARKED),
                    Ordering::AcqRel,
                    Ordering::Relaxed,
                )
                .is_ok()
    }

    /// Consumer, after its park returned: takes the parked mark back if no push took it
    /// (a park that ended by a deadline or a notify from elsewhere).
    ///
    /// # Safety
    ///
    /// Only the consumer, after a successful [`mark_parked`](Self::mark_parked).
    pub(crate) unsafe fn unmark_parked(&self) {
        // A failure means a push replaced `head` (and took the mark with it): nothing to do.
        let _ = self.head.compare_exchange(
            self.stub.cast_mut().map_addr(|addr| addr | PARKED),
            self.stub.cast_mut(),
            Ordering::AcqRel,
            Ordering::Relaxed,
        );
    }

    /// Removes the oldest node.
    ///
    /// # Safety
    ///
    /// Only one thread at a time may pop (the executor's thread; the executor is `!Send` and
    /// `!Sync`, and its drop runs on that thread too), and not while it has the queue marked
    /// parked.
    #[inline]
    pub(crate) unsafe fn pop(&self) -> Pop {
        // SAFETY: single consumer (this function's contract), so `tail` is not shared.
        let tail_slot = unsafe { &mut *self.tail.get() };
        let mut tail = *tail_slot;
        // SAFETY: `tail` is in the queue (or is `stub`), hence alive.
        let mut next = unsafe { (*tail).next.load(Ordering::Acquire) };
        if tail == self.stub {
            if next.is_null() {
                return if self.head.load(Ordering::Acquire).cast_const() == tail {
                    Pop::Empty
                } else {
                    Pop::Inconsistent
                };
            }
            *tail_slot = next;
            tail = next;
            // SAFETY: `next` was linked by a completed push, so it is alive and queued.
            next = unsafe { (*tail).next.load(Ordering::Acquire) };
        }
        if !next.is_null() {
            *tail_slot = next;
            return Pop::Node(tail);
        }
        if self.head.load(Ordering::Acquire).cast_const() != tail {
            return Pop::Inconsistent;
        }
        // `tail` is the last node: put `stub` behind it so that it can be taken out.
        // SAFETY: `stub` is owned by the queue and not in it (tail != stub here). The queue is
        // not marked parked (the caller's contract), so this push cannot see the mark.
        let _not_parked = unsafe { self.push(self.stub) };
        // SAFETY: `tail` is still in the queue, hence alive.
        next = unsafe { (*tail).next.load(Ordering::Acquire) };
        if next.is_null() {
            return Pop::Inconsistent;
        }
        *tail_slot = next;
        Pop::Node(tail)
    }
}

impl Drop for Queue {
    fn drop(&mut self) {
        // SAFETY: `stub` came from `Box::into_raw` in `new` and is freed only here. The
        // executor drains the queue before the last reference to it goes away.
        drop(unsafe { Box::from_raw(self.stub.cast_mut()) });
    }
}
