//! `async_gen!`/`gen!` and `try_async_gen!`/`try_gen!`: rewrite `yield` (and, in the `try_`
//! forms, `?`) into calls on a hidden yield handle, and wrap the body in
//! `$crate::Gen::new(async move |mut co| { ... })`.
//!
//! The input starts with the path of the `anext` crate: the `macro_rules!` wrappers in anext
//! pass `$crate`, so the expansion works whatever name the user's `Cargo.toml` gives anext.
//!
//! Written on `proc_macro` alone, so there is no expression parser: the rewrite walks token
//! trees and relies on a few facts of Rust's grammar.
//!
//! - `yield EXPR` ends at the first `;` or `,` at the same nesting level (a `,` inside a
//!   turbofish `::<A, B>` does not count), or at the end of the enclosing group.
//! - A closure starts with `|` (or `||`) where an expression starts: at the beginning of a
//!   group, after punctuation other than `?`, or after `move`, `return`, `break`, `in` or
//!   `yield`. Its body is the brace group after `-> Type`, or else runs to the next `;`/`,`.
//! - `async { }`, `async move { }`, `fn name ... { }`, `impl ... { }`, `trait name { }` and
//!   `mod name { }` open bodies of their own.
//!
//! In `try_gen!`, `expr?` becomes `expr.__anext_try(&mut co).await` (yield the error, stop),
//! and a bare `Err(e)?` becomes the diverging `match co.__anext_fail(e).await {}`.
//!
//! Inside those nested bodies `yield` is an error (it cannot suspend the generator) and `?`
//! keeps its ordinary meaning. Nested `gen!`/`try_gen!` and `macro_rules!` are left alone.
//!
//! User tokens keep their spans, so type errors point at user code; the tokens this macro
//! adds are located at the `yield` (or `?`) they replace and resolve at the mixed site, so
//! the handle's name cannot clash with, or be named by, user code.

use crate::tokens::{compile_error, fragment, is_ident, is_punct};
use proc_macro::{Delimiter, Group, Spacing, Span, TokenStream, TokenTree};

const NESTED_YIELD: &str = "`yield` inside a closure, async block or nested function cannot \
     suspend the enclosing `gen!`/`try_gen!`: only the generator's own body can yield. Move \
     the `yield` out of the nested body (for example, collect into a variable and yield after \
     it), or make the nested part a generator of its own and delegate to it with \
     `yield from inner;`.";

/// Expands `gen!` (`try_mode == false`) or `try_gen!` (`try_mode == true`). The first token
/// of `input` is the crate path (`$crate`), the rest the body.
pub(crate) fn expand(input: TokenStream, try_mode: bool) -> TokenStream {
    let mut tokens = input.into_iter();
    let Some(krate) = tokens.next() else {
        return compile_error(
            Span::call_site(),
            "anext's generator macros are called through `anext::async_gen!` and friends",
        );
    };
    let mut expander = Expander {
        try_mode,
        uses_try: false,
        yields: false,
        error: None,
    };
    let body = expander.transform(tokens.collect(), false);
    if let Some((span, message)) = expander.error {
        return compile_error(span, message);
    }
    let site = Span::mixed_site();
    let mut inner = TokenStream::new();
    if expander.uses_try {
        inner.extend(fragment("use", site));
        inner.extend([krate.clone()]);
        inner.extend(fragment("::generator::__private::TryYieldExt as _;", site));
    }
    if !expander.yields {
        // A body that never yields has item type `()` (`Result<(), E>` for the `try_` forms),
        // as async-stream's `stream! {}`: without a yield nothing would fix the type, and
        // every use would need an annotation that cannot name the body's type.
        let unit = if try_mode {
            "::core::result::Result::Ok(())"
        } else {
            "()"
        };
        inner.extend(fragment(
            &format!("if false {{ let _ = co.yield_({unit}).await; }}"),
            site,
        ));
    }
    inner.extend(body);
    let mut out: TokenStream = [krate].into_iter().collect();
    out.extend(fragment("::Gen::new", site));
    let mut args = fragment("async move |mut co|", site);
    args.extend([TokenTree::Group(Group::new(Delimiter::Brace, inner))]);
    out.extend([TokenTree::Group(Group::new(Delimiter::Parenthesis, args))]);
    out
}

