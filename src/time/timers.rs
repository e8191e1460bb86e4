//! The executor's timers: an indexed binary min-heap over a slab of entries.
//!
//! Every operation is O(log n) or O(1), with no scan over the timers: insert, reset (a new
//! deadline for a registered timer, sifted in place), cancel (removed from the middle of the
//! heap by its stored position), and firing the earliest. Entries are ordered by
//! `(deadline, seq)`, where `seq` grows with each registration or reset, so equal deadlines
//! fire in registration order. A cancelled or fired slot goes on a free list and is reused,
//! so memory is bounded by the largest number of timers registered at once: resetting one
//! sleep a million times reuses its slot a million times.

use core::task::Waker;
use std::vec::Vec;

/// Deadlines in nanoseconds since the executor's clock origin.
pub(crate) type Nanos = u64;

/// Names one registration; `generation` tells a reused slot from the old one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TimerKey {
    index: u32,
    generation: u32,
}

const NOT_IN_HEAP: u32 = u32::MAX;

struct Entry {
    deadline: Nanos,
    seq: u64,
    waker: Option<Waker>,
    /// Position in `heap`, or `NOT_IN_HEAP` once fired (or free).
    heap_pos: u32,
    generation: u32,
    /// Next free slot, when this one is free.
    next_free: u32,
}

#[derive(Default)]
pub(crate) struct Timers {
    slab: Vec<Entry>,
    heap: Vec<u32>,
    free_head: Option<u32>,
    next_seq: u64,
    live: usize,
}

impl Timers {
    /// Number of registered timers (armed or fired but not yet collected by their sleep).
    pub(crate) fn len(&self) -> usize {
        self.live
    }

    /// Number of slots ever allocated (the memory high-water mark).
    pub(crate) fn slots(&self) -> usize {
        self.slab.len()
    }

    pub(crate) fn next_deadline(&self) -> Option<Nanos> {
        self.heap.first().map(|&i| self.slab[i as usize].deadline)
    }

    pub(crate) fn insert(&mut self, deadline: Nanos, waker: Waker) -> TimerKey {
        let seq = self.bump_seq();
        let entry = Entry {
            deadline,
            seq,
            waker: Some(waker),
            heap_pos: NOT_IN_HEAP,
            generation: 0,
            next_free: NOT_IN_HEAP,
        };
        let index = match self.free_head {
            Some(index) => {
                let slot = &mut self.slab[index as usize];
                self.free_head = (slot.next_free != NOT_IN_HEAP).then_some(slot.next_free);
                let generation = slot.generation.wrapping_add(1);
                *slot = Entry {
                    generation,
                    ..entry
                };
                index
            }
            None => {
                let index = u32::try_from(self.slab.len())
                    .ok()
                    .filter(|&i| i != NOT_IN_HEAP)
                    .expect("anext: more than 4 billion timers at once");
                self.slab.push(entry);
                index
            }
        };
        self.live += 1;
        self.heap_push(index);
        TimerKey {
            index,
            generation: self.slab[index as usize].generation,
        }
    }

    /// Moves a registered timer to a new deadline (and re-arms it if it had fired).
    pub(crate) fn reset(&mut self, key: TimerKey, deadline: Nanos) {
        if !self.is_live(key) {
            return;
        }
        let seq = self.bump_seq();
        let entry = &mut self.slab[key.index as usize];
        entry.deadline = deadline;
        entry.seq = seq;
        let pos = entry.heap_pos;
        if pos == NOT_IN_HEAP {
            self.heap_push(key.index);
        } else {
            self.sift_up(pos as usize);
            self.sift_down(self.slab[key.index as usize].heap_pos as usize);
        }
    }

    /// Whether the timer fired; if not, remembers `waker` for when it does.
    pub(crate) fn poll_fired(&mut self, key: TimerKey, waker: &Waker) -> bool {
        if !self.is_live(key) {
            return true;
        }
        let entry = &mut self.slab[key.index as usize];
        if entry.heap_pos == NOT_IN_HEAP {
            return true;
        }
        match &mut entry.waker {
            Some(old) if old.will_wake(waker) => {}
            slot => *slot = Some(waker.clone()),
        }
        false
    }

