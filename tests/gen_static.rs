//! Compile-time properties of generators: `Send` when the body is, never `Unpin` (it is
//! self-referential once started), and no `Unpin` needed from the user to consume one.
//! (`!Send` when the body holds something `!Send` is a UI test: `interop/tests/ui/gen_not_send.rs`.)

use std::cell::Cell;
use std::pin::pin;

use anext::generator::{Co, Resume, Yield};
use anext::{AsyncIteratorExt, Gen, block_on, r#gen};

fn assert_send<T: Send>(_: &T) {}

/// Compiles only if `T` is *not* `Unpin`: with `Unpin` both impls apply and the call is
/// ambiguous.
trait AmbiguousIfUnpin<A> {
    fn check(&self) {}
}
impl<T: ?Sized> AmbiguousIfUnpin<()> for T {}
impl<T: ?Sized + Unpin> AmbiguousIfUnpin<u8> for T {}

/// Compiles only if `T` is *not* `Sync`.
trait AmbiguousIfSync<A> {
    fn check_sync(&self) {}
}
impl<T: ?Sized> AmbiguousIfSync<()> for T {}
impl<T: ?Sized + Sync> AmbiguousIfSync<u8> for T {}

#[test]
fn gen_is_send_when_the_body_future_is_send() {
    let generator = Gen::new(async |mut co| {
        let owned = String::from("held across a yield");
        co.yield_(owned.len()).await;
        co.yield_(1).await;
    });
    assert_send(&generator);
    // And it really can move to another thread, even after it started.
    let mut generator = Box::pin(generator);
    assert_eq!(block_on(generator.next()), Some(19));
    let rest = std::thread::spawn(move || block_on(generator.collect::<Vec<_>>()))
        .join()
        .unwrap();
    assert_eq!(rest, [1]);
}

#[test]
fn gen_from_the_macro_is_send_when_the_body_is_send() {
    let generator = r#gen! {
        let v = vec![1, 2];
        for x in v {
            yield x;
        }
    };
    assert_send(&generator);
}

#[test]
fn gen_is_never_unpin() {
    let generator = Gen::new(async |mut co| co.yield_(1).await);
    AmbiguousIfUnpin::check(&generator);
}

#[test]
fn consuming_a_gen_needs_no_unpin_from_the_user() {
    let generator = Gen::new(async |mut co| co.yield_(1).await);
    let mut pinned = pin!(generator);
    assert_eq!(block_on(pinned.next()), Some(1));
    assert_eq!(block_on(pinned.next()), None);
    // Consumers that take the iterator by value pin it themselves.
    let generator = Gen::new(async |mut co| co.yield_(2).await);
    assert_eq!(block_on(generator.collect::<Vec<_>>()), [2]);
}

#[test]
fn the_yield_handle_is_send_but_not_sync() {
    fn is_send<X: Send>() {}
    is_send::<Co<'static, u8>>();
    is_send::<Yield<'static, 'static, u8>>();
    let _ = Gen::new(async |co: Co<'_, Cell<u8>>| {
        AmbiguousIfSync::check_sync(&co);
    });
    let _ = Resume::Next;
}
