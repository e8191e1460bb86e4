//! Procedural macros for [`anext`](https://docs.rs/anext), written on `proc_macro` alone
//! (no `syn`, no `quote`). Use them through the `anext` crate, which re-exports them.

use proc_macro::TokenStream;

mod r#gen;

/// Writes a generator as straight-line async code with `yield`: the body becomes an
/// `anext::Gen` (an `AsyncIterator`).
///
/// `gen! { BODY }` expands to `::anext::Gen::new(async move |mut co| { BODY })` with every
/// `yield x` turned into `co.yield_(x).await` and `yield from inner` into
/// `co.yield_from(inner).await`. The captures are moved into the generator. `yield`
/// evaluates to `()`, as in Rust's own generators; a body that wants async cleanup on
/// `Gen::close` uses the closure API, where a yield resolves to `anext::generator::Resume`
/// (in `gen!`, closing ends the body at its next yield and drops its locals).
///
/// The handle `co` is hygienic: the body cannot name it. The expansion names the crate as
/// `::anext`. In edition 2024 `gen` is a reserved word, so the macro is called `r#gen!`
/// there (`gen!` in editions 2015 to 2021).
///
/// `yield` inside a closure, async block or nested function is a compile error: those
/// cannot suspend the generator.
///
/// ```
/// use anext::{AsyncIteratorExt, block_on};
/// let evens = anext::r#gen! {
///     for i in 0..6 {
///         if i % 2 == 0 {
///             yield i;
///         }
///     }
/// };
/// assert_eq!(block_on(evens.collect::<Vec<_>>()), [0, 2, 4]);
/// ```
#[proc_macro]
pub fn r#gen(input: TokenStream) -> TokenStream {
    r#gen::expand(input, false)
}

/// Like `gen!`, for fallible generators: the items are `Result<T, E>`, `yield x` yields
/// `Ok(x)`, and `expr?` on an `Err(e)` yields `Err(e)` and ends the generator.
///
/// `?` does not convert the error with `From`: the error type is the one of the `?`s, so
/// it is inferred without annotations (convert explicitly with `.map_err(...)` if the `?`s
/// disagree). `Err(e)?` yields `Err(e)` and ends, and like in plain Rust it needs no type for
/// its `Ok` side. `?` inside a closure, async block or nested function keeps its ordinary
/// meaning there.
///
/// ```
/// use anext::{AsyncIteratorExt, block_on, try_gen};
/// let numbers = try_gen! {
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
#[proc_macro]
pub fn try_gen(input: TokenStream) -> TokenStream {
    r#gen::expand(input, true)
}

mod test_attr;
mod tokens;

/// Runs an `async fn` test on a fresh `anext::exec::LocalExecutor` (expands to a plain
/// `#[test] fn` whose body is `LocalExecutor::builder()....build().run(async move { body })`).
///
/// Options, comma-separated:
/// - `virtual_time`: the executor has a virtual clock, which jumps to the next timer's
///   deadline whenever every task is idle (an hour-long `sleep` ends at once);
/// - `seed = <integer>`: ready tasks run in the seeded random order of
///   `LocalExecutor::with_seed`;
/// - `timeout = "5s"` (units `ms`, `s`, `m`, `h`): the test fails, with the executor's task
///   report, when it has not finished after that much real time (also with `virtual_time`,
///   whose time does not count); see `Builder::timeout`;
/// - `crate = "path"`: the path of the `anext` crate, for a crate that depends on it under
///   another name (`crate = "my_anext"`); the expansion names `::anext` otherwise.
///
/// Without a timeout, a test that can never be woken still fails instead of hanging: the
/// executor's deadlock check reports it (see `LocalExecutor::run`).
///
/// The function must be an `async fn` without generics, taking no parameter or one that
/// receives the executor (`ex: &anext::exec::LocalExecutor`) or a spawn handle
/// (`spawner: anext::exec::Spawner`, which tasks can capture to spawn more tasks), or any
/// other `anext::exec::TestArgument`; it may return
/// a type that `#[test]` accepts (`()`, `Result<(), E>`), and other attributes
/// (`#[should_panic]`, `#[ignore]`) are kept. Anything else is a compile error.
///
/// ```text
/// #[anext::test(virtual_time)]
/// async fn an_hour_passes_at_once() {
///     anext::time::sleep(std::time::Duration::from_secs(3600)).await;
/// }
/// ```
#[proc_macro_attribute]
pub fn test(
    attr: proc_macro::TokenStream,
    item: proc_macro::TokenStream,
) -> proc_macro::TokenStream {
    test_attr::expand(attr, item)
}

/// What `gen! { BODY }` expands to, as a string literal: the snapshot test of the
/// expansion (`tests/gen_expansion.rs`, shown in `docs/state-machines.md`) reads it. Not
/// public API.
#[doc(hidden)]
#[proc_macro]
pub fn __gen_expansion(input: TokenStream) -> TokenStream {
    let text = r#gen::expand(input, false).to_string();
    proc_macro::TokenTree::Literal(proc_macro::Literal::string(&text)).into()
}
