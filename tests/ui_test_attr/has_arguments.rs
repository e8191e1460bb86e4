#[anext::test]
async fn has_arguments(x: u32) {
    let _ = x;
}

fn main() {}
