#[anext::test(timeout = "5 seconds")]
async fn timeout_needs_a_unit_the_macro_knows() {}

#[anext::test(timeout = 5)]
async fn timeout_is_a_string() {}

fn main() {}
