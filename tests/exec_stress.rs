//! Seeded stress test of the executor: random mixes of spawns, cross-thread wakes, virtual
//! timers, aborts and detaches, checked against a model of what must happen:
//!
//! - every task either completes exactly once (its body ran to the end once, its handle gives
//!   the expected output) or is cancelled (its body never finished, its handle gives
//!   `Cancelled`); a task is cancelled exactly when it was aborted before it finished;
//! - every spawned future is dropped exactly once, by the time the executor is dropped.
//!
//! A failure names its seed; `ANEXT_STRESS_SEED=<seed> cargo test -p anext --test exec_stress`
//! replays that one seed alone.

mod common;

use anext::exec::{JoinError, JoinHandle, LocalExecutor};
use common::Rng;
use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

const SEEDS: u64 = if cfg!(miri) { 2 } else { 64 };
const OPS: usize = if cfg!(miri) { 12 } else { 200 };

/// What a task's body does between its start and its output.
#[derive(Clone, Copy, Debug)]
enum Step {
    Yield,
    Sleep(u64),
    /// Wait for the waker thread to set a flag and wake this task (once or twice).
    Remote,
}

/// A request to the waker thread: set the flag, then wake `wakes` times.
type Request = (Arc<AtomicBool>, Waker, usize);

/// Ready once the waker thread has set its flag; the first poll sends the request.
struct RemoteGate {
    flag: Arc<AtomicBool>,
    wakes: usize,
    requests: Option<mpsc::Sender<Request>>,
}

impl Future for RemoteGate {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if let Some(requests) = self.requests.take() {
            let request = (self.flag.clone(), cx.waker().clone(), self.wakes);
            requests.send(request).unwrap();
        }
        if self.flag.load(Ordering::Acquire) {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    }
}

/// Counts the drops of one task's future.
struct DropCounter {
    drops: Arc<Vec<AtomicUsize>>,
    id: usize,
}

impl Drop for DropCounter {
    fn drop(&mut self) {
        self.drops[self.id].fetch_add(1, Ordering::SeqCst);
    }
}

fn expected_output(id: usize) -> u64 {
    id as u64 * 7 + 1
}

/// One run of the stress test; panics (with a plain message) if the model is broken.
fn run(seed: u64) {
    let mut rng = Rng::new(seed);
    let ex = LocalExecutor::builder().virtual_clock().seed(seed).build();
    let drops: Arc<Vec<AtomicUsize>> = Arc::new((0..OPS).map(|_| AtomicUsize::new(0)).collect());
    let finished: Arc<Vec<AtomicUsize>> = Arc::new((0..OPS).map(|_| AtomicUsize::new(0)).collect());

    let (requests, incoming) = mpsc::channel::<Request>();
    let waker_thread = thread::spawn(move || {
        for (flag, waker, wakes) in incoming {
            flag.store(true, Ordering::Release);
            for _ in 0..wakes {
                waker.wake_by_ref();
            }
        }
    });

    // (id, handle, aborted while unfinished)
    let mut kept: Vec<(usize, JoinHandle<u64>, bool)> = Vec::new();
    let mut spawned = 0;
    for _ in 0..OPS {
        match rng.below(10) {
            0..=4 => {
                let id = spawned;
                spawned += 1;
                let steps: Vec<Step> = (0..rng.below(4))
                    .map(|_| match rng.below(3) {
                        0 => Step::Yield,
                        1 => Step::Sleep(rng.below(50)),
                        _ => Step::Remote,
                    })
                    .collect();
                let wakes = 1 + rng.below(2) as usize;
                let guard = DropCounter {
                    drops: drops.clone(),
                    id,
                };
                let finished = finished.clone();
                let requests = requests.clone();
                let handle = ex.spawn(async move {
                    let _guard = guard;
                    for step in steps {
                        match step {
                            Step::Yield => anext::yield_now().await,
                            Step::Sleep(ms) => anext::time::sleep(Duration::from_millis(ms)).await,
                            Step::Remote => {
                                RemoteGate {
                                    flag: Arc::new(AtomicBool::new(false)),
                                    wakes,
                                    requests: Some(requests.clone()),
                                }
                                .await
                            }
                        }
                    }
                    finished[id].fetch_add(1, Ordering::SeqCst);
                    expected_output(id)
                });
                kept.push((id, handle, false));
            }
            5 if !kept.is_empty() => {
                let pick = rng.below(kept.len() as u64) as usize;
                // Between ticks nothing is being polled: an abort of an unfinished task means
                // it is never polled again, so it must end cancelled.
                kept[pick].2 |= !kept[pick].1.is_finished();
                kept[pick].1.abort();
            }
            6 if !kept.is_empty() => {
                let pick = rng.below(kept.len() as u64) as usize;
                kept.swap_remove(pick).1.detach();
            }
            7 => {
                ex.step();
            }
            _ => {
                ex.run_until_stalled();
            }
        }
    }
    drop(requests);

    // Await every kept handle (this also runs the detached tasks that are still live).
    let results: Vec<(usize, bool, Result<u64, JoinError>)> = ex.run(async move {
        let mut results = Vec::new();
        for (id, handle, aborted) in kept {
            results.push((id, aborted, handle.await));
        }
        results
    });
    for (id, aborted, result) in results {
        let ran = finished[id].load(Ordering::SeqCst);
        match result {
            Ok(output) => {
                assert!(
                    !aborted,
                    "task {id}: aborted while unfinished, yet it completed"
                );
                assert_eq!(output, expected_output(id), "task {id}: wrong output");
                assert_eq!(
                    ran, 1,
                    "task {id}: completed, but its body finished {ran} times"
                );
            }
            Err(JoinError::Cancelled) => {
                assert!(aborted, "task {id}: cancelled without an abort");
                assert_eq!(ran, 0, "task {id}: cancelled after its body finished");
            }
            Err(error) => panic!("task {id}: unexpected {error:?}"),
        }
        assert_eq!(
            drops[id].load(Ordering::SeqCst),
            1,
            "task {id}: awaited, so its future must be dropped exactly once already"
        );
    }
    drop(ex);
    waker_thread.join().unwrap();
    for (id, count) in drops.iter().enumerate().take(spawned) {
        let count = count.load(Ordering::SeqCst);
        assert_eq!(count, 1, "task {id}: future dropped {count} times");
        let ran = finished[id].load(Ordering::SeqCst);
        assert!(ran <= 1, "task {id}: body finished {ran} times");
    }
}

#[test]
fn random_spawns_wakes_timers_aborts_and_drops_match_the_model() {
    let seeds: Vec<u64> = match std::env::var("ANEXT_STRESS_SEED") {
        Ok(seed) => vec![seed.parse().expect("ANEXT_STRESS_SEED must be a number")],
        Err(_) => (0..SEEDS).collect(),
    };
    for seed in seeds {
        if let Err(payload) = catch_unwind(AssertUnwindSafe(|| run(seed))) {
            let message = common::payload_message(&*payload);
            panic!(
                "exec_stress failed for seed {seed}: {message}\nreplay it alone with: \
                 ANEXT_STRESS_SEED={seed} cargo test -p anext --test exec_stress"
            );
        }
    }
}
