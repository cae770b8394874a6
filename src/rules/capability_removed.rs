//! `capability-removed`: a capability that Windows no longer has.

use super::Ctx;
use crate::manifest::Manifest;
use crate::manifest::capabilities::REMOVED;

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for c in &m.capabilities {
        let Some(name) = c.name else { continue };
        if REMOVED.contains(&name.value()) {
            cx.report(
                name.value_span(),
                format!("`{}` has been removed from Windows; it grants nothing", name.value()),
            )
            .help("remove the capability (location history is no longer available to apps)");
        }
    }
}
