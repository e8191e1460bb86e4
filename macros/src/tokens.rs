//! Token helpers shared by the macros: matching, fixed fragments with one span, and
//! compile errors pointing at user code.

use proc_macro::{Delimiter, Group, Ident, Punct, Span, TokenStream, TokenTree};

pub(crate) fn is_ident(token: &TokenTree, name: &str) -> bool {
    matches!(token, TokenTree::Ident(i) if i.to_string() == name)
}

pub(crate) fn is_punct(token: &TokenTree, ch: char) -> bool {
    matches!(token, TokenTree::Punct(p) if p.as_char() == ch)
}

/// Parses fixed Rust source into tokens that all carry `span`.
pub(crate) fn fragment(source: &str, span: Span) -> TokenStream {
    let tokens: TokenStream = source.parse().expect("fixed macro fragment parses");
    respan(tokens, span)
}

fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|token| match token {
            TokenTree::Group(g) => {
                let mut new = Group::new(g.delimiter(), respan(g.stream(), span));
                new.set_span(span);
                TokenTree::Group(new)
            }
            TokenTree::Ident(i) => TokenTree::Ident(Ident::new(&i.to_string(), span)),
            TokenTree::Punct(p) => {
                let mut new = Punct::new(p.as_char(), p.spacing());
                new.set_span(span);
                TokenTree::Punct(new)
            }
            TokenTree::Literal(mut l) => {
                l.set_span(span);
                TokenTree::Literal(l)
            }
        })
        .collect()
}

/// `::core::compile_error! { "message" }`, pointing at `span`.
pub(crate) fn compile_error(span: Span, message: &str) -> TokenStream {
    let mut out = fragment("::core::compile_error!", span);
    let mut literal = proc_macro::Literal::string(message);
    literal.set_span(span);
    let mut group = Group::new(Delimiter::Brace, TokenTree::Literal(literal).into());
    group.set_span(span);
    out.extend([TokenTree::Group(group)]);
    out
}
