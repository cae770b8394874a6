//! `app-service-duplicate`: two app services of one package with the same name.

use super::Ctx;
use super::ipc::app_services;
use super::util::{owner_description, shorten};
use crate::diagnostic::Severity;
use crate::manifest::Manifest;

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    let services: Vec<_> =
        app_services(m).into_iter().filter(|s| s.name.is_some_and(|n| !n.is_placeholder())).collect();
    // Names compare without case.
    let keys = services.iter().map(|x| {
        let value = x.name.expect("filtered on names").value().trim();
        (!value.is_empty()).then(|| value.to_ascii_lowercase())
    });
    for (i, at) in super::util::repeats(keys) {
        let svc = &services[i];
        let name = svc.name.expect("filtered on names");
        let value = name.value().trim();
        let first = &services[at];
        let first_name = first.name.expect("filtered on names");
        let exact = first_name.value().trim() == value;
        let here = owner_description(m, svc.el);
        let there = owner_description(m, first.el);
        let place = if here == there { String::new() } else { format!(" (first in {there})") };
        let message = if exact {
            format!("the app service name `{}` is declared twice in the package{place}", shorten(value))
        } else {
            format!(
                "the app service names `{}` and `{}` differ only in case{place}",
                shorten(first_name.value().trim()),
                shorten(value)
            )
        };
        let f = cx
            .report(name.value_span(), message)
            .label(first_name.value_span(), "first declared here")
            .help("a client opens an app service by package family name and app service name, so each name may be declared once in a package: rename or remove one");
        if !exact {
            f.severity(Severity::Warning);
        }
    }
}
