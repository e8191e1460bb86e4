#[anext::test]
async fn two_arguments(ex: &anext::exec::LocalExecutor, x: u32) {
    let _ = (ex, x);
}

fn main() {}
