//! What the capability rules share: every capability element with what the catalog says
//! about its name.

use crate::manifest::capabilities::{self, CapInfo};
use crate::manifest::{Capability, CapabilityKind, Family};

/// True for capability elements whose names appxlint judges: general (foundation, uap*,
/// mobile, iot), restricted, and device capabilities. Windows capabilities (`wincap`)
/// are internal to Windows and not judged.
pub fn judged(c: &Capability<'_>) -> bool {
    match c.kind {
        CapabilityKind::General | CapabilityKind::Restricted | CapabilityKind::Device => {
            !c.el.ns().in_family(Family::Wincap) && c.name.is_some_and(|n| !n.is_placeholder())
        }
        _ => false,
    }
}

/// The catalog entry that matches a capability element exactly (name, element kind and
/// namespace), if any.
pub fn exact(c: &Capability<'_>) -> Option<&'static CapInfo> {
    let name = c.name();
    match c.kind {
        CapabilityKind::Device => capabilities::lookup(name, true),
        _ => capabilities::lookup_capability(name).filter(|i| i.ns == c.el.ns()),
    }
}

/// The catalog entry of the name under any element or namespace, when the element
/// is not the right one.
pub fn elsewhere(c: &Capability<'_>) -> Option<&'static CapInfo> {
    if exact(c).is_some() {
        return None;
    }
    let name = c.name();
    let device = c.kind == CapabilityKind::Device;
    capabilities::lookup(name, !device).or_else(|| capabilities::lookup(name, device))
}
