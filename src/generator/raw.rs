//! The only file of the generator module with `unsafe` code: [`Gen`], the yield handle
//! [`Co`], and the close future [`Close`].
//!
//! # Memory layout and who touches what
//!
//! ```text
//!   Gen<T, B>  (pinned by the caller before the first poll; never moves afterwards)
//!   +-------------------------------+
//!   | shared: Shared<T>             | <---- Co<'a, T>.shared (a raw pointer), inside the body
//!   |   state: Cell<u8>             |       future: read by yields, written by `?` in try_gen!
//!   |   token: Cell<usize>          |       the poll's waker address, or FULL: set by each
//!   |                               |       poll, compared and set to FULL by yields
//!   |   slot:  MaybeUninit<T>       |       written by yields, read by poll_next (FULL)
//!   | stage: union                  |
//!   |   body   (UNSTARTED)          |  the closure, consumed by the first poll
//!   |   future (RUNNING, CLOSING,   |  the body's future; it holds the Co, so it points
//!   |           HALTED)             |  back into `shared` of the same Gen
//!   |   output (RETURNED)           |  the body's return value
//!   | _pin: PhantomPinned           |
//!   +-------------------------------+
//! ```
//!
//! The invariant every `unsafe` block here relies on: **the union field that is initialized
//! is exactly the one the state names** (see the state constants below), and
//! **the body future is only created once the `Gen` is pinned**, so the pointer inside its
//! `Co` stays valid for as long as the future exists (the future is dropped before `shared`,
//! in [`Gen`]'s `Drop`). The yield handle cannot leave the body future, because the body is an
//! `AsyncFnOnce` checked for *every* brand lifetime `'a` and `Co<'a, T>` is invariant in `'a`.

use core::cell::{Cell, UnsafeCell};
use core::fmt;
use core::future::Future;
use core::marker::{PhantomData, PhantomPinned};
use core::mem::{self, ManuallyDrop, MaybeUninit};
use core::pin::Pin;
use core::ptr::{self, NonNull};
use core::task::{Context, Poll};

use crate::{AsyncIterator, FusedAsyncIterator};

use super::{Resume, Yield, YieldFrom};

// States. Each names the one field of `Stage` that is initialized (the invariant of this file).
// The numbers in brackets are the transitions of the lifecycle diagram in `generator/mod.rs`.

/// The body closure has not been called: `stage.body` is initialized. Left by [1] or [8].
const UNSTARTED: u8 = 0;
/// The body future exists and may be polled: `stage.future`. Entered by [1]; [2] and [3]
/// stay here; left by [4], [5], [6], [7].
const RUNNING: u8 = 1;
/// `close()` was called on a running body: `stage.future`; yields resolve to
/// [`Resume::Close`]. Entered by [7]; [11] stays here; left by [6], [9], [10], [12].
const CLOSING: u8 = 2;
/// The body must never be polled again (a `?` in `try_gen!` yielded its error, or a poll
/// panicked): `stage.future`, dropped by the next `poll_next` or `close` [12], or `Drop`.
/// Entered by [5] or [6].
const HALTED: u8 = 3;
/// The body returned: `stage.output` holds its return value. Entered by [4], left by [13].
const RETURNED: u8 = 4;
/// Nothing left: no field of `stage` is initialized. Terminal. Entered by [8], [9], [10],
/// [12], [13].
const DONE: u8 = 5;

/// `Shared::token` when the slot holds an item that a yield left during the running poll.
/// No `Waker` lives at this address (it would end past the end of the address space), so
/// the token of a poll is never mistaken for it.
const FULL: usize = usize::MAX;
/// `Shared::token` after a poll of the body unwound with an item in the slot, which
/// nobody took: `Drop` drops it. Not the address of a `Waker` either, for the same reason.
const UNTAKEN: usize = usize::MAX - 1;

/// The part of a generator that its yield handle shares with it.
struct Shared<T> {
    /// One of the state constants above.
    state: Cell<u8>,
    /// What a yield needs to know about the slot and the poll, in one word (one compare on
    /// the hot path):
    ///
    /// - during a poll of the body, with the slot empty: the address of the waker that poll
    ///   runs with (only compared, an address without provenance). A yield polled with that
    ///   same waker (by the body itself, or by a combinator passing the body's `Context`
    ///   on) hands its item over and needs no wake; one polled with another waker (a
    ///   combinator that gives its futures wakers of their own) also wakes it, to be polled
    ///   again. (The waker's address rather than the `Context`'s: taking the address of the
    ///   `Context` would let it escape, and an inlined drain loop then reloads the waker
    ///   from memory for every wake; measured 5 instructions per item more on the
    ///   `yield_once` body inlined, for 1 less through `dyn`.)
    /// - [`FULL`]: a yield of the running poll left its item in `slot`;
    /// - [`UNTAKEN`]: a poll unwound after a yield filled the slot; `Drop` drops the item.
    ///
    /// Between polls it is stale: the generator takes the item at the end of every poll
    /// that filled the slot, without resetting the token (the next poll sets it first).
    /// So only the generator's own code right after a poll, and yields during a poll, read
    /// it; and `Drop`, for [`UNTAKEN`] alone.
    token: Cell<usize>,
    /// The item a yield left for `poll_next` to return: initialized while `token` is
    /// [`FULL`] (or [`UNTAKEN`]).
    slot: UnsafeCell<MaybeUninit<T>>,
}

