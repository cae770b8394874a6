//! `namespace-bound-twice`: one namespace bound to two prefixes, or one prefix bound to
//! two namespaces in nested scopes.

use super::Ctx;
use crate::manifest::{Manifest, NsId};

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    use std::collections::HashMap;
    let decls = &m.doc().ns_decls;
    let prefix_of = |d: &crate::manifest::xml::NsDecl| d.prefix.map(|p| m.tree.slice(p)).unwrap_or("");
    // Per namespace, its first two bindings under distinct prefixes: enough to find, for
    // any later binding, an earlier one under another prefix, in linear time.
    let mut by_ns: HashMap<NsId, (usize, Option<usize>)> = HashMap::new();
    // Per element, the bindings it declares, to look up the enclosing scopes.
    let mut by_element: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, d) in decls.iter().enumerate() {
        by_element.entry(d.element).or_default().push(i);
    }
    for (i, d) in decls.iter().enumerate() {
        if d.ns == NsId::NONE {
            continue;
        }
        let prefix = prefix_of(d);
        // The same URI under another prefix (the default namespace counts as a binding).
        let earlier = match by_ns.get(&d.ns) {
            Some(&(a, _)) if prefix_of(&decls[a]) != prefix => Some(a),
            Some(&(_, Some(b))) if prefix_of(&decls[b]) != prefix => Some(b),
            _ => None,
        };
        match by_ns.get_mut(&d.ns) {
            None => {
                by_ns.insert(d.ns, (i, None));
            }
            Some((a, second @ None)) if prefix_of(&decls[*a]) != prefix => *second = Some(i),
            Some(_) => {}
        }
        if let Some(first) = earlier.map(|j| &decls[j]) {
            let other = first.prefix.map(|p| m.tree.slice(p)).unwrap_or("(default)");
            let uri = m.doc().ns_uri(d.ns);
            cx.report(d.span, format!("`{uri}` is bound to `{}` here and to `{other}` already", if prefix.is_empty() { "(default)" } else { prefix }))
                .label(first.span, "first bound here")
                .help("bind each namespace once, on <Package>; two prefixes for one namespace confuse readers and IgnorableNamespaces");
            continue;
        }
        // The same prefix rebound to another URI inside the scope of an enclosing binding:
        // the outermost such binding, found by walking up the (depth-capped) ancestors.
        if prefix.is_empty() {
            continue;
        }
        let mut outer = None;
        let mut at = m.tree.el(d.element).parent();
        while let Some(el) = at {
            if let Some(list) = by_element.get(&el.id)
                && let Some(&j) = list.iter().find(|&&j| decls[j].ns != d.ns && prefix_of(&decls[j]) == prefix)
            {
                outer = Some(j);
            }
            at = el.parent();
        }
        if let Some(outer) = outer.map(|j| &decls[j]) {
            cx.report(
                d.span,
                format!("`{prefix}` is rebound to another namespace inside the scope of its first binding"),
            )
            .label(outer.span, "first bound here")
            .help("use another prefix for the other namespace");
        }
    }
}
