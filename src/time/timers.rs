#![doc = include_str!("../../docs/internals/timers.md")]

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

const LEVELS: usize = 8;
const SLOT_BITS: u32 = 8;
const SLOTS: usize = 1 << SLOT_BITS;
/// Occupancy words: list `n` (a wheel slot) is bit `n % 64` of word `n / 64`, so the words
/// run level by level, slot by slot.
const WORDS: usize = LEVELS * SLOTS / 64;
/// The list of timers already due (deadline at or before `elapsed`), fired in order.
const DUE: usize = LEVELS * SLOTS;
const LISTS: usize = DUE + 1;
/// "No list" / "no entry".
const NONE: u32 = u32::MAX;

/// Where an entry is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// In list number `n` (a wheel slot or `DUE`).
    List(u16),
    /// Fired: waiting for its sleep to collect it.
    Fired,
    /// On the free list.
    Free,
}

struct Entry {
    deadline: Nanos,
    waker: Option<Waker>,
    prev: u32,
    /// Next in its list, or next free entry.
    next: u32,
    generation: u32,
    place: Place,
}

/// What [`Timers::poll_collect`] found. Every `Waker` in it is to be dropped outside the lock.
pub(crate) enum Polled {
    /// The timer fired and is unregistered; here is its last waker.
    Fired(Option<Waker>),
    /// The timer is gone without firing: the executor was dropped (see [`Timers::clear`]).
    Gone,
    /// Not yet; the caller's waker is registered (and this is the one it replaced, if any).
    Pending(Option<Waker>),
    /// Not yet, and the registered waker would not wake the caller: call again with a clone.
    NeedsClone,
}

pub(crate) struct Timers {
    slab: Vec<Entry>,
    free_head: u32,
    /// The wheel's time: no armed timer has a deadline before it unless it is in `DUE`.
    elapsed: Nanos,
    occupied: [u64; WORDS],
    /// Bit `w` is set when `occupied[w]` is not zero: its lowest bit is the word of the
    /// first occupied slot of the lowest busy level.
    busy_words: u32,
    heads: [u32; LISTS],
    tails: [u32; LISTS],
    live: usize,
}

impl Default for Timers {
    fn default() -> Self {
        Timers {
            slab: Vec::new(),
            free_head: NONE,
            elapsed: 0,
            occupied: [0; WORDS],
            busy_words: 0,
            heads: [NONE; LISTS],
            tails: [NONE; LISTS],
            live: 0,
        }
    }
}

impl Timers {
    /// Number of registered timers (armed, or fired but not yet collected by their sleep).
    pub(crate) fn len(&self) -> usize {
        self.live
    }

    /// Number of entries ever allocated (the memory high-water mark).
    pub(crate) fn slots(&self) -> usize {
        self.slab.len()
    }

    /// When the wheel next has work: the deadline of the earliest level-0 timer, the start
    /// of the slot to cascade next, or `elapsed` if timers are due already. `None` if no
    /// timer is armed.
    pub(crate) fn next_expiration(&self) -> Option<Nanos> {
        if self.heads[DUE] != NONE {
            return Some(self.elapsed);
        }
        let (list, start) = self.next_slot()?;
        Some(
            self.single(list)
                .map_or(start, |index| self.slab[index as usize].deadline),
        )
    }

    /// The exact deadline of the earliest armed timer, cascading the wheel as far as
    /// needed to know it. For the virtual clock, which then jumps straight there: the wheel's
    /// time may run ahead of the clock meanwhile, which is harmless because the clock is set
    /// to that deadline (at or after every cascaded slot's start) before any task runs.
    pub(crate) fn next_deadline(&mut self) -> Option<Nanos> {
        loop {
            if self.heads[DUE] != NONE {
                return Some(self.elapsed);
            }
            let (list, start) = self.next_slot()?;
            if list < SLOTS {
                return Some(start); // level 0: the slot is one exact deadline
            }
            if let Some(index) = self.single(list) {
                return Some(self.slab[index as usize].deadline);
            }
            self.elapsed = start;
            self.cascade(list);
        }
    }

    // Inlined into `Sleep::register`, its only caller, and `place` into it: ~50 instructions
    // per timer saved (callgrind, `timers_10000`).
    #[inline(always)]
    pub(crate) fn insert(&mut self, deadline: Nanos, waker: Waker) -> TimerKey {
        let index = if self.free_head != NONE {
            let index = self.free_head;
            let entry = &mut self.slab[index as usize];
            self.free_head = entry.next;
            entry.deadline = deadline;
            entry.waker = Some(waker);
            index
        } else {
            let index = u32::try_from(self.slab.len())
                .ok()
                .filter(|&i| i != NONE)
                .expect("anext: more than 4 billion timers at once");
            self.slab.push(Entry {
                deadline,
                waker: Some(waker),
                prev: NONE,
                next: NONE,
                generation: 0,
                place: Place::Fired,
            });
            index
        };
        self.live += 1;
        self.place(index);
        TimerKey {
            index,
            generation: self.slab[index as usize].generation,
        }
    }

