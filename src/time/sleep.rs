use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use core::time::Duration;
use std::sync::Arc;
use std::time::Instant;

use super::helper_thread::Fallback;
use super::timers::{Polled, TimerKey};
use crate::exec::{Shared, executor_of, is_block_on_waker, is_executor_waker, shared_of};

/// Waits until `duration` has passed, counted from the first poll, on the clock of the
/// executor it runs on (see the [module docs](crate::time) for what happens elsewhere).
///
/// `Duration::MAX` (or anything beyond about 584 years) sleeps forever, without overflow.
/// Dropping the sleep cancels its timer.
///
/// ```
/// use anext::exec::LocalExecutor;
/// use anext::time::sleep;
/// use std::time::Duration;
///
/// let ex = LocalExecutor::with_virtual_clock();
/// ex.run(sleep(Duration::from_secs(90)));
/// assert_eq!(ex.elapsed(), Duration::from_secs(90));
///
/// // Also works under plain block_on (real clock, one helper thread for all such sleeps).
/// anext::block_on(sleep(Duration::from_millis(1)));
/// ```
pub fn sleep(duration: Duration) -> Sleep {
    Sleep::new(Target::After(duration))
}

/// Waits until `deadline` on the clock of the executor it runs on. A virtual clock starts at
/// the instant its executor was created (see [`now`](super::now)).
///
/// ```
/// use anext::exec::LocalExecutor;
/// use anext::time::sleep_until;
/// use std::time::Duration;
///
/// let ex = LocalExecutor::with_virtual_clock();
/// let deadline = ex.now() + Duration::from_secs(5);
/// ex.run(sleep_until(deadline));
/// assert_eq!(ex.now(), deadline);
/// ```
pub fn sleep_until(deadline: Instant) -> Sleep {
    Sleep::new(Target::At(deadline))
}

/// The future returned by [`sleep`] and [`sleep_until`].
#[derive(Debug)]
#[must_use = "futures do nothing unless awaited"]
pub struct Sleep {
    target: Target,
    state: State,
    /// The executor, once known; kept after completion so `Interval` can read its clock.
    shared: Option<Arc<Shared>>,
    /// The deadline of a `sleep(duration)`, once resolved at its first poll.
    resolved: Option<Resolved>,
}

/// A resolved deadline: on the executor's clock it stays in nanoseconds (turning it into an
/// `Instant` costs more than registering the timer, and only `deadline()` needs that).
#[derive(Clone, Copy, Debug)]
enum Resolved {
    Nanos(u64),
    Instant(Instant),
}

#[derive(Clone, Copy, Debug)]
enum Target {
    After(Duration),
    At(Instant),
    Never,
}

#[derive(Debug)]
enum State {
    Unpolled,
    Armed(TimerKey),
    Never,
    Fallback(Fallback),
    Done,
}

impl Sleep {
    fn new(target: Target) -> Self {
        Sleep {
            target,
            state: State::Unpolled,
            shared: None,
            resolved: None,
        }
    }

    /// The deadline, once known: at creation for `sleep_until`, at the first poll for
    /// `sleep`; `None` for a sleep that never ends.
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// let ex = anext::exec::LocalExecutor::with_virtual_clock();
    /// let at = ex.now() + Duration::from_secs(1);
    /// assert_eq!(anext::time::sleep_until(at).deadline(), Some(at));
    /// assert_eq!(anext::time::sleep(Duration::MAX).deadline(), None);
    /// ```
    pub fn deadline(&self) -> Option<Instant> {
        match self.target {
            Target::At(at) => Some(at),
            Target::After(_) => match self.resolved? {
                Resolved::Instant(at) => Some(at),
                Resolved::Nanos(nanos) => Some(self.shared.as_ref()?.clock.instant_of(nanos)),
            },
            Target::Never => None,
        }
    }

    /// Whether the sleep has completed.
    ///
    /// ```
    /// let sleep = anext::time::sleep(std::time::Duration::ZERO);
    /// assert!(!sleep.is_elapsed());
    /// ```
    pub fn is_elapsed(&self) -> bool {
        matches!(self.state, State::Done)
    }

