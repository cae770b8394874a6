//! `application-id-invalid`: `Application/@Id` follows `ST_ApplicationId` and is not a
//! reserved name.

use super::Ctx;
use super::oop_server_name_invalid::ascii_windows_id_problem;
use crate::manifest::Manifest;
use crate::manifest::identity::RESERVED_NAMES;

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for app in &m.applications {
        let Some(id) = app.id.filter(|a| !a.is_placeholder()) else { continue };
        let v = id.value();
        let problem = if v.chars().count() > 64 {
            Some(format!("it has {} characters; at most 64 are allowed", v.chars().count()))
        } else {
            ascii_windows_id_problem(v)
        };
        if let Some(problem) = problem {
            cx.report(id.value_span(), format!("application id `{}` is invalid: {problem}", super::util::shorten(v)))
                .help("an application id is letters and digits starting with a letter, optionally in dot-separated segments (at most 64 characters), for example `App` or `Contoso.Viewer`");
            continue;
        }
        let first = v.split('.').next().unwrap_or(v).to_ascii_lowercase();
        if RESERVED_NAMES.contains(&first.as_str()) {
            cx.report(
                id.value_span(),
                format!("application id `{v}` uses the reserved name `{}`", v.split('.').next().unwrap_or(v)),
            )
            .help(
                "device names (CON, PRN, AUX, NUL, COM1-9, LPT1-9) cannot be application ids; rename the application",
            );
        }
    }
}
