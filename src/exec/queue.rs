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
    /// Where producers push: the most recently pushed node.
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

    /// Appends `node`.
    ///
    /// # Safety
    ///
    /// `node` must be valid until it is popped again, and not be in the queue already.
    pub(crate) unsafe fn push(&self, node: *const Link) {
        // SAFETY: the caller guarantees `node` is alive and not queued, so no one else reads
        // or writes its `next` now.
        unsafe { (*node).next.store(ptr::null_mut(), Ordering::Relaxed) };
        let prev = self.head.swap(node.cast_mut(), Ordering::AcqRel);
        // SAFETY: `prev` was the head, so it is still in the queue (the consumer never pops
        // the last node without first pushing `stub` behind it), hence alive; the Release
        // store publishes `node`'s contents to the consumer's Acquire load of `next`.
        unsafe { (*prev).next.store(node.cast_mut(), Ordering::Release) };
    }

    /// Removes the oldest node.
    ///
    /// # Safety
    ///
    /// Only one thread at a time may pop (the executor's thread; the executor is `!Send` and
    /// `!Sync`, and its drop runs on that thread too).
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
        // SAFETY: `stub` is owned by the queue and not in it (tail != stub here).
        unsafe { self.push(self.stub) };
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
