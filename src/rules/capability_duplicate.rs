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
    // The first declaration of each (name, device or not); a map keeps this linear on
    // manifests with thousands of capabilities.
    let mut firsts: std::collections::HashMap<(&str, bool), usize> = std::collections::HashMap::new();
    for (i, c) in caps.iter().enumerate() {
        let device = c.kind == CapabilityKind::Device;
        let first = *firsts.entry((c.name(), device)).or_insert(i);
        if first == i {
            continue;
        }
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
