//! `gen!` and `try_gen!`: the same semantics as the closure API, plus what the rewrite must
//! get right (nested closures, hygiene, `?`, inference). In edition 2024 the macro is
//! spelled `r#gen!`.

mod common;

use std::pin::pin;

use anext::{AsyncIterator, AsyncIteratorExt, block_on, r#gen, iter, try_gen};
use common::{DropLog, Trace, pending_once, poll_logged};

#[test]
fn gen_is_lazy_and_traces_like_the_closure_api() {
    let trace = Trace::new();
    let t = trace.clone();
    let generator = r#gen! {
        t.log("body starts");
        pending_once().await;
        yield 1;
        t.log("after yield");
    };
    trace.log("created");
    let mut generator = pin!(generator);
    for _ in 0..3 {
        let _ = poll_logged(generator.as_mut(), &trace);
    }
    assert_eq!(
        trace.take(),
        [
            "created",
            "body starts",
            "wake",
            "poll -> Pending",
            "poll -> Some(1)",
            "after yield",
            "poll -> None"
        ]
    );
}

#[test]
fn gen_body_value_is_the_return_value() {
    let mut generator = pin!(r#gen! {
        yield 'a';
        42
    });
    assert_eq!(block_on(generator.next()), Some('a'));
    assert_eq!(block_on(generator.next()), None);
    assert_eq!(generator.as_mut().take_return_value(), Some(42));
}

#[test]
fn gen_yield_in_every_expression_position() {
    let generator = r#gen! {
        let values = [1, 2];
        for v in values {
            yield v;
        }
        match values.len() {
            0 => {}
            2 => yield 3,
            _ => yield 0,
        }
        if values[0] == 1 { yield 4 } else { yield 0 }
        let unit: () = yield 5;
        let () = unit;
        yield std::collections::HashMap::<u8, u8>::new().len() + 6;
        let add = |a: usize, b: usize| a + b;
        yield add(3, 4);
    };
    assert_eq!(
        block_on(generator.collect::<Vec<_>>()),
        [1, 2, 3, 4, 5, 6, 7]
    );
}

#[test]
fn gen_yield_from_delegates_to_an_inner_iterator() {
    let inner = r#gen! {
        yield 2;
        yield 3;
    };
    let generator = r#gen! {
        yield 1;
        yield from inner;
        yield from iter([4, 5]);
    };
    assert_eq!(block_on(generator.collect::<Vec<_>>()), [1, 2, 3, 4, 5]);
}

#[test]
fn gen_nested_in_gen_yields_to_its_own_generator() {
    let outer = r#gen! {
        let inner = r#gen! {
            yield 10;
            yield 20;
        };
        let sum: i32 = inner.fold(0, |a, b| a + b).await;
        yield sum;
    };
    assert_eq!(block_on(outer.collect::<Vec<_>>()), [30]);
}

#[test]
fn gen_handle_name_is_hygienic() {
    // A user variable with the handle's internal name does not clash with it.
    #[allow(non_snake_case)]
    let __co = 5;
    let generator = r#gen! {
        let __v = __co;
        yield __v;
        yield __co + 1;
    };
    assert_eq!(block_on(generator.collect::<Vec<_>>()), [5, 6]);
}

#[test]
fn gen_drop_while_suspended_drops_locals_once() {
    let trace = Trace::new();
    let t = trace.clone();
    {
        let mut generator = pin!(r#gen! {
            let _guard = DropLog("guard", t.clone());
            yield 1;
            yield 2;
        });
        let _ = poll_logged(generator.as_mut(), &trace);
    }
    assert_eq!(trace.take(), ["poll -> Some(1)", "drop guard"]);
}

#[test]
fn gen_closures_and_async_blocks_inside_the_body_keep_their_meaning() {
    let generator = r#gen! {
        let parse = |s: &str| -> Result<u32, std::num::ParseIntError> { Ok(s.parse::<u32>()? + 1) };
        let doubled = async { 2 * 21 }.await;
        let either = doubled == 42 || doubled == 0;
        yield parse("1").unwrap();
        yield doubled;
        yield u32::from(either | false);
    };
    assert_eq!(block_on(generator.collect::<Vec<_>>()), [2, 42, 1]);
}

