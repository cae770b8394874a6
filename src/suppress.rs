//! Inline suppressions: XML comments that silence named rules.
//!
//! ```xml
//! <!-- appxlint: ignore rule-name[, rule-name] [reason] -->   the next element and its subtree
//! <!-- appxlint: ignore-file rule-name[, rule-name] [reason] -->   the whole file
//! ```
//! XML comments cannot contain `--`, so the reason is simply the text after the last rule
//! name. Rules are named by name or code.

use crate::manifest::xml::Document;
use crate::rules::{self, Rule};
use crate::source::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The element after the comment: its full span.
    Element(Span),
    File,
    /// An `ignore` comment with no element after it: it cannot suppress anything.
    Nothing,
}

#[derive(Clone, Debug)]
pub struct Suppression {
    pub scope: Scope,
    /// The rules named, each with the span of its name in the comment.
    pub rules: Vec<(&'static Rule, Span)>,
    pub comment: Span,
    pub reason: Option<String>,
}

/// A comment that starts with `appxlint:` but cannot be understood.
#[derive(Clone, Debug)]
pub struct Invalid {
    pub span: Span,
    pub message: String,
    pub help: String,
}

#[derive(Clone, Debug, Default)]
pub struct Suppressions {
    pub list: Vec<Suppression>,
    pub invalid: Vec<Invalid>,
}

impl Suppressions {
    /// Reads every `appxlint:` comment of a document.
    pub fn parse(text: &str, doc: &Document) -> Suppressions {
        let mut out = Suppressions::default();
        for c in &doc.comments {
            let content = &text[c.content.range()];
            let lead = content.len() - content.trim_start().len();
            let body = content.trim_start();
            let Some(rest) = body.strip_prefix("appxlint:") else { continue };
            let base = c.content.start as usize + lead + "appxlint:".len();
            parse_directive(rest, base, c.span, c.next_element.map(|e| doc.element(e).full_span()), &mut out);
        }
        out
    }
}

fn parse_directive(rest: &str, base: usize, comment: Span, next: Option<Span>, out: &mut Suppressions) {
    let trimmed = rest.trim_start();
    let mut at = base + (rest.len() - trimmed.len());
    let word_len = trimmed.find(|c: char| c.is_whitespace()).unwrap_or(trimmed.len());
    let word = &trimmed[..word_len];
    let scope = match word {
        "ignore" => next.map_or(Scope::Nothing, Scope::Element),
        "ignore-file" => Scope::File,
        _ => {
            out.invalid.push(Invalid {
                span: Span::new(at, at + word_len.max(1)),
                message: format!("unknown appxlint directive `{word}`"),
                help: "write `appxlint: ignore rule-name` before an element, or `appxlint: ignore-file rule-name`"
                    .into(),
            });
            return;
        }
    };
    at += word_len;
    let mut s = &trimmed[word_len..];
    let mut rules_named = Vec::new();
    let mut reason = None;
    loop {
        let skip = s.len() - s.trim_start().len();
        s = &s[skip..];
        at += skip;
        let len = s.find(|c: char| c.is_whitespace() || c == ',').unwrap_or(s.len());
        if len == 0 {
            break;
        }
        let token = &s[..len];
        let span = Span::new(at, at + len);
        match rules::find(token) {
            Some(rule) => rules_named.push((rule, span)),
            None => {
                out.invalid.push(Invalid {
                    span,
                    message: format!("`{token}` is not an appxlint rule"),
                    help: crate::config::unknown_rule_help(token),
                });
            }
        }
        s = &s[len..];
        at += len;
        let skip = s.len() - s.trim_start().len();
        if s[skip..].starts_with(',') {
            s = &s[skip + 1..];
            at += skip + 1;
            continue;
        }
        let r = s.trim();
        if !r.is_empty() {
            reason = Some(r.to_string());
        }
        break;
    }
    if rules_named.is_empty() {
        if !out.invalid.iter().any(|i| comment.contains(i.span)) {
            out.invalid.push(Invalid {
                span: comment,
                message: format!("`appxlint: {word}` names no rule"),
                help: format!("write `appxlint: {word} rule-name`; appxlint has no blanket suppression"),
            });
        }
        return;
    }
    out.list.push(Suppression { scope, rules: rules_named, comment, reason });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::xml::parse;

    fn sup(text: &str) -> Suppressions {
        Suppressions::parse(text, &parse(text).unwrap())
    }

    #[test]
    fn element_and_file_scopes() {
        let t = "<a>\n<!-- appxlint: ignore xml-doctype, oop-server-structure reviewed in #12 -->\n<!-- other -->\n<b><c/></b>\n<!-- appxlint: ignore-file io-error -->\n</a>";
        let s = sup(t);
        assert!(s.invalid.is_empty(), "{:?}", s.invalid);
        assert_eq!(s.list.len(), 2);
        let first = &s.list[0];
        assert_eq!(first.rules.iter().map(|r| r.0.name).collect::<Vec<_>>(), ["xml-doctype", "oop-server-structure"]);
        assert_eq!(&t[first.rules[1].1.range()], "oop-server-structure");
        assert_eq!(first.reason.as_deref(), Some("reviewed in #12"));
        match first.scope {
            Scope::Element(span) => assert_eq!(&t[span.range()], "<b><c/></b>"),
            other => panic!("{other:?}"),
        }
        assert_eq!(s.list[1].scope, Scope::File);
    }

    #[test]
    fn misspelled_rule_gets_a_suggestion() {
        let s = sup("<a><!-- appxlint: ignore capabilty-unknown --><b/></a>");
        assert_eq!(s.invalid[0].help, "did you mean `capability-unknown`? `appxlint rules` lists every rule");
    }

    #[test]
    fn invalid_directives() {
        let s = sup(
            "<a><!-- appxlint: ignroe x --><!-- appxlint: ignore no-such-rule --><!-- appxlint: ignore --><b/></a>",
        );
        let msgs: Vec<_> = s.invalid.iter().map(|i| i.message.as_str()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(msgs[0].contains("ignroe"));
        assert!(msgs[1].contains("no-such-rule"));
        assert_eq!(s.invalid[1].help, "name rules by name or code, as `appxlint rules` lists them");
        assert!(msgs[2].contains("names no rule"));
        // A trailing ignore with no element after it suppresses nothing.
        let s = sup("<a><b/><!-- appxlint: ignore xml-doctype --></a>");
        assert_eq!(s.list[0].scope, Scope::Nothing);
    }
}
