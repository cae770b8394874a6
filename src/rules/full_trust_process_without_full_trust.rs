//! `full-trust-process-without-full-trust`: the windows.fullTrustProcess extension
//! (FullTrustProcessLauncher) needs runFullTrust.

use super::Ctx;
use super::util::{add_capability_help, misplaced_capability, owner_description};
use crate::manifest::{Family, Manifest, NsId};

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    if m.has_restricted("runFullTrust") {
        return;
    }
    for ext in m.extensions() {
        if !ext.el.is_in(Family::Desktop, "Extension") || ext.category() != "windows.fullTrustProcess" {
            continue;
        }
        let Some(category) = ext.category else { continue };
        let f = cx.report(
            category.value_span(),
            format!(
                "{} declares the windows.fullTrustProcess extension, but the package lacks the restricted capability runFullTrust",
                owner_description(m, ext.el)
            ),
        );
        f.help(add_capability_help(m, NsId::RESCAP, "runFullTrust"));
        if let Some(cap) = misplaced_capability(m, "runFullTrust", NsId::RESCAP) {
            f.label(cap.name_span(), super::util::misplaced_label(m, cap, "runFullTrust", NsId::RESCAP));
        }
    }
}