/// The closure behind a generator, after [`Gen::new`] fixed the brand lifetime.
///
/// It is implemented for every `FnOnce(Co<'static, T>) -> impl Future`, and exists only so
/// that [`Gen`] can name the body's future type, which Rust does not let one write down. You
/// never implement or call it yourself: only [`Gen::new`] creates a [`Gen`], from an async
/// closure that must work for *every* brand lifetime, and only [`Gen`] calls the body.
///
/// ```
/// use anext::Gen;
/// use anext::generator::GenBody;
/// fn body_of<T, B: GenBody<T>>(_: &Gen<T, B>) {}
/// body_of(&Gen::new(async |mut co| co.yield_(1).await));
/// ```
pub trait GenBody<T> {
    /// What the body returns (see [`Gen::take_return_value`]).
    type Output;
    /// The body's future.
    type Future: Future<Output = Self::Output>;
    /// Calls the body.
    fn start(self, co: Co<'static, T>) -> Self::Future;
}

impl<T, G, Fut> GenBody<T> for G
where
    G: FnOnce(Co<'static, T>) -> Fut,
    Fut: Future,
{
    type Output = Fut::Output;
    type Future = Fut;

    #[inline]
    fn start(self, co: Co<'static, T>) -> Fut {
        self(co)
    }
}

/// What a generator holds, depending on its state; see the table at the top of this file.
union Stage<B, F, R> {
    body: ManuallyDrop<B>,
    future: ManuallyDrop<F>,
    output: ManuallyDrop<R>,
}

/// The handle through which a generator body yields: the `co` of
/// `Gen::new(async |mut co| ...)`.
///
/// `'a` is a brand: each generator's body must work for every `'a`, and the handle is
/// invariant in it, so the handle cannot be stored anywhere that outlives the body. This is
/// checked at compile time:
///
/// ```compile_fail
/// use anext::Gen;
/// let mut stash = None;
/// let _g = Gen::new(async |co: anext::generator::Co<'_, u32>| {
///     stash = Some(co); // error: borrowed data escapes outside of closure
/// });
/// ```
///
/// `Co` is `Send` when `T` is (so generators can be `Send`), and never `Sync`.
pub struct Co<'a, T> {
    shared: NonNull<Shared<T>>,
    /// Invariant in `'a`: `fn(&'a ()) -> &'a ()` is both contra- and covariant.
    _brand: PhantomData<fn(&'a ()) -> &'a ()>,
    /// `!Sync`: two threads must never write the slot at the same time.
    _not_sync: PhantomData<Cell<()>>,
}

// SAFETY: a `Co` is a pointer to the `Shared` of one generator, used only while the body
// future that owns the `Co` is being polled or dropped (the brand keeps it inside the body).
// Moving it to another thread along with the future is therefore the same as moving the
// future; the only data it carries across is `T`, hence the `T: Send` bound. A scoped thread
// that borrows it is joined before the poll of the body returns, so it never runs at the same
// time as `poll_next`. `Co` is `!Sync`, so no two threads can use one handle at the same time.
unsafe impl<T: Send> Send for Co<'_, T> {}

impl<T> fmt::Debug for Co<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Co").finish_non_exhaustive()
    }
}

