//! `capability-duplicate`: a capability declared twice, also across namespaces.

use super::Ctx;
use super::capability_names::judged;
use crate::manifest::{CapabilityKind, Manifest};

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    let caps: Vec<_> = m
        .capabilities
        .iter()
        .filter(|c| judged(c) || (c.kind == CapabilityKind::Custom && c.name.is_some_and(|n| !n.is_placeholder())))
        .collect();
    // Declarations repeat by (name, device or not).
    for (i, first) in super::util::repeats(caps.iter().map(|c| Some((c.name(), c.kind == CapabilityKind::Device)))) {
        let c = caps[i];
        let first = caps[first];
        let name = c.name.expect("filtered on names");
        let across = if first.el.ns() != c.el.ns() && first.el.qname() == c.el.qname() {
            // One prefix bound to two URIs: the names print alike, the namespaces differ.
            format!(" (as `<{}>` in `{}` and in `{}`)", c.el.qname(), first.el.ns_uri(), c.el.ns_uri())
        } else if first.el.ns() != c.el.ns() {
            format!(" (as `<{}>` and `<{}>`)", first.el.qname(), c.el.qname())
        } else {
            String::new()
        };
        cx.report(name.value_span(), format!("`{}` is declared twice{across}", c.name()))
            .label(first.el.name_span(), "first declared here")
            .help("remove one of the declarations");
    }
}
