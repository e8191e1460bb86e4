//! A minimal executor: a run queue, a waker that puts its task back in the queue, and a loop
//! that polls whatever is queued. `docs/executor.md` walks through it and then shows how
//! `anext::exec::LocalExecutor` grows from it. Run it with `cargo run --example mini_executor`.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::task::{Context, Wake, Waker};

use anext::AsyncIteratorExt;

/// The run queue: tasks ready to be polled, and a condition variable to sleep on when empty.
#[derive(Default)]
struct Queue {
    ready: Mutex<VecDeque<Arc<Task>>>,
    woken: Condvar,
}

/// A spawned future, boxed and pinned once, and a flag that keeps it in the queue at most once.
struct Task {
    id: usize,
    future: Mutex<Option<Pin<Box<dyn Future<Output = ()> + Send>>>>,
    queued: AtomicBool,
    queue: Arc<Queue>,
}

/// Waking a task = putting it back in the queue (unless it is there already).
impl Wake for Task {
    fn wake(self: Arc<Self>) {
        let already = self.queued.swap(true, Ordering::AcqRel);
        let note = if already { " (already queued)" } else { "" };
        println!("    wake task {}{note}", self.id);
        if !already {
            let queue = Arc::clone(&self.queue);
            queue.ready.lock().unwrap().push_back(self);
            queue.woken.notify_one();
        }
    }
}

#[derive(Default)]
struct MiniExecutor {
    queue: Arc<Queue>,
    tasks: usize,
}

impl MiniExecutor {
    fn spawn(&mut self, future: impl Future<Output = ()> + Send + 'static) {
        self.tasks += 1;
        let task = Task {
            id: self.tasks,
            future: Mutex::new(Some(Box::pin(future))),
            queued: AtomicBool::new(false),
            queue: Arc::clone(&self.queue),
        };
        Waker::from(Arc::new(task)).wake(); // a new task is ready to run
    }

    /// Polls queued tasks until every task has completed.
    fn run(&self) {
        let mut live = self.tasks;
        while live > 0 {
            let mut ready = self.queue.ready.lock().unwrap();
            while ready.is_empty() {
                ready = self.queue.woken.wait(ready).unwrap(); // park until a wake
            }
            let task = ready.pop_front().unwrap();
            drop(ready); // the poll may wake tasks, which locks the queue
            task.queued.store(false, Ordering::Release); // wakes from now on queue it again
            let waker = Waker::from(Arc::clone(&task));
            let mut future = task.future.lock().unwrap();
            let Some(running) = future.as_mut() else {
                continue; // woken after it completed
            };
            println!("poll task {}", task.id);
            if running
                .as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_ready()
            {
                println!("  task {} completed", task.id);
                *future = None; // drop the future now, not when the last waker goes
                live -= 1;
            } else {
                println!("  task {} pending", task.id);
            }
        }
    }
}

fn main() {
    let mut executor = MiniExecutor::default();
    let (tx, rx) = anext::sync::channel::<u32>(1);
    executor.spawn(async move {
        for n in 1..=2 {
            println!("  producer: sending {n}");
            tx.send(n).await.unwrap();
        }
        println!("  producer: done, the channel closes");
    });
    executor.spawn(async move {
        let mut rx = core::pin::pin!(rx);
        while let Some(n) = rx.next().await {
            println!("  consumer: got {n}");
            anext::yield_now().await; // a self-wake: back of the queue
        }
        println!("  consumer: the channel is closed");
    });
    executor.run();
}
