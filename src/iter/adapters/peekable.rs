use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::{AsyncIterator, FusedAsyncIterator};

pin_project_lite::pin_project! {
    /// The async iterator returned by
    /// [`AsyncIteratorExt::peekable`](crate::AsyncIteratorExt::peekable): it can look at the
    /// next item without taking it (lookahead, e.g. "is there another page?").
    #[derive(Debug)]
    #[must_use = "async iterators do nothing unless polled"]
    pub struct Peekable<I: AsyncIterator> {
        #[pin]
        iter: I,
        // The item peeked, if any.
        peeked: Option<I::Item>,
        // The end was peeked: the next `poll_next` returns `None` without polling `iter`.
        // Apart from `peeked` rather than an `Option<Option<_>>`, so that taking a peeked
        // item is one test, as in futures' `Peekable` (benches/icount/adapters.rs, peekable).
        peeked_end: bool,
    }
}

impl<I: AsyncIterator> Peekable<I> {
    pub(crate) fn new(iter: I) -> Self {
        Peekable {
            iter,
            peeked: None,
            peeked_end: false,
        }
    }

    /// Polls for a reference to the next item without consuming it; the poll-level form of
    /// [`peek`](Self::peek).
    pub fn poll_peek(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<&mut I::Item>> {
        let this = self.project();
        if this.peeked.is_some() {
            return Poll::Ready(this.peeked.as_mut());
        }
        if *this.peeked_end {
            return Poll::Ready(None);
        }
        match ready!(this.iter.poll_next(cx)) {
            Some(item) => Poll::Ready(Some(this.peeked.insert(item))),
            None => {
                *this.peeked_end = true;
                Poll::Ready(None)
            }
        }
    }

    /// Returns a future that resolves to a reference to the next item, without consuming it.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// use core::pin::pin;
    /// block_on(async {
    ///     let mut it = pin!(iter([1, 2]).peekable());
    ///     assert_eq!(it.as_mut().peek().await, Some(&1));
    ///     assert_eq!(it.next().await, Some(1));
    ///     assert_eq!(it.as_mut().peek().await, Some(&2));
    /// });
    /// ```
    pub fn peek(self: Pin<&mut Self>) -> Peek<'_, I> {
        Peek(self.peek_mut())
    }

    /// Like [`peek`](Self::peek), with a mutable reference: a change to the item is what the
    /// next call to `next` returns.
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// use core::pin::pin;
    /// block_on(async {
    ///     let mut it = pin!(iter([1, 2]).peekable());
    ///     if let Some(first) = it.as_mut().peek_mut().await {
    ///         *first = 10;
    ///     }
    ///     assert_eq!(it.next().await, Some(10));
    /// });
    /// ```
    pub fn peek_mut(self: Pin<&mut Self>) -> PeekMut<'_, I> {
        PeekMut {
            peekable: Some(self),
        }
    }

    /// Returns a future that consumes and returns the next item if `f` accepts it, and
    /// otherwise leaves it in place and returns `None`, like
    /// [`core::iter::Peekable::next_if`].
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// use core::pin::pin;
    /// block_on(async {
    ///     let mut it = pin!(iter([1, 2, 10]).peekable());
    ///     let mut small = Vec::new();
    ///     while let Some(x) = it.as_mut().next_if(|x| *x < 5).await {
    ///         small.push(x);
    ///     }
    ///     assert_eq!(small, [1, 2]);
    ///     assert_eq!(it.next().await, Some(10));
    /// });
    /// ```
    pub fn next_if<F: FnOnce(&I::Item) -> bool>(self: Pin<&mut Self>, f: F) -> NextIf<'_, I, F> {
        NextIf {
            peekable: self,
            f: Some(f),
        }
    }
}

