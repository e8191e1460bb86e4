use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

/// A future that keeps its output once it has finished, so that it can be polled along with
/// others until all are done: the building block of [`join!`](crate::join) and
/// [`join_all`](super::join_all).
///
/// Polling it after it finished returns `Ready(())` again, without polling the future.
///
/// ```
/// use anext::future::MaybeDone;
/// use core::pin::pin;
///
/// anext::block_on(async {
///     let mut done = pin!(MaybeDone::new(async { 5 }));
///     done.as_mut().await;
///     done.as_mut().await; // still Ready: the output is kept
///     assert_eq!(done.take_output(), Some(5));
/// });
/// ```
#[derive(Debug)]
pub enum MaybeDone<F: Future> {
    /// Still running.
    Future(F),
    /// Finished; holds its output.
    Done(F::Output),
    /// The output was taken.
    Gone,
}

impl<F: Future> MaybeDone<F> {
    /// Wraps a future that has not run yet.
    ///
    /// ```
    /// let _ = anext::future::MaybeDone::new(async { 1 });
    /// ```
    pub fn new(future: F) -> Self {
        MaybeDone::Future(future)
    }

    /// Takes the output if the future has finished and the output is still there.
    ///
    /// ```
    /// use anext::future::MaybeDone;
    /// let mut not_yet = core::pin::pin!(MaybeDone::new(async { 1 }));
    /// assert_eq!(not_yet.take_output(), None);
    /// ```
    pub fn take_output(self: Pin<&mut Self>) -> Option<F::Output> {
        match &*self {
            MaybeDone::Done(_) => {}
            MaybeDone::Future(_) | MaybeDone::Gone => return None,
        }
        // SAFETY: the variant is `Done`, whose output is not structurally pinned (only
        // `Future`'s field is), so moving it out and overwriting the variant moves no pinned
        // data; the future itself was already dropped when `Done` was written.
        let this = unsafe { self.get_unchecked_mut() };
        match core::mem::replace(this, MaybeDone::Gone) {
            MaybeDone::Done(output) => Some(output),
            _ => unreachable!("checked above"),
        }
    }
}

impl<F: Future> Future for MaybeDone<F> {
    type Output = ();

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        // SAFETY: the future in `Future` is only reached through `Pin::new_unchecked` below and
        // is dropped in place by `set` (which runs its destructor before overwriting), never
        // moved; the other variants hold no pinned data.
        let this = unsafe { self.get_unchecked_mut() };
        let output = match this {
            // SAFETY: `this` is pinned (we came from `Pin<&mut Self>`) and the field is never
            // moved out of, as argued above.
            MaybeDone::Future(future) => match unsafe { Pin::new_unchecked(future) }.poll(cx) {
                Poll::Ready(output) => output,
                Poll::Pending => return Poll::Pending,
            },
            MaybeDone::Done(_) => return Poll::Ready(()),
            MaybeDone::Gone => panic!("`MaybeDone` polled after its output was taken"),
        };
        // Assignment drops the finished future in place before writing `Done`.
        *this = MaybeDone::Done(output);
        Poll::Ready(())
    }
}

/// Like [`MaybeDone`], for a future whose output is a `Result`: it finishes with `Ok(())`
/// holding the `Ok` value, or with `Err(e)` handing out the error at once, so that
/// [`try_join!`](crate::try_join) can stop at the first error.
///
/// ```
/// use anext::future::TryMaybeDone;
/// use core::pin::pin;
///
/// anext::block_on(async {
///     let mut ok = pin!(TryMaybeDone::new(async { Ok::<_, ()>(5) }));
///     assert_eq!(ok.as_mut().await, Ok(()));
///     assert_eq!(ok.take_output(), Some(5));
///     let mut err = pin!(TryMaybeDone::new(async { Err::<u8, _>("no") }));
///     assert_eq!(err.as_mut().await, Err("no"));
/// });
/// ```
#[derive(Debug)]
pub enum TryMaybeDone<F, T> {
    /// Still running.
    Future(F),
    /// Finished with `Ok`; holds the value.
    Done(T),
    /// The value or the error was taken.
    Gone,
}

impl<F, T, E> TryMaybeDone<F, T>
where
    F: Future<Output = Result<T, E>>,
{
    /// Wraps a future that has not run yet.
    ///
    /// ```
    /// let _ = anext::future::TryMaybeDone::new(async { Ok::<u8, ()>(1) });
    /// ```
    pub fn new(future: F) -> Self {
        TryMaybeDone::Future(future)
    }

    /// Takes the `Ok` value if the future has finished with one.
    ///
    /// ```
    /// use anext::future::TryMaybeDone;
    /// let mut not_yet = core::pin::pin!(TryMaybeDone::new(async { Ok::<u8, ()>(1) }));
    /// assert_eq!(not_yet.take_output(), None);
    /// ```
    pub fn take_output(self: Pin<&mut Self>) -> Option<T> {
        match &*self {
            TryMaybeDone::Done(_) => {}
            TryMaybeDone::Future(_) | TryMaybeDone::Gone => return None,
        }
        // SAFETY: as in `MaybeDone::take_output`: `Done`'s value is not pinned.
        let this = unsafe { self.get_unchecked_mut() };
        match core::mem::replace(this, TryMaybeDone::Gone) {
            TryMaybeDone::Done(output) => Some(output),
            _ => unreachable!("checked above"),
        }
    }
}

impl<F, T, E> Future for TryMaybeDone<F, T>
where
    F: Future<Output = Result<T, E>>,
{
    type Output = Result<(), E>;

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), E>> {
        // SAFETY: as in `MaybeDone::poll`: only `Future`'s field is pinned, and it is never
        // moved, only dropped in place by the assignments below.
        let this = unsafe { self.get_unchecked_mut() };
        let output = match this {
            // SAFETY: pinned, never moved (see above).
            TryMaybeDone::Future(future) => match unsafe { Pin::new_unchecked(future) }.poll(cx) {
                Poll::Ready(output) => output,
                Poll::Pending => return Poll::Pending,
            },
            TryMaybeDone::Done(_) => return Poll::Ready(Ok(())),
            TryMaybeDone::Gone => panic!("`TryMaybeDone` polled after its output was taken"),
        };
        match output {
            Ok(value) => {
                *this = TryMaybeDone::Done(value);
                Poll::Ready(Ok(()))
            }
            Err(error) => {
                *this = TryMaybeDone::Gone;
                Poll::Ready(Err(error))
            }
        }
    }
}
