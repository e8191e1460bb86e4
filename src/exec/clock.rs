//! The executor's clock: real time, or a virtual time that moves only when the executor
//! advances it (see `LocalExecutor::with_virtual_clock`).

use core::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use core::time::Duration;
use std::time::Instant;

use crate::time::timers::Nanos;

/// Real or virtual time, in nanoseconds since `origin`.
pub(crate) struct Clock {
    origin: Instant,
    pub(super) is_virtual: bool,
    pub(super) virtual_now: AtomicU64,
    pub(super) auto_advance: AtomicBool,
}

impl Clock {
    pub(crate) fn is_virtual(&self) -> bool {
        self.is_virtual
    }

    pub(crate) fn now(&self) -> Nanos {
        if self.is_virtual {
            self.virtual_now.load(Ordering::Acquire)
        } else {
            saturating_nanos(self.origin.elapsed())
        }
    }

    /// `instant` as nanoseconds since the origin; `None` if beyond `u64` nanoseconds (about
    /// 584 years), which the timers treat as "never".
    pub(crate) fn nanos_of(&self, instant: Instant) -> Option<Nanos> {
        u64::try_from(instant.saturating_duration_since(self.origin).as_nanos()).ok()
    }

    pub(crate) fn instant_of(&self, nanos: Nanos) -> Instant {
        self.origin + Duration::from_nanos(nanos)
    }

    /// [`now`](Self::now) as an `Instant`.
    pub(crate) fn now_instant(&self) -> Instant {
        self.instant_of(self.now())
    }
}

pub(super) fn saturating_nanos(d: Duration) -> Nanos {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

impl Clock {
    pub(super) fn new(is_virtual: bool) -> Self {
        Clock {
            origin: Instant::now(),
            is_virtual,
            virtual_now: AtomicU64::new(0),
            auto_advance: AtomicBool::new(true),
        }
    }
}
