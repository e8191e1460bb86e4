// A generator whose body holds an `Rc` across a yield is not `Send`.
use anext::Gen;
use std::rc::Rc;

fn assert_send<T: Send>(_: &T) {}

fn main() {
    let generator = Gen::new(async |mut co| {
        let shared = Rc::new(1);
        co.yield_(*shared).await;
        drop(shared);
    });
    assert_send(&generator);
}
