//! The seed's `event_feed.py`: a hand-written async iterator class (`__aiter__` /
//! `__anext__`), here a struct implementing `AsyncIterator::poll_next` by hand, next to its
//! `gen!` twin.
//!
//! ```python
//! class EventFeed:
//!     async def __anext__(self) -> Event:
//!         if self.current >= self.stop:
//!             raise StopAsyncIteration
//!         await asyncio.sleep(0)
//!         self.current += 1
//!         return Event(self.current)
//! ```
//!
//! Run with `cargo run --example event_feed`; it prints what CPython prints.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use anext::{AsyncIterator, AsyncIteratorExt, async_gen, block_on};

/// `@dataclass(frozen=True) class Event: sequence: int`
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Event {
    pub sequence: u32,
}

/// Python's `repr`: `Event(sequence=1)`.
impl fmt::Debug for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Event(sequence={})", self.sequence)
    }
}

/// The class, by hand. `__anext__` is a coroutine that may suspend at `asyncio.sleep(0)`;
/// `poll_next` has to remember that it is suspended there, which is what `slept` is for.
pub struct EventFeed {
    current: u32,
    stop: u32,
    /// `true` between the `Pending` of `asyncio.sleep(0)` and the poll that resumes after it.
    slept: bool,
}

impl EventFeed {
    pub fn new(stop: u32) -> Self {
        EventFeed {
            current: 0,
            stop,
            slept: false,
        }
    }
}

impl AsyncIterator for EventFeed {
    type Item = Event;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Event>> {
        if self.current >= self.stop {
            return Poll::Ready(None); // raise StopAsyncIteration
        }
        if !self.slept {
            // await asyncio.sleep(0): give way once, asking to be polled again at once.
            self.slept = true;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        self.slept = false;
        self.current += 1;
        Poll::Ready(Some(Event {
            sequence: self.current,
        }))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.stop.saturating_sub(self.current) as usize;
        (left, Some(left))
    }
}

/// The same feed as a generator: the state the struct keeps by hand (`current`, `slept`)
/// becomes local variables and the position in the code.
pub fn event_feed(stop: u32) -> impl AsyncIterator<Item = Event> {
    async_gen! {
        let mut current = 0;
        while current < stop {
            anext::yield_now().await; // asyncio.sleep(0)
            current += 1;
            yield Event { sequence: current };
        }
    }
}

/// `print([event async for event in EventFeed(3)])`, into a string; checks that the
/// generator twin yields the same events.
pub fn output() -> String {
    let by_hand: Vec<Event> = block_on(EventFeed::new(3).collect());
    let generated: Vec<Event> = block_on(event_feed(3).collect());
    assert_eq!(by_hand, generated, "the gen! twin yields the same events");
    format!("{by_hand:?}\n")
}

fn main() {
    print!("{}", output());
}
