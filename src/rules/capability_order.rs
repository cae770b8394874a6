//! `capability-order`: in `<Capabilities>`, every `Capability` (in any namespace) comes
//! first, then the `uap4:CustomCapability` elements, then the `DeviceCapability` ones.

use super::Ctx;
use crate::manifest::{CapabilityKind, Manifest};

fn rank(k: CapabilityKind) -> Option<u8> {
    match k {
        CapabilityKind::General | CapabilityKind::Restricted | CapabilityKind::Windows => Some(0),
        CapabilityKind::Custom => Some(1),
        CapabilityKind::Device => Some(2),
        CapabilityKind::Other => None,
    }
}

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    let mut highest: Option<(u8, crate::manifest::El<'_>)> = None;
    for c in &m.capabilities {
        let Some(r) = rank(c.kind) else { continue };
        match highest {
            Some((h, before)) if r < h => {
                let what = match c.kind {
                    CapabilityKind::Custom => {
                        "custom capabilities come after every `Capability` and before every `DeviceCapability`"
                    }
                    _ => "every `Capability` comes before the custom and device capabilities",
                };
                cx.report(c.el.name_span(), format!("`<{}>` must come before `<{}>`: {what}", c.el.qname(), before.qname()))
                    .label(before.name_span(), format!("`<{}>` is here", before.qname()))
                    .help("order <Capabilities> as: Capability elements (any namespace), then uap4:CustomCapability, then DeviceCapability");
            }
            Some((h, _)) if r == h => {}
            _ => highest = Some((r, c.el)),
        }
    }
}
