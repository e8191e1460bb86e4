//! Procedural macros for [`anext`](https://docs.rs/anext), written on `proc_macro` alone
//! (no `syn`, no `quote`). Use them through the `anext` crate, which re-exports them.

use proc_macro::TokenStream;

mod r#gen;

/// The generator macros (`async_gen!`, `gen!`): `anext` wraps this in `macro_rules!` macros
/// that pass `$crate` as the first token, so the expansion names the crate the way the user's
/// code does (a renamed dependency works). Not public API: use `anext::async_gen!`.
#[doc(hidden)]
#[proc_macro]
pub fn __gen(input: TokenStream) -> TokenStream {
    r#gen::expand(input, false)
}

/// The fallible generator macros (`try_async_gen!`, `try_gen!`), as [`__gen`]. Not public
/// API: use `anext::try_async_gen!`.
#[doc(hidden)]
#[proc_macro]
pub fn __try_gen(input: TokenStream) -> TokenStream {
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
    // The macro_rules! wrapper passes `$crate` first; the snapshot names the crate `anext`.
    let mut with_crate: TokenStream = proc_macro::TokenTree::Ident(proc_macro::Ident::new(
        "anext",
        proc_macro::Span::call_site(),
    ))
    .into();
    with_crate.extend(input);
    let text = r#gen::expand(with_crate, false).to_string();
    proc_macro::TokenTree::Literal(proc_macro::Literal::string(&text)).into()
}
