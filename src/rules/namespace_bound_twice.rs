//! `namespace-bound-twice`: one namespace bound to two prefixes, or one prefix bound to
//! two namespaces in nested scopes.

use super::Ctx;
use crate::manifest::{Manifest, NsId};

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    let decls = &m.doc().ns_decls;
    for (i, d) in decls.iter().enumerate() {
        if d.ns == NsId::NONE {
            continue;
        }
        let prefix = d.prefix.map(|p| m.tree.slice(p)).unwrap_or("");
        // The same URI under another prefix (the default namespace counts as a binding).
        if let Some(first) =
            decls[..i].iter().find(|e| e.ns == d.ns && e.prefix.map(|p| m.tree.slice(p)).unwrap_or("") != prefix)
        {
            let other = first.prefix.map(|p| m.tree.slice(p)).unwrap_or("(default)");
            let uri = m.doc().ns_uri(d.ns);
            cx.report(d.span, format!("`{uri}` is bound to `{}` here and to `{other}` already", if prefix.is_empty() { "(default)" } else { prefix }))
                .label(first.span, "first bound here")
                .help("bind each namespace once, on <Package>; two prefixes for one namespace confuse readers and IgnorableNamespaces");
            continue;
        }
        // The same prefix rebound to another URI inside the first one's scope.
        if !prefix.is_empty()
            && let Some(outer) = decls[..i].iter().find(|e| {
                e.ns != d.ns
                    && e.prefix.is_some_and(|p| m.tree.slice(p) == prefix)
                    && m.tree.el(e.element).full_span().contains(m.tree.el(d.element).start_tag())
            })
        {
            cx.report(
                d.span,
                format!("`{prefix}` is rebound to another namespace inside the scope of its first binding"),
            )
            .label(outer.span, "first bound here")
            .help("use another prefix for the other namespace");
        }
    }
}