impl<'a, T> Co<'a, T> {
    /// Yields `value`: the generator's `poll_next` returns `Ready(Some(value))`, and the
    /// returned future resolves when the consumer asks for the next item ([`Resume::Next`])
    /// or closes the generator ([`Resume::Close`], see [`Gen::close`]).
    ///
    /// Like every future, the yield happens when it is polled: the item is handed over at
    /// the first poll of the returned future. So a yield awaited late still delivers its
    /// item, and one polled once and then abandoned (by a `select!`) was delivered; if
    /// another yield of the same body poll comes first, it waits for the consumer to take
    /// that item (it wakes the task and returns `Pending`) and is delivered next. A `Yield`
    /// dropped without ever being polled yields nothing and drops its value (the compiler
    /// warns about an unused yield: it is `#[must_use]`).
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, Gen, block_on};
    /// let g = Gen::new(async |mut co| {
    ///     co.yield_("a").await;
    ///     co.yield_("b").await;
    /// });
    /// assert_eq!(block_on(g.collect::<Vec<_>>()), ["a", "b"]);
    /// ```
    #[inline]
    pub fn yield_(&mut self, value: T) -> Yield<'_, 'a, T> {
        Yield::new(self, value)
    }

    /// Yields every item of `iter`, in order, then resolves to [`Resume::Next`]; or to
    /// [`Resume::Close`] if the generator is closed meanwhile (the rest of `iter` is not
    /// pulled). This is Python's `async for x in inner: yield x` and JavaScript's `yield*`,
    /// without any allocation per item.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, Gen, block_on, iter};
    /// let g = Gen::new(async |mut co| {
    ///     co.yield_(0).await;
    ///     co.yield_from(iter([1, 2])).await;
    ///     co.yield_(3).await;
    /// });
    /// assert_eq!(block_on(g.collect::<Vec<_>>()), [0, 1, 2, 3]);
    /// ```
    #[inline]
    pub fn yield_from<I>(&mut self, iter: I) -> YieldFrom<'_, 'a, T, I>
    where
        I: AsyncIterator<Item = T>,
    {
        YieldFrom::new(self, iter)
    }

    /// Returns `true` once the consumer called [`Gen::close`]: the body should finish its
    /// cleanup and return without yielding again.
    ///
    /// ```
    /// use anext::Gen;
    /// let g = Gen::new(async |mut co| {
    ///     assert!(!co.is_closing());
    ///     co.yield_(1).await;
    /// });
    /// # drop(g);
    /// ```
    #[inline]
    pub fn is_closing(&self) -> bool {
        self.shared().state.get() == CLOSING
    }

    /// A copy of this handle's pointer, for a yield future to read the resume reason
    /// through. Copying the pointer (one store) is cheaper than keeping `&mut Co` (an
    /// address computation and a store) in the body's state across the suspension.
    #[inline]
    pub(super) fn resumer(&self) -> Resumer<T> {
        Resumer(self.shared)
    }

    /// Leaves `value` in the slot for `poll_next` to return, or gives it back if the slot
    /// is full (another yield of the same body poll came first).
    #[inline]
    pub(super) fn offer(&mut self, value: T) -> Result<(), T> {
        self.resumer().offer(value)
    }

    /// Whether a yield's item waits in the slot.
    #[inline]
    pub(super) fn is_full(&self) -> bool {
        self.shared().token.get() == FULL
    }

    #[inline]
    fn shared(&self) -> &Shared<T> {
        // SAFETY: `shared` points at the `Shared` of the pinned `Gen` that created this handle
        // (in `poll_start`). The handle lives inside that generator's body future (the brand
        // lifetime forbids storing it elsewhere), and the generator drops the future before
        // its own fields, so the `Gen` is alive and has not moved. Only shared references to
        // `Shared` are ever created; its fields are `Cell`/`UnsafeCell`.
        unsafe { self.shared.as_ref() }
    }
}

/// How a yield future reaches its generator: a copy of a [`Co`]'s pointer, kept by the
/// yield future, which also holds the `&mut Co` borrow (as a marker), so the copy is used
/// only while the handle it came from is alive and not used otherwise.
pub(super) struct Resumer<T>(NonNull<Shared<T>>);

// SAFETY: the same argument as for `Co`: the copy is used only while the body future
// holding it is polled, the only data it moves across is `T` (hence `T: Send`), and the
// yield future holding it is `!Sync` because it also borrows the `!Sync` handle.
unsafe impl<T: Send> Send for Resumer<T> {}

impl<T> Resumer<T> {
    /// What the pending yield resolves to.
    #[inline]
    pub(super) fn resume(&self) -> Resume {
        // SAFETY: the pointer came from a `Co` that the yield future still borrows
        // mutably, so it is valid for the reasons given in `Co::shared`.
        if unsafe { self.0.as_ref() }.state.get() == CLOSING {
            Resume::Close
        } else {
            Resume::Next
        }
    }

    /// Leaves `value` in the slot for `poll_next` to return, or gives it back if the slot
    /// is full (another yield of the same body poll came first). Does not look at the
    /// `Context`: for the futures that pass on what an inner iterator gave them (it woke
    /// its own waker if it had to) or that stop the body.
    #[inline]
    pub(super) fn offer(&self, value: T) -> Result<(), T> {
        // SAFETY: the pointer is valid as in `resume`.
        let shared = unsafe { self.0.as_ref() };
        if shared.token.get() == FULL {
            return Err(value);
        }
        // SAFETY: see `fill`.
        unsafe { Self::fill(shared, value) };
        Ok(())
    }