impl<I: AsyncIterator> Peekable<I> {
    /// Returns a future that consumes and returns the next item if it equals `expected`, and
    /// otherwise leaves it in place and returns `None`, like
    /// [`core::iter::Peekable::next_if_eq`].
    ///
    /// ```
    /// use anext::{AsyncIteratorExt, block_on, iter};
    /// use core::pin::pin;
    /// block_on(async {
    ///     let mut it = pin!(iter(["#", "#", "title"]).peekable());
    ///     let mut level = 0;
    ///     while it.as_mut().next_if_eq(&"#").await.is_some() {
    ///         level += 1;
    ///     }
    ///     assert_eq!(level, 2);
    ///     assert_eq!(it.next().await, Some("title"));
    /// });
    /// ```
    pub fn next_if_eq<'a, T>(
        self: Pin<&'a mut Self>,
        expected: &'a T,
    ) -> NextIf<'a, I, impl FnOnce(&I::Item) -> bool + 'a>
    where
        T: ?Sized,
        I::Item: PartialEq<T>,
    {
        self.next_if(move |item| item == expected)
    }
}

impl<I: AsyncIterator> AsyncIterator for Peekable<I> {
    type Item = I::Item;

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
        let this = self.project();
        if let Some(item) = this.peeked.take() {
            return Poll::Ready(Some(item));
        }
        if *this.peeked_end {
            *this.peeked_end = false;
            return Poll::Ready(None);
        }
        this.iter.poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.peeked_end {
            return (0, Some(0));
        }
        let held = usize::from(self.peeked.is_some());
        let (lower, upper) = self.iter.size_hint();
        (
            lower.saturating_add(held),
            upper.and_then(|u| u.checked_add(held)),
        )
    }
}

impl<I: FusedAsyncIterator> FusedAsyncIterator for Peekable<I> {}

/// The future returned by [`Peekable::peek`]: [`PeekMut`], handing out a shared reference.
#[must_use = "futures do nothing unless polled"]
pub struct Peek<'a, I: AsyncIterator>(PeekMut<'a, I>);

impl<I: AsyncIterator + fmt::Debug> fmt::Debug for Peek<'_, I>
where
    I::Item: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Peek")
            .field("peekable", &self.0.peekable)
            .finish()
    }
}

impl<'a, I: AsyncIterator> Future for Peek<'a, I> {
    type Output = Option<&'a I::Item>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // `PeekMut` is `Unpin`: it holds only an `Option<Pin<&mut _>>`.
        Pin::new(&mut self.0)
            .poll(cx)
            .map(|item| item.map(|item| &*item))
    }
}

/// The future returned by [`Peekable::peek_mut`].
#[must_use = "futures do nothing unless polled"]
pub struct PeekMut<'a, I: AsyncIterator> {
    peekable: Option<Pin<&'a mut Peekable<I>>>,
}

impl<I: AsyncIterator + fmt::Debug> fmt::Debug for PeekMut<'_, I>
where
    I::Item: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PeekMut")
            .field("peekable", &self.peekable)
            .finish()
    }
}

impl<'a, I: AsyncIterator> Future for PeekMut<'a, I> {
    type Output = Option<&'a mut I::Item>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let peekable = self
            .peekable
            .as_mut()
            .expect("`PeekMut` polled after it completed");
        ready!(peekable.as_mut().poll_peek(cx));
        let peekable = self.peekable.take().expect("checked above");
        Poll::Ready(peekable.project().peeked.as_mut())
    }
}

/// The future returned by [`Peekable::next_if`].
#[must_use = "futures do nothing unless polled"]
pub struct NextIf<'a, I: AsyncIterator, F> {
    peekable: Pin<&'a mut Peekable<I>>,
    f: Option<F>,
}

impl<I: AsyncIterator + fmt::Debug, F> fmt::Debug for NextIf<'_, I, F>
where
    I::Item: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NextIf")
            .field("peekable", &self.peekable)
            .finish_non_exhaustive()
    }
}

impl<I: AsyncIterator, F> Unpin for NextIf<'_, I, F> {}

impl<I: AsyncIterator, F: FnOnce(&I::Item) -> bool> Future for NextIf<'_, I, F> {
    type Output = Option<I::Item>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<I::Item>> {
        let this = &mut *self;
        let Some(item) = ready!(this.peekable.as_mut().poll_peek(cx)) else {
            return Poll::Ready(None);
        };
        let f = this.f.take().expect("`NextIf` polled after it completed");
        if !f(item) {
            return Poll::Ready(None);
        }
        let peeked = this.peekable.as_mut().project().peeked;
        Poll::Ready(peeked.take())
    }
}
