//! `app-service-entry-point`: an app service whose extension has no `EntryPoint` runs in
//! process, in the application's own process (its `OnBackgroundActivated`). That model
//! needs Windows 10 version 1607 and a UWP application: desktop (Win32) applications,
//! Windows App SDK apps included, host app services only out of process.

use super::Ctx;
use super::ipc::{app_services, runs_desktop_process};
use super::util::{owner_description, shorten};
use crate::manifest::version::{cycle_start, describe_build};
use crate::manifest::{Manifest, Version};

/// Windows 10 version 1607, the first release with in-process app services. Insider
/// builds of its development cycle (after 10586) are given the benefit of the doubt, as
/// the namespace rules do.
const IN_PROCESS_BUILD: u32 = 14393;

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for svc in app_services(m) {
        if svc.ext.entry_point().is_some() {
            continue; // out of process: a background task class
        }
        let what = match svc.name {
            Some(n) => format!("app service `{}`", shorten(n.value())),
            None => "the app service".to_string(),
        };
        let at = svc.name.map_or(svc.el.name_span(), |n| n.value_span());
        let owner = owner_description(m, svc.el);
        if runs_desktop_process(m, &svc.ext) == Some(true) {
            cx.report(
                at,
                format!(
                    "{what} has no EntryPoint on its extension, so it would run in process, but {owner} is a desktop (Win32) application"
                ),
            )
            .label(svc.ext.el.name_span(), "no EntryPoint here")
            .help("in-process app services are delivered to OnBackgroundActivated of a UWP application; desktop apps (Windows App SDK included) host them out of process: implement IBackgroundTask in a Windows Runtime component and name that class in EntryPoint=\"...\" on the extension");
            continue;
        }
        if let Some((min, tdf)) = m.lowest_min_version()
            && min < Version::windows(cycle_start(IN_PROCESS_BUILD))
        {
            let family = tdf.name.map_or("TargetDeviceFamily", |n| n.value());
            let f = cx.report(
                at,
                format!(
                    "{what} runs in process (no EntryPoint on its extension), which needs {}, but {family} MinVersion is {min}",
                    describe_build(IN_PROCESS_BUILD)
                ),
            );
            if let Some(v) = tdf.min_version {
                f.label(v.value_span(), "the oldest Windows the package installs on");
            }
            f.help("raise MinVersion to 10.0.14393.0, or run the service out of process: EntryPoint=\"...\" on the extension naming its background task class");
        }
    }
}
