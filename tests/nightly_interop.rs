//! The bridge to nightly's `core::async_iter::AsyncIterator` (`anext::nightly`), with
//! `async gen` blocks. Built only with `cargo +nightly test --features nightly
//! --test nightly_interop` (the `.ci/run` nightly lane); an empty test binary otherwise.
#![cfg_attr(feature = "nightly", feature(async_iterator, gen_blocks))]

#[cfg(feature = "nightly")]
mod common;

#[cfg(feature = "nightly")]
#[path = "nightly_interop/bridge.rs"]
mod bridge;
