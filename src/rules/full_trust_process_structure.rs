//! `full-trust-process-structure`: the shape of the `windows.fullTrustProcess` extension
//! that `FullTrustProcessLauncher` reads.
//!
//! - the extension has an executable to launch: its own `Executable`, or the
//!   application's; inheriting the executable of a UWP application would launch the UWP
//!   app itself as the "full-trust process" (a warning);
//! - one `windows.fullTrustProcess` extension per application (the launcher names the
//!   application and a parameter group, never an extension; a warning);
//! - `desktop:ParameterGroup`: `GroupId` and `Parameters` are 1 to 32767 characters with
//!   no whitespace around them (the element page; the schema only says `xs:string`), and
//!   `GroupId` is unique in the application;
//! - `desktop:FullTrustProcess` sits only in a `windows.fullTrustProcess` extension.

use super::Ctx;
use super::ipc::{runs_desktop_process, xsd_trim};
use super::util::{owner_description, shorten};
use crate::diagnostic::Severity;
use crate::manifest::{Attr, Extension, Family, Manifest, NsId};

const CATEGORY: &str = "windows.fullTrustProcess";

fn is_ftp(ext: &Extension<'_>) -> bool {
    ext.el.is_in(Family::Desktop, "Extension") && ext.category() == CATEGORY
}

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for (i, app) in m.applications.iter().enumerate() {
        let ftps: Vec<&Extension<'_>> = app.extensions.iter().filter(|e| is_ftp(e)).collect();
        for (k, ext) in ftps.iter().enumerate() {
            check_executable(m, i, ext, cx);
            if k > 0 {
                let cat = ext.category.expect("has a category");
                cx.report(cat.value_span(), format!("{} declares a second windows.fullTrustProcess extension", owner_description(m, ext.el)))
                    .severity(Severity::Warning)
                    .label(ftps[0].el.name_span(), "the first one")
                    .help("FullTrustProcessLauncher launches the full-trust process of an application by its id (and a parameter group), so an application has one: keep one extension and move the parameter groups into it; another executable needs its own <Application>");
            }
        }
        // Parameter groups, unique across the application's full-trust extensions.
        let mut seen: std::collections::HashMap<&str, Attr<'_>> = std::collections::HashMap::new();
        for ext in &ftps {
            for ftp in ext.el.children_named(NsId::DESKTOP, "FullTrustProcess") {
                for group in ftp.children_named(NsId::DESKTOP, "ParameterGroup") {
                    for attr in ["GroupId", "Parameters"] {
                        let Some(a) = group.attr(attr) else { continue };
                        let v = a.value();
                        if v.is_empty() {
                            cx.report(a.value_span(), format!("{attr} of a ParameterGroup is empty")).help(format!(
                                "{attr} is 1 to 32767 characters, with no whitespace at its start or end"
                            ));
                        } else if xsd_trim(v) != v && !a.is_placeholder() {
                            cx.report(
                                a.value_span(),
                                format!("{attr} `{}` has whitespace at its start or end", shorten(v)),
                            )
                            .help(format!("write {attr}=\"{}\"", xsd_trim(v)));
                        }
                    }
                    let Some(id) = group.attr("GroupId") else { continue };
                    if id.is_placeholder() || id.value().trim().is_empty() {
                        continue;
                    }
                    if let Some(first) = seen.get(id.value().trim()) {
                        cx.report(id.value_span(), format!("the parameter group `{}` is declared twice in {}", shorten(id.value().trim()), owner_description(m, group)))
                            .label(first.value_span(), "first declared here")
                            .help("LaunchFullTrustProcessForCurrentAppAsync and LaunchFullTrustProcessForAppAsync pick a group by its GroupId: give each group its own id");
                    } else {
                        seen.insert(id.value().trim(), id);
                    }
                }
            }
        }
    }
    // FullTrustProcess in an extension of another category.
    for ext in m.extensions() {
        if is_ftp(ext) {
            continue;
        }
        for ftp in ext.el.children_named(NsId::DESKTOP, "FullTrustProcess") {
            let Some(cat) = ext.category else { continue };
            cx.report(ftp.name_span(), format!("`<{}>` is in an extension of Category `{}`, not windows.fullTrustProcess", ftp.qname(), ext.category()))
                .label(cat.value_span(), "the category")
                .help({
                    let (prefix, declare) = super::util::ns_binding(m, NsId::DESKTOP);
                    let declare = declare.map(|d| format!(" ({d} first)")).unwrap_or_default();
                    format!(
                        "declare the parameter groups in <{} Category=\"windows.fullTrustProcess\" Executable=\"...\">{declare}",
                        super::util::qualify(&prefix, "Extension")
                    )
                });
        }
    }
}

fn check_executable(m: &Manifest<'_>, app_index: usize, ext: &Extension<'_>, cx: &mut Ctx<'_>) {
    if ext.executable().is_some() {
        return;
    }
    let app = &m.applications[app_index];
    let cat = ext.category.expect("has a category");
    let Some(app_exe) = app.executable else {
        cx.report(
            cat.value_span(),
            format!(
                "the windows.fullTrustProcess extension of {} names no executable, and the application has none to inherit",
                owner_description(m, ext.el)
            ),
        )
        .help("add Executable=\"...\" to the extension: the path of the full-trust .exe in the package");
        return;
    };
    if app_exe.is_placeholder() {
        return;
    }
    if runs_desktop_process(m, ext) == Some(false) {
        cx.report(
            cat.value_span(),
            format!(
                "the windows.fullTrustProcess extension names no Executable, so FullTrustProcessLauncher would start `{}`, the executable of {}, which is a UWP app",
                shorten(app_exe.value()),
                owner_description(m, ext.el)
            ),
        )
        .severity(Severity::Warning)
        .label(app_exe.value_span(), "inherited from here")
        .help("add Executable=\"...\" to the extension, naming the Win32 executable to launch in full trust");
    }
}
