//! A sleep polled with a foreign waker (not this executor's) never clones or drops that
//! waker under the timer lock: found by the unsafe-code review, where the replaced waker was
//! dropped under the lock and its destructor, dropping another sleep, spun on the same lock.

use anext::exec::LocalExecutor;
use anext::time::{Sleep, sleep};
use std::future::{Future, poll_fn};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

/// A foreign waker that owns a sleep: dropping the waker drops the sleep.
struct DropsASleep {
    _sleep: Mutex<Option<Pin<Box<Sleep>>>>,
}
impl Wake for DropsASleep {
    fn wake(self: Arc<Self>) {}
}

#[test]
fn replacing_a_foreign_waker_whose_drop_drops_another_sleep_does_not_deadlock() {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let ex = LocalExecutor::new();
        ex.run(async {
            let mut s1 = Box::pin(sleep(Duration::from_secs(3600)));
            let mut s2 = Box::pin(sleep(Duration::from_secs(3600)));
            poll_fn(|cx| {
                // Arm both with the task's waker.
                assert!(s1.as_mut().poll(cx).is_pending());
                assert!(s2.as_mut().poll(cx).is_pending());
                Poll::Ready(())
            })
            .await;
            let foreign = Arc::new(DropsASleep {
                _sleep: Mutex::new(Some(s2)),
            });
            {
                let w = Waker::from(Arc::clone(&foreign));
                let mut fcx = Context::from_waker(&w);
                // s1 now stores a clone of the foreign waker.
                assert!(s1.as_mut().poll(&mut fcx).is_pending());
            }
            drop(foreign); // the timer slot holds the last reference
            poll_fn(|cx| {
                // Replacing the foreign waker drops it under the timer lock; its drop drops
                // s2, whose Drop takes the timer lock again.
                assert!(s1.as_mut().poll(cx).is_pending());
                Poll::Ready(())
            })
            .await;
        });
        tx.send(()).unwrap();
    });
    rx.recv_timeout(Duration::from_secs(10))
        .expect("deadlock: the executor thread spins on the timer lock forever");
}