#[test]
fn try_gen_question_mark_on_err_yields_the_err_then_ends() {
    // transitions [5] then [12]
    let trace = Trace::new();
    let t = trace.clone();
    let mut generator = pin!(try_gen! {
        let _guard = DropLog("guard", t.clone());
        for text in ["1", "x", "3"] {
            let n: u8 = text.parse()?;
            yield n;
        }
        t.log("never reached");
    });
    for _ in 0..4 {
        let _ = poll_logged(generator.as_mut(), &trace);
    }
    assert_eq!(
        trace.take(),
        [
            "poll -> Some(Ok(1))",
            "poll -> Some(Err(ParseIntError { kind: InvalidDigit }))",
            "drop guard",
            "poll -> None",
            "poll -> None"
        ]
    );
}

#[test]
fn try_gen_infers_item_and_error_types_without_annotations() {
    // The async-stream #33 case: the error type comes from the `?` alone.
    fn read(ok: bool) -> Result<u16, std::fmt::Error> {
        if ok { Ok(7) } else { Err(std::fmt::Error) }
    }
    let generator = try_gen! {
        yield read(true)?;
        yield read(false)?;
    };
    let items = block_on(generator.collect::<Vec<_>>());
    assert_eq!(items, [Ok(7), Err(std::fmt::Error)]);
}

#[test]
fn try_gen_without_errors_yields_ok_items_and_returns() {
    let mut generator = pin!(try_gen! {
        let n: i32 = "5".parse()?;
        yield n;
        yield n + 1;
        "done"
    });
    let mut items = Vec::new();
    while let Some(item) = block_on(generator.next()) {
        items.push(item);
    }
    assert_eq!(items, [Ok(5), Ok(6)]);
    assert_eq!(generator.as_mut().take_return_value(), Some("done"));
}

#[test]
fn try_gen_question_mark_inside_a_nested_closure_keeps_its_meaning() {
    let generator = try_gen! {
        let parse_all = |texts: &[&str]| -> Result<Vec<u8>, std::num::ParseIntError> {
            texts.iter().map(|t| t.parse::<u8>()).collect()
        };
        let parse_one = |t: &str| -> Result<u8, std::num::ParseIntError> { Ok(t.trim().parse::<u8>()?.saturating_add(0)) };
        for n in parse_all(&["1", "2"])? {
            yield n;
        }
        yield parse_one("3")?;
    };
    assert_eq!(
        block_on(generator.collect::<Vec<_>>()),
        [Ok(1), Ok(2), Ok(3)]
    );
}

#[test]
fn generators_from_the_macros_are_fused() {
    let mut generator = pin!(r#gen! { yield 1; });
    assert_eq!(block_on(generator.next()), Some(1));
    for _ in 0..3 {
        assert_eq!(block_on(generator.next()), None);
    }
    assert_eq!(generator.size_hint(), (0, Some(0)));
}

#[test]
fn gen_rewrite_handles_labels_or_patterns_and_binary_or() {
    let generator = r#gen! {
        'outer: for i in 0..10u32 {
            match i {
                1 | 2 => yield i,
                5 => break 'outer,
                _ => {}
            }
            let flag = i == 3 || i == 4;
            let bits = i | 8;
            if flag {
                yield bits;
            }
        }
        let add_one = move |x: u32| x | 1;
        yield add_one(4);
    };
    assert_eq!(block_on(generator.collect::<Vec<_>>()), [1, 2, 11, 12, 5]);
}

#[derive(Clone, Copy)]
enum Shape {
    Circle,
    Square,
    Line,
}

#[test]
fn gen_match_arm_with_a_leading_pipe_is_a_pattern_and_closures_still_are_closures() {
    // Regression (issue 9, defect 6): `| A | B =>` at the start of an arm was taken for a
    // closure, and the `yield` in the arm was reported as "yield inside a closure".
    let generator = r#gen! {
        for shape in [Shape::Circle, Shape::Square, Shape::Line] {
            match shape {
                | Shape::Circle | Shape::Square => { yield 1 }
                | Shape::Line => yield 2,
            }
            let double = |x: u32| x * 2;
            let pick = match shape {
                Shape::Line => |x: u32| x + 100,
                | Shape::Circle | Shape::Square => |x: u32| x,
            };
            yield pick(double(3));
        }
    };
    assert_eq!(
        block_on(generator.collect::<Vec<_>>()),
        [1, 6, 1, 6, 2, 106]
    );
}

