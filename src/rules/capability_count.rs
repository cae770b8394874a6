//! `capability-count`: at most 100 `Capability`, 1000 `CustomCapability` and 1000
//! `DeviceCapability` elements.

use super::Ctx;
use crate::manifest::{CapabilityKind, Manifest};

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for (kinds, max, what) in [
        (&[CapabilityKind::General, CapabilityKind::Restricted, CapabilityKind::Windows][..], 100, "Capability"),
        (&[CapabilityKind::Custom][..], 1000, "uap4:CustomCapability"),
        (&[CapabilityKind::Device][..], 1000, "DeviceCapability"),
    ] {
        let of_kind: Vec<_> = m.capabilities.iter().filter(|c| kinds.contains(&c.kind)).collect();
        if of_kind.len() > max {
            let first_extra = of_kind[max];
            cx.report(
                first_extra.el.name_span(),
                format!("<Capabilities> holds {} `{what}` elements; at most {max} are allowed, and this is number {}", of_kind.len(), max + 1),
            )
            .help("remove the capabilities the package does not use (duplicates and capabilities of removed features first)");
        }
    }
}
