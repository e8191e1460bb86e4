//! The generator macros. Each is a `macro_rules!` wrapper that passes `$crate` to the hidden
//! proc macro doing the rewrite, so the expansion names this crate the way the caller's code
//! does: a dependency renamed in `Cargo.toml` (`anext_renamed = { package = "anext", ... }`)
//! works without any option.

/// Writes a generator as straight-line async code with `yield`: the body becomes an
/// [`anext::Gen`](crate::Gen) (an [`AsyncIterator`](crate::AsyncIterator)). The name matches
/// nightly Rust's `async gen` blocks and needs no `r#` in any edition; [`gen!`](crate::gen!)
/// is the same macro under its older name.
///
/// `async_gen! { BODY }` expands to `anext::Gen::new(async move |mut co| { BODY })` with every
/// `yield x` turned into `co.yield_(x).await` and `yield from inner` into
/// `co.yield_from(inner).await`. The captures are moved into the generator. `yield`
/// evaluates to `()`, as in Rust's own generators; a body that wants async cleanup on
/// [`Gen::close`](crate::Gen::close) uses the closure API, where a yield resolves to
/// [`Resume`](crate::generator::Resume) (here, closing ends the body at its next yield and
/// drops its locals).
///
/// The handle `co` is hygienic: the body cannot name it. `yield` inside a closure, async
/// block or nested function is a compile error: those cannot suspend the generator.
///
/// ```
/// use anext::{AsyncIteratorExt, async_gen, block_on};
/// let evens = async_gen! {
///     for i in 0..6 {
///         if i % 2 == 0 {
///             yield i;
///         }
///     }
/// };
/// assert_eq!(block_on(evens.collect::<Vec<_>>()), [0, 2, 4]);
/// ```
#[macro_export]
macro_rules! async_gen {
    ($($body:tt)*) => {
        $crate::__private::__gen! { $crate $($body)* }
    };
}

/// Like [`async_gen!`](crate::async_gen!), for fallible generators: the items are
/// `Result<T, E>`, `yield x` yields `Ok(x)`, and `expr?` on an `Err(e)` yields `Err(e)` and
/// ends the generator. [`try_gen!`](crate::try_gen!) is the same macro under its older name.
///
/// `?` does not convert the error with `From`: the error type is the one of the `?`s, so
/// it is inferred without annotations (convert explicitly with `.map_err(...)` if the `?`s
/// disagree). `Err(e)?` yields `Err(e)` and ends, and like in plain Rust it needs no type for
/// its `Ok` side. `?` inside a closure, async block or nested function keeps its ordinary
/// meaning there.
///
/// ```
/// use anext::{AsyncIteratorExt, block_on, try_async_gen};
/// let numbers = try_async_gen! {
///     for text in ["1", "2", "x", "4"] {
///         let n: u32 = text.parse()?;
///         yield n;
///     }
/// };
/// let items = block_on(numbers.collect::<Vec<_>>());
/// assert_eq!(items.len(), 3);
/// assert_eq!(items[..2], [Ok(1), Ok(2)]);
/// assert!(items[2].is_err());
/// ```
#[macro_export]
macro_rules! try_async_gen {
    ($($body:tt)*) => {
        $crate::__private::__try_gen! { $crate $($body)* }
    };
}

/// [`async_gen!`](crate::async_gen!) under its first name. In edition 2024 `gen` is a reserved
/// word, so this one is called `r#gen!` there; prefer `async_gen!`.
///
/// ```
/// use anext::{AsyncIteratorExt, block_on};
/// let squares = anext::r#gen! {
///     for i in 1..=3 {
///         yield i * i;
///     }
/// };
/// assert_eq!(block_on(squares.collect::<Vec<_>>()), [1, 4, 9]);
/// ```
#[macro_export]
macro_rules! r#gen {
    ($($body:tt)*) => {
        $crate::__private::__gen! { $crate $($body)* }
    };
}

/// [`try_async_gen!`](crate::try_async_gen!) under its first name.
///
/// ```
/// use anext::{AsyncIteratorExt, block_on, try_gen};
/// let numbers = try_gen! {
///     let n: u8 = "7".parse()?;
///     yield n;
/// };
/// assert_eq!(block_on(numbers.collect::<Vec<_>>()), [Ok(7)]);
/// ```
#[macro_export]
macro_rules! try_gen {
    ($($body:tt)*) => {
        $crate::__private::__try_gen! { $crate $($body)* }
    };
}
