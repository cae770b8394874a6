//! `application-activation`: how an application is activated: `Executable`,
//! `EntryPoint`, `StartPage` and the uap10 `TrustLevel`/`RuntimeBehavior` pair must
//! form one of the combinations the Application page lists.

use super::Ctx;
use crate::manifest::version::{cycle_start, describe_build};
use crate::manifest::{Application, El, Manifest, NsId, Version};

/// The build that introduced the uap10 activation attributes.
const UAP10_BUILD: u32 = 19041;

/// An application whose activation is only the uap10 `RuntimeBehavior`/`TrustLevel` pair:
/// an `Executable` without the `EntryPoint` (or `StartPage`, or host) that Windows before
/// build 19041 reads instead. `windowsApp` without an EntryPoint is an error of its own.
fn uap10_only(app: &Application<'_>) -> bool {
    app.executable.is_some()
        && app.entry_point.is_none()
        && app.start_page.is_none()
        && app.el.attr_ns(NsId::UAP10, "HostId").is_none()
        && (app.runtime_behavior.is_some() || app.trust_level.is_some())
        && app.runtime_behavior.is_none_or(|b| b.value().trim() != "windowsApp")
}

/// True for the uap10 activation attributes of an application that this rule reports as
/// incomplete below build 19041 (`namespace-newer-than-min-version` leaves them to it: they
/// are not "silently ignored" there, the install fails).
pub fn reports_below_uap10(m: &Manifest<'_>, el: El<'_>, attr_ns: NsId, attr: &str) -> bool {
    attr_ns == NsId::UAP10
        && matches!(attr, "RuntimeBehavior" | "TrustLevel")
        && below_uap10(m)
        && m.applications.iter().any(|a| a.el.id == el.id && uap10_only(a))
}

/// The package also installs on a release without uap10. Insider builds of the 19041 cycle
/// already knew it (Microsoft's sparse-package samples declare `MinVersion="10.0.18950.0"`
/// with a uap10-only activation), so they get the benefit of the doubt.
fn below_uap10(m: &Manifest<'_>) -> bool {
    m.lowest_min_version().is_some_and(|(min, _)| min < Version::windows(cycle_start(UAP10_BUILD)))
}

/// The uap10 activation alone, on a package that also installs before build 19041.
fn check_older_windows(m: &Manifest<'_>, app: &Application<'_>, name: &str, cx: &mut Ctx<'_>) {
    if !uap10_only(app) || !below_uap10(m) {
        return;
    }
    let Some((min, tdf)) = m.lowest_min_version() else { return };
    let family = tdf.name.map(|n| n.value()).unwrap_or("the device family");
    let behavior = app.runtime_behavior.map(|a| a.value().trim());
    let trust = app.trust_level.map(|a| a.value().trim());
    let first = app.runtime_behavior.or(app.trust_level).expect("uap10_only");
    let written: Vec<String> = [app.runtime_behavior, app.trust_level]
        .into_iter()
        .flatten()
        .map(|a| format!("{}=\"{}\"", a.qname(), a.value().trim()))
        .collect();
    let raise = format!("raise {family} MinVersion to {}", Version::windows(UAP10_BUILD));
    // The older combination that means the same (the Application page's table).
    let help = match (behavior, trust) {
        (Some("win32App"), _) => format!(
            "{raise}; Windows before build {UAP10_BUILD} has no equivalent of win32App (the nearest is EntryPoint=\"Windows.FullTrustApplication\", a packaged classic app at medium IL, which would replace the uap10 attributes)"
        ),
        (_, Some("mediumIL")) => format!(
            "add EntryPoint=\"Windows.FullTrustApplication\" to the application (the same activation, which older Windows reads), or {raise}"
        ),
        _ => format!(
            "add EntryPoint=\"Windows.PartialTrustApplication\" to the application (the same activation, which older Windows reads), or {raise}"
        ),
    };
    cx.report(
        first.span(),
        format!(
            "{name} is activated only by {}, which Windows understands from {}; {family} MinVersion is {min}, and on older Windows the activation is incomplete and the install fails",
            written.join(" with "),
            describe_build(UAP10_BUILD)
        ),
    )
    .label(tdf.min_version.expect("lowest_min_version").value_span(), format!("{family} MinVersion"))
    .help(help);
}

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for app in &m.applications {
        let el = app.el;
        let host = el.attr_ns(NsId::UAP10, "HostId");
        let exe = app.executable;
        let entry = app.entry_point.map(|a| a.value().trim().to_string());
        let trust = app.trust_level.map(|a| a.value().trim().to_string());
        let behavior = app.runtime_behavior.map(|a| a.value().trim().to_string());
        let name = app.id.map_or("the application".to_string(), |id| format!("application `{}`", id.value()));
        check_older_windows(m, app, &name, cx);

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
