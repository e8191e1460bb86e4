//! The tests themselves, in their own file: `async gen` is rejected by the parser of a
//! stable or cfg-less build even inside a `#[cfg]`-ed out item, but a module file that is
//! cfg-ed out is never read.

use crate::common::{Trace, poll_logged};
use anext::exec::LocalExecutor;
use anext::nightly::{FromCore, IntoCore};
use anext::{AsyncIteratorExt, block_on};
use core::pin::pin;
use std::time::Duration;

#[test]
fn an_async_gen_block_runs_through_anext_adapters_and_consumers() {
    let pages = FromCore::new(async gen {
        for page in 0..5u32 {
            anext::time::yield_now().await;
            yield page;
        }
    });
    let got: Vec<u32> = block_on(pages.filter(|p| p % 2 == 0).map(|p| p * 10).collect());
    assert_eq!(got, [0, 20, 40]);
}

#[test]
fn an_async_gen_block_sleeps_on_the_virtual_clock_of_a_local_executor() {
    let ex = LocalExecutor::with_virtual_clock();
    let ticks = FromCore::new(async gen {
        for i in 0..3u32 {
            anext::time::sleep(Duration::from_secs(10)).await;
            yield i;
        }
    });
    assert_eq!(ex.run(ticks.collect::<Vec<_>>()), [0, 1, 2]);
    assert_eq!(ex.elapsed(), Duration::from_secs(30));
}

#[test]
fn an_anext_generator_is_a_core_async_iterator_and_back() {
    let g = anext::r#gen! {
        yield 1u8;
        yield 2;
    };
    // anext -> core -> anext: the round trip keeps items, order and the end.
    let round_trip = FromCore::new(IntoCore::new(g));
    assert_eq!(block_on(round_trip.collect::<Vec<_>>()), [1, 2]);
}

#[test]
fn the_bridge_adds_no_poll_and_no_wake_of_its_own() {
    let trace = Trace::new();
    let mut it = pin!(FromCore::new(async gen {
        yield 'a';
        anext::time::yield_now().await;
        yield 'b';
    }));
    for _ in 0..5 {
        let _ = poll_logged(it.as_mut(), &trace);
    }
    assert_eq!(
        trace.take(),
        [
            "poll -> Some('a')",
            "wake",
            "poll -> Pending",
            "poll -> Some('b')",
            "poll -> None",
            "poll -> None",
        ]
    );
}

#[test]
fn core_size_hint_passes_through_both_ways() {
    use core::async_iter::AsyncIterator as Core;
    let into = IntoCore::new(anext::iter([1, 2, 3]));
    assert_eq!(Core::size_hint(&into), (3, Some(3)));
    let back = FromCore::new(into);
    assert_eq!(anext::AsyncIterator::size_hint(&back), (3, Some(3)));
}
