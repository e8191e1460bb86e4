// The handle that `async_gen!` uses is hygienic: the body cannot name it, even though the
// compiler's messages call it `co`.
fn main() {
    let generator = anext::async_gen! {
        co.yield_(1).await;
    };
    drop(generator);
}
