//! Compile-fail tests of `#[anext::test]`: misuse is a compile error with a clear message.

#[test]
#[cfg_attr(miri, ignore = "trybuild runs rustc, which Miri cannot")]
fn misuse_is_a_compile_error_with_a_clear_message() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui_test_attr/*.rs");
}
