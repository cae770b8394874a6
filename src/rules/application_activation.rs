//! `application-activation`: how an application is activated: `Executable`,
//! `EntryPoint`, `StartPage` and the uap10 `TrustLevel`/`RuntimeBehavior` pair must
//! form one of the combinations the Application page lists.

use super::Ctx;
use crate::manifest::{Manifest, NsId};

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for app in &m.applications {
        let el = app.el;
        let host = el.attr_ns(NsId::UAP10, "HostId");
        let exe = app.executable;
        let entry = app.entry_point.map(|a| a.value().trim().to_string());
        let trust = app.trust_level.map(|a| a.value().trim().to_string());
        let behavior = app.runtime_behavior.map(|a| a.value().trim().to_string());
        let name = app.id.map_or("the application".to_string(), |id| format!("application `{}`", id.value()));

        // A headless app (an IoT background application) is only its extensions' entry
        // points.
        let headless = app.extensions.iter().any(|e| e.entry_point().is_some());
        if let Some(e) = app.entry_point
            && exe.is_none()
            && host.is_none()
            && app.start_page.is_none()
            && !headless
        {
            cx.report(e.span(), format!("{name} declares an EntryPoint without Executable"))
                .help("add the Executable the entry point belongs to");
            continue;
        }
        if exe.is_none() && app.start_page.is_none() && host.is_none() && !headless {
            cx.report(el.name_span(), format!("{name} has neither Executable nor StartPage"))
                .help("give the executable (Executable=\"App.exe\", with EntryPoint or uap10:RuntimeBehavior), or the StartPage of a web app");
            continue;
        }
        if let (Some(e), Some(sp)) = (app.entry_point, app.start_page) {
            cx.report(e.span(), format!("{name} declares both EntryPoint and StartPage"))
                .label(sp.span(), "StartPage")
                .help("an app with an EntryPoint runs an executable; a web app has a StartPage and no EntryPoint");
        }
        let (Some(trust), Some(behavior)) = (trust, behavior) else {
            if let (Some(b), None) = (app.runtime_behavior, &entry)
                && b.value().trim() == "windowsApp"
                && exe.is_some()
            {
                cx.report(b.span(), format!("{name} uses uap10:RuntimeBehavior=\"windowsApp\" without an EntryPoint"))
                    .help("a windowsApp (UWP) activation needs EntryPoint, the class that starts the app");
            }
            continue;
        };
        let trust_attr = app.trust_level.expect("present");
        let behavior_attr = app.runtime_behavior.expect("present");
        if behavior == "win32App" && trust == "appContainer" {
            cx.report(trust_attr.span(), format!("{name} combines uap10:RuntimeBehavior=\"win32App\" with uap10:TrustLevel=\"appContainer\", which Windows does not support"))
                .label(behavior_attr.span(), "RuntimeBehavior")
                .help("a win32App runs with uap10:TrustLevel=\"mediumIL\"; for an app container use RuntimeBehavior=\"packagedClassicApp\"");
        }
        if behavior == "windowsApp" && entry.is_none() && exe.is_some() {
            cx.report(
                behavior_attr.span(),
                format!("{name} uses uap10:RuntimeBehavior=\"windowsApp\" without an EntryPoint"),
            )
            .help("a windowsApp (UWP) activation needs EntryPoint, the class that starts the app");
        }
        if let (Some(e), Some(ea)) = (&entry, app.entry_point) {
            let implied = if e.eq_ignore_ascii_case("Windows.FullTrustApplication") {
                Some(("packagedClassicApp", "mediumIL"))
            } else if e.eq_ignore_ascii_case("Windows.PartialTrustApplication") {
                Some(("packagedClassicApp", "appContainer"))
            } else {
                None
            };
            let contradiction = match implied {
                Some((b, t)) => b != behavior || t != trust,
                None => behavior != "windowsApp",
            };
            if contradiction {
                let means = match implied {
                    Some((b, t)) => format!("RuntimeBehavior=\"{b}\" with TrustLevel=\"{t}\""),
                    None => "a UWP app (RuntimeBehavior=\"windowsApp\")".to_string(),
                };
                cx.report(ea.span(), format!("{name}: EntryPoint=\"{e}\" means {means}, but the uap10 attributes say RuntimeBehavior=\"{behavior}\" with TrustLevel=\"{trust}\""))
                    .label(trust_attr.span(), "uap10:TrustLevel")
                    .help("make the EntryPoint and the uap10 attributes describe the same activation, or keep only one form");
            }
        }
    }
}
