//! `loopback-rule-self`: a loopback rule that names the package's own family name. A rule
//! names "the package family name of the app to connect to": the package at the other end.

use super::Ctx;
use super::ipc::loopback_rules;
use crate::manifest::Manifest;

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    let Some(own) = m.identity_family_name() else { return };
    for rule in loopback_rules(m) {
        let Some(pfn) = rule.attr("PackageFamilyName") else { continue };
        if pfn.is_placeholder() || !pfn.value().trim().eq_ignore_ascii_case(&own) {
            continue;
        }
        let f = cx.report(
            pfn.value_span(),
            format!("this loopback rule names `{}`, the family name of this package itself", pfn.value().trim()),
        );
        if let Some(identity) = m.identity.as_ref().and_then(|i| i.name) {
            f.label(identity.value_span(), "this package");
        }
        f.help("a loopback rule names the other package of the connection (the server in a client's `out` rule, a client in a server's `in` rule): put that package's family name here, or remove the rule");
    }
}
