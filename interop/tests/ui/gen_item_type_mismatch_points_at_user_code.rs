// A type error inside `gen!` points at the user's expression, not at the macro.
fn main() {
    let generator = anext::async_gen! {
        yield 1u8;
        yield "two";
    };
    drop(generator);
}