    /// Unregisters the timer; returns its waker so it is dropped outside any lock.
    pub(crate) fn remove(&mut self, key: TimerKey) -> Option<Waker> {
        if !self.is_live(key) {
            return None;
        }
        let pos = self.slab[key.index as usize].heap_pos;
        if pos != NOT_IN_HEAP {
            self.heap_remove(pos as usize);
        }
        let entry = &mut self.slab[key.index as usize];
        let waker = entry.waker.take();
        entry.generation = entry.generation.wrapping_add(1);
        entry.next_free = self.free_head.unwrap_or(NOT_IN_HEAP);
        self.free_head = Some(key.index);
        self.live -= 1;
        waker
    }

    /// Fires the earliest timer if its deadline is at or before `now`: it leaves the heap
    /// (its slot stays until its sleep collects it) and its waker is returned to be woken.
    pub(crate) fn fire_one(&mut self, now: Nanos) -> Option<Option<Waker>> {
        let &index = self.heap.first()?;
        if self.slab[index as usize].deadline > now {
            return None;
        }
        self.heap_remove(0);
        Some(self.slab[index as usize].waker.take())
    }

    /// Drops every waker (breaking the task -> executor -> timer -> waker cycle) and forgets
    /// every timer; later calls with old keys see them as gone (and so as fired).
    pub(crate) fn clear(&mut self) -> Vec<Waker> {
        let wakers = self
            .slab
            .iter_mut()
            .filter_map(|e| e.waker.take())
            .collect();
        for entry in &mut self.slab {
            entry.generation = entry.generation.wrapping_add(1);
            entry.heap_pos = NOT_IN_HEAP;
        }
        self.heap.clear();
        // Slots stay allocated but are never reused: fine, the executor is going away.
        self.free_head = None;
        self.live = 0;
        wakers
    }

    fn is_live(&self, key: TimerKey) -> bool {
        // `remove` and `clear` bump the generation, and so does reusing a slot: an old key
        // never matches again.
        self.slab
            .get(key.index as usize)
            .is_some_and(|e| e.generation == key.generation)
    }

    fn bump_seq(&mut self) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        seq
    }

    fn less(&self, a: u32, b: u32) -> bool {
        let (a, b) = (&self.slab[a as usize], &self.slab[b as usize]);
        (a.deadline, a.seq) < (b.deadline, b.seq)
    }

    fn set(&mut self, pos: usize, index: u32) {
        self.heap[pos] = index;
        self.slab[index as usize].heap_pos = pos as u32;
    }

    fn heap_push(&mut self, index: u32) {
        self.heap.push(index);
        let pos = self.heap.len() - 1;
        self.set(pos, index);
        self.sift_up(pos);
    }

    fn heap_remove(&mut self, pos: usize) {
        let index = self.heap[pos];
        let last = self.heap.pop().expect("non-empty heap");
        self.slab[index as usize].heap_pos = NOT_IN_HEAP;
        if pos < self.heap.len() {
            self.set(pos, last);
            self.sift_up(pos);
            self.sift_down(self.slab[last as usize].heap_pos as usize);
        }
    }

    fn sift_up(&mut self, mut pos: usize) {
        let index = self.heap[pos];
        while pos > 0 {
            let parent = (pos - 1) / 2;
            if !self.less(index, self.heap[parent]) {
                break;
            }
            self.set(pos, self.heap[parent]);
            pos = parent;
        }
        self.set(pos, index);
    }

    fn sift_down(&mut self, mut pos: usize) {
        let index = self.heap[pos];
        let len = self.heap.len();
        loop {
            let left = 2 * pos + 1;
            if left >= len {
                break;
            }
            let right = left + 1;
            let child = if right < len && self.less(self.heap[right], self.heap[left]) {
                right
            } else {
                left
            };
            if !self.less(self.heap[child], index) {
                break;
            }
            self.set(pos, self.heap[child]);
            pos = child;
        }
        self.set(pos, index);
    }
}
