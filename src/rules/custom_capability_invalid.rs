//! `custom-capability-invalid`: a custom capability is `Company.name_PublisherId` with a
//! publisher id that the publisher id algorithm can produce.

use super::Ctx;
use crate::manifest::identity::publisher_id_problem;
use crate::manifest::{CapabilityKind, Manifest};

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for c in m.capabilities.iter().filter(|c| c.kind == CapabilityKind::Custom) {
        let Some(attr) = c.name else { continue };
        if attr.is_placeholder() {
            continue;
        }
        if let Some(problem) = problem(attr.value()) {
            cx.report(attr.value_span(), format!("custom capability `{}` is invalid: {problem}", super::util::shorten(attr.value())))
                .help("a custom capability is `Company.capabilityName_PublisherId`, where PublisherId is the 13-character id of the publisher that reserved it (for Microsoft's, `8wekyb3d8bbwe`)");
        }
    }
}

pub fn problem(v: &str) -> Option<String> {
    let len = v.chars().count();
    if !(15..=255).contains(&len) {
        return Some(format!("it has {len} characters; a custom capability has 15 to 255"));
    }
    let Some((name, id)) = v.rsplit_once('_') else {
        return Some("it has no `_PublisherId` suffix".into());
    };
    let first = name.chars().next().unwrap_or(' ');
    if !first.is_ascii_alphanumeric() {
        return Some(format!("it must start with a letter or digit, not `{first}`"));
    }
    if let Some(ch) = name.chars().find(|ch| !(ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_' | '.'))) {
        return Some(format!("`{ch}` is not allowed in the name part (letters, digits, `-`, `_`, `.`)"));
    }
    publisher_id_problem(id).map(|p| format!("the publisher id part: {p}"))
}
