//! `anext::blocking::iter` (an async iterator driven from synchronous code) and
//! `IntoAsyncIterator`.

mod common;

use anext::iter::IntoAsyncIterator;
use anext::{AsyncIteratorExt, block_on};
use common::{Stutter, scaled, within};
use core::pin::pin;
use std::time::Duration;

async fn collect_any<T>(items: impl IntoAsyncIterator<Item = T>) -> Vec<T> {
    items.into_async_iter().collect().await
}

#[test]
fn vec_array_ranges_and_async_iterators_all_convert() {
    assert_eq!(block_on(collect_any(vec!['a', 'b'])), ['a', 'b']);
    assert_eq!(block_on(collect_any([1, 2, 3])), [1, 2, 3]);
    assert_eq!(block_on(collect_any(0..3)), [0, 1, 2]);
    assert_eq!(block_on(collect_any(0..=3)), [0, 1, 2, 3]);
    assert_eq!(
        block_on(collect_any((5..).into_async_iter().take(2))),
        [5, 6]
    );
    assert_eq!(block_on(collect_any(anext::once(9))), [9]);
}

#[test]
fn blocking_iter_yields_every_item_through_self_waking_pendings() {
    let items: Vec<u32> = (0..scaled(2000) as u32).collect();
    let stutter = Stutter::new(items.clone(), 7);
    let got: Vec<u32> = anext::blocking::iter(stutter).collect();
    assert_eq!(got, items);
}

#[test]
fn blocking_iter_parks_until_another_thread_sends() {
    let n = scaled(500) as u64;
    let total = within(Duration::from_secs(20), move || {
        let (tx, rx) = anext::sync::channel(1);
        let producer = std::thread::spawn(move || {
            for i in 0..n {
                block_on(tx.send(i)).unwrap();
            }
        });
        let total: u64 = anext::blocking::iter(rx).sum();
        producer.join().unwrap();
        total
    });
    assert_eq!(total, n * (n - 1) / 2);
}

#[test]
fn blocking_iter_drives_a_pinned_generator_and_stays_fused() {
    let g = pin!(anext::r#gen! {
        yield 1;
        anext::time::yield_now().await;
        yield 2;
    });
    let mut it = anext::blocking::iter(g);
    assert_eq!(it.next(), Some(1));
    assert_eq!(it.next(), Some(2));
    assert_eq!(it.next(), None);
    assert_eq!(it.next(), None);
}

#[test]
#[should_panic(expected = "deadlock")]
fn blocking_iter_over_an_iterator_nothing_can_wake_panics_instead_of_hanging() {
    let _ = anext::blocking::iter(anext::pending::<u8>()).next();
}