    /// A yield's first poll, with `cx` the `Context` it is polled with: leaves `value` in the
    /// slot for `poll_next` to return; or gives it back if the slot is full (another yield
    /// of the same body poll came first), and then wakes `cx`'s waker, so that the yield is
    /// polled again once the consumer took that item.
    ///
    /// The hot path is one compare: the token is the address of `cx`'s waker only if the
    /// slot is empty and the yield runs under the poll of the body itself, which needs no
    /// wake.
    #[inline]
    pub(super) fn hand_over(&self, value: T, cx: &Context<'_>) -> Result<(), T> {
        // SAFETY: the pointer is valid as in `resume`.
        let shared = unsafe { self.0.as_ref() };
        if shared.token.get() == ptr::from_ref(cx.waker()).addr() {
            // SAFETY: the token is not FULL; see `fill`.
            unsafe { Self::fill(shared, value) };
            Ok(())
        } else {
            self.hand_over_elsewhere(value, cx)
        }
    }

    /// [`hand_over`](Self::hand_over) when the slot is full or the yield is polled with
    /// another waker than the body's poll: a combinator that gives its futures wakers
    /// of their own (futures' `FuturesUnordered`) polls again only what was woken.
    #[cold]
    #[inline(never)]
    fn hand_over_elsewhere(&self, value: T, cx: &Context<'_>) -> Result<(), T> {
        let handed = self.offer(value);
        cx.waker().wake_by_ref();
        handed
    }

    /// Writes the slot and sets the token to FULL.
    ///
    /// # Safety
    ///
    /// The token is not FULL, so the slot holds no item of the running poll (an item of an
    /// earlier poll was taken, its bytes are left behind and overwritten here). The slot is
    /// only accessed by the yields of this body (its `Co` is `!Sync`, and a yield runs only
    /// inside a poll of the body future) and by the generator itself right after a poll and
    /// in `Drop`, never while the body future is inside a poll. No other reference into the
    /// slot is alive across this call.
    #[inline(always)]
    unsafe fn fill(shared: &Shared<T>, value: T) {
        // SAFETY: by the contract above.
        unsafe { (*shared.slot.get()).write(value) };
        shared.token.set(FULL);
    }

    /// Like [`offer`](Self::offer), and asks the generator never to resume the body again
    /// (the `?` of `try_gen!`): `poll_next` returns `value`, then `None`. While closing, the
    /// item alone already ends the close.
    #[inline]
    pub(super) fn offer_last(&self, value: T) -> Result<(), T> {
        self.offer(value)?;
        // SAFETY: as in `resume`.
        let state = unsafe { &self.0.as_ref().state };
        if state.get() == RUNNING {
            state.set(HALTED); // [5]
        }
        Ok(())
    }
}

/// A generator: an [`AsyncIterator`] whose items come from the `yield`s of an async closure.
///
/// Create one with [`Gen::new`] or with the [`async_gen!`](crate::async_gen!) and
/// [`try_async_gen!`](crate::try_async_gen!) macros; see the [module docs](crate::generator) for the
/// lifecycle. The body's future lives inline: no allocation per generator or per item.
///
/// ```
/// use anext::{AsyncIteratorExt, Gen, block_on};
/// let g = Gen::new(async |mut co| {
///     for i in 0..3 {
///         co.yield_(i).await;
///     }
/// });
/// assert_eq!(block_on(g.collect::<Vec<_>>()), [0, 1, 2]);
/// ```
#[must_use = "async iterators do nothing unless polled"]
pub struct Gen<T, B: GenBody<T>> {
    shared: Shared<T>,
    stage: Stage<B, B::Future, B::Output>,
    _pin: PhantomPinned,
}

impl<T> Gen<T, fn(Co<'static, T>) -> core::future::Ready<()>> {
    /// Creates a generator from an async closure that gets the yield handle [`Co`].
    ///
    /// Nothing runs until the first poll. The closure's return value is kept for
    /// [`take_return_value`](Gen::take_return_value).
    ///
    /// (The `Self` type of this `impl` is only a placeholder that lets you write `Gen::new`;
    /// the generator returned has the type of your closure.)
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, Gen, block_on};
    /// let g = Gen::new(async move |mut co| {
    ///     co.yield_(1).await;
    ///     co.yield_(2).await;
    /// });
    /// assert_eq!(block_on(g.collect::<Vec<_>>()), [1, 2]);
    /// ```
    #[inline]
    pub fn new<F, R>(
        body: F,
    ) -> Gen<T, impl GenBody<T, Output = R, Future = impl Future<Output = R>>>
    where
        F: for<'a> AsyncFnOnce(Co<'a, T>) -> R,
    {
        Gen::from_body(move |co: Co<'static, T>| body(co))
    }
}

impl<T, B: GenBody<T>> Gen<T, B> {
    #[inline]
    fn from_body(body: B) -> Self {
        Gen {
            shared: Shared {
                state: Cell::new(UNSTARTED),
                token: Cell::new(0),
                slot: UnsafeCell::new(MaybeUninit::uninit()),
            },
            stage: Stage {
                body: ManuallyDrop::new(body),
            },
            _pin: PhantomPinned,
        }
    }

