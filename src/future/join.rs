//! `join!` and `try_join!`: a fixed number of futures, each pinned on the caller's stack in a
//! [`MaybeDone`](super::MaybeDone), polled together by one `poll_fn`.
//!
//! The macros take any number of futures without counting them: each recursion step pins one
//! future under the name `f`, and macro hygiene makes every step's `f` a distinct binding
//! (each step is its own expansion), so the last step sees all of them, in order.

/// Waits for several futures at once, on the calling task, and returns a tuple of their
/// outputs in argument order: asyncio's `await asyncio.gather(a(), b())`.
///
/// Usable only inside an async context (it awaits). Every future is polled on every poll of
/// the join until it finishes (each wake re-polls the unfinished ones); nothing is spawned and
/// nothing is allocated. Any number of futures is accepted; `join!()` is `()`.
///
/// ```
/// use anext::{block_on, join};
///
/// async fn fetch(page: u32) -> String {
///     anext::time::yield_now().await;
///     format!("page-{page}")
/// }
///
/// let (a, b, c) = block_on(async { join!(fetch(1), fetch(2), fetch(3)) });
/// assert_eq!([a, b, c], ["page-1", "page-2", "page-3"]);
/// ```
#[macro_export]
macro_rules! join {
    () => { () };
    ($($future:expr),+ $(,)?) => {
        $crate::__join!(@pin [] $($future,)+)
    };
}

/// Waits for several futures that return `Result`s: `Ok` with the tuple of their values once
/// all succeed, or the first `Err` as soon as one fails (the others are dropped then, without
/// being polled again): asyncio's `gather` that stops at the first exception.
///
/// All futures must share one error type. Usable only inside an async context.
///
/// ```
/// use anext::{block_on, try_join};
///
/// let ok: Result<(u8, &str), String> =
///     block_on(async { try_join!(async { Ok(1) }, async { Ok("two") }) });
/// assert_eq!(ok, Ok((1, "two")));
///
/// let err: Result<(u8, u8), String> = block_on(async {
///     try_join!(core::future::pending(), async { Err("boom".to_string()) })
/// });
/// assert_eq!(err, Err("boom".to_string()));
/// ```
#[macro_export]
macro_rules! try_join {
    ($($future:expr),+ $(,)?) => {
        $crate::__try_join!(@pin [] $($future,)+)
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __join {
    (@pin [$($pinned:ident)*] $future:expr, $($rest:expr,)*) => {{
        let mut f = ::core::pin::pin!($crate::future::MaybeDone::new(
            ::core::future::IntoFuture::into_future($future)
        ));
        $crate::__join!(@pin [$($pinned)* f] $($rest,)*)
    }};
    (@pin [$($pinned:ident)*]) => {
        ::core::future::poll_fn(|cx| {
            let mut all_done = true;
            $(
                all_done &= ::core::future::Future::poll($pinned.as_mut(), cx).is_ready();
            )*
            if !all_done {
                return ::core::task::Poll::Pending;
            }
            ::core::task::Poll::Ready((
                $($pinned.as_mut().take_output().expect("`join!` output taken twice"),)*
            ))
        })
        .await
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __try_join {
    (@pin [$($pinned:ident)*] $future:expr, $($rest:expr,)*) => {{
        let mut f = ::core::pin::pin!($crate::future::TryMaybeDone::new(
            ::core::future::IntoFuture::into_future($future)
        ));
        $crate::__try_join!(@pin [$($pinned)* f] $($rest,)*)
    }};
    (@pin [$($pinned:ident)*]) => {
        ::core::future::poll_fn(|cx| {
            let mut all_done = true;
            $(
                match ::core::future::Future::poll($pinned.as_mut(), cx) {
                    ::core::task::Poll::Ready(::core::result::Result::Err(error)) => {
                        return ::core::task::Poll::Ready(::core::result::Result::Err(error));
                    }
                    ::core::task::Poll::Ready(::core::result::Result::Ok(())) => {}
                    ::core::task::Poll::Pending => all_done = false,
                }
            )*
            if !all_done {
                return ::core::task::Poll::Pending;
            }
            ::core::task::Poll::Ready(::core::result::Result::Ok((
                $($pinned.as_mut().take_output().expect("`try_join!` output taken twice"),)*
            )))
        })
        .await
    };
}