struct Expander {
    try_mode: bool,
    /// A `?` was rewritten, so the body needs the helper trait in scope.
    uses_try: bool,
    /// The body yields somewhere (so its item type comes from there).
    yields: bool,
    /// The first nested `yield`, reported instead of the expansion.
    error: Option<(Span, &'static str)>,
}

impl Expander {
    /// Rewrites one token stream. `nested` is true inside closures, async blocks and items.
    fn transform(&mut self, input: TokenStream, nested: bool) -> TokenStream {
        let tokens: Vec<TokenTree> = input.into_iter().collect();
        let mut out = Vec::with_capacity(tokens.len());
        let mut i = 0;
        while i < tokens.len() {
            i = self.step(&tokens, i, nested, &mut out);
        }
        out.into_iter().collect()
    }

    /// Handles the construct that starts at `tokens[i]`; returns the index after it.
    fn step(
        &mut self,
        tokens: &[TokenTree],
        i: usize,
        nested: bool,
        out: &mut Vec<TokenTree>,
    ) -> usize {
        let prev = if i == 0 { None } else { Some(&tokens[i - 1]) };
        match &tokens[i] {
            TokenTree::Ident(ident) => {
                let name = ident.to_string();
                match name.as_str() {
                    "yield" => return self.yield_expr(tokens, i, nested, out),
                    "async" => {
                        let mut j = i + 1;
                        if tokens.get(j).is_some_and(|t| is_ident(t, "move")) {
                            j += 1;
                        }
                        if let Some(TokenTree::Group(g)) = tokens.get(j)
                            && g.delimiter() == Delimiter::Brace
                        {
                            out.extend(tokens[i..j].iter().cloned());
                            out.push(self.group(g, true));
                            return j + 1;
                        }
                        if tokens.get(j).is_some_and(|t| is_punct(t, '|')) {
                            out.extend(tokens[i..j].iter().cloned());
                            return self.closure(tokens, j, out);
                        }
                    }
                    "fn" | "trait" | "mod"
                        if tokens
                            .get(i + 1)
                            .is_some_and(|t| matches!(t, TokenTree::Ident(_))) =>
                    {
                        return self.item(tokens, i, out);
                    }
                    "impl" => return self.item(tokens, i, out),
                    _ => {}
                }
                // A macro call: `name ! (...)`.
                if tokens.get(i + 1).is_some_and(|t| is_punct(t, '!')) {
                    match (name.as_str(), tokens.get(i + 2)) {
                        (
                            "gen" | "r#gen" | "try_gen" | "async_gen" | "try_async_gen",
                            Some(TokenTree::Group(_)),
                        ) => {
                            out.extend(tokens[i..i + 3].iter().cloned());
                            return i + 3;
                        }
                        ("macro_rules", _) => {
                            let end = (i + 4).min(tokens.len());
                            out.extend(tokens[i..end].iter().cloned());
                            return end;
                        }
                        (_, Some(TokenTree::Group(g))) => {
                            out.extend(tokens[i..i + 2].iter().cloned());
                            out.push(self.group(g, nested));
                            return i + 3;
                        }
                        _ => {}
                    }
                }
                out.push(tokens[i].clone());
                i + 1
            }
            TokenTree::Punct(p) if p.as_char() == '|' => {
                if starts_expression(prev) && !starts_match_arm(tokens, i) {
                    return self.closure(tokens, i, out);
                }
                // A binary `|` or `||`, or an or-pattern: copy `||` whole so that its second
                // half is not taken for a closure.
                let len = if p.spacing() == Spacing::Joint
                    && tokens.get(i + 1).is_some_and(|t| is_punct(t, '|'))
                {
                    2
                } else {
                    1
                };
                out.extend(tokens[i..i + len].iter().cloned());
                i + len
            }
            TokenTree::Punct(p)
                if p.as_char() == '?'
                    && self.try_mode
                    && !nested
                    && prev.is_some()
                    && !tokens.get(i + 1).is_some_and(|t| is_ident(t, "Sized")) =>
            {
                let site = Span::mixed_site().located_at(p.span());
                if let Some(error) = take_err_call(out) {
                    // `Err(e)?` diverges, as in plain Rust (so its `Ok` type needs no
                    // annotation): `match co.__anext_fail(e).await {}`.
                    out.extend(fragment("match co.__anext_fail", site));
                    out.push(error);
                    out.extend(fragment(".await {}", site));
                } else {
                    self.uses_try = true;
                    out.extend(fragment(".__anext_try(&mut co).await", site));
                }
                i + 1
            }
            TokenTree::Group(g) => {
                out.push(self.group(g, nested));
                i + 1
            }
            other => {
                out.push(other.clone());
                i + 1
            }
        }
    }

