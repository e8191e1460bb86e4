//! `#[anext::test]`: an `async fn` test run on a fresh `LocalExecutor`.
//!
//! Written on `proc_macro` alone. The item is walked token by token: outer attributes,
//! optional visibility, the `async fn` header, the name, a parameter list that is empty or
//! takes the executor (`ex: &LocalExecutor`, or any `TestArgument`), an optional return
//! type, and the body block. Anything else is a `compile_error!` pointing at the offending
//! token. The options are `virtual_time`, `seed = N`, `timeout = "5s"` and `crate = "path"`.

use proc_macro::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

use crate::tokens::{compile_error, fragment, is_ident};

/// The attribute's options.
#[derive(Default)]
struct Options {
    virtual_time: bool,
    seed: Option<TokenTree>,
    /// `timeout = "5s"`, in nanoseconds.
    timeout: Option<(u64, Span)>,
    /// `crate = "path"`: how the expansion names the `anext` crate (default `::anext`).
    krate: Option<TokenStream>,
}

pub(crate) fn expand(attr: TokenStream, item: TokenStream) -> TokenStream {
    match try_expand(attr, item) {
        Ok(tokens) => tokens,
        Err((span, message)) => compile_error(span, &message),
    }
}

type Error = (Span, String);

fn parse_options(attr: TokenStream) -> Result<Options, Error> {
    let mut options = Options::default();
    let mut tokens = attr.into_iter().peekable();
    while let Some(token) = tokens.next() {
        let TokenTree::Ident(ident) = &token else {
            return Err((token.span(), unknown_option(&token.to_string())));
        };
        let key = ident.to_string();
        let twice = || (ident.span(), format!("`{key}` is given twice"));
        match key.as_str() {
            "virtual_time" => {
                if options.virtual_time {
                    return Err(twice());
                }
                options.virtual_time = true;
            }
            "seed" => {
                if options.seed.is_some() {
                    return Err(twice());
                }
                let value = value_of(&mut tokens, ident, "expected `seed = <integer>`")?;
                match value {
                    TokenTree::Literal(lit)
                        if lit
                            .to_string()
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_ascii_digit()) =>
                    {
                        options.seed = Some(TokenTree::Literal(lit));
                    }
                    other => {
                        return Err((
                            other.span(),
                            "expected `seed = <integer>`, e.g. `seed = 42`".into(),
                        ));
                    }
                }
            }
            "timeout" => {
                if options.timeout.is_some() {
                    return Err(twice());
                }
                let value = value_of(&mut tokens, ident, TIMEOUT_FORM)?;
                let nanos = string_literal(&value)
                    .and_then(|text| parse_duration(&text))
                    .ok_or_else(|| (value.span(), TIMEOUT_FORM.to_string()))?;
                options.timeout = Some((nanos, value.span()));
            }
            "crate" => {
                if options.krate.is_some() {
                    return Err(twice());
                }
                let value = value_of(&mut tokens, ident, CRATE_FORM)?;
                let path = string_literal(&value)
                    .filter(|text| is_path(text))
                    .and_then(|text| text.parse::<TokenStream>().ok())
                    .ok_or_else(|| (value.span(), CRATE_FORM.to_string()))?;
                options.krate = Some(fragment(&path.to_string(), value.span()));
            }
            other => return Err((ident.span(), unknown_option(other))),
        }
        match tokens.next() {
            None => {}
            Some(TokenTree::Punct(p)) if p.as_char() == ',' => {}
            Some(other) => {
                return Err((
                    other.span(),
                    "expected `,` between the options of #[anext::test]".into(),
                ));
            }
        }
    }
    Ok(options)
}

const TIMEOUT_FORM: &str =
    "expected `timeout = \"<integer><unit>\"` with unit ms, s, m or h, e.g. `timeout = \"5s\"`";
const CRATE_FORM: &str =
    "expected `crate = \"<path>\"`, the path of the anext crate, e.g. `crate = \"my_anext\"`";

/// The token after `key =`.
fn value_of(
    tokens: &mut impl Iterator<Item = TokenTree>,
    key: &Ident,
    form: &str,
) -> Result<TokenTree, Error> {
    match tokens.next() {
        Some(TokenTree::Punct(p)) if p.as_char() == '=' => {}
        other => return Err((other.map_or(key.span(), |t| t.span()), form.into())),
    }
    tokens.next().ok_or_else(|| (key.span(), form.into()))
}

/// The contents of a plain `"..."` literal (no escapes needed for durations and paths).
fn string_literal(token: &TokenTree) -> Option<String> {
    let TokenTree::Literal(lit) = token else {
        return None;
    };
    let text = lit.to_string();
    let inner = text.strip_prefix('"')?.strip_suffix('"')?;
    (!inner.contains('\\')).then(|| inner.to_string())
}

