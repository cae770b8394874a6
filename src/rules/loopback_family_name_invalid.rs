//! `loopback-family-name-invalid`: a loopback rule must name a package family name that
//! can exist.

use super::Ctx;
use crate::manifest::identity::family_name_problem;
use crate::manifest::{Manifest, NsId};

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for el in m.root.descendants() {
        if !el.is(NsId::UAP4, "Rule") || !el.parent().is_some_and(|p| p.is(NsId::UAP4, "LoopbackAccessRules")) {
            continue;
        }
        let Some(pfn) = el.attr("PackageFamilyName") else { continue };
        if pfn.is_placeholder() {
            continue;
        }
        if let Some(problem) = family_name_problem(pfn.value()) {
            cx.report(pfn.value_span(), format!("`{}` is not a package family name: {problem}", super::util::shorten(pfn.value()))).help(
                "a package family name is `Name_PublisherId`; copy it from the other package's manifest editor, Partner Center, or `Get-AppxPackage`",
            );
        }
    }
}
