use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll, ready};

use crate::AsyncIterator;

pin_project_lite::pin_project! {
    /// The future returned by [`AsyncIteratorExt::any`](crate::AsyncIteratorExt::any).
    #[must_use = "futures do nothing unless polled"]
    pub struct Any<I, F> {
        #[pin]
        iter: I,
        f: F,
        done: bool,
    }
}

pin_project_lite::pin_project! {
    /// The future returned by [`AsyncIteratorExt::all`](crate::AsyncIteratorExt::all).
    #[must_use = "futures do nothing unless polled"]
    pub struct All<I, F> {
        #[pin]
        iter: I,
        f: F,
        done: bool,
    }
}

// `any` and `all` are one search: stop at the first item whose predicate equals `stop_on`.
macro_rules! short_circuit {
    ($name:ident, $stop_on:literal) => {
        impl<I, F> $name<I, F> {
            pub(crate) fn new(iter: I, f: F) -> Self {
                $name {
                    iter,
                    f,
                    done: false,
                }
            }
        }

        impl<I: fmt::Debug, F> fmt::Debug for $name<I, F> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($name))
                    .field("iter", &self.iter)
                    .field("done", &self.done)
                    .finish_non_exhaustive()
            }
        }

        impl<I: AsyncIterator, F: FnMut(I::Item) -> bool> Future for $name<I, F> {
            type Output = bool;

            fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<bool> {
                let mut this = self.project();
                if *this.done {
                    super::polled_after_completion(stringify!($name));
                }
                while let Some(item) = ready!(this.iter.as_mut().poll_next(cx)) {
                    if (this.f)(item) == $stop_on {
                        *this.done = true;
                        return Poll::Ready($stop_on);
                    }
                }
                *this.done = true;
                Poll::Ready(!$stop_on)
            }
        }
    };
}

short_circuit!(Any, true);
short_circuit!(All, false);
