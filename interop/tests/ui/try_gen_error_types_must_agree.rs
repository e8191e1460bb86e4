// `?` in `try_gen!` does not convert errors with `From`: two different error types are an
// error at the second `?`, which says what it expected.
fn main() {
    let generator = anext::try_async_gen! {
        let a: u8 = "1".parse()?;
        let b: f32 = "2".parse()?;
        yield a as f32 + b;
    };
    drop(generator);
}
