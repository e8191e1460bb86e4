use core::future::{Future, IntoFuture};
use core::pin::Pin;
use core::task::{Context, Poll};

/// One of two values: which future of a [`select`] finished first.
///
/// ```
/// use anext::future::Either;
/// let won: Either<u8, &str> = Either::Left(1);
/// assert!(matches!(won, Either::Left(1)));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Either<L, R> {
    /// The first (left) value.
    Left(L),
    /// The second (right) value.
    Right(R),
}

/// Waits for the first of two futures: asyncio's
/// `asyncio.wait({a, b}, return_when=FIRST_COMPLETED)`.
///
/// Resolves to `Either::Left((a_output, b))` if `a` finished first, or
/// `Either::Right((b_output, a))`; the unfinished future comes back untouched, so it can be
/// awaited later or raced again.
///
/// # Cancel safety
///
/// `select` itself loses nothing: the loser is returned as it was, having been polled but
/// not dropped, and dropping the `Select` before it finishes drops both futures (as dropping
/// any future does). Whether polling the loser and resuming it later loses data is up to
/// the loser (a channel's `recv` is safe to resume; a half-written message may not be).
///
/// # Order
///
/// `a` is polled before `b` on every poll, so when both are ready at once `a` wins. Both
/// futures must be `Unpin` (pin them with `core::pin::pin!` or `Box::pin`), as they move
/// out with the result.
///
/// ```
/// use anext::block_on;
/// use anext::future::{Either, select};
/// use anext::sync::channel;
/// use core::pin::pin;
///
/// block_on(async {
///     let (tx, mut rx) = channel::<u32>(1);
///     let slow = pin!(async { anext::time::yield_now().await; "timeout" });
///     tx.try_send(7).unwrap();
///     let recv = pin!(rx.recv());
///     match select(recv, slow).await {
///         Either::Left((item, _slow)) => assert_eq!(item, Some(7)),
///         Either::Right(_) => unreachable!("the item was ready first"),
///     }
/// });
/// ```
pub fn select<A, B>(a: A, b: B) -> Select<A::IntoFuture, B::IntoFuture>
where
    A: IntoFuture<IntoFuture: Unpin>,
    B: IntoFuture<IntoFuture: Unpin>,
{
    Select {
        inner: Some((a.into_future(), b.into_future())),
    }
}

/// The future returned by [`select`].
#[derive(Debug)]
#[must_use = "futures do nothing unless polled"]
pub struct Select<A, B> {
    inner: Option<(A, B)>,
}

impl<A: Future + Unpin, B: Future + Unpin> Future for Select<A, B> {
    type Output = Either<(A::Output, B), (B::Output, A)>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let (a, b) = self
            .inner
            .as_mut()
            .expect("`Select` polled after it completed");
        if let Poll::Ready(output) = Pin::new(a).poll(cx) {
            let (_, b) = self.inner.take().expect("checked above");
            return Poll::Ready(Either::Left((output, b)));
        }
        if let Poll::Ready(output) = Pin::new(b).poll(cx) {
            let (a, _) = self.inner.take().expect("checked above");
            return Poll::Ready(Either::Right((output, a)));
        }
        Poll::Pending
    }
}
