//! Holds no code: this package exists for its `tests/`, which need crates that `anext` itself
//! must not pull into its own build (futures, pin-utils, trybuild).
