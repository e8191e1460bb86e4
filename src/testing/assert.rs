//! Assertion macros over a `Poll`, whose failure messages show what was returned instead.
//! Exported at the crate root (`anext::assert_pending!` ...), as `#[macro_export]` requires.

/// Asserts that a `Poll` is `Pending`; on `Ready(v)` the panic message shows `v` (`Debug`).
///
/// ```
/// let mut pending = anext::testing::probe(std::future::pending::<u8>());
/// anext::assert_pending!(pending.poll());
/// ```
///
/// ```should_panic
/// // panics with: "assert_pending!(ready.poll()): expected Pending, got Ready(3)"
/// let mut ready = anext::testing::probe(async { 3 });
/// anext::assert_pending!(ready.poll());
/// ```
#[macro_export]
macro_rules! assert_pending {
    ($poll:expr $(,)?) => {
        match $poll {
            ::core::task::Poll::Pending => {}
            ::core::task::Poll::Ready(value) => ::core::panic!(
                "assert_pending!({}): expected Pending, got Ready({:?})",
                ::core::stringify!($poll),
                value
            ),
        }
    };
}

/// Asserts that a `Poll` is `Ready` and evaluates to its value.
///
/// ```
/// let mut ready = anext::testing::probe(async { 3 });
/// let value = anext::assert_ready!(ready.poll());
/// assert_eq!(value, 3);
/// ```
#[macro_export]
macro_rules! assert_ready {
    ($poll:expr $(,)?) => {
        match $poll {
            ::core::task::Poll::Ready(value) => value,
            ::core::task::Poll::Pending => ::core::panic!(
                "assert_ready!({}): expected Ready, got Pending",
                ::core::stringify!($poll)
            ),
        }
    };
}

/// Asserts that a `Poll` is `Ready(expected)`; the message shows what it was instead.
///
/// ```
/// let mut ready = anext::testing::probe(async { 3 });
/// anext::assert_ready_eq!(ready.poll(), 3);
/// ```
///
/// ```should_panic
/// // panics with: "assert_ready_eq!(ready.poll(), 4): expected Ready(4), got Ready(3)"
/// let mut ready = anext::testing::probe(async { 3 });
/// anext::assert_ready_eq!(ready.poll(), 4);
/// ```
#[macro_export]
macro_rules! assert_ready_eq {
    ($poll:expr, $expected:expr $(,)?) => {
        match ($poll, $expected) {
            (::core::task::Poll::Ready(value), expected) => {
                if value != expected {
                    ::core::panic!(
                        "assert_ready_eq!({}, {}): expected Ready({:?}), got Ready({:?})",
                        ::core::stringify!($poll),
                        ::core::stringify!($expected),
                        expected,
                        value
                    );
                }
            }
            (::core::task::Poll::Pending, expected) => ::core::panic!(
                "assert_ready_eq!({}, {}): expected Ready({:?}), got Pending",
                ::core::stringify!($poll),
                ::core::stringify!($expected),
                expected
            ),
        }
    };
}

/// Asserts that a `Poll<Option<T>>` from `poll_next` is `Ready(Some(expected))`; the message
/// shows `Pending`, `Ready(None)` or the other item instead.
///
/// ```
/// let mut items = anext::testing::probe(anext::iter(["a"]));
/// anext::assert_next_eq!(items.poll_next(), "a");
/// ```
///
/// ```should_panic
/// // panics with: "assert_next_eq!(items.poll_next(), 2): expected Ready(Some(2)), got Ready(None)"
/// let mut items = anext::testing::probe(anext::iter(Vec::<u8>::new()));
/// anext::assert_next_eq!(items.poll_next(), 2);
/// ```
#[macro_export]
macro_rules! assert_next_eq {
    ($poll:expr, $expected:expr $(,)?) => {
        match ($poll, $expected) {
            (::core::task::Poll::Ready(::core::option::Option::Some(item)), expected) => {
                if item != expected {
                    ::core::panic!(
                        "assert_next_eq!({}, {}): expected Ready(Some({:?})), got \
                         Ready(Some({:?}))",
                        ::core::stringify!($poll),
                        ::core::stringify!($expected),
                        expected,
                        item
                    );
                }
            }
            (other, expected) => ::core::panic!(
                "assert_next_eq!({}, {}): expected Ready(Some({:?})), got {:?}",
                ::core::stringify!($poll),
                ::core::stringify!($expected),
                expected,
                other
            ),
        }
    };
}

/// Asserts that a `Poll<Option<T>>` from `poll_next` is `Ready(None)`: the iterator is done.
///
/// ```
/// let mut items = anext::testing::probe(anext::empty::<u8>());
/// anext::assert_done!(items.poll_next());
/// ```
///
/// ```should_panic
/// // panics with: "assert_done!(items.poll_next()): expected Ready(None), got Ready(Some(1))"
/// let mut items = anext::testing::probe(anext::iter([1]));
/// anext::assert_done!(items.poll_next());
/// ```
#[macro_export]
macro_rules! assert_done {
    ($poll:expr $(,)?) => {
        match $poll {
            ::core::task::Poll::Ready(::core::option::Option::None) => {}
            other => ::core::panic!(
                "assert_done!({}): expected Ready(None), got {:?}",
                ::core::stringify!($poll),
                other
            ),
        }
    };
}
