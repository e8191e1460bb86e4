//! A `!Unpin` stream pinned with `pin_utils::pin_mut!` (the design card's crate, superseded by
//! `core::pin::pin!`) works with every method of `AsyncIteratorExt`: the pinned reference
//! `Pin<&mut S>` is itself an `Unpin` async iterator, so borrowing methods take it by `&mut`
//! and consuming ones take `it.as_mut()`.

use anext::{AsyncIteratorExt, Gen, block_on};
use core::future::ready;

/// A generator (never `Unpin`) yielding 1, 2, 3, 4.
fn numbers() -> impl anext::AsyncIterator<Item = i32> {
    Gen::new(async |mut co| {
        for i in 1..=4 {
            co.yield_(i).await;
        }
    })
}

#[test]
fn borrowing_methods_work_on_a_pin_mut_stream() {
    let it = numbers(); // `!Unpin` (proved in gen_static.rs), so it must be pinned
    pin_utils::pin_mut!(it);
    assert_eq!(block_on(it.next()), Some(1));
    assert_eq!(block_on(it.nth(1)), Some(3));
    assert_eq!(block_on(it.next_or(0)), 4);
    assert_eq!(block_on(it.next_or(0)), 0);
}

#[test]
fn consuming_methods_work_on_a_pin_mut_stream() {
    macro_rules! check {
        ($expected:expr, |$it:ident| $use:expr) => {{
            let $it = numbers();
            pin_utils::pin_mut!($it);
            assert_eq!(block_on($use), $expected, "{}", stringify!($use));
        }};
    }
    check!(vec![1, 2, 3, 4], |it| it.as_mut().collect::<Vec<_>>());
    check!(10, |it| it.as_mut().fold(0, |a, x| a + x));
    check!(Ok::<i32, ()>(10), |it| it
        .as_mut()
        .try_fold(0, |a, x| Ok(a + x)));
    check!(4, |it| it.as_mut().count());
    check!(Some(4), |it| it.as_mut().last());
    check!(true, |it| it.as_mut().any(|x| x == 2));
    check!(false, |it| it.as_mut().all(|x| x < 2));
    check!(Ok::<(), i32>(()), |it| it.as_mut().try_for_each(|_| Ok(())));
    check!((), |it| it.as_mut().for_each(drop));
    check!(Ok::<Vec<i32>, ()>(vec![1, 2, 3, 4]), |it| it
        .as_mut()
        .map(Ok::<i32, ()>)
        .try_collect::<i32, (), Vec<i32>>());
    check!((), |it| it.as_mut().for_each_concurrent(2, |_| ready(())));
}

#[test]
fn adapters_work_on_a_pin_mut_stream() {
    macro_rules! check {
        ($expected:expr, |$it:ident| $adapted:expr) => {{
            let $it = numbers();
            pin_utils::pin_mut!($it);
            let got: Vec<_> = block_on($adapted.collect());
            assert_eq!(got, $expected, "{}", stringify!($adapted));
        }};
    }
    check!(vec![2, 4, 6, 8], |it| it.as_mut().map(|x| x * 2));
    check!(vec![2, 3, 4, 5], |it| it.as_mut().then(|x| ready(x + 1)));
    check!(vec![2, 4], |it| it.as_mut().filter(|x| x % 2 == 0));
    check!(vec![2, 4], |it| it
        .as_mut()
        .filter_async(|x| ready(x % 2 == 0)));
    check!(vec![20, 40], |it| it
        .as_mut()
        .filter_map(|x| (x % 2 == 0).then_some(x * 10)));
    check!(vec![20, 40], |it| it
        .as_mut()
        .filter_map_async(|x| ready((x % 2 == 0).then_some(x * 10))));
    check!(vec![1, 2], |it| it.as_mut().take(2));
    check!(vec![3, 4], |it| it.as_mut().skip(2));
    check!(vec![1, 2], |it| it.as_mut().take_while(|x| *x < 3));
    check!(vec![3, 4], |it| it.as_mut().skip_while(|x| *x < 3));
    check!(vec![10, 20], |it| it
        .as_mut()
        .map_while(|x| (x < 3).then_some(x * 10)));
    check!(vec![1, 3], |it| it.as_mut().step_by(2));
    check!(vec![(0, 1), (1, 2), (2, 3), (3, 4)], |it| it
        .as_mut()
        .enumerate());
    check!(vec![1, 2, 3, 4, 5], |it| it.as_mut().chain(anext::once(5)));
    check!(vec![(1, 'a'), (2, 'b')], |it| it
        .as_mut()
        .zip(anext::iter(['a', 'b'])));
    check!(vec![1, 1, 2, 2, 3, 3, 4, 4], |it| it
        .as_mut()
        .flat_map(|x| anext::iter([x, x])));
    check!(vec![1, 2, 3, 4], |it| it
        .as_mut()
        .map(anext::once)
        .flatten());
    check!(vec![1, 2, 3, 4], |it| it.as_mut().fuse());
    check!(vec![1, 2, 3, 4], |it| it.as_mut().peekable());
    check!(vec![vec![1, 2], vec![3, 4]], |it| it.as_mut().chunks(2));
    check!(vec![vec![1, 2, 3, 4]], |it| it.as_mut().ready_chunks(8));
    check!(vec![1, 2, 3, 4], |it| it.as_mut().inspect(|_| {}));
    check!(vec![1, 3, 6, 10], |it| it.as_mut().scan(0, |acc, x| {
        *acc += x;
        Some(*acc)
    }));
    check!(vec![1, 2, 3, 4], |it| it.as_mut().merge(anext::empty()));
    check!(vec![1, 2, 3, 4], |it| it.as_mut().boxed());
    check!(vec![1, 2, 3, 4], |it| it.as_mut().boxed_local());
    check!(vec![1, 2, 3, 4], |it| it.as_mut().map(ready).buffered(2));
    check!(vec![1, 2, 3, 4], |it| it
        .as_mut()
        .map(ready)
        .buffer_unordered(1));
}

#[test]
fn a_generator_like_source_pinned_with_pin_utils_works_with_next() {
    let it = anext::unfold(0, |n| async move { (n < 2).then_some((n, n + 1)) });
    pin_utils::pin_mut!(it);
    assert_eq!(anext::block_on(it.next()), Some(0));
    assert_eq!(anext::block_on(it.as_mut().nth(0)), Some(1));
    assert_eq!(anext::block_on(it.next()), None);
}
