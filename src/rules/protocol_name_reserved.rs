//! `protocol-name-reserved`: a protocol name that Windows reserves for itself or for
//! built-in apps. "If your app registers for a reserved association, that registration
//! will be ignored" (Reserved file and URI scheme names).

use super::Ctx;
use super::ipc::protocols;
use crate::manifest::Manifest;

/// The reserved URI scheme names of the docs page, without the `ms-settings:...` entries
/// (a protocol name cannot hold `:`).
pub const RESERVED: &[&str] = &[
    "application.manifest",
    "application.reference",
    "batfile",
    "bing",
    "blob",
    "callto",
    "cerfile",
    "chm.file",
    "cmdfile",
    "comfile",
    "cplfile",
    "dllfile",
    "drvfile",
    "dtmf",
    "exefile",
    "explorer.assocactionid.burnselection",
    "explorer.assocactionid.closesession",
    "explorer.assocactionid.erasedisc",
    "explorer.assocactionid.zipselection",
    "explorer.assocprotocol.search-ms",
    "explorer.burnselection",
    "explorer.closesession",
    "explorer.erasedisc",
    "explorer.zipselection",
    "file",
    "fonfile",
    "hlpfile",
    "htafile",
    "http",
    "https",
    "iehistory",
    "ierss",
    "inffile",
    "insfile",
    "internetshortcut",
    "javascript",
    "jscript",
    "jsefile",
    "ldap",
    "lnkfile",
    "mailto",
    "maps",
    "microsoft.powershellscript.1",
    "ms-accountpictureprovider",
    "ms-appdata",
    "ms-appx",
    "ms-autoplay",
    "ms-excel",
    "ms-powerpoint",
    "ms-settings",
    "ms-windows-store",
    "ms-word",
    "msi.package",
    "msi.patch",
    "ocxfile",
    "office",
    "onenote",
    "piffile",
    "regfile",
    "res",
    "rlogin",
    "scrfile",
    "scriptletfile",
    "shbfile",
    "shcmdfile",
    "shsfile",
    "smb",
    "stickynotes",
    "sysfile",
    "tel",
    "telnet",
    "tn3270",
    "ttffile",
    "unknown",
    "usertileprovider",
    "vbefile",
    "vbscript",
    "vbsfile",
    "wallet",
    "windows.gadget",
    "windowsmediacenterapp",
    "windowsmediacenterssl",
    "windowsmediacenterweb",
    "wmp11.assocprotocol.mms",
    "wsffile",
    "wsfile",
    "wshfile",
    "xbls",
    "zune",
];

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for p in protocols(m) {
        let Some(name) = p.name else { continue };
        if name.is_placeholder() {
            continue;
        }
        let value = name.value().trim();
        let Some(reserved) = RESERVED.iter().find(|r| r.eq_ignore_ascii_case(value)) else { continue };
        cx.report(
            name.value_span(),
            format!("`{reserved}` is a reserved URI scheme: Windows ignores the registration, so the app is never activated for it"),
        )
        .help("choose a scheme of your own, for example one that starts with your company or app name (`contoso-photos`)");
    }
}

#[cfg(test)]
mod tests {
    use super::RESERVED;

    #[test]
    fn the_list_is_sorted_lower_case_and_without_colons() {
        assert!(RESERVED.windows(2).all(|w| w[0] < w[1]));
        assert!(RESERVED.iter().all(|r| !r.contains(':') && r.to_ascii_lowercase() == *r));
    }
}
