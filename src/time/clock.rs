use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use core::time::Duration;
use std::time::Instant;

use crate::exec::executor_of;

/// The current time of the executor this future runs on: its virtual clock if it has one,
/// else `Instant::now()` (also outside a `LocalExecutor`). Resolves at its first poll.
///
/// ```
/// use anext::time::{now, sleep};
/// use std::time::Duration;
///
/// let ex = anext::exec::LocalExecutor::with_virtual_clock();
/// let waited = ex.run(async {
///     let start = now().await;
///     sleep(Duration::from_secs(3600)).await;
///     now().await - start
/// });
/// assert_eq!(waited, Duration::from_secs(3600));
/// ```
pub fn now() -> Now {
    Now(())
}

/// The future returned by [`now`].
#[derive(Debug)]
#[must_use = "futures do nothing unless awaited"]
pub struct Now(());

impl Future for Now {
    type Output = Instant;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Instant> {
        Poll::Ready(match executor_of(cx.waker()) {
            Some(shared) => shared.clock.now_instant(),
            None => Instant::now(),
        })
    }
}

/// Advances the virtual clock of the executor this future runs on by `by`, firing the
/// timers that become due (their tasks run after the current one yields).
///
/// # Panics
///
/// Panics when polled outside a `LocalExecutor` with a virtual clock.
///
/// ```
/// use anext::time::{advance, set_auto_advance, sleep};
/// use std::time::Duration;
///
/// let ex = anext::exec::LocalExecutor::with_virtual_clock();
/// let sleeper = ex.spawn(sleep(Duration::from_secs(10)));
/// ex.run(async {
///     set_auto_advance(false).await;
///     anext::yield_now().await;
///     assert!(!sleeper.is_finished());
///     advance(Duration::from_secs(10)).await;
///     sleeper.await.unwrap();
/// });
/// ```
pub fn advance(by: Duration) -> Advance {
    Advance { by }
}

/// The future returned by [`advance`].
#[derive(Debug)]
#[must_use = "futures do nothing unless awaited"]
pub struct Advance {
    by: Duration,
}

impl Future for Advance {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        virtual_executor(cx, "advance").advance_by(self.by);
        Poll::Ready(())
    }
}

/// Turns the auto-advance of the virtual clock of the executor this future runs on on or
/// off (see [`LocalExecutor::set_auto_advance`](crate::exec::LocalExecutor::set_auto_advance)).
///
/// # Panics
///
/// Panics when polled outside a `LocalExecutor` with a virtual clock.
///
/// ```
/// let ex = anext::exec::LocalExecutor::with_virtual_clock();
/// ex.run(anext::time::set_auto_advance(false));
/// ```
pub fn set_auto_advance(on: bool) -> SetAutoAdvance {
    SetAutoAdvance { on }
}

/// The future returned by [`set_auto_advance`].
#[derive(Debug)]
#[must_use = "futures do nothing unless awaited"]
pub struct SetAutoAdvance {
    on: bool,
}

impl Future for SetAutoAdvance {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        virtual_executor(cx, "set_auto_advance").set_auto_advance(self.on);
        Poll::Ready(())
    }
}

#[track_caller]
fn virtual_executor(cx: &Context<'_>, what: &str) -> std::sync::Arc<crate::exec::Shared> {
    match executor_of(cx.waker()) {
        Some(shared) if shared.clock.is_virtual() => shared,
        _ => panic!(
            "anext::time::{what} needs a LocalExecutor with a virtual clock \
             (LocalExecutor::with_virtual_clock or #[anext::test(virtual_time)])"
        ),
    }
}