    /// Returns `true` if the body will never run again: it returned, panicked, was closed,
    /// or stopped at a `?` of `try_gen!`. `poll_next` then returns `None` (after the error
    /// item, for `?`).
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, Gen, block_on};
    /// use core::pin::pin;
    /// let mut g = pin!(Gen::new(async |mut co| co.yield_(1).await));
    /// assert!(!g.is_finished());
    /// while block_on(g.next()).is_some() {}
    /// assert!(g.is_finished());
    /// ```
    pub fn is_finished(&self) -> bool {
        !matches!(self.shared.state.get(), UNSTARTED | RUNNING)
    }

    /// Takes the body's return value, once the body has returned (`poll_next` gave `None`);
    /// `None` before that, after a panic or close, and on every later call.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, Gen, block_on};
    /// use core::pin::pin;
    /// let mut g = pin!(Gen::new(async |mut co| {
    ///     co.yield_(1).await;
    ///     "done"
    /// }));
    /// assert_eq!(g.as_mut().take_return_value(), None);
    /// assert_eq!(block_on(g.next()), Some(1));
    /// assert_eq!(block_on(g.next()), None);
    /// assert_eq!(g.as_mut().take_return_value(), Some("done"));
    /// assert_eq!(g.as_mut().take_return_value(), None);
    /// ```
    pub fn take_return_value(self: Pin<&mut Self>) -> Option<B::Output> {
        // SAFETY: the generator is not moved; only the union field is read out.
        let this = unsafe { self.get_unchecked_mut() };
        if this.shared.state.get() != RETURNED {
            return None;
        }
        this.shared.state.set(DONE); // [13]
        // SAFETY: state was RETURNED, so `output` is the initialized field; state is now DONE,
        // so nothing reads or drops it again.
        Some(unsafe { ManuallyDrop::take(&mut this.stage.output) })
    }

    /// Returns a future that closes the generator, letting its body run async cleanup:
    /// Python's `await agen.aclose()`.
    ///
    /// If the body is suspended at a yield, it is resumed and that yield resolves to
    /// [`Resume::Close`] (every later yield too); the body should then clean up (awaiting
    /// as needed) and return. The future resolves to a [`Closed`] that says how the body
    /// ended:
    ///
    /// - [`Closed::Returned`]: the body returned a value (now or earlier, and it was not
    ///   taken);
    /// - [`Closed::CutShort`]: the body had started but will never return: it yielded again
    ///   while closing (the item is dropped and the body future is dropped where it stands,
    ///   running only the destructors of its live locals; Python raises `RuntimeError`
    ///   there instead), or it had already stopped at a `?` of `try_gen!` or a panic;
    /// - [`Closed::NeverStarted`]: closed before the first poll, the body never ran;
    /// - [`Closed::AlreadyClosed`]: an earlier `close()` or
    ///   [`take_return_value`](Gen::take_return_value) already took the outcome.
    ///
    /// After the close, the generator is finished: `poll_next` returns `None`. Dropping the
    /// close future half-way leaves the generator closing; its next `poll_next` drops the
    /// body and returns `None`.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, Gen, block_on};
    /// use anext::generator::Closed;
    /// use core::pin::pin;
    /// let mut g = pin!(Gen::new(async |mut co| {
    ///     let mut n = 0;
    ///     while co.yield_(n).await.is_next() {
    ///         n += 1;
    ///     }
    ///     // async cleanup could be awaited here
    ///     n
    /// }));
    /// assert_eq!(block_on(g.next()), Some(0));
    /// assert_eq!(block_on(g.next()), Some(1));
    /// assert_eq!(block_on(g.as_mut().close()), Closed::Returned(1));
    /// assert_eq!(block_on(g.next()), None);
    /// assert_eq!(block_on(g.as_mut().close()), Closed::AlreadyClosed);
    /// ```
    pub fn close(self: Pin<&mut Self>) -> Close<'_, T, B> {
        Close { generator: self }
    }

    /// The hot path: one state check, then the body's own poll. `[2]`, `[3]`, `[4]`, `[5]`.
    #[inline(always)]
    fn poll_body(this: *mut Self, cx: &mut Context<'_>) -> Poll<Option<T>> {
        // SAFETY: this covers every dereference of `this` in this function and its callers.
        // `this` comes from a pinned `&mut Gen` that the caller holds for the whole call; no
        // other reference to the generator's fields exists except the body's `Co`, which
        // only touches the `Cell`/`UnsafeCell` fields of `shared`.
        unsafe { (*this).shared.token.set(ptr::from_ref(cx.waker()).addr()) };
        // SAFETY: as above.
        let guard = HaltOnUnwind(unsafe { &(*this).shared });
        // SAFETY: callers only come here with state RUNNING, so `future` is initialized. It
        // is pinned because the generator is pinned and the field is never moved out (only
        // dropped in place).
        let future = unsafe { Pin::new_unchecked(&mut *(*this).stage.future) };
        let poll = future.poll(cx);
        mem::forget(guard);
        match poll {
            Poll::Pending => {
                // SAFETY: the body's poll has returned, so no `Co` is running; see `fill`.
                // [3] if the body yielded (`Ready(Some(item))`), else [2] (`Pending`).
                unsafe { Self::take_slot(this) }
            }
            Poll::Ready(output) => Self::finish(this, output), // [4]
        }
    }

    /// Takes the item out of the slot: `Ready(Some(item))` if a yield of the poll that just
    /// returned left one, else `Pending`.
    ///
    /// The token is left FULL (see `Shared::token`): the next poll sets it before the body
    /// runs, and nothing reads it in between.
    ///
    /// # Safety
    ///
    /// `this` is valid, a poll of the body has just returned (so no `Co` is using the slot),
    /// and nothing took the item of that poll yet.
    #[inline(always)]
    unsafe fn take_slot(this: *mut Self) -> Poll<Option<T>> {
        // SAFETY: `this` is valid.
        let shared = unsafe { &(*this).shared };
        if shared.token.get() != FULL {
            return Poll::Pending;
        }
        // SAFETY: FULL means a yield of this poll wrote the slot, and by the contract above
        // nothing took that item yet; it is read once (the token is stale from now on).
        Poll::Ready(Some(unsafe { (*shared.slot.get()).assume_init_read() }))
    }

    /// [4]: the body returned `output`.
    #[cold]
    #[inline(never)]
    fn finish(this: *mut Self, output: B::Output) -> Poll<Option<T>> {
        // SAFETY: as in `poll_body`. State is RUNNING, so `future` is initialized; set DONE
        // before dropping it so that a panicking drop leaves a consistent state.
        unsafe {
            (*this).shared.state.set(DONE);
            ManuallyDrop::drop(&mut (*this).stage.future);
            (*this).stage.output = ManuallyDrop::new(output);
            (*this).shared.state.set(RETURNED);
            // A yield polled (and then abandoned) just before `return` still reaches the
            // consumer.
            match Self::take_slot(this) {
                Poll::Ready(item) => Poll::Ready(item),
                Poll::Pending => Poll::Ready(None),
            }
        }
    }

    /// [1]: calls the body closure and stores its future; the state becomes RUNNING. Returns
    /// `cx`, which it does not use.
    ///
    /// The body's poll has one call site, in `poll_next`, right after this: with a second
    /// one here, the optimiser stopped inlining the body's poll into `poll_next` for bodies a
    /// little larger than a plain loop (measured: 13 instructions per item through `dyn` on
    /// the `ready` body of `benches/icount.sh gen`). Out of line, so that the code of the
    /// start does not weigh on the register allocation of `poll_next`'s hot path (through
    /// `dyn`, 1 to 14 instructions per item more when it was inlined). `cx` goes in and
    /// comes back out although the start does not use it: measured 5 instructions per item
    /// less through `dyn` on the `yield_once` body (a register allocation choice of the
    /// optimiser, which still keeps its own copy of `cx` across the call). A tail call
    /// that starts and then polls from here would be cheaper still through `dyn`, but in an
    /// inlined loop its result merges with the hot path's and costs 6 more per item.
    ///
    /// # Safety
    ///
    /// `this` is valid and pinned, nothing else uses the generator, and the state is
    /// UNSTARTED.
    #[cold]
    #[inline(never)]
    unsafe fn start<'c, 'w>(this: *mut Self, cx: &'c mut Context<'w>) -> &'c mut Context<'w> {
        let co = Co {
            // SAFETY: `this` is valid and pinned, so `shared` is non-null and will not move
            // while the future that receives this pointer exists (see `Co::shared`).
            shared: unsafe { NonNull::new_unchecked(ptr::addr_of_mut!((*this).shared)) },
            _brand: PhantomData,
            _not_sync: PhantomData,
        };
        // SAFETY: state UNSTARTED means `body` is initialized; DONE (set first) means no
        // field is, which stays true if `start` panics.
        let future = unsafe {
            (*this).shared.state.set(DONE);
            ManuallyDrop::take(&mut (*this).stage.body).start(co)
        };
        // SAFETY: as in `poll_body`; writing a `ManuallyDrop` union field drops nothing.
        unsafe {
            (*this).stage.future = ManuallyDrop::new(future);
            (*this).shared.state.set(RUNNING); // [1]
        }
        cx
    }

    /// Every state but UNSTARTED and RUNNING: end [12], or stay ended.
    #[cold]
    #[inline(never)]
    fn poll_ended(this: *mut Self) -> Poll<Option<T>> {
        // SAFETY: as in `poll_body`.
        let state = unsafe { (*this).shared.state.get() };
        if matches!(state, HALTED | CLOSING) {
            // SAFETY: both states hold `future`; see `drop_future`.
            unsafe { Self::drop_future(this) }; // [12]
        }
        Poll::Ready(None) // and RETURNED or DONE: fused
    }

    /// Drops the body future in place and moves to DONE.
    ///
    /// # Safety
    ///
    /// `this` is valid and pinned, nothing else is using the generator, and the state is
    /// RUNNING, CLOSING or HALTED (so `future` is the initialized field).
    unsafe fn drop_future(this: *mut Self) {
        // SAFETY: by the contract above. DONE first: if a destructor in the body panics,
        // the future is not dropped a second time.
        unsafe {
            (*this).shared.state.set(DONE);
            ManuallyDrop::drop(&mut (*this).stage.future);
        }
    }

    /// The state machine of [`Close`]: [7], [9], [10], [11], and the shortcuts from the
    /// other states.
    fn poll_close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Closed<B::Output>> {
        // SAFETY: the generator is never moved out of its pin.
        let this: *mut Self = unsafe { self.get_unchecked_mut() };
        // SAFETY: `this` is valid for the whole call, as in `poll_body`; the same argument
        // covers every dereference below.
        let state = unsafe { &(*this).shared.state };
        match state.get() {
            UNSTARTED => {
                state.set(DONE); // [8]
                // SAFETY: UNSTARTED means `body` is initialized; the state is DONE already.
                unsafe { ManuallyDrop::drop(&mut (*this).stage.body) };
                return Poll::Ready(Closed::NeverStarted);
            }
            RUNNING => state.set(CLOSING), // [7]
            CLOSING => {}
            HALTED => {
                // SAFETY: HALTED holds `future`.
                unsafe { Self::drop_future(this) }; // [12]
                return Poll::Ready(Closed::CutShort);
            }
            RETURNED => {
                state.set(DONE); // [13]
                // SAFETY: RETURNED holds `output`; the state is DONE already.
                let output = unsafe { ManuallyDrop::take(&mut (*this).stage.output) };
                return Poll::Ready(Closed::Returned(output));
            }
            _ => return Poll::Ready(Closed::AlreadyClosed),
        }
        // SAFETY: as above.
        unsafe { (*this).shared.token.set(ptr::from_ref(cx.waker()).addr()) };
        // SAFETY: as above.
        let guard = HaltOnUnwind(unsafe { &(*this).shared });
        // SAFETY: state is CLOSING, so `future` is initialized and pinned (see `poll_body`).
        let future = unsafe { Pin::new_unchecked(&mut *(*this).stage.future) };
        let poll = future.poll(cx);
        mem::forget(guard);
        // SAFETY: the body's poll has returned; see `fill`.
        let item = match unsafe { Self::take_slot(this) } {
            Poll::Ready(item) => item,
            Poll::Pending => None,
        };
        match poll {
            Poll::Ready(output) => {
                // SAFETY: CLOSING holds `future`, finished now.
                unsafe { Self::drop_future(this) }; // [9]
                drop(item);
                Poll::Ready(Closed::Returned(output))
            }
            Poll::Pending if item.is_some() => {
                // SAFETY: CLOSING holds `future`.
                unsafe { Self::drop_future(this) }; // [10]
                drop(item);
                Poll::Ready(Closed::CutShort)
            }
            Poll::Pending => Poll::Pending, // [11]
        }
    }
}

