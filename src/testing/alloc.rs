//! [`CountingAllocator`]: a global allocator that counts each thread's allocations.

use core::cell::Cell;
use std::alloc::{GlobalAlloc, Layout, System};

/// A global allocator that counts the allocations (and reallocations) made by each thread, so
/// a test can assert that a loop allocates nothing per item. [`count`](Self::count) is the
/// calling thread's own count: the test harness or another test allocating meanwhile cannot
/// disturb a measurement. Memory comes from [`System`].
///
/// Install it in a test binary (an integration test file, or a crate's own test build):
///
/// ```
/// use anext::testing::CountingAllocator;
/// use anext::{AsyncIterator, AsyncIteratorExt};
///
/// #[global_allocator]
/// static ALLOCATOR: CountingAllocator = CountingAllocator;
///
/// # fn main() {
/// let mut items = anext::testing::probe(anext::iter(0..1000).map(|x| x * 2).filter(|x| x % 3 == 0));
/// let before = CountingAllocator::count();
/// let mut n = 0;
/// while let std::task::Poll::Ready(Some(_)) = items.poll_next() {
///     n += 1;
/// }
/// assert_eq!(n, 334);
/// assert_eq!(CountingAllocator::count() - before, 0, "no allocation per item");
/// # }
/// ```
///
/// # Why a thread-local
///
/// The crate has no thread-locals on its own paths. This counter is opt-in test tooling, and
/// per-thread counting is its point: a global counter would count the other tests' threads
/// too. The slot is `const`-initialised and `Copy` (no lazy initialisation, no destructor),
/// so reading it from inside the allocator never allocates.
#[derive(Clone, Copy, Debug, Default)]
pub struct CountingAllocator;

std::thread_local! {
    static THREAD_ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

impl CountingAllocator {
    /// Allocations made so far by the calling thread (0 unless this allocator is the global
    /// one).
    ///
    /// ```
    /// let before = anext::testing::CountingAllocator::count();
    /// assert_eq!(anext::testing::CountingAllocator::count(), before);
    /// ```
    pub fn count() -> usize {
        THREAD_ALLOCATIONS.with(Cell::get)
    }

    fn bump() {
        // `try_with`: during thread teardown the slot may be gone; such allocations are not
        // the test's.
        let _ = THREAD_ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
    }
}

// SAFETY: every method forwards to the system allocator with the caller's arguments
// unchanged, so the `GlobalAlloc` contract holds exactly as it does for `System`.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        Self::bump();
        // SAFETY: forwarded unchanged; the caller upholds `alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged; `ptr` came from `System` through `alloc` above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        Self::bump();
        // SAFETY: forwarded unchanged; the caller upholds `realloc`'s contract.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}
