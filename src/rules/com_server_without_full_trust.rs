//! `com-server-without-full-trust`: a packaged out-of-process COM server needs runFullTrust.

use super::Ctx;
use super::util::{add_capability_help, misplaced_capability, owner_description};
use crate::manifest::{Family, Manifest, NsId};

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    if m.has_restricted("runFullTrust") {
        return;
    }
    for el in m.root.descendants() {
        if !el.is_in(Family::Com, "ExeServer") {
            continue;
        }
        let exe = el.attr("Executable").map(|a| format!(" `{}`", a.value())).unwrap_or_default();
        let f = cx.report(
            el.name_span(),
            format!(
                "{} declares the out-of-process COM server{exe}, but the package lacks the restricted capability runFullTrust",
                owner_description(m, el)
            ),
        );
        f.help(add_capability_help(m, NsId::RESCAP, "runFullTrust"));
        if let Some(cap) = misplaced_capability(m, "runFullTrust", NsId::RESCAP) {
            f.label(cap.name_span(), super::util::misplaced_label(m, cap, "runFullTrust", NsId::RESCAP));
        }
    }
}
