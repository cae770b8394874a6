//! `legacy-manifest`: a Windows 8 or 8.1 manifest, which appxlint does not check.

use super::Ctx;
use crate::manifest::{Kind, Manifest};

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    if m.kind != Kind::Legacy {
        return;
    }
    let uses = |ns: crate::manifest::NsId| m.root.descendants().any(|e| e.ns() == ns);
    let era = if uses(crate::manifest::NsId::WINPHONE81) {
        "Windows Phone 8.1"
    } else if uses(crate::manifest::NsId::WIN81) {
        "Windows 8.1"
    } else {
        "Windows 8"
    };
    let uri = m.root.ns_uri();
    cx.report(m.root.name_span(), format!("this is a {era} manifest (`{uri}`); appxlint checks Windows 10 and 11 manifests only, so it is not checked"))
        .help("to ship on Windows 10 and 11, convert it to the foundation namespace http://schemas.microsoft.com/appx/manifest/foundation/windows10");
}
