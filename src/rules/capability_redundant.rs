//! `capability-redundant`: `internetClient` beside `internetClientServer`, which
//! includes it.

use super::Ctx;
use crate::manifest::Manifest;

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    let (Some(client), Some(server)) = (m.capability("internetClient"), m.capability("internetClientServer")) else {
        return;
    };
    let Some(name) = client.name else { return };
    cx.report(name.value_span(), "`internetClient` is redundant: `internetClientServer` includes its access")
        .label(server.el.name_span(), "internetClientServer is declared here")
        .help("remove <Capability Name=\"internetClient\"/>");
}