#[test]
fn gen_return_statement_sets_the_return_value() {
    let mut generator = pin!(r#gen! {
        for i in 0..10 {
            if i == 2 {
                return i * 100;
            }
            yield i;
        }
        0
    });
    let mut items = Vec::new();
    while let Some(item) = block_on(generator.next()) {
        items.push(item);
    }
    assert_eq!(items, [0, 1]);
    assert_eq!(generator.as_mut().take_return_value(), Some(200));
}

#[test]
fn gen_yields_struct_literals_tuples_and_closures() {
    #[derive(Debug, PartialEq)]
    struct Point {
        x: i32,
        y: i32,
    }
    let points = r#gen! {
        yield Point { x: 1, y: 2 };
        let make = |x| Point { x, y: 0 };
        yield make(3);
    };
    assert_eq!(
        block_on(points.collect::<Vec<_>>()),
        [Point { x: 1, y: 2 }, Point { x: 3, y: 0 }]
    );
    let pairs = r#gen! {
        yield (1, "one");
        yield (2, "two");
    };
    assert_eq!(
        block_on(pairs.collect::<Vec<_>>()),
        [(1, "one"), (2, "two")]
    );
}

#[test]
fn try_gen_question_mark_after_await_and_inside_yield() {
    async fn fetch(n: u8) -> Result<u8, String> {
        if n < 2 {
            Ok(n * 10)
        } else {
            Err(format!("no page {n}"))
        }
    }
    let pages = try_gen! {
        for n in 0.. {
            yield fetch(n).await?;
        }
    };
    assert_eq!(
        block_on(pages.collect::<Vec<_>>()),
        [Ok(0), Ok(10), Err(String::from("no page 2"))]
    );
}

#[test]
fn try_gen_question_mark_inside_a_nested_fn_keeps_its_meaning() {
    let generator = try_gen! {
        fn double(text: &str) -> Result<u8, std::num::ParseIntError> {
            let n: u8 = text.parse()?;
            Ok(n * 2)
        }
        yield double("4")?;
        yield double("x")?;
    };
    let items = block_on(generator.collect::<Vec<_>>());
    assert_eq!(items[0], Ok(8));
    assert!(items[1].is_err());
    assert_eq!(items.len(), 2);
}

#[test]
fn try_gen_yield_from_delegates_result_items() {
    let inner = try_gen! {
        yield 1;
        Err("inner failed")?;
    };
    let outer = try_gen! {
        yield 0;
        yield from inner;
        yield 2;
    };
    assert_eq!(
        block_on(outer.collect::<Vec<Result<i32, &str>>>()),
        [Ok(0), Ok(1), Err("inner failed"), Ok(2)]
    );
}

#[test]
fn try_gen_err_question_mark_diverges_like_plain_rust() {
    let generator = try_gen! {
        for n in 0..5u8 {
            let checked: u8 = if n < 2 { n } else { Err(format!("{n} is too big"))? };
            yield checked;
        }
    };
    assert_eq!(
        block_on(generator.collect::<Vec<_>>()),
        [Ok(0), Ok(1), Err(String::from("2 is too big"))]
    );
}

#[test]
fn a_generator_that_never_yields_needs_no_annotation() {
    // Its item type is `()`, as for async-stream's `stream! {}`.
    let empty = anext::async_gen! {};
    assert_eq!(block_on(empty.count()), 0);
    let returns = anext::async_gen! {
        let setup = 1 + 1;
        return setup;
    };
    let items: Vec<()> = block_on(returns.collect());
    assert!(items.is_empty());
    let fallible = anext::try_async_gen! {
        let _n: u8 = "7".parse()?;
    };
    assert_eq!(block_on(fallible.count()), 0);
}