    /// Moves the deadline to `deadline`, as if the sleep had been made by `sleep_until`. A
    /// registered timer is moved in place (no allocation, its slot is reused), so a sleep
    /// can be reset any number of times in constant memory.
    ///
    /// ```
    /// use anext::time::sleep;
    /// use std::time::Duration;
    ///
    /// let ex = anext::exec::LocalExecutor::with_virtual_clock();
    /// let at = ex.now() + Duration::from_secs(30);
    /// ex.run(async {
    ///     let mut s = sleep(Duration::from_secs(1));
    ///     s.reset(at);
    ///     s.await;
    /// });
    /// assert_eq!(ex.elapsed(), Duration::from_secs(30));
    /// ```
    pub fn reset(&mut self, deadline: Instant) {
        self.target = Target::At(deadline);
        self.resolved = Some(Resolved::Instant(deadline));
        if let (State::Armed(key), Some(shared)) = (&self.state, &self.shared)
            && let Some(nanos) = shared.clock.nanos_of(deadline)
        {
            let notify = {
                let mut timers = shared.lock_timers();
                timers.reset(*key, nanos);
                shared.wakes_parked(&timers, nanos)
            };
            if notify {
                shared.notify();
            }
            return;
        }
        self.unregister();
    }

    /// Sleeps forever from now on (`Interval` past the end of representable time).
    pub(super) fn reset_never(&mut self) {
        self.target = Target::Never;
        self.resolved = None;
        self.unregister();
    }

    /// The current time on this sleep's clock (`Interval` reads it to skip missed ticks).
    pub(super) fn clock_now(&self) -> Instant {
        match &self.shared {
            Some(shared) => shared.clock.now_instant(),
            None => Instant::now(),
        }
    }

    fn unregister(&mut self) {
        if let (State::Armed(key), Some(shared)) = (&self.state, &self.shared) {
            let waker = shared.lock_timers().remove(*key);
            drop(waker); // outside the lock
        }
        // A `State::Fallback` disarms itself when dropped, here.
        self.state = State::Unpolled;
    }

    #[cold]
    fn register(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        let recognised = is_executor_waker(cx.waker());
        if self.shared.is_none() {
            self.shared = if recognised {
                shared_of(cx.waker())
            } else {
                // A waker wrapped by a combinator: the slow path finds the executor that
                // drives this thread, if any (see `exec/running.rs`).
                executor_of(cx.waker())
            };
        }
        let Some(shared) = &self.shared else {
            return self.register_fallback(cx);
        };
        let now = shared.clock.now();
        let deadline = match self.target {
            Target::After(duration) => u64::try_from(duration.as_nanos())
                .ok()
                .and_then(|d| now.checked_add(d)),
            Target::At(at) => shared.clock.nanos_of(at),
            Target::Never => None,
        };
        let Some(deadline) = deadline else {
            self.state = State::Never;
            return Poll::Pending;
        };
        self.resolved = Some(Resolved::Nanos(deadline));
        if deadline <= now {
            self.state = State::Done;
            return Poll::Ready(());
        }
        // A foreign waker's `clone` may run user code: clone it before taking the lock (and
        // only now that the timer is known to be armed, unless the executor turns out closed).
        let foreign_clone = (!recognised).then(|| cx.waker().clone());
        let (key, notify) = {
            let mut timers = shared.lock_timers();
            // A stale waker of a dropped executor: its timers will never fire, and a waker
            // stored there would keep the dead executor alive through a cycle (timers ->
            // waker -> task -> executor). Sleep on the real clock instead.
            if shared.is_closed() {
                (None, false)
            } else {
                // Cloned under the lock only when it is an executor's waker, whose clone runs
                // no user code.
                let waker = foreign_clone.unwrap_or_else(|| cx.waker().clone());
                let key = timers.insert(deadline, waker);
                (Some(key), shared.wakes_parked(&timers, deadline))
            }
        };
        if notify {
            shared.notify(); // armed from another thread while the executor parks
        }
        let Some(key) = key else {
            self.shared = None;
            return self.register_fallback(cx);
        };
        self.state = State::Armed(key);
        Poll::Pending
    }

