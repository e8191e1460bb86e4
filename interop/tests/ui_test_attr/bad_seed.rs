#[anext::test(seed = "abc")]
async fn bad_seed() {}

fn main() {}
