//! `application-id-duplicate`: two applications with one `Id`.

use super::Ctx;
use crate::manifest::Manifest;

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    // Windows compares application ids without case.
    let ids: Vec<_> = m.applications.iter().map(|app| app.id.filter(|a| !a.is_placeholder())).collect();
    for (i, at) in super::util::repeats(ids.iter().map(|id| id.map(|id| id.value().to_ascii_lowercase()))) {
        let id = ids[i].expect("only ids repeat");
        let first = &m.applications[at];
        cx.report(id.value_span(), format!("application id `{}` is already used by another application", id.value()))
            .label(first.el.name_span(), "first application with this id")
            .help("give each application of the package its own Id");
    }
}
