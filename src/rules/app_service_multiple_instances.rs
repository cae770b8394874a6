//! `app-service-multiple-instances`: an app service that supports multiple instances
//! (`uap4:SupportsMultipleInstances="true"`) runs each activation in its own process, out
//! of process: its extension declares `EntryPoint`, and neither `ResourceGroup` nor
//! `ServerName` (MakeAppx error 227).

use super::Ctx;
use super::ipc::app_services;
use super::util::shorten;
use crate::manifest::{Manifest, NsId};

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for svc in app_services(m) {
        let Some(multi) = svc.el.attr_ns(NsId::UAP4, "SupportsMultipleInstances") else { continue };
        if multi.is_placeholder() || multi.as_bool() != Some(true) {
            continue;
        }
        let what = match svc.name {
            Some(n) => format!("app service `{}`", shorten(n.value())),
            None => "the app service".to_string(),
        };
        if svc.ext.entry_point().is_none() {
            cx.report(
                multi.name_span(),
                format!("{what} supports multiple instances, but its extension declares no EntryPoint"),
            )
            .label(svc.ext.el.name_span(), "the extension")
            .help("multiple instances run out of process, each in a new background task: give the extension EntryPoint=\"Namespace.Class\", the background task class that implements the service");
        }
        if let Some(group) = svc.ext.el.attr("ResourceGroup") {
            cx.report(
                group.name_span(),
                format!("{what} supports multiple instances, so its extension must not declare ResourceGroup"),
            )
            .label(multi.name_span(), "multiple instances")
            .help("ResourceGroup puts activations into one shared host, which contradicts multiple instances: remove ResourceGroup, or remove uap4:SupportsMultipleInstances");
        }
        if let Some(server) = svc.el.attr("ServerName") {
            cx.report(server.name_span(), format!("{what} supports multiple instances, so it must not declare ServerName"))
                .label(multi.name_span(), "multiple instances")
                .help("ServerName makes every activation use one server instance, which contradicts multiple instances: remove ServerName, or remove uap4:SupportsMultipleInstances");
        }
    }
}
