//! Empty: this package only holds `tests/renamed_dependency.rs`, which depends on anext under
//! the name `anext_renamed`.
