//! The generator macros work when the dependency on anext is renamed in `Cargo.toml`
//! (issue 9, item 7c): their expansion names the crate through `$crate`, never `::anext`.
//! This file uses only the name `renamed_anext`.

use renamed_anext::{AsyncIteratorExt, block_on};

#[test]
fn async_gen_works_through_a_renamed_dependency() {
    let squares = renamed_anext::async_gen! {
        for i in 1..=3u32 {
            yield i * i;
        }
    };
    assert_eq!(block_on(squares.collect::<Vec<_>>()), [1, 4, 9]);
}

#[test]
fn try_async_gen_with_question_mark_works_through_a_renamed_dependency() {
    let numbers = renamed_anext::try_async_gen! {
        for text in ["1", "x"] {
            let n: u8 = text.parse()?;
            yield n;
        }
    };
    let items = block_on(numbers.collect::<Vec<_>>());
    assert_eq!(items[0], Ok(1));
    assert!(items[1].is_err());
}

#[test]
fn the_older_names_work_through_a_renamed_dependency() {
    let one = renamed_anext::r#gen! { yield 1u8; };
    let two = renamed_anext::try_gen! { yield 2u8; Err(())?; };
    assert_eq!(block_on(one.collect::<Vec<_>>()), [1]);
    assert_eq!(block_on(two.collect::<Vec<_>>()), [Ok(2), Err(())]);
}
