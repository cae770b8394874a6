//! `placeholder-malformed`: a value that looks like a build placeholder missing a
//! delimiter (`$targetentrypoint` for `$targetentrypoint$`), which the build leaves as it is.

use super::Ctx;
use crate::manifest::Manifest;
use crate::manifest::placeholder::find_broken;
use crate::source::Span;

/// Reports the first broken placeholder of a value written at `span` (between the quotes,
/// or the text of an element).
fn judge(m: &Manifest<'_>, value: &str, span: Span, what: impl FnOnce() -> String, cx: &mut Ctx<'_>) {
    let Some(b) = find_broken(value) else { return };
    let what = what();
    let broken = &value[b.start..b.end];
    // Point at the placeholder itself when the value is written as it reads (no references).
    let raw = m.tree.slice(span);
    let at = match raw.find(broken) {
        Some(i) if raw.matches(broken).count() == value.matches(broken).count() => {
            Span::new(span.start as usize + i, span.start as usize + i + broken.len())
        }
        _ => span,
    };
    let missing = match b.meant.strip_prefix(broken) {
        Some(rest) => format!("its closing `{}`", rest.trim()),
        None => "a delimiter".to_string(),
    };
    cx.report(
        at,
        format!("`{broken}` {what} looks like a build placeholder without {missing}; the build leaves it as it is"),
    )
    .help(format!("write `{}`", b.meant));
}

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    // Most manifests hold no `$`, `@` or `{` at all (the parser has looked).
    if !m.doc().placeholder_delimiters {
        return;
    }
    for el in std::iter::once(m.root).chain(m.root.descendants()) {
        for a in el.attrs() {
            judge(m, a.value(), a.value_span(), || format!("in {} of `<{}>`", a.qname(), el.qname()), cx);
        }
        // `has_text` first: an element with only whitespace between its tags (most of them)
        // has no text to build.
        if el.has_text()
            && let Some((text, span)) = el.text()
            && !text.trim().is_empty()
        {
            judge(m, &text, span, || format!("in the text of `<{}>`", el.qname()), cx);
        }
    }
}
