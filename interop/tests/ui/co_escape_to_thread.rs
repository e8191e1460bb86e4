// The yield handle cannot be sent to a thread that may outlive the generator body.
use anext::Gen;

fn main() {
    let generator = Gen::new(async |mut co| {
        std::thread::spawn(move || {
            let _ = co.yield_(1);
        });
    });
    drop(generator);
}
