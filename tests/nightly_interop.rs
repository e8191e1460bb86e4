//! The bridge to nightly's `core::async_iter::AsyncIterator` (`anext::nightly`), with
//! `async gen` blocks. Built only with `RUSTFLAGS="--cfg anext_nightly" cargo +nightly test
//! --test nightly_interop` (the `.ci/run` nightly lane); an empty test binary otherwise.
#![cfg_attr(anext_nightly, feature(async_iterator, gen_blocks))]

#[cfg(anext_nightly)]
mod common;

#[cfg(anext_nightly)]
#[path = "nightly_interop/bridge.rs"]
mod bridge;