/// How a generator ended, as [`Gen::close`] reports it.
///
/// ```
/// use anext::{AsyncIteratorExt, Gen, block_on};
/// use anext::generator::Closed;
/// use core::pin::pin;
///
/// // Closed before it ever ran.
/// let mut g = pin!(Gen::new(async |mut co| co.yield_(1).await));
/// assert_eq!(block_on(g.as_mut().close()), Closed::NeverStarted);
///
/// // Closed while suspended; the body ignores the close and yields again: cut short.
/// let mut g = pin!(Gen::new(async |mut co| {
///     co.yield_(1).await;
///     co.yield_(2).await;
///     "never returned"
/// }));
/// assert_eq!(block_on(g.next()), Some(1));
/// assert_eq!(block_on(g.as_mut().close()), Closed::CutShort);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Closed<R> {
    /// The body returned this value (during the close, or earlier without it being taken).
    Returned(R),
    /// The body started but will never return: it yielded again while closing, or it had
    /// stopped at a `?` of `try_gen!` or by panicking.
    CutShort,
    /// The generator was closed before its first poll: the body never ran.
    NeverStarted,
    /// The outcome was already taken by an earlier `close()` or by
    /// [`Gen::take_return_value`].
    AlreadyClosed,
}

impl<R> Closed<R> {
    /// The return value, if the body returned one.
    ///
    /// ```
    /// use anext::generator::Closed;
    /// assert_eq!(Closed::Returned(3).returned(), Some(3));
    /// assert_eq!(Closed::<u8>::CutShort.returned(), None);
    /// ```
    pub fn returned(self) -> Option<R> {
        match self {
            Closed::Returned(value) => Some(value),
            _ => None,
        }
    }
}