    /// The sleep, armed on one executor, is now polled under another one (it was moved into
    /// a task of another executor): it leaves the first one's timers and sleeps the time it
    /// had left on the new executor's clock (two virtual clocks, or a virtual and a real one,
    /// have nothing else in common).
    ///
    /// With `to` = `None` it is now polled under a `block_on` (perhaps nested in a task of
    /// the first executor, which then cannot fire its timers until the `block_on` returns):
    /// it sleeps the time it had left on the real clock, on the helper thread.
    #[cold]
    fn migrate(&mut self, cx: &mut Context<'_>, to: Option<Arc<Shared>>) -> Poll<()> {
        let remaining = match (self.resolved, &self.shared) {
            (Some(Resolved::Nanos(deadline)), Some(from)) => {
                Duration::from_nanos(deadline.saturating_sub(from.clock.now()))
            }
            (Some(Resolved::Instant(at)), Some(from)) => {
                at.saturating_duration_since(from.clock.now_instant())
            }
            _ => Duration::ZERO,
        };
        self.unregister();
        self.target = Target::After(remaining);
        self.resolved = None;
        match to {
            Some(to) => {
                self.shared = Some(to);
                self.register(cx)
            }
            None => {
                self.shared = None;
                self.register_fallback(cx)
            }
        }
    }

    /// The executor was dropped while the timer was armed: sleep on until the same deadline
    /// on the real clock.
    #[cold]
    fn outlived_executor(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        self.target = match self.deadline() {
            Some(at) => Target::At(at),
            None => Target::Never,
        };
        self.state = State::Unpolled;
        self.shared = None;
        self.register_fallback(cx)
    }

    fn register_fallback(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        let now = Instant::now();
        let deadline = match self.target {
            Target::After(duration) => now.checked_add(duration),
            Target::At(at) => Some(at),
            Target::Never => None,
        };
        let Some(deadline) = deadline else {
            self.state = State::Never;
            return Poll::Pending;
        };
        self.resolved = Some(Resolved::Instant(deadline));
        if deadline <= now {
            self.state = State::Done;
            return Poll::Ready(());
        }
        let fallback = Fallback::arm(deadline, cx.waker().clone());
        self.state = State::Fallback(fallback);
        Poll::Pending
    }
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = &mut *self;
        match &this.state {
            State::Done => Poll::Ready(()),
            State::Never => Poll::Pending,
            State::Unpolled => this.register(cx),
            State::Armed(key) => {
                let shared = this.shared.as_ref().expect("armed sleep has an executor");
                let mut fresh = None;
                loop {
                    // The guard is a temporary: the lock is released at the end of this
                    // statement, so every waker below is cloned or dropped outside it.
                    let polled = shared
                        .lock_timers()
                        .poll_collect(*key, cx.waker(), &mut fresh);
                    match polled {
                        Polled::Fired(waker) => {
                            drop(waker);
                            break;
                        }
                        Polled::Pending(replaced) => {
                            drop(replaced);
                            return Poll::Pending;
                        }
                        Polled::NeedsClone => {
                            // A new waker: the sleep may have moved to another executor.
                            match executor_of(cx.waker()) {
                                Some(other) if !Arc::ptr_eq(&other, shared) => {
                                    return this.migrate(cx, Some(other));
                                }
                                Some(_) => {}
                                // Under a `block_on`, perhaps nested in a task of `shared`'s
                                // executor, which cannot fire the timer meanwhile.
                                None if is_block_on_waker(cx.waker()) => {
                                    return this.migrate(cx, None);
                                }
                                None => {}
                            }
                            fresh = Some(cx.waker().clone());
                        }
                        Polled::Gone => return this.outlived_executor(cx),
                    }
                }
                this.state = State::Done;
                Poll::Ready(())
            }
            State::Fallback(fallback) => {
                if fallback.poll(cx.waker()).is_pending() {
                    return Poll::Pending;
                }
                this.state = State::Done;
                Poll::Ready(())
            }
        }
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        self.unregister();
    }
}
