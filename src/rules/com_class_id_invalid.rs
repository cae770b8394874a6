//! `com-class-id-invalid`: the GUIDs of packaged COM (class ids, `Clsid`, `TreatAs`,
//! `AutoConvertTo`, `AppId`, interface and type library ids, proxy stubs) are written
//! `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` (`ST_GUID`): no braces, no `0x`, 32 hexadecimal
//! digits in groups of 8-4-4-4-12.
//!
//! The values the schema rejects are the ones reported; this rule says what is wrong
//! with each and how to write it.

use super::Ctx;
use super::ipc::is_com;
use super::util::shorten;
use crate::manifest::{El, Manifest, NsId};
use crate::schema::{Issue, IssueKind};

/// The GUID issues this rule reports instead of `schema-invalid-value`, and the dangling
/// references they cause (a reference written as an invalid GUID, or naming a class whose
/// id is written as one).
pub fn claims(m: &Manifest<'_>, issue: &Issue) -> bool {
    match issue.kind {
        IssueKind::InvalidValue => is_guid_issue(m, issue),
        IssueKind::BadReference => {
            let el = m.tree.el(issue.element);
            let Some(attr) = el.attrs().find(|a| a.value_span() == issue.span) else { return false };
            let invalid: Vec<&Issue> = m.schema_issues().iter().filter(|i| is_guid_issue(m, i)).collect();
            if judged(el) && invalid.iter().any(|i| i.span == issue.span) {
                return true;
            }
            let Some(key) = normalized(attr.value()) else { return false };
            invalid.iter().any(|i| {
                let owner = m.tree.el(i.element);
                owner
                    .attrs()
                    .any(|a| a.value_span() == i.span && normalized(a.value()).as_deref() == Some(key.as_str()))
            })
        }
        _ => false,
    }
}

fn is_guid_issue(m: &Manifest<'_>, issue: &Issue) -> bool {
    issue.kind == IssueKind::InvalidValue
        && issue.attr.is_some()
        && issue.value_type == Some("ST_GUID")
        && judged(m.tree.el(issue.element))
}

fn judged(el: El<'_>) -> bool {
    is_com(el) || el.is(NsId::FOUNDATION, "ProxyStub")
}

/// The GUID `value` seems to mean, written the manifest's way, when it is recognisable.
pub fn normalized(value: &str) -> Option<String> {
    let v = value.trim();
    let v = v.strip_prefix('{').and_then(|v| v.strip_suffix('}')).unwrap_or(v);
    let v = v.strip_prefix("0x").or_else(|| v.strip_prefix("0X")).unwrap_or(v);
    let hex: String = v.chars().filter(|c| *c != '-').collect();
    if hex.len() != 32 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let dashes: Vec<usize> = v.char_indices().filter(|(_, c)| *c == '-').map(|(i, _)| i).collect();
    if !(dashes.is_empty() || dashes == [8, 13, 18, 23]) {
        return None;
    }
    let hex = hex.to_ascii_lowercase();
    Some(format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..]))
}

/// What is wrong with `value` as a GUID.
pub fn problem(value: &str) -> String {
    let v = value.trim();
    if v.is_empty() {
        return "is empty".into();
    }
    if v != value {
        return "has whitespace around it".into();
    }
    if v.starts_with('{') || v.ends_with('}') {
        return "is written with braces, which the manifest does not take".into();
    }
    if v.contains("0x") || v.contains("0X") {
        return "is written as a hexadecimal number (`0x`); the manifest takes the hyphenated form".into();
    }
    if let Some(c) = v.chars().find(|c| !c.is_ascii_hexdigit() && *c != '-') {
        return format!("contains `{c}`, which is not a hexadecimal digit");
    }
    let hex = v.chars().filter(|c| *c != '-').count();
    if hex != 32 {
        return format!("has {hex} hexadecimal digits; a GUID has 32");
    }
    if !v.contains('-') {
        return "is written without hyphens".into();
    }
    "does not group its digits 8-4-4-4-12".into()
}

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for issue in m.schema_issues().iter().filter(|i| claims(m, i)) {
        let el = m.tree.el(issue.element);
        let Some((ns, local)) = &issue.attr else { continue };
        let Some(attr) = el.attr_ns(*ns, local) else { continue };
        let value = attr.value();
        let f = cx.report(
            attr.value_span(),
            format!("{} `{}` of `<{}>` is not a GUID: it {}", attr.qname(), shorten(value), el.qname(), problem(value)),
        );
        match normalized(value) {
            Some(g) => f.help(format!("write {}=\"{g}\"", attr.qname())),
            None => f.help("write the GUID as 32 hexadecimal digits in groups of 8-4-4-4-12, without braces: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids() {
        let g = "8c6a8f71-3a5b-4d55-9c11-0d2e5f6a7b01";
        assert_eq!(normalized(&format!("{{{g}}}")).as_deref(), Some(g));
        assert_eq!(normalized(&g.replace('-', "")).as_deref(), Some(g));
        assert_eq!(normalized("8c6a8f713a5b-4d55-9c11-0d2e5f6a7b01"), None);
        assert_eq!(normalized(&format!("0x{}", g.replace('-', "").to_uppercase())).as_deref(), Some(g));
        assert!(problem(&format!("{{{g}}}")).contains("braces"));
        assert!(problem(&g.replace('-', "")).contains("without hyphens"));
        assert!(problem("8c6a8f71-3a5b-4d55-9c11-0d2e5f6a7b0z").contains("`z`"));
        assert!(problem("8c6a8f71-3a5b-4d55-9c11-0d2e5f6a7b0").contains("31"));
        assert!(problem("8c6a8f713a5b-4d55-9c11-0d2e-5f6a7b01").contains("8-4-4-4-12"));
    }
}