    /// Moves a registered timer to a new deadline (and re-arms it if it had fired). It then
    /// fires after every timer registered earlier with the same deadline.
    pub(crate) fn reset(&mut self, key: TimerKey, deadline: Nanos) {
        if !self.is_live(key) {
            return;
        }
        self.unlink(key.index);
        self.slab[key.index as usize].deadline = deadline;
        self.place(key.index);
    }

    /// If the timer fired (or is gone), unregisters it and returns [`Polled::Fired`] with its
    /// waker (to be dropped outside the lock). If not, makes sure `waker` is the one woken when
    /// it fires: nothing to do when the stored waker `will_wake` the same task; otherwise the
    /// caller's `fresh` clone replaces it ([`Polled::Pending`] hands the old one back, to drop
    /// outside the lock), or, with no `fresh` clone yet, [`Polled::NeedsClone`] asks for one.
    ///
    /// Waker clones and drops happen outside the lock because a foreign waker (a sleep may be
    /// polled under any executor or combinator) runs user code there, which may drop another
    /// sleep of this executor and so take this lock again. One look-up on every awaited poll.
    pub(crate) fn poll_collect(
        &mut self,
        key: TimerKey,
        waker: &Waker,
        fresh: &mut Option<Waker>,
    ) -> Polled {
        if !self.is_live(key) {
            return Polled::Gone;
        }
        let entry = &mut self.slab[key.index as usize];
        if entry.place != Place::Fired {
            return match &mut entry.waker {
                Some(old) if old.will_wake(waker) => Polled::Pending(None),
                slot => match fresh.take() {
                    Some(fresh) => Polled::Pending(slot.replace(fresh)),
                    None => Polled::NeedsClone,
                },
            };
        }
        Polled::Fired(self.free(key.index))
    }

    /// Unregisters the timer; returns its waker so it is dropped outside any lock.
    pub(crate) fn remove(&mut self, key: TimerKey) -> Option<Waker> {
        if !self.is_live(key) {
            return None;
        }
        self.unlink(key.index);
        self.free(key.index)
    }

    /// Puts live entry `index`, in no list, on the free list; returns its waker. The new
    /// generation makes every old key of the entry see it as gone.
    fn free(&mut self, index: u32) -> Option<Waker> {
        let entry = &mut self.slab[index as usize];
        let waker = entry.waker.take();
        entry.generation = entry.generation.wrapping_add(1);
        entry.place = Place::Free;
        entry.next = self.free_head;
        self.free_head = index;
        self.live -= 1;
        waker
    }

    /// Fires the next timer due at `now`, if any: it leaves the wheel (its entry stays until
    /// its sleep collects it) and its waker is returned to be woken outside the lock.
    /// Cascades the slots that `now` reaches on the way.
    // Inlined into the executor's firing loop (its only caller): as a call, returning the
    // 24-byte `Option<Option<Waker>>` through memory and re-deriving the slot cost ~70
    // instructions per timer (callgrind, `timers_10000`).
    #[inline(always)]
    pub(crate) fn fire_one(&mut self, now: Nanos) -> Option<Option<Waker>> {
        loop {
            let due = self.heads[DUE];
            if due != NONE {
                self.unlink(due);
                self.slab[due as usize].place = Place::Fired;
                return Some(self.slab[due as usize].waker.take());
            }
            match self.next_slot() {
                Some((list, start)) if start <= now => {
                    self.elapsed = start;
                    if list < SLOTS {
                        // Level 0: every timer here is due now; fire the first in place.
                        let first = self.heads[list];
                        self.unlink(first);
                        return Some(self.slab[first as usize].waker.take());
                    }
                    if let Some(index) = self.single(list)
                        && self.slab[index as usize].deadline <= now
                    {
                        // Alone in the earliest slot of the lowest busy level: it is the
                        // earliest timer, so it fires without cascading (see `single`).
                        self.unlink(index);
                        return Some(self.slab[index as usize].waker.take());
                    }
                    self.cascade(list);
                }
                _ => {
                    // Nothing due: the wheel's time may follow `now` (it stays before every
                    // occupied slot, so every timer keeps its level).
                    self.elapsed = self.elapsed.max(now);
                    return None;
                }
            }
        }
    }

