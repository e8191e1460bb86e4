// The handle that `gen!` uses is hygienic: the body cannot name it.
fn main() {
    let generator = anext::r#gen! {
        __co.yield_(1).await;
    };
    drop(generator);
}
