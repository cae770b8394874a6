//! `application-id-duplicate`: two applications with one `Id`.

use super::Ctx;
use crate::manifest::Manifest;

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    // Windows compares application ids without case; the first application of each id.
    let mut firsts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, app) in m.applications.iter().enumerate() {
        let Some(id) = app.id.filter(|a| !a.is_placeholder()) else { continue };
        let at = *firsts.entry(id.value().to_ascii_lowercase()).or_insert(i);
        if at != i {
            let first = &m.applications[at];
            cx.report(
                id.value_span(),
                format!("application id `{}` is already used by another application", id.value()),
            )
            .label(first.el.name_span(), "first application with this id")
            .help("give each application of the package its own Id");
        }
    }
}
