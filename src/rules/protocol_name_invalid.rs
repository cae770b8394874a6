//! `protocol-name-invalid`: the `Name` of a `uap:Protocol` / `uap3:Protocol`
//! (`ST_Protocol_2010_v2`: `[a-z][-a-z0-9.+]*`, 2 to 39 characters) or of a
//! `uap10:Protocol` (2 to 2048 characters; a URI scheme, RFC 3986 section 3.1).

use super::Ctx;
use super::ipc::{first_bad_char, protocols, show_char, xsd_trim};
use super::util::shorten;
use crate::diagnostic::Severity;
use crate::manifest::Manifest;
use crate::schema::{SIMPLE_TYPES, check_value};

const HELP: &str = "a protocol name is the URI scheme alone (`contoso-app` for `contoso-app:` URIs): 2 to 39 lower-case letters, digits, `.`, `+` and `-`, starting with a letter";

fn allowed(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '+' | '-')
}

/// A name written as a URI prefix (`myapp:`, `myapp://`), stripped to its scheme.
fn without_uri_suffix(name: &str) -> Option<&str> {
    let i = name.find(':')?;
    let rest = &name[i..];
    (rest == ":" || rest == "://" || rest == ":/" || rest == ":\\\\").then(|| &name[..i])
}

/// Why `name` is not a `uap:Protocol` name, with a corrected name when one is obvious.
pub fn problem(name: &str) -> Option<(String, Option<String>)> {
    if name.is_empty() {
        return Some(("is empty".into(), None));
    }
    let trimmed = super::ipc::xsd_trim(name);
    if trimmed != name {
        let fix = fixed(trimmed).or_else(|| problem(trimmed).and_then(|p| p.1));
        return Some(("has whitespace at its start or end".into(), fix));
    }
    if let Some(scheme) = without_uri_suffix(name) {
        let fix = fixed(scheme).or_else(|| problem(scheme).and_then(|p| p.1));
        return Some(("is written as a URI prefix; the name is the scheme alone, without `:`".into(), fix));
    }
    let repaired: String = name.to_ascii_lowercase().chars().map(|c| if allowed(c) { c } else { '-' }).collect();
    let first = name.chars().next().expect("not empty");
    if !first.is_ascii_alphabetic() {
        return Some((format!("starts with {}; it must start with a lower-case letter", show_char(first)), None));
    }
    if let Some(c) = first_bad_char(name, allowed) {
        let message = if c.is_ascii_uppercase() {
            "has upper-case letters; protocol names are lower case".to_string()
        } else {
            format!(
                "contains {}, which protocol names cannot contain (only lower-case letters, digits, `.`, `+` and `-`)",
                show_char(c)
            )
        };
        return Some((message, fixed(&repaired)));
    }
    super::util::length_problem(name, 2, 39).map(|p| (p, None))
}

fn fixed(candidate: &str) -> Option<String> {
    problem(candidate).is_none().then(|| candidate.to_string())
}

/// Why a `uap10:Protocol` name is rejected by its schema type (2 to 2048 characters, no
/// whitespace around it).
fn uap10_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("is empty".into());
    }
    if xsd_trim(name) != name {
        return Some("has whitespace at its start or end".into());
    }
    if let Some(p) = super::util::length_problem(name, 2, 2048) {
        return Some(p);
    }
    // Anything else the schema type rejects (a line break inside the value...).
    let ty = SIMPLE_TYPES.iter().position(|t| t.name == "ST_Protocol_2019")?;
    check_value(ty as u32, name)
}

/// Why a `uap10:Protocol` name is not a URI scheme (RFC 3986: a letter, then letters,
/// digits, `+`, `-` and `.`), which the schema does not check.
fn scheme_problem(name: &str) -> Option<(String, Option<String>)> {
    if let Some(scheme) = without_uri_suffix(name) {
        return Some((
            "is written as a URI prefix; the name is the scheme alone, without `:`".into(),
            scheme_problem(scheme).is_none().then(|| scheme.to_string()),
        ));
    }
    let first = name.chars().next()?;
    if !first.is_ascii_alphabetic() {
        return Some((format!("starts with {}, but a URI scheme starts with a letter", show_char(first)), None));
    }
    let c = first_bad_char(name, |c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))?;
    Some((format!("contains {}, which a URI scheme cannot contain", show_char(c)), None))
}

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for p in protocols(m) {
        let Some(name) = p.name else { continue };
        if name.is_placeholder() {
            continue;
        }
        let value = name.value();
        if p.is_uap10() {
            if let Some(problem) = uap10_problem(value) {
                cx.report(name.value_span(), format!("protocol name `{}` {problem}", shorten(value))).help(
                    "a uap10:Protocol name is 2 to 2048 characters with no whitespace around it: the URI scheme alone",
                );
            } else if let Some((problem, fix)) = scheme_problem(value) {
                let help = match fix {
                    Some(f) => format!("write Name=\"{f}\"; a URI scheme is a letter followed by letters, digits, `+`, `-` and `.`"),
                    None => "a URI scheme is a letter followed by letters, digits, `+`, `-` and `.`; URIs with any other name cannot be launched".into(),
                };
                cx.report(name.value_span(), format!("protocol name `{}` {problem}", shorten(value)))
                    .severity(Severity::Warning)
                    .help(help);
            }
            continue;
        }
        let Some((problem, fix)) = problem(value) else { continue };
        let help = match fix {
            Some(f) => format!("write Name=\"{f}\"; {HELP}"),
            None => HELP.to_string(),
        };
        cx.report(name.value_span(), format!("protocol name `{}` {problem}", shorten(value))).help(help);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(problem("contoso-app").is_none());
        assert!(problem("ms-contoso.v2+x").is_none());
        assert_eq!(problem("ContosoApp").unwrap().1.as_deref(), Some("contosoapp"));
        assert_eq!(problem("contoso-app://").unwrap().1.as_deref(), Some("contoso-app"));
        assert_eq!(problem("contoso-app:").unwrap().1.as_deref(), Some("contoso-app"));
        assert!(problem("1app").unwrap().0.contains("starts with `1`"));
        assert!(problem(".app").unwrap().0.contains("starts with `.`"));
        assert_eq!(problem("contoso_app").unwrap().1.as_deref(), Some("contoso-app"));
        assert!(problem("a").unwrap().0.contains("at least 2"));
        assert!(problem(&"a".repeat(40)).unwrap().0.contains("at most 39"));
        assert!(problem(" app").unwrap().0.contains("whitespace"));
    }

    #[test]
    fn uap10_names() {
        assert!(uap10_problem(&"a".repeat(2048)).is_none());
        assert!(uap10_problem(&"a".repeat(2049)).is_some());
        assert!(scheme_problem("Contoso.App").is_none());
        assert_eq!(scheme_problem("contoso://").unwrap().1.as_deref(), Some("contoso"));
        assert!(scheme_problem("contoso app").unwrap().0.contains("a space"));
    }
}
