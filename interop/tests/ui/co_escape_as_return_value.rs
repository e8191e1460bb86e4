// The yield handle cannot leave the body as its return value.
use anext::Gen;
use anext::generator::Co;

fn main() {
    let generator = Gen::new(async |co: Co<'_, u32>| co);
    drop(generator);
}
