#[anext::test]
struct NotAFunction;

fn main() {}
