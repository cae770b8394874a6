//! `namespace-uri-misspelled`: a namespace URI that is a known manifest namespace but for
//! a typing mistake, a scheme, a letter case or a trailing slash.

use super::Ctx;
use crate::manifest::{Manifest, NsId};
use crate::schema::{Issue, IssueKind};

/// The known namespace a URI of the document was meant to be, when it is a near miss.
fn meant(m: &Manifest<'_>, ns: NsId) -> Option<NsId> {
    m.near_miss(ns)
}

/// The schema issues that follow from a mistyped URI, which this rule reports once, at the
/// declaration: the namespace unknown to the schemas, and the required element "missing"
/// where it is written in the mistyped namespace.
pub fn claims(m: &Manifest<'_>, issue: &Issue) -> bool {
    let el = m.tree.el(issue.element);
    match issue.kind {
        IssueKind::UnknownNamespace => {
            meant(m, el.ns()).is_some() || el.attrs().any(|a| issue.span == a.name_span() && meant(m, a.ns()).is_some())
        }
        IssueKind::MissingElement => el.children().any(|c| meant(m, c.ns()).is_some()),
        _ => false,
    }
}

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for d in &m.doc().ns_decls {
        let Some(known) = meant(m, d.ns) else { continue };
        let uri = m.doc().ns_uri(d.ns);
        let right = known.info().map_or("", |i| i.uri);
        let prefix = d.prefix.map(|p| m.tree.slice(p));
        let attr = prefix.map_or("xmlns".to_string(), |p| format!("xmlns:{p}"));
        let consequence = if m.is_ignorable(d.ns) {
            format!(
                "`{}` is in IgnorableNamespaces, so Windows silently drops every element and attribute in it",
                prefix.unwrap_or_default()
            )
        } else {
            "no manifest schema defines it, so the elements and attributes in it make the manifest invalid".to_string()
        };
        cx.report(
            d.uri,
            format!("`{attr}` is `{uri}`, which is not a manifest namespace; did you mean `{right}`? {consequence}"),
        )
        .help(format!("write {attr}=\"{right}\""));
    }
}
