//! `device-family-unknown`: a `TargetDeviceFamily` name that Windows does not know.

use super::Ctx;
use crate::manifest::Manifest;

/// Device family names (compared without case), from msix-packaging's list
/// (`src/msix/common/AppxManifestObject.cpp`).
pub const KNOWN: &[&str] = &[
    "Windows.Universal",
    "Windows.Mobile",
    "Windows.Desktop",
    "Windows.Xbox",
    "Windows.Team",
    "Windows.Holographic",
    "Windows.IoT",
    "Windows.Server",
    "MSIXCore.Desktop",
    "MSIXCore.Server",
];

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for tdf in &m.target_device_families {
        let Some(name) = tdf.name else { continue };
        if name.is_placeholder() {
            continue;
        }
        let v = name.value();
        if KNOWN.iter().any(|k| k.eq_ignore_ascii_case(v)) || cross_platform(v) {
            continue;
        }
        let f = cx.report(
            name.value_span(),
            format!("`{v}` is not a device family Windows knows; the package targets nothing there"),
        );
        match super::util::did_you_mean(v, KNOWN.iter().copied()) {
            Some(s) => f.help(format!("did you mean `{s}`?")),
            None => f.help("use Windows.Desktop for desktop PCs or Windows.Universal for every Windows device family"),
        };
    }
}

/// The MSIX SDK's cross-platform families (`apple.ios.*`, `google.android.*`, ...).
fn cross_platform(v: &str) -> bool {
    let l = v.to_ascii_lowercase();
    l.starts_with("apple.ios.")
        || l == "apple.macos.all"
        || l.starts_with("google.android.")
        || l == "linux.all"
        || l.starts_with("web.")
        || l == "platform.all"
}