/// `"500ms"`, `"5s"`, `"2m"`, `"1h"` as nanoseconds; `None` for anything else or zero.
fn parse_duration(text: &str) -> Option<u64> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let (number, unit) = text.split_at(digits);
    let number: u64 = number.parse().ok()?;
    let scale: u64 = match unit {
        "ms" => 1_000_000,
        "s" => 1_000_000_000,
        "m" => 60_000_000_000,
        "h" => 3_600_000_000_000,
        _ => return None,
    };
    number.checked_mul(scale).filter(|&n| n > 0)
}

/// A Rust path such as `my_anext`, `::my_anext` or `crate::reexports::anext`.
fn is_path(text: &str) -> bool {
    let text = text.strip_prefix("::").unwrap_or(text);
    !text.is_empty()
        && text.split("::").all(|segment| {
            let mut chars = segment.chars();
            chars
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

fn unknown_option(found: &str) -> String {
    format!(
        "unknown option `{found}` of #[anext::test]; expected `virtual_time`, \
         `seed = <integer>`, `timeout = \"5s\"` and/or `crate = \"path\"`"
    )
}

fn try_expand(attr: TokenStream, item: TokenStream) -> Result<TokenStream, Error> {
    let options = parse_options(attr)?;
    let tokens: Vec<TokenTree> = item.into_iter().collect();
    let mut i = 0;
    let mut attrs = Vec::new();
    // Outer attributes: `#` followed by a bracket group.
    while let Some(TokenTree::Punct(p)) = tokens.get(i) {
        if p.as_char() != '#' {
            break;
        }
        match tokens.get(i + 1) {
            Some(group @ TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket => {
                attrs.push(tokens[i].clone());
                attrs.push(group.clone());
                i += 2;
            }
            _ => return Err((p.span(), "malformed attribute".into())),
        }
    }
    let header_start = i;
    // Optional visibility: `pub` or `pub(...)`.
    if tokens.get(i).is_some_and(|t| is_ident(t, "pub")) {
        i += 1;
        if let Some(TokenTree::Group(g)) = tokens.get(i)
            && g.delimiter() == Delimiter::Parenthesis
        {
            i += 1;
        }
    }
    let mut is_async = false;
    while let Some(TokenTree::Ident(ident)) = tokens.get(i) {
        match ident.to_string().as_str() {
            "async" => is_async = true,
            "fn" => break,
            "const" | "unsafe" | "extern" => {
                return Err((
                    ident.span(),
                    format!("#[anext::test] functions cannot be `{ident}`"),
                ));
            }
            _ => break,
        }
        i += 1;
    }
    let Some(TokenTree::Ident(fn_token)) = tokens.get(i).filter(|t| is_ident(t, "fn")) else {
        let span = tokens.get(i).map_or_else(Span::call_site, TokenTree::span);
        return Err((
            span,
            "#[anext::test] goes on an `async fn` test function".into(),
        ));
    };
    if !is_async {
        return Err((
            fn_token.span(),
            "the `async` keyword is missing from the function declaration: \
             #[anext::test] runs an `async fn`"
                .into(),
        ));
    }
    i += 1;
    let name = match tokens.get(i) {
        Some(TokenTree::Ident(name)) => name.clone(),
        other => {
            let span = other.map_or(fn_token.span(), TokenTree::span);
            return Err((span, "expected the test function's name".into()));
        }
    };
    i += 1;
    if let Some(TokenTree::Punct(p)) = tokens.get(i)
        && p.as_char() == '<'
    {
        return Err((
            p.span(),
            "#[anext::test] functions cannot be generic".into(),
        ));
    }
    let params_index = i;
    let param = match tokens.get(i) {
        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis => {
            let param: Vec<TokenTree> = g.stream().into_iter().collect();
            // One parameter at most: no comma outside nested groups, except a trailing one.
            let commas = param
                .iter()
                .enumerate()
                .filter(|(k, t)| {
                    matches!(t, TokenTree::Punct(p) if p.as_char() == ',') && k + 1 < param.len()
                })
                .count();
            if commas > 0 {
                return Err((
                    g.span(),
                    "#[anext::test] functions take at most one argument, the executor \
                     (`ex: &anext::exec::LocalExecutor`)"
                        .into(),
                ));
            }
            (!param.is_empty()).then(|| g.stream())
        }
        other => {
            let span = other.map_or(name.span(), TokenTree::span);
            return Err((
                span,
                "expected `(...)` after the test function's name".into(),
            ));
        }
    };
    i += 1;
    let Some(TokenTree::Group(body)) = tokens
        .last()
        .filter(|t| matches!(t, TokenTree::Group(g) if g.delimiter() == Delimiter::Brace))
    else {
        return Err((name.span(), "expected the test function's body".into()));
    };
    // Everything between `()` and the body: `-> Type` (or a `where` clause, rejected).
    let between = &tokens[i..tokens.len() - 1];
    if between.iter().any(|t| is_ident(t, "where")) {
        return Err((
            name.span(),
            "#[anext::test] functions cannot have a `where` clause".into(),
        ));
    }
    let header = &tokens[header_start..i];
    // Rebuild: attrs, `#[test]`, the header without `async`, the return type, a new body.
    let mut out: Vec<TokenTree> = Vec::new();
    out.extend(attrs);
    out.extend(path_attr(&["core", "prelude", "v1", "test"], name.span()));
    // The header without `async`, and with an empty parameter list.
    for (k, token) in header.iter().enumerate() {
        if is_ident(token, "async") {
            continue;
        }
        if header_start + k == params_index {
            let mut empty = Group::new(Delimiter::Parenthesis, TokenStream::new());
            empty.set_span(token.span());
            out.push(TokenTree::Group(empty));
        } else {
            out.push(token.clone());
        }
    }
    out.extend(between.iter().cloned());
    // {
    //     let executor = ::anext::exec::LocalExecutor::builder()...build();
    //     let <param> = &executor;          (when the test takes the executor)
    //     executor.run(async move <body>)
    // }
    let span = body.span();
    // Mixed-site hygiene: the body cannot see (or clash with) this binding.
    let executor = Ident::new("executor", Span::mixed_site());
    let mut run: Vec<TokenTree> = vec![
        TokenTree::Ident(Ident::new("let", span)),
        TokenTree::Ident(executor.clone()),
        punct('=', span),
    ];
    let krate = options
        .krate
        .clone()
        .unwrap_or_else(|| path(&["anext"], span).into_iter().collect());
    run.extend(krate.clone());
    run.extend(path(&["exec", "LocalExecutor", "builder"], span));
    run.push(TokenTree::Group(Group::new(
        Delimiter::Parenthesis,
        TokenStream::new(),
    )));
    if options.virtual_time {
        run.extend(method("virtual_clock", TokenStream::new(), span));
    }
    if let Some(seed) = options.seed {
        run.extend(method("seed", TokenStream::from(seed), span));
    }
    if let Some((nanos, timeout_span)) = options.timeout {
        let mut duration: TokenStream = path(&["core", "time", "Duration", "from_nanos"], span)
            .into_iter()
            .collect();
        let mut literal = Literal::u64_suffixed(nanos);
        literal.set_span(timeout_span);
        duration.extend([TokenTree::Group(Group::new(
            Delimiter::Parenthesis,
            TokenTree::Literal(literal).into(),
        ))]);
        run.extend(method("timeout", duration, span));
    }
    run.extend(method("build", TokenStream::new(), span));
    run.push(punct(';', span));
    if let Some(param) = param {
        run.push(TokenTree::Ident(Ident::new("let", span)));
        run.extend(param);
        // `<crate>::exec::TestArgument::from_executor(&executor)`: the parameter's type
        // (`&LocalExecutor` or `Spawner`) picks the implementation.
        run.push(punct('=', span));
        run.extend(krate);
        run.extend(path(&["exec", "TestArgument", "from_executor"], span));
        let argument: TokenStream = [punct('&', span), TokenTree::Ident(executor.clone())]
            .into_iter()
            .collect();
        run.push(TokenTree::Group(Group::new(
            Delimiter::Parenthesis,
            argument,
        )));
        run.push(punct(';', span));
    }
    run.push(TokenTree::Ident(executor));
    let future: Vec<TokenTree> = vec![
        TokenTree::Ident(Ident::new("async", span)),
        TokenTree::Ident(Ident::new("move", span)),
        TokenTree::Group(body.clone()),
    ];
    run.extend(method("run", future.into_iter().collect(), span));
    out.push(TokenTree::Group(Group::new(
        Delimiter::Brace,
        run.into_iter().collect(),
    )));
    Ok(out.into_iter().collect())
}

fn punct(c: char, span: Span) -> TokenTree {
    let mut p = Punct::new(c, Spacing::Alone);
    p.set_span(span);
    TokenTree::Punct(p)
}

/// `::a::b::c`
fn path(segments: &[&str], span: Span) -> Vec<TokenTree> {
    let mut out = Vec::new();
    for segment in segments {
        let mut first = Punct::new(':', Spacing::Joint);
        first.set_span(span);
        let mut second = Punct::new(':', Spacing::Alone);
        second.set_span(span);
        out.push(TokenTree::Punct(first));
        out.push(TokenTree::Punct(second));
        out.push(TokenTree::Ident(Ident::new(segment, span)));
    }
    out
}

/// `#[::a::b]`
fn path_attr(segments: &[&str], span: Span) -> Vec<TokenTree> {
    let mut pound = Punct::new('#', Spacing::Alone);
    pound.set_span(span);
    vec![
        TokenTree::Punct(pound),
        TokenTree::Group(Group::new(
            Delimiter::Bracket,
            path(segments, span).into_iter().collect(),
        )),
    ]
}

/// `.name(args)`
fn method(name: &str, args: TokenStream, span: Span) -> Vec<TokenTree> {
    let mut dot = Punct::new('.', Spacing::Alone);
    dot.set_span(span);
    vec![
        TokenTree::Punct(dot),
        TokenTree::Ident(Ident::new(name, span)),
        TokenTree::Group(Group::new(Delimiter::Parenthesis, args)),
    ]
}