    /// Drops every waker (breaking the task -> executor -> timer -> waker cycle) and forgets
    /// every armed timer: later calls with their keys see them as gone, not fired (timers
    /// that fired and wait for their sleep to collect them stay fired).
    pub(crate) fn clear(&mut self) -> Vec<Waker> {
        let wakers = self
            .slab
            .iter_mut()
            .filter_map(|e| e.waker.take())
            .collect();
        let mut fired = 0;
        for entry in &mut self.slab {
            match entry.place {
                Place::List(_) => {
                    entry.generation = entry.generation.wrapping_add(1);
                    entry.place = Place::Free;
                }
                Place::Fired => fired += 1,
                Place::Free => {}
            }
        }
        self.occupied = [0; WORDS];
        self.busy_words = 0;
        self.heads = [NONE; LISTS];
        self.tails = [NONE; LISTS];
        // Entries stay allocated but are never reused: the executor is going away.
        self.free_head = NONE;
        self.live = fired;
        wakers
    }

    fn is_live(&self, key: TimerKey) -> bool {
        // `remove` and `clear` bump the generation: an old key never matches again.
        self.slab
            .get(key.index as usize)
            .is_some_and(|e| e.generation == key.generation && e.place != Place::Free)
    }

    /// The first occupied slot of the lowest non-empty level, and the time it starts.
    fn next_slot(&self) -> Option<(usize, Nanos)> {
        if self.busy_words == 0 {
            return None;
        }
        let word = self.busy_words.trailing_zeros() as usize;
        let list = word * 64 + self.occupied[word].trailing_zeros() as usize;
        let (level, slot) = (list / SLOTS, (list % SLOTS) as u32);
        let shift = SLOT_BITS * level as u32;
        // The start of the current window of this level (`shift + SLOT_BITS` may be 64, so
        // shift twice rather than build a mask).
        let base = (self.elapsed >> shift >> SLOT_BITS) << SLOT_BITS << shift;
        Some((list, base | (u64::from(slot) << shift)))
    }

    /// The entry of wheel slot `list` if it holds exactly one. When `list` is the first slot
    /// of the lowest busy level, that entry is the earliest armed timer (every other one is
    /// in a later slot or a higher level, so strictly later), and no other has its deadline:
    /// it can be reported or fired from where it is, skipping the cascades down to level 0
    /// that would tell the same thing. With deadlines a microsecond or more apart, this
    /// saves the last cascade of nearly every timer.
    fn single(&self, list: usize) -> Option<u32> {
        let head = self.heads[list];
        (head == self.tails[list]).then_some(head)
    }

    /// Appends entry `index` to the list its deadline calls for.
    // Inlined into `insert` and the `cascade` loop: ~20 instructions per timer saved.
    #[inline(always)]
    fn place(&mut self, index: u32) {
        let deadline = self.slab[index as usize].deadline;
        let differ = self.elapsed ^ deadline;
        let list = if deadline <= self.elapsed {
            DUE
        } else {
            let level = (63 - differ.leading_zeros()) / SLOT_BITS;
            let slot = (deadline >> (SLOT_BITS * level)) as usize & (SLOTS - 1);
            let list = level as usize * SLOTS + slot;
            self.occupied[list / 64] |= 1 << (list % 64);
            self.busy_words |= 1 << (list / 64);
            list
        };
        let tail = self.tails[list];
        let entry = &mut self.slab[index as usize];
        entry.place = Place::List(list as u16);
        entry.prev = tail;
        entry.next = NONE;
        if tail == NONE {
            self.heads[list] = index;
        } else {
            self.slab[tail as usize].next = index;
        }
        self.tails[list] = index;
    }

    /// Takes entry `index` out of its list, if it is in one.
    fn unlink(&mut self, index: u32) {
        let entry = &self.slab[index as usize];
        let Place::List(list) = entry.place else {
            return;
        };
        let (list, prev, next) = (list as usize, entry.prev, entry.next);
        if prev == NONE {
            self.heads[list] = next;
        } else {
            self.slab[prev as usize].next = next;
        }
        if next == NONE {
            self.tails[list] = prev;
        } else {
            self.slab[next as usize].prev = prev;
        }
        if self.heads[list] == NONE && list != DUE {
            self.vacate(list);
        }
        self.slab[index as usize].place = Place::Fired;
    }

    /// Marks wheel slot `list` empty.
    fn vacate(&mut self, list: usize) {
        let word = list / 64;
        self.occupied[word] &= !(1 << (list % 64));
        if self.occupied[word] == 0 {
            self.busy_words &= !(1 << word);
        }
    }

    /// Moves every timer of wheel slot `list` to the list its deadline now calls for, in
    /// order (`elapsed` was just set to the slot's start).
    fn cascade(&mut self, list: usize) {
        let mut index = self.heads[list];
        self.heads[list] = NONE;
        self.tails[list] = NONE;
        self.vacate(list);
        while index != NONE {
            let next = self.slab[index as usize].next;
            self.place(index);
            index = next;
        }
    }
}
