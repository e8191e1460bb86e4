// `yield` inside a closure nested in `gen!` cannot suspend the generator.
fn main() {
    let generator = anext::async_gen! {
        let items = [1, 2];
        items.iter().for_each(|x| {
            yield *x;
        });
    };
    drop(generator);
}
