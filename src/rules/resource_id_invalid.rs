//! `resource-id-invalid`: `Identity/@ResourceId` is an ASCII identifier of at most 30
//! characters and not a reserved name.

use super::Ctx;
use super::identity_rules::judged;
use crate::manifest::Manifest;
use crate::manifest::identity::identifier_problem;

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    let Some(id) = &m.identity else { return };
    let Some(a) = judged(id.resource_id) else { return };
    let v = a.value();
    if v == "~" {
        return; // the bundle marker
    }
    let problem = if let Some(c) = v.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '.' || *c == '-')) {
        Some(format!("`{c}` is not allowed (letters, digits, `.` and `-`)"))
    } else if v.is_empty() {
        Some("it is empty".to_string())
    } else if v.chars().count() > 30 {
        Some(format!("it has {} characters; at most 30 are allowed", v.chars().count()))
    } else {
        identifier_problem(v)
    };
    if let Some(problem) = problem {
        cx.report(a.value_span(), format!("ResourceId `{}` is invalid: {problem}", super::util::shorten(v)))
            .help("a resource id has 1 to 30 letters, digits, `.` and `-` (or leave it out: most packages have none)");
    }
}
