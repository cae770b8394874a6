//! `loopback-rule-count`: a `uap4:LoopbackAccessRules` holds at most 1000 rules.

use super::Ctx;
use crate::manifest::{Manifest, NsId};

pub const MAX: usize = 1000;

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for rules in m.root.descendants().filter(|e| e.is(NsId::UAP4, "LoopbackAccessRules")) {
        let all: Vec<_> = rules.children_named(NsId::UAP4, "Rule").collect();
        if all.len() > MAX {
            cx.report(
                all[MAX].name_span(),
                format!("`<{}>` has {} rules; at most {MAX} are allowed", rules.qname(), all.len()),
            )
            .label(rules.name_span(), "the rules")
            .help("remove rules for packages the app no longer talks to; each rule names one package family, so 1000 rules cover 1000 peers");
        }
    }
}
