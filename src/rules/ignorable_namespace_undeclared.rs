//! `ignorable-namespace-undeclared`: `IgnorableNamespaces` names a prefix that is not
//! declared on `<Package>`.

use super::Ctx;
use crate::manifest::Manifest;

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    let mut seen: Vec<&str> = Vec::new();
    for ig in &m.ignorable {
        if crate::manifest::placeholder::contains(ig.prefix) {
            continue;
        }
        if ig.ns.is_none() {
            let f = cx.report(
                ig.span,
                format!(
                    "IgnorableNamespaces lists `{}`, but no xmlns:{} is declared on <Package>",
                    ig.prefix, ig.prefix
                ),
            );
            let declared: Vec<String> = m
                .doc()
                .ns_decls
                .iter()
                .filter(|d| d.element == m.root.id)
                .filter_map(|d| d.prefix.map(|p| m.tree.slice(p).to_string()))
                .collect();
            match super::util::did_you_mean(ig.prefix, declared.iter().map(String::as_str)) {
                Some(s) => f.help(format!(
                    "did you mean `{s}`? Otherwise declare the namespace or remove `{}` from the list",
                    ig.prefix
                )),
                None => f.help(format!(
                    "declare xmlns:{}=\"...\" on <Package>, or remove `{}` from IgnorableNamespaces",
                    ig.prefix, ig.prefix
                )),
            };
        } else if seen.contains(&ig.prefix) {
            cx.report(ig.span, format!("IgnorableNamespaces lists `{}` twice", ig.prefix))
                .help("list each prefix once");
        }
        seen.push(ig.prefix);
    }
}