/// Sets the state to HALTED if the body's poll unwinds, so that the generator is finished
/// (fused) after a panic and never polls a panicked future again; and marks an item that a
/// yield left in the slot before the panic as UNTAKEN, for `Drop` to drop. Forgotten on the
/// normal path, where it costs nothing.
struct HaltOnUnwind<'s, T>(&'s Shared<T>);

impl<T> Drop for HaltOnUnwind<'_, T> {
    fn drop(&mut self) {
        self.0.state.set(HALTED); // [6]
        if self.0.token.get() == FULL {
            self.0.token.set(UNTAKEN);
        }
    }
}

impl<T, B: GenBody<T>> AsyncIterator for Gen<T, B> {
    type Item = T;

    #[inline]
    fn poll_next(self: Pin<&mut Self>, mut cx: &mut Context<'_>) -> Poll<Option<T>> {
        // SAFETY: the generator is never moved out of its pin; every use of `this` below
        // goes through the raw pointer, so the body's `Co` and this function do not hold
        // conflicting references.
        let this: *mut Self = unsafe { self.get_unchecked_mut() };
        // SAFETY: `this` is valid for the whole call (see above).
        let state = unsafe { (*this).shared.state.get() };
        if state != RUNNING {
            if state != UNSTARTED {
                return Self::poll_ended(this);
            }
            // SAFETY: the state is UNSTARTED; `this` as above.
            cx = unsafe { Self::start(this, cx) };
        }
        Self::poll_body(this, cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.is_finished() {
            (0, Some(0))
        } else {
            (0, None)
        }
    }
}

impl<T, B: GenBody<T>> FusedAsyncIterator for Gen<T, B> {}

impl<T, B: GenBody<T>> Drop for Gen<T, B> {
    fn drop(&mut self) {
        let state = self.shared.state.replace(DONE);
        // The item of a poll that unwound; a guard, so that it is dropped even if the
        // body's destructors panic below.
        let _untaken = DropUntaken(&self.shared);
        // SAFETY: the state names the initialized field; it is DONE now, so nothing drops it
        // twice even if a destructor panics. The body future is dropped before `shared`
        // (a field, dropped after this function), so a destructor inside the body that
        // still uses its `Co` finds the slot alive.
        unsafe {
            match state {
                UNSTARTED => ManuallyDrop::drop(&mut self.stage.body),
                RUNNING | CLOSING | HALTED => ManuallyDrop::drop(&mut self.stage.future),
                RETURNED => ManuallyDrop::drop(&mut self.stage.output),
                _ => {}
            }
        }
    }
}

/// Drops the item of a poll that unwound (token UNTAKEN), from `Gen`'s `Drop`.
struct DropUntaken<'s, T>(&'s Shared<T>);

