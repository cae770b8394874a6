//! `loopback-without-private-network`: every package that takes part in loopback declares
//! privateNetworkClientServer.

use super::Ctx;
use super::util::{add_capability_help, misplaced_capability};
use crate::manifest::{Manifest, NsId};

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    if m.has_foundation_capability("privateNetworkClientServer") {
        return;
    }
    for el in m.root.descendants() {
        if !el.is(NsId::UAP4, "LoopbackAccessRules") {
            continue;
        }
        let f = cx.report(
            el.name_span(),
            "loopback access rules are declared, but the package lacks the capability privateNetworkClientServer, so its loopback connections stay blocked",
        );
        f.help(add_capability_help(m, NsId::FOUNDATION, "privateNetworkClientServer"));
        if let Some(cap) = misplaced_capability(m, "privateNetworkClientServer", NsId::FOUNDATION) {
            f.label(
                cap.name_span(),
                "privateNetworkClientServer is declared here, but not as a foundation <Capability>",
            );
        }
    }
}
