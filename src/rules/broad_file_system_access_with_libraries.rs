//! `broad-file-system-access-with-libraries`: broadFileSystemAccess declared together
//! with the Documents, Pictures or Videos library capabilities.

use super::Ctx;
use crate::manifest::{CapabilityKind, Manifest};

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    let Some(broad) =
        m.capabilities.iter().find(|c| c.kind == CapabilityKind::Restricted && c.name() == "broadFileSystemAccess")
    else {
        return;
    };
    for c in &m.capabilities {
        let Some(name) = c.name else { continue };
        if matches!(name.value(), "documentsLibrary" | "picturesLibrary" | "videosLibrary") {
            cx.report(
                name.value_span(),
                format!("`{}` is declared together with broadFileSystemAccess, which the documentation says not to do", name.value()),
            )
            .label(broad.el.name_span(), "broadFileSystemAccess is declared here")
            .help("remove the library capability: broadFileSystemAccess already covers those folders (once the user allows it)");
        }
    }
}