impl<T> Drop for DropUntaken<'_, T> {
    fn drop(&mut self) {
        if self.0.token.replace(0) == UNTAKEN {
            // SAFETY: UNTAKEN means the slot holds the item of a poll that unwound, which
            // nothing took (see `HaltOnUnwind`); the token is reset first, so it is dropped
            // once. The generator is being dropped, so no `Co` runs meanwhile.
            unsafe { (*self.0.slot.get()).assume_init_drop() };
        }
    }
}

impl<T, B: GenBody<T>> fmt::Debug for Gen<T, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match self.shared.state.get() {
            UNSTARTED => "unstarted",
            RUNNING => "running",
            CLOSING => "closing",
            HALTED => "halted",
            RETURNED => "returned",
            _ => "done",
        };
        f.debug_struct("Gen")
            .field("state", &state)
            .finish_non_exhaustive()
    }
}

/// The future returned by [`Gen::close`]; resolves to how the body ended ([`Closed`]).
///
/// ```
/// use anext::{AsyncIteratorExt, Gen, block_on};
/// use core::pin::pin;
/// let mut g = pin!(Gen::new(async |mut co| {
///     co.yield_(1).await;
///     co.yield_(2).await;
///     "finished normally"
/// }));
/// assert_eq!(block_on(g.next()), Some(1));
/// // The body is resumed, its yield says Close; it yields again, so it is cut short.
/// assert_eq!(block_on(g.as_mut().close()), anext::generator::Closed::CutShort);
/// assert_eq!(block_on(g.next()), None);
/// ```
#[must_use = "futures do nothing unless polled"]
pub struct Close<'g, T, B: GenBody<T>> {
    generator: Pin<&'g mut Gen<T, B>>,
}

impl<T, B: GenBody<T>> Future for Close<'_, T, B> {
    type Output = Closed<B::Output>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.generator.as_mut().poll_close(cx)
    }
}

impl<T, B: GenBody<T>> fmt::Debug for Close<'_, T, B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Close")
            .field("generator", &self.generator)
            .finish()
    }
}
