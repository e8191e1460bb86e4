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
//! 1. [`interop`]: anext under tokio and `futures::executor`, the `Stream` and nightly
//!    `core::async_iter` bridges, `blocking::iter`, and timers under a foreign runtime.
//! 1. [`python`]: the seed's Python async generators, idea by idea, in Rust.
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
#[doc = include_str!("../../docs/interop.md")]
pub mod interop {}

#[doc = include_str!("links.md")]
#[doc = include_str!("../../docs/python.md")]
pub mod python {}

#[doc = include_str!("links.md")]
#[doc = include_str!("../../docs/comparison.md")]
pub mod comparison {}

#[doc = include_str!("links.md")]
#[doc = include_str!("../../docs/benchmarks.md")]
pub mod benchmarks {}
