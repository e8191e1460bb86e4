use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::AsyncIterator;

pin_project_lite::pin_project! {
    /// The future returned by [`AsyncIteratorExt::concat`](crate::AsyncIteratorExt::concat).
    #[must_use = "futures do nothing unless polled"]
    pub struct Concat<I: AsyncIterator> {
        #[pin]
        iter: I,
        // The first item, extended by the others; `None` once the future has completed.
        acc: Option<Option<I::Item>>,
    }
}

impl<I: AsyncIterator> Concat<I> {
    pub(crate) fn new(iter: I) -> Self {
        Concat {
            iter,
            acc: Some(None),
        }
    }
}

impl<I: AsyncIterator<Item: fmt::Debug> + fmt::Debug> fmt::Debug for Concat<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Concat")
            .field("iter", &self.iter)
            .field("acc", &self.acc)
            .finish()
    }
}

impl<I> Future for Concat<I>
where
    I: AsyncIterator<Item: Extend<<I::Item as IntoIterator>::Item> + IntoIterator + Default>,
{
    type Output = I::Item;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<I::Item> {
        let mut this = self.project();
        let Some(acc) = this.acc.as_mut() else {
            super::polled_after_completion("Concat")
        };
        loop {
            match ready!(this.iter.as_mut().poll_next(cx)) {
                // The first item becomes the accumulator: no copy of it, no empty start.
                Some(item) => match acc {
                    Some(acc) => acc.extend(item),
                    None => *acc = Some(item),
                },
                None => {
                    let acc = this.acc.take().expect("checked above");
                    return Poll::Ready(acc.unwrap_or_default());
                }
            }
        }
    }
}
