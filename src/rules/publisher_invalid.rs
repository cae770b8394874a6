//! `publisher-invalid`: a publisher that is not a distinguished name the manifest
//! schema accepts (`ST_Publisher_2010_v2`).

use super::Ctx;
use super::identity_rules::{identity_like, judged};
use crate::manifest::Manifest;

const KEYS: &[&str] = &[
    "CN",
    "L",
    "O",
    "OU",
    "E",
    "C",
    "S",
    "STREET",
    "T",
    "G",
    "I",
    "SN",
    "DC",
    "SERIALNUMBER",
    "Description",
    "PostalCode",
    "POBox",
    "Phone",
    "X21Address",
    "dnQualifier",
];

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for el in identity_like(m) {
        let Some(p) = judged(el.attr("Publisher")) else { continue };
        if let Some((problem, help)) = problem(p.value()) {
            cx.report(
                p.value_span(),
                format!("publisher `{}` is not a valid distinguished name: {problem}", super::util::shorten(p.value())),
            )
            .help(help);
        }
    }
}

/// Why a publisher is not a valid DN, with a help line, or `None`.
pub fn problem(v: &str) -> Option<(String, String)> {
    const FORM: &str = "write RDNs as `KEY=value` joined by a comma and one space, for example `CN=Contoso, O=Contoso Ltd, C=US`; it must match the subject of the signing certificate";
    if v.is_empty() {
        return Some(("it is empty".into(), FORM.into()));
    }
    if v.chars().count() > 8192 {
        return Some(("it is longer than 8192 characters".into(), FORM.into()));
    }
    let Ok(rdns) = split_rdns(v) else {
        return Some(("RDNs are separated by a comma and exactly one space".into(), FORM.into()));
    };
    for rdn in rdns {
        let Some((key, value)) = rdn.split_once('=') else {
            return Some((format!("`{rdn}` is not `KEY=value`"), FORM.into()));
        };
        if key != key.trim() || value.starts_with(' ') {
            return Some(("spaces around `=` are not allowed".into(), "write `CN=Contoso`, not `CN = Contoso`".into()));
        }
        let valid_key = KEYS.contains(&key) || oid(key);
        if !valid_key {
            let hint = match key {
                "ST" => "write `S=` for the state or province".to_string(),
                "Email" | "EMAIL" | "emailAddress" => "write `E=` for an e-mail address".to_string(),
                _ => match KEYS.iter().find(|k| k.eq_ignore_ascii_case(key)) {
                    Some(k) => format!("keys are case-sensitive: write `{k}=`"),
                    None => format!("the keys are {}, or OID.n.n", KEYS.join(", ")),
                },
            };
            return Some((format!("`{key}` is not an attribute key the schema accepts"), hint));
        }
        if value.is_empty() {
            return Some((format!("`{key}=` has an empty value"), FORM.into()));
        }
        let quoted = value.len() >= 2 && value.starts_with('"') && value.ends_with('"');
        if !quoted && let Some(c) = value.chars().find(|c| matches!(c, ',' | '+' | '=' | '"' | '<' | '>' | '#' | ';')) {
            return Some((
                format!("`{c}` in `{key}={value}` must be inside a quoted value"),
                format!("write {key}=\"{value}\""),
            ));
        }
    }
    None
}

/// Splits on commas outside quotes. `Err` when a comma is not followed by exactly one
/// space (the schema's separator is `", "`).
fn split_rdns(v: &str) -> Result<Vec<&str>, ()> {
    let mut out = Vec::new();
    let (mut start, mut quoted) = (0, false);
    let b = v.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => quoted = !quoted,
            b',' if !quoted => {
                out.push(&v[start..i]);
                if b.get(i + 1) != Some(&b' ') || b.get(i + 2) == Some(&b' ') {
                    return Err(());
                }
                i += 1;
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push(&v[start..]);
    Ok(out)
}

fn oid(key: &str) -> bool {
    let Some(rest) = key.strip_prefix("OID.") else { return false };
    let parts: Vec<&str> = rest.split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()) && (p.len() == 1 || !p.starts_with('0')))
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn distinguished_names() {
        for ok in [
            "CN=Contoso",
            "CN=Microsoft Corporation, O=Microsoft Corporation, L=Redmond, S=Washington, C=US",
            "CN=AppModelSamples, OID.2.25.311729368913984317654407730594956997722=1",
            "CN=\"Contoso, Inc.\"",
            "CN=BDC72197-B634-438A-B863-16DCB7D90C85",
        ] {
            assert_eq!(problem(ok), None, "{ok}");
        }
        for (bad, what) in [
            ("", "empty"),
            ("Contoso", "KEY=value"),
            ("CN = Contoso", "spaces"),
            ("CN=Contoso,O=Contoso", "one space"),
            ("CN=Contoso, ST=Washington", "S="),
            ("cn=Contoso", "case-sensitive"),
            ("CN=Contoso, Inc.", "KEY=value"),
            ("CN=", "empty value"),
            ("CN=A;B", "quoted"),
        ] {
            let p = problem(bad).unwrap_or_else(|| panic!("{bad} should fail"));
            assert!(format!("{} {}", p.0, p.1).contains(what), "{bad}: {p:?}");
        }
    }
}
