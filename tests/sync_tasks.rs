//! The bounded channel between tasks of a `LocalExecutor`: backpressure suspends the
//! producer task, the receiver ends when every sender's task is done, an aborted sender
//! task neither loses nor duplicates items, and a slow consumer on the virtual clock bounds
//! the buffered items by the capacity.

use anext::AsyncIteratorExt;
use anext::exec::LocalExecutor;
use anext::sync::channel;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

type Trace = Rc<RefCell<Vec<String>>>;

fn log(trace: &Trace, line: String) {
    trace.borrow_mut().push(line);
}

/// A producer task sending `0..items` and a consumer task receiving them, spawned in that
/// order on a FIFO executor; returns the trace: "send i" once a send completed, "recv i"
/// once an item arrived, and the end of each side.
async fn producer_consumer_trace(ex: &LocalExecutor, capacity: usize, items: u32) -> Vec<String> {
    let trace = Trace::default();
    let (tx, mut rx) = channel(capacity);
    let producer = ex.spawn_local({
        let trace = trace.clone();
        async move {
            for i in 0..items {
                tx.send(i).await.unwrap();
                log(&trace, format!("send {i}"));
            }
            log(&trace, "producer done".into());
        } // `tx` dropped: the receiver ends once drained
    });
    let consumer = ex.spawn_local({
        let trace = trace.clone();
        async move {
            while let Some(i) = rx.next().await {
                log(&trace, format!("recv {i}"));
            }
            log(&trace, "receiver ended".into());
        }
    });
    producer.await.unwrap();
    consumer.await.unwrap();
    trace.take()
}

#[anext::test]
async fn capacity_one_producer_waits_for_each_receive(ex: &LocalExecutor) {
    // The producer is suspended in `send i + 1` until the consumer took item i.
    assert_eq!(
        producer_consumer_trace(ex, 1, 4).await,
        [
            "send 0",
            "recv 0",
            "send 1",
            "recv 1",
            "send 2",
            "recv 2",
            "send 3",
            "producer done",
            "recv 3",
            "receiver ended",
        ]
    );
}

#[anext::test]
async fn capacity_two_producer_runs_two_items_ahead(ex: &LocalExecutor) {
    // Two sends complete at once; the third suspends the producer until the consumer has
    // drained what is buffered.
    assert_eq!(
        producer_consumer_trace(ex, 2, 5).await,
        [
            "send 0",
            "send 1",
            "recv 0",
            "recv 1",
            "send 2",
            "send 3",
            "recv 2",
            "recv 3",
            "send 4",
            "producer done",
            "recv 4",
            "receiver ended",
        ]
    );
}

#[anext::test]
async fn receiver_ends_when_every_sender_task_has_finished(ex: &LocalExecutor) {
    let (tx, rx) = channel(2);
    let per_task: u32 = if cfg!(miri) { 5 } else { 100 };
    for task in 0..3 {
        let tx = tx.clone();
        ex.spawn_local(async move {
            for i in 0..per_task {
                tx.send(task * 1000 + i).await.unwrap();
                anext::yield_now().await;
            }
        })
        .detach();
    }
    drop(tx); // only the tasks' clones keep the channel open now
    let mut got: Vec<u32> = ex.spawn_local(rx.collect()).await.unwrap();
    got.sort_unstable();
    let expected: Vec<u32> = (0..3)
        .flat_map(|task| (0..per_task).map(move |i| task * 1000 + i))
        .collect();
    assert_eq!(got, expected);
    assert_eq!(ex.task_count(), 0, "every sender task had finished");
}

/// An item that records its drop, to prove each is dropped exactly once.
struct Item {
    id: u32,
    drops: Rc<RefCell<Vec<u32>>>,
}

impl Drop for Item {
    fn drop(&mut self) {
        self.drops.borrow_mut().push(self.id);
    }
}

#[test]
fn aborting_a_task_mid_send_loses_and_duplicates_nothing() {
    let ex = LocalExecutor::new();
    let drops = Rc::new(RefCell::new(Vec::new()));
    let sent = Rc::new(RefCell::new(Vec::new()));
    let (tx, mut rx) = channel::<Item>(1);
    // Two producers, ids 0.. and 100..; each records the ids whose send completed.
    let producers: Vec<_> = [0, 100]
        .into_iter()
        .map(|base| {
            let (tx, drops, sent) = (tx.clone(), drops.clone(), sent.clone());
            ex.spawn_local(async move {
                for id in base..base + 5 {
                    let item = Item {
                        id,
                        drops: drops.clone(),
                    };
                    tx.send(item).await.unwrap();
                    sent.borrow_mut().push(id);
                }
            })
        })
        .collect();
    drop(tx);
    ex.run_until_stalled();
    // The channel is full: producer 0 sent item 0 and waits with item 1; producer 100
    // waits with item 100.
    assert_eq!(*sent.borrow(), [0]);
    producers[0].abort();
    ex.run_until_stalled();
    assert!(producers[0].is_finished());
    assert_eq!(
        *drops.borrow(),
        [1],
        "the aborted send dropped its item, once"
    );
    // The other producer still gets every slot the consumer frees.
    let received: Vec<u32> = ex.run(async {
        let mut received = Vec::new();
        while let Some(item) = rx.next().await {
            received.push(item.id);
        }
        received
    });
    assert_eq!(
        received,
        *sent.borrow(),
        "every completed send arrives once, in order"
    );
    assert_eq!(received, [0, 100, 101, 102, 103, 104]);
    let mut dropped = drops.borrow().clone();
    dropped.sort_unstable();
    assert_eq!(
        dropped,
        [0, 1, 100, 101, 102, 103, 104],
        "each item dropped once"
    );
}

#[anext::test(virtual_time)]
async fn slow_consumer_never_lets_more_than_capacity_items_be_buffered(ex: &LocalExecutor) {
    const CAPACITY: usize = 3;
    let items: u32 = if cfg!(miri) { 10 } else { 200 };
    let (tx, mut rx) = channel(CAPACITY);
    let sent = Rc::new(Cell::new(0usize));
    let received = Rc::new(Cell::new(0usize));
    let most_in_channel = Rc::new(Cell::new(0usize));
    let producer = ex.spawn_local({
        let (sent, received, most) = (sent.clone(), received.clone(), most_in_channel.clone());
        async move {
            for i in 0..items {
                tx.send(i).await.unwrap();
                sent.set(sent.get() + 1);
                // Items sent and not yet taken by the consumer: all in the channel.
                most.set(most.get().max(sent.get() - received.get()));
            }
        }
    });
    let consumer = ex.spawn_local({
        let received = received.clone();
        async move {
            let mut got = Vec::new();
            while let Some(i) = rx.next().await {
                received.set(received.get() + 1);
                got.push(i);
                anext::time::sleep(Duration::from_millis(10)).await; // slow work
            }
            got
        }
    });
    producer.await.unwrap();
    let got = consumer.await.unwrap();
    assert_eq!(got, (0..items).collect::<Vec<_>>());
    assert_eq!(
        most_in_channel.get(),
        CAPACITY,
        "the fast producer filled the channel, and never more"
    );
}
