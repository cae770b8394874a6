//! `application-id-duplicate`: two applications with one `Id`.

use super::Ctx;
use crate::manifest::Manifest;

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for (i, app) in m.applications.iter().enumerate() {
        let Some(id) = app.id.filter(|a| !a.is_placeholder()) else { continue };
        // Windows compares application ids without case.
        if let Some(first) =
            m.applications[..i].iter().find(|a| a.id.is_some_and(|f| f.value().eq_ignore_ascii_case(id.value())))
        {
            cx.report(
                id.value_span(),
                format!("application id `{}` is already used by another application", id.value()),
            )
            .label(first.el.name_span(), "first application with this id")
            .help("give each application of the package its own Id");
        }
    }
}