    /// `yield EXPR` or `yield from EXPR` at `tokens[i]`.
    fn yield_expr(
        &mut self,
        tokens: &[TokenTree],
        i: usize,
        nested: bool,
        out: &mut Vec<TokenTree>,
    ) -> usize {
        let span = tokens[i].span();
        let end = expression_end(tokens, i + 1);
        if nested {
            self.error.get_or_insert((span, NESTED_YIELD));
            return end;
        }
        self.yields = true;
        let mut expr = &tokens[i + 1..end];
        let delegate = expr.len() > 1 && is_ident(&expr[0], "from");
        if delegate {
            expr = &expr[1..];
        }
        let value_span = expr.first().map_or(span, TokenTree::span);
        let expr = self.transform(expr.iter().cloned().collect(), false);
        let site = Span::mixed_site().located_at(span);
        // `let _ = co.yield_(v).await;`: `yield` evaluates to `()`, as in Rust's own
        // generators, so it fits `if`/`match` arms that expect `()`.
        let call = |name: &str, arg: TokenStream| {
            let mut s = fragment(&format!("let _ = co.{name}"), site);
            s.extend([TokenTree::Group(Group::new(Delimiter::Parenthesis, arg))]);
            s.extend(fragment(".await;", site));
            s
        };
        let block = if delegate {
            call("yield_from", expr)
        } else {
            let value = if expr.is_empty() {
                fragment("()", site)
            } else {
                expr
            };
            let mut s = fragment("let __v =", site);
            s.extend(value);
            s.extend(fragment(";", site));
            // The value passed on points at the start of the user's expression, so that a
            // type mismatch between yields is reported there.
            let value_site = Span::mixed_site().located_at(value_span);
            let arg = if self.try_mode {
                fragment("::core::result::Result::Ok(__v)", value_site)
            } else {
                fragment("__v", value_site)
            };
            s.extend(call("yield_", arg));
            s
        };
        let mut group = Group::new(Delimiter::Brace, block);
        group.set_span(span);
        out.push(TokenTree::Group(group));
        end
    }

    /// A closure whose parameter list opens at `tokens[i]` (a `|`).
    fn closure(&mut self, tokens: &[TokenTree], i: usize, out: &mut Vec<TokenTree>) -> usize {
        let mut j = i + 1;
        let empty = matches!(&tokens[i], TokenTree::Punct(p) if p.spacing() == Spacing::Joint)
            && tokens.get(j).is_some_and(|t| is_punct(t, '|'));
        if !empty {
            while j < tokens.len() && !is_punct(&tokens[j], '|') {
                j += 1;
            }
        }
        j = (j + 1).min(tokens.len());
        out.extend(tokens[i..j].iter().cloned());
        if tokens.get(j).is_some_and(|t| is_punct(t, '-'))
            && tokens.get(j + 1).is_some_and(|t| is_punct(t, '>'))
        {
            // `-> Type { body }`: the body is the first brace group.
            while j < tokens.len() {
                if let TokenTree::Group(g) = &tokens[j]
                    && g.delimiter() == Delimiter::Brace
                {
                    out.push(self.group(g, true));
                    return j + 1;
                }
                out.push(tokens[j].clone());
                j += 1;
            }
            return j;
        }
        let end = expression_end(tokens, j);
        let body = self.transform(tokens[j..end].iter().cloned().collect(), true);
        out.extend(body);
        end
    }

