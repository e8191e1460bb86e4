use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};
use core::time::Duration;
use std::time::Instant;

use super::sleep::{Sleep, sleep, sleep_until};
use crate::iter::{AsyncIterator, FusedAsyncIterator};

/// An [`AsyncIterator`] of ticks every `period`, the first one at once (at the first poll).
/// Each item is the `Instant` the tick was scheduled for, on the executor's clock.
///
/// # Missed ticks: skipped
///
/// When the consumer falls behind by a whole period or more (a slow loop body, a busy
/// executor), the ticks it missed are not delivered in a burst: the late tick is delivered
/// once, and the next one is the first tick of the original grid (`start + k * period`)
/// that is still in the future. The grid never drifts.
///
/// The iterator never ends (`FusedAsyncIterator` trivially).
///
/// # Panics
///
/// Panics if `period` is zero.
///
/// ```
/// use anext::AsyncIteratorExt;
/// use anext::time::interval;
/// use std::time::Duration;
///
/// let ex = anext::exec::LocalExecutor::with_virtual_clock();
/// let start = ex.now();
/// let ticks = ex.run(async {
///     let mut ticks = interval(Duration::from_secs(10));
///     let mut seen = Vec::new();
///     for _ in 0..3 {
///         seen.push(ticks.next().await.unwrap() - start);
///     }
///     seen
/// });
/// assert_eq!(ticks, [Duration::ZERO, Duration::from_secs(10), Duration::from_secs(20)]);
/// ```
pub fn interval(period: Duration) -> Interval {
    assert!(
        !period.is_zero(),
        "anext::time::interval: the period must not be zero"
    );
    Interval {
        sleep: sleep(Duration::ZERO),
        period,
    }
}

/// Like [`interval`], with the first tick at `start` instead of at once.
///
/// # Panics
///
/// Panics if `period` is zero.
///
/// ```
/// use anext::AsyncIteratorExt;
/// use std::time::Duration;
///
/// let ex = anext::exec::LocalExecutor::with_virtual_clock();
/// let start = ex.now() + Duration::from_secs(5);
/// let first = ex.run(async {
///     anext::time::interval_at(start, Duration::from_secs(1)).next().await
/// });
/// assert_eq!(first, Some(start));
/// ```
pub fn interval_at(start: Instant, period: Duration) -> Interval {
    assert!(
        !period.is_zero(),
        "anext::time::interval_at: the period must not be zero"
    );
    Interval {
        sleep: sleep_until(start),
        period,
    }
}

/// The async iterator returned by [`interval`] and [`interval_at`].
#[derive(Debug)]
#[must_use = "async iterators do nothing unless polled"]
pub struct Interval {
    sleep: Sleep,
    period: Duration,
}

impl Interval {
    /// The period between two ticks.
    ///
    /// ```
    /// use std::time::Duration;
    /// assert_eq!(anext::time::interval(Duration::from_secs(2)).period(), Duration::from_secs(2));
    /// ```
    pub fn period(&self) -> Duration {
        self.period
    }
}

impl AsyncIterator for Interval {
    type Item = Instant;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Instant>> {
        let this = &mut *self;
        ready!(Pin::new(&mut this.sleep).poll(cx));
        let tick = this
            .sleep
            .deadline()
            .expect("a finished sleep has a deadline");
        let now = this.sleep.clock_now();
        // Skip policy: the next tick of the grid that is still ahead of `now`.
        // In u128 nanoseconds: `behind / period` may exceed `u32::MAX` (a 1 µs period and
        // 72 minutes behind), which `Duration::checked_mul` cannot take.
        let period = this.period.as_nanos();
        let behind = now.saturating_duration_since(tick).as_nanos();
        let offset = (behind / period + 1) * period; // < 2^64 s in ns: no u128 overflow
        let next = u64::try_from(offset / 1_000_000_000)
            .ok()
            .map(|secs| Duration::new(secs, (offset % 1_000_000_000) as u32))
            .and_then(|offset| tick.checked_add(offset));
        match next {
            Some(next) => this.sleep.reset(next),
            None => this.sleep.reset_never(),
        }
        Poll::Ready(Some(tick))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (usize::MAX, None)
    }
}

impl FusedAsyncIterator for Interval {}
