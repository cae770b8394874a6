//! `loopback-rule-duplicate`: the same loopback rule (direction and package family name)
//! declared twice in one package. Family names compare without case.

use super::Ctx;
use super::ipc::loopback_rules;
use super::util::{owner_description, shorten};
use crate::manifest::{Attr, Manifest};

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    let mut seen: std::collections::HashMap<(String, String), Attr<'_>> = std::collections::HashMap::new();
    for rule in loopback_rules(m) {
        let (Some(dir), Some(pfn)) = (rule.attr("Direction"), rule.attr("PackageFamilyName")) else { continue };
        if dir.is_placeholder() || pfn.is_placeholder() || pfn.value().trim().is_empty() {
            continue;
        }
        let d = dir.value().trim().to_string();
        let key = pfn.value().trim().to_ascii_lowercase();
        if let Some(first) = seen.get(&(d.clone(), key.clone())) {
            let here = owner_description(m, rule);
            let there = owner_description(m, first.owner());
            let place = if here == there { String::new() } else { format!(" (first in {there})") };
            cx.report(
                pfn.value_span(),
                format!("the `{d}` rule for `{}` is declared twice{place}", shorten(pfn.value().trim())),
            )
            .label(first.value_span(), "first declared here")
            .help("remove the repeated rule: it allows nothing that the first one does not");
        } else {
            seen.insert((d, key), pfn);
        }
    }
}
