//! `oop-server-without-full-trust`: an out-of-process server that runs with full trust
//! needs runFullTrust.

use super::Ctx;
use super::oop_server::{display, run_full_trust, servers};
use super::util::{add_capability_help, misplaced_capability};
use crate::manifest::{Manifest, NsId};

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    if m.has_restricted("runFullTrust") {
        return;
    }
    for server in servers(m) {
        let Some(attr) = run_full_trust(server) else { continue };
        if attr.as_bool() != Some(true) {
            continue;
        }
        let name = server.attr("ServerName").map(|a| format!(" `{}`", a.value())).unwrap_or_default();
        let f = cx.report(
            attr.span(),
            format!(
                "the {}{name} runs with full trust ({}=\"{}\"), but the package lacks the restricted capability runFullTrust",
                display(server),
                attr.qname(),
                attr.value()
            ),
        );
        f.help(add_capability_help(m, NsId::RESCAP, "runFullTrust"));
        if let Some(cap) = misplaced_capability(m, "runFullTrust", NsId::RESCAP) {
            f.label(cap.name_span(), super::util::misplaced_label(m, cap, "runFullTrust", NsId::RESCAP));
        }
    }
}
