//! `com-surrogate-server`: a COM `SurrogateServer` declares `SystemSurrogate` or
//! `CustomSurrogateExecutable`, not both (MakeAppx error 221); and a surrogate server
//! whose class is a `desktop2:DesktopPropertyHandler` declares neither (MakeAppx 225).

use super::Ctx;
use super::ipc::{guid_key, is_com};
use crate::manifest::{Manifest, NsId};

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for el in m.root.descendants() {
        if !is_com(el) || el.local() != "SurrogateServer" {
            continue;
        }
        if let (Some(system), Some(custom)) = (el.attr("SystemSurrogate"), el.attr("CustomSurrogateExecutable")) {
            cx.report(custom.name_span(), "a SurrogateServer declares SystemSurrogate and CustomSurrogateExecutable, which are mutually exclusive")
                .label(system.name_span(), "SystemSurrogate here")
                .help("keep SystemSurrogate=\"PreviewHost\" to run the classes in the system's preview host, or CustomSurrogateExecutable to run them in your own surrogate .exe, not both");
        }
    }
    // MakeAppx 225: the surrogate of a desktop property handler.
    for handler in m.root.descendants().filter(|e| e.is(NsId::DESKTOP2, "DesktopPropertyHandler")) {
        let Some(clsid) = handler.attr("Clsid") else { continue };
        if clsid.is_placeholder() {
            continue;
        }
        let key = guid_key(clsid.value());
        let server = m.root.descendants().find(|c| {
            is_com(*c)
                && c.local() == "Class"
                && c.parent().is_some_and(|p| is_com(p) && p.local() == "SurrogateServer")
                && c.attr("Id").is_some_and(|id| guid_key(id.value()) == key)
        });
        let Some(server) = server.and_then(|c| c.parent()) else { continue };
        for attr in ["SystemSurrogate", "CustomSurrogateExecutable"] {
            let Some(a) = server.attr(attr) else { continue };
            cx.report(
                a.name_span(),
                format!("this SurrogateServer hosts the desktop property handler `{}`, so it must not declare {attr}", clsid.value()),
            )
            .label(handler.name_span(), "the property handler")
            .help(format!(
                "remove {attr}: a SurrogateServer that a DesktopPropertyHandler uses declares neither SystemSurrogate nor CustomSurrogateExecutable"
            ));
        }
    }
}
