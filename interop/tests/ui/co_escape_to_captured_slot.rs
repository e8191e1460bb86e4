// The yield handle cannot be stored anywhere that outlives the generator body.
use anext::Gen;
use anext::generator::Co;
use std::cell::RefCell;

fn main() {
    let stash: RefCell<Option<Co<'_, u32>>> = RefCell::new(None);
    let generator = Gen::new(async |co: Co<'_, u32>| {
        *stash.borrow_mut() = Some(co);
    });
    drop(generator);
}
