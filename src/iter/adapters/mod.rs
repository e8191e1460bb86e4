//! The async iterators returned by the adapter methods of
//! [`AsyncIteratorExt`](crate::AsyncIteratorExt), one file each.
