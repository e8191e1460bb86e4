//! Channels between async code and threads: a bounded multi-producer [`channel`] with
//! backpressure, whose [`Receiver`] is an [`AsyncIterator`](crate::AsyncIterator), and a
//! single-value [`oneshot`] channel.
//!
//! Both are built on a lock around a small state, shared through one `Arc` (a
//! `std::sync::Mutex` for the oneshot, the executor's spin lock for the channel, whose hot
//! path it is): every handle is `Send + Sync` when the item is `Send`, so the ends may live
//! on different threads, in different tasks, or in plain `block_on` calls. No `unsafe` code
//! is involved here.

mod channel;
pub mod oneshot;

pub use channel::{Receiver, SendError, SendFuture, Sender, TryRecvError, TrySendError, channel};
