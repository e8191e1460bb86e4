#[anext::test(crate = "not a path")]
async fn crate_must_be_a_path() {}

fn main() {}
