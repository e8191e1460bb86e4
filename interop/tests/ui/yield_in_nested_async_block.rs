// `yield` inside an async block nested in `gen!` cannot suspend the generator.
fn main() {
    let generator = anext::async_gen! {
        let inner = async {
            yield 1;
        };
        inner.await;
    };
    drop(generator);
}
