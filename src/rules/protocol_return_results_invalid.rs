//! `protocol-return-results-invalid`: `ReturnResults` of a protocol is `none`, `always` or
//! `optional` (`ST_ProtocolReturnResults`), written exactly so.

use super::Ctx;
use super::ipc::protocols;
use super::util::shorten;
use crate::manifest::Manifest;

const VALUES: [&str; 3] = ["none", "always", "optional"];

const HELP: &str = "`always`: the app can only be launched for results (LaunchUriForResultsAsync); `optional`: with or without results; `none`: never for results (LaunchUriAsync only)";

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for p in protocols(m) {
        let Some(attr) = p.el.attr("ReturnResults") else { continue };
        let value = attr.value();
        if attr.is_placeholder() || VALUES.contains(&value) {
            continue;
        }
        let trimmed = value.trim();
        let (message, help) = if let Some(v) = VALUES.iter().find(|v| v.eq_ignore_ascii_case(trimmed)) {
            let why = if trimmed == *v {
                "has whitespace around it"
            } else {
                "has the wrong case; the values are case-sensitive"
            };
            (format!("ReturnResults `{value}` {why}"), format!("write ReturnResults=\"{v}\""))
        } else if matches!(trimmed.to_ascii_lowercase().as_str(), "true" | "yes" | "1") {
            (
                format!(
                    "ReturnResults `{trimmed}` is a boolean, but ReturnResults takes `none`, `always` or `optional`"
                ),
                format!("write ReturnResults=\"always\" or \"optional\"; {HELP}"),
            )
        } else if matches!(trimmed.to_ascii_lowercase().as_str(), "false" | "no" | "0" | "never") {
            (
                format!(
                    "ReturnResults `{trimmed}` is a boolean, but ReturnResults takes `none`, `always` or `optional`"
                ),
                format!("write ReturnResults=\"none\", or leave the attribute out; {HELP}"),
            )
        } else if trimmed.is_empty() {
            ("ReturnResults is empty".to_string(), format!("write `none`, `always` or `optional`: {HELP}"))
        } else {
            (format!("ReturnResults `{}` is not `none`, `always` or `optional`", shorten(trimmed)), HELP.to_string())
        };
        cx.report(attr.value_span(), message).help(help);
    }
}
