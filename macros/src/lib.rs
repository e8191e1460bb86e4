//! Procedural macros for [`anext`](https://docs.rs/anext), written on `proc_macro` alone
//! (no `syn`, no `quote`). Use them through the `anext` crate, which re-exports them.
