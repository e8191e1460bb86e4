//! Interop with the `futures` ecosystem: the `Stream` bridges both ways, and `block_on`
//! driving `futures` primitives that wake from other threads.

use anext::compat::{FromStream, IntoStream};
use anext::{AsyncIteratorExt, block_on};
use futures::StreamExt;

#[test]
fn a_futures_stream_runs_through_anext_consumers() {
    let stream = futures::stream::iter(1..=4).map(|x| x * 10);
    let items: Vec<i32> = block_on(FromStream::new(stream).collect());
    assert_eq!(items, [10, 20, 30, 40]);
}

#[test]
fn an_anext_iterator_runs_through_futures_combinators() {
    let stream = IntoStream::new(anext::iter(1..=4));
    let items: Vec<i32> = block_on(
        stream
            .filter(|x| futures::future::ready(x % 2 == 0))
            .collect(),
    );
    assert_eq!(items, [2, 4]);
}

#[test]
fn round_trip_keeps_size_hint() {
    let it = FromStream::new(IntoStream::new(anext::iter([1, 2, 3])));
    assert_eq!(anext::AsyncIterator::size_hint(&it), (3, Some(3)));
}

#[test]
fn block_on_drives_a_futures_channel_fed_from_another_thread() {
    let (mut tx, rx) = futures::channel::mpsc::channel::<u32>(1);
    let producer = std::thread::spawn(move || {
        for i in 0..100 {
            futures::executor::block_on(futures::SinkExt::send(&mut tx, i)).unwrap();
        }
    });
    let sum = block_on(FromStream::new(rx).fold(0, |acc, x| acc + x));
    producer.join().unwrap();
    assert_eq!(sum, (0..100).sum());
}

#[test]
fn block_on_drives_a_futures_oneshot() {
    let (tx, rx) = futures::channel::oneshot::channel();
    std::thread::spawn(move || tx.send("hello").unwrap());
    assert_eq!(block_on(rx), Ok("hello"));
}

#[test]
fn a_yield_pushed_into_futures_unordered_is_delivered() {
    // Regression (issue 9, defect 2): a yield used to hand its item over when it was created;
    // polled late inside `FuturesUnordered` it then returned `Pending` with nothing to hand
    // over and no wake, and the generator hung. It now hands its item over at its first poll,
    // and wakes the combinator's waker, which is not the generator's, to be polled again.
    use anext::generator::Co;
    use futures::stream::FuturesUnordered;
    let items = block_on(async {
        let mut g = std::pin::pin!(anext::Gen::new(async |mut co: Co<'_, u32>| {
            let mut set = FuturesUnordered::new();
            set.push(co.yield_(1));
            anext::yield_now().await;
            set.next().await;
            drop(set);
            co.yield_(2).await;
        }));
        let first = anext::AsyncIteratorExt::next(&mut g).await;
        anext::yield_now().await;
        let second = anext::AsyncIteratorExt::next(&mut g).await;
        let end = anext::AsyncIteratorExt::next(&mut g).await;
        [first, second, end]
    });
    assert_eq!(items, [Some(1), Some(2), None]);
}
