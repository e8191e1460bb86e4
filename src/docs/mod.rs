//! The book: how `anext` works, from one `poll_next` to the executor's run queue.
//!
//! Each page below is a chapter of `docs/` in the repository, included here verbatim, so
//! the same text reads on GitHub and on docs.rs, and every Rust code block in it is compiled
//! and run by `cargo test --doc` (blocks that must not compile say `compile_fail`; pictures
//! and traces say `text`). Read them in this order:
//!
//! 1. [`async_iterators`]: `poll_next` and its three answers, fusing, `size_hint`, the
//!    trait's relatives (`Iterator`, `Future`, `Stream`, nightly `async_iter`), and `Pin`.
//! 1. [`state_machines`]: the seed's paginated API three ways (an enum by hand, `Gen::new`,
//!    `gen!`), the compiler's layout of an `async` body measured with `size_of`, and the
//!    real expansion of `gen!`.
//! 1. [`wakers`]: the `RawWakerVTable` of a task waker, reference counts, what a lost wake
//!    looks like, and why a merged wake still needs ordering.
//! 1. [`executor`]: a minimal executor in sixty lines, then how `LocalExecutor` grows from
//!    it: run queue, task lifecycle, remote wakes, timers, virtual clock, fairness, `step()`.
//! 1. [`comparison`]: anext against futures, async-stream, genawaiter, pollster,
//!    futures-executor, async-executor, tokio and nightly `async gen`, feature by feature.
//! 1. [`python`]: the seed's Python async generators, idea by idea, in Rust.
//! 1. [`internals`]: the essays that sit at the top of the executor's source files (task
//!    lifecycle and reference counts, run queue, one tick of the executor, `block_on`'s
//!    stack waker, the parker, deadlock detection, the timer wheel), rendered here.
//! 1. [`reliability`]: each correctness promise (no lost wake, nothing lost or duplicated,
//!    fused after panic, no abort on panics in destructors, deadlocks reported) and the
//!    test or loom model that proves it.
//! 1. [`interop`]: anext under tokio and futures' executors, the `Stream` and nightly
//!    `core::async_iter` bridges, and what runs on which thread.
//! 1. [`benchmarks`]: what each operation costs next to the peers, measured with callgrind
//!    and criterion (the charts are SVG files in the repository's `docs/benchmarks/`).
//!
//! Links between chapters are written as reference links (`[the executor][executor.md]`)
//! whose definitions at the bottom of each file point at the neighbouring `.md` file; the
//! rendered pages put `links.md` (definitions that point at these modules) in front, and
//! the first definition of a label wins, so the same link works in both places.
//! `tests/doc_links.rs` checks every relative link and `#anchor` of README.md and `docs/`.

#[doc = include_str!("links.md")]
#[doc = include_str!("../../docs/async-iterators.md")]
pub mod async_iterators {}

#[doc = include_str!("links.md")]
#[doc = include_str!("../../docs/state-machines.md")]
pub mod state_machines {}

#[doc = include_str!("links.md")]
#[doc = include_str!("../../docs/wakers.md")]
pub mod wakers {}

#[doc = include_str!("links.md")]
#[doc = include_str!("../../docs/executor.md")]
pub mod executor {}

#[doc = include_str!("links.md")]
#[doc = include_str!("../../docs/python.md")]
pub mod python {}

#[doc = include_str!("links.md")]
#[doc = include_str!("../../docs/comparison.md")]
pub mod comparison {}

/// The internals essays of `src/exec/` and of the timer wheel: each is the module documentation of its source file
/// (`#![doc = include_str!(..)]` of the same `docs/internals/*.md`, so there is one copy),
/// rendered here because those modules are private.
///
/// | page | source file | what it explains |
/// |---|---|---|
/// | [`task`](internals::task) | `src/exec/task.rs` | the task block, its lifecycle diagram (transitions 1 to 7), reference counts, the waker |
/// | [`queue`](internals::queue) | `src/exec/queue.rs` | the intrusive lock-free run queue |
/// | [`executor`](internals::executor) | `src/exec/executor.rs` | the executor's shape and one tick of `run` |
/// | [`block_on`](internals::block_on) | `src/exec/block_on.rs` | how `block_on` parks with no allocation and no thread-local |
/// | [`parker`](internals::parker) | `src/exec/parker.rs` | the parker's states, and why no notify is lost |
/// | [`deadlock`](internals::deadlock) | `src/exec/deadlock.rs` | when `run` reports a deadlock, and what it cannot see |
/// | [`timers`](internals::timers) | `src/time/timers.rs` | the hierarchical timing wheel: O(1) insert and cancel, no scan to find the next deadline |
pub mod internals {
    #[doc = include_str!("../../docs/internals/task.md")]
    pub mod task {}

    #[doc = include_str!("../../docs/internals/queue.md")]
    pub mod queue {}

    #[doc = include_str!("../../docs/internals/executor.md")]
    pub mod executor {}

    #[doc = include_str!("../../docs/internals/block_on.md")]
    pub mod block_on {}

    #[doc = include_str!("../../docs/internals/parker.md")]
    pub mod parker {}

    #[doc = include_str!("../../docs/internals/deadlock.md")]
    pub mod deadlock {}

    #[doc = include_str!("../../docs/internals/timers.md")]
    pub mod timers {}
}

#[doc = include_str!("links.md")]
#[doc = include_str!("../../docs/benchmarks.md")]
pub mod benchmarks {}

#[doc = include_str!("links.md")]
#[doc = include_str!("../../docs/reliability.md")]
pub mod reliability {}

#[doc = include_str!("links.md")]
#[doc = include_str!("../../docs/interop.md")]
pub mod interop {}