    /// An item (`fn`, `impl`, `trait`, `mod`) at `tokens[i]`: its first brace group is a body
    /// of its own.
    fn item(&mut self, tokens: &[TokenTree], i: usize, out: &mut Vec<TokenTree>) -> usize {
        let mut j = i;
        while j < tokens.len() {
            match &tokens[j] {
                TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => {
                    out.push(self.group(g, true));
                    return j + 1;
                }
                t if is_punct(t, ';') => break,
                t => out.push(t.clone()),
            }
            j += 1;
        }
        j
    }

    fn group(&mut self, group: &Group, nested: bool) -> TokenTree {
        let mut new = Group::new(group.delimiter(), self.transform(group.stream(), nested));
        new.set_span(group.span());
        TokenTree::Group(new)
    }
}

/// If the output ends with a bare `Err(...)` call (not a path like `Result::Err` and not a
/// method `.Err`), removes it and returns its argument group.
fn take_err_call(out: &mut Vec<TokenTree>) -> Option<TokenTree> {
    let n = out.len();
    if n < 2 {
        return None;
    }
    let is_call = matches!(&out[n - 1], TokenTree::Group(g) if g.delimiter() == Delimiter::Parenthesis)
        && is_ident(&out[n - 2], "Err")
        && !(n >= 3 && (is_punct(&out[n - 3], ':') || is_punct(&out[n - 3], '.')));
    if !is_call {
        return None;
    }
    let arguments = out.pop();
    out.pop();
    arguments
}

/// The index of the `;` or `,` that ends the expression starting at `tokens[start]`, or the
/// length of `tokens` if the expression runs to the end of its group.
fn expression_end(tokens: &[TokenTree], start: usize) -> usize {
    let mut angle = 0usize; // depth inside a turbofish `::<...>`
    let mut j = start;
    while j < tokens.len() {
        if let TokenTree::Punct(p) = &tokens[j] {
            match p.as_char() {
                ';' => return j,
                ',' if angle == 0 => return j,
                '<' if j >= 2 && is_punct(&tokens[j - 1], ':') && is_punct(&tokens[j - 2], ':') => {
                    angle += 1
                }
                '<' if angle > 0 => angle += 1,
                '>' if angle > 0 && !(j > 0 && is_punct(&tokens[j - 1], '-')) => angle -= 1,
                _ => {}
            }
        }
        j += 1;
    }
    j
}

/// Whether the `|` at `tokens[i]` is the leading `|` of a match arm's or-pattern
/// (`| A | B => ...`) rather than a closure: a pattern reaches a `=>` at this nesting level
/// before its expression ends, which a closure's parameters and body never do (a `=>` inside
/// a closure body is inside a brace group of its own).
fn starts_match_arm(tokens: &[TokenTree], i: usize) -> bool {
    let end = expression_end(tokens, i + 1);
    tokens[i + 1..end].windows(2).any(|pair| {
        matches!(&pair[0], TokenTree::Punct(p) if p.as_char() == '=' && p.spacing() == Spacing::Joint)
            && is_punct(&pair[1], '>')
    })
}

/// Whether a `|` after `prev` opens a closure (rather than being a binary or-operator or an
/// or-pattern).
fn starts_expression(prev: Option<&TokenTree>) -> bool {
    match prev {
        None => true,
        Some(TokenTree::Punct(p)) => p.as_char() != '?',
        Some(TokenTree::Ident(i)) => {
            matches!(
                i.to_string().as_str(),
                "move" | "return" | "break" | "in" | "yield"
            )
        }
        Some(_) => false,
    }
}
