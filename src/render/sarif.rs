//! SARIF 2.1.0, in the subset GitHub code scanning reads (and valid against the OASIS
//! schema): every rule as a `reportingDescriptor`, every finding as a `result` with a
//! repository-relative URI, a region in UTF-16 columns, related locations, and a
//! line-independent fingerprint of appxlint's own under `partialFingerprints`.
//!
//! GitHub computes its own `primaryLocationLineHash` when it is absent, so appxlint never
//! writes one.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Report, Severity};
use crate::rules::{Meta, RULES, Rule};
use crate::source::Location;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The key of appxlint's fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "appxlint/v1";
/// Where the tool is described (`tool.driver.informationUri`).
pub const INFORMATION_URI: &str = "https://github.com/appxlint/appxlint";
/// GitHub shows at most this many characters of a rule description.
const MAX_DESCRIPTION: usize = 1024;

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    help_uri: String,
    default_configuration: Configuration,
    properties: DescriptorProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct DescriptorProperties {
    code: String,
    tags: Vec<String>,
    #[serde(rename = "problem.severity")]
    problem_severity: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Message<'a>,
    locations: [SarifLocation<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<SarifLocation<'a>>,
    partial_fingerprints: Fingerprints,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
}

#[derive(Serialize)]
struct Message<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: Physical,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical {
    artifact_location: Artifact,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Artifact {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "appxlint/v1")]
    appxlint_v1: String,
}

#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
}

/// SARIF's name for a severity.
pub fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn problem_severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "recommendation",
    }
}

/// Turns a report path into a URI reference: relative paths stay relative (resolved
/// against `%SRCROOT%`, the checkout), absolute ones become `file:` URIs. Every byte
/// outside the unreserved set and `/` is percent-encoded, so spaces, `%`, `#`, `?` and a
/// `:` in the first segment cannot change the meaning of the URI.
pub fn uri(path: &str) -> (String, Option<&'static str>) {
    let bytes = path.as_bytes();
    let windows_drive = bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/';
    if path.starts_with('/') || windows_drive {
        let encoded = encode(path.trim_start_matches('/'));
        // Keep the drive colon readable: `file:///C:/...`.
        let encoded = if windows_drive { format!("{}:{}", &path[..1], &encoded[4..]) } else { encoded };
        return (format!("file:///{encoded}"), None);
    }
    (encode(path), Some("%SRCROOT%"))
}

fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn region(l: &Location) -> Region {
    Region {
        start_line: l.start.line,
        start_column: l.start.utf16_column,
        end_line: l.end.line,
        end_column: l.end.utf16_column,
    }
}

fn physical(path: &str, location: Option<&Location>) -> Physical {
    let (uri, uri_base_id) = uri(path);
    Physical {
        artifact_location: Artifact { uri, uri_base_id },
        region: location.filter(|l| l.start.line > 0).map(region),
    }
}

/// The first paragraph under `## What it checks`, on one line: the rule's full
/// description. Falls back to the summary.
pub fn description(rule: &Rule) -> String {
    let body = Meta::body(rule.doc);
    let para = body
        .split("\n## What it checks\n")
        .nth(1)
        .map(|rest| {
            rest.trim_start_matches('\n')
                .split("\n\n")
                .next()
                .unwrap_or("")
                .lines()
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|p| !p.is_empty() && !p.starts_with('#'))
        .unwrap_or_else(|| rule.summary().to_string());
    truncate(&para, MAX_DESCRIPTION)
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}

fn descriptor(rule: &'static Rule) -> Descriptor {
    let body = Meta::body(rule.doc).trim_end().to_string();
    let meta = rule.meta();
    Descriptor {
        id: rule.name,
        name: rule.name,
        short_description: Text { text: truncate(rule.summary(), MAX_DESCRIPTION) },
        full_description: Text { text: description(rule) },
        help: Help { text: body.clone(), markdown: body },
        help_uri: rule.url(),
        default_configuration: Configuration { level: level(rule.default_severity()) },
        properties: DescriptorProperties {
            code: rule.code().to_string(),
            tags: vec![meta.category.clone()],
            problem_severity: problem_severity(rule.default_severity()),
        },
    }
}

fn result<'a>(report: &'a Report, path: &'a str, d: &'a Diagnostic, fingerprint: String) -> SarifResult<'a> {
    let mut related = Vec::new();
    for l in &d.labels {
        related.push(SarifLocation {
            id: Some(related.len() + 1),
            physical_location: physical(path, Some(&l.location)),
            message: Some(Message { text: &l.message }),
        });
    }
    for r in &d.related {
        let other = &report.files[r.file].path;
        related.push(SarifLocation {
            id: Some(related.len() + 1),
            physical_location: physical(other, r.location.as_ref()),
            message: Some(Message { text: &r.message }),
        });
    }
    SarifResult {
        rule_id: d.rule.name,
        rule_index: crate::lint::index(d.rule),
        level: level(d.severity),
        message: Message { text: &d.message },
        locations: [SarifLocation { id: None, physical_location: physical(path, d.location.as_ref()), message: None }],
        related_locations: related,
        partial_fingerprints: Fingerprints { appxlint_v1: fingerprint },
        suppressions: if d.suppressed { vec![Suppression { kind: "inSource" }] } else { Vec::new() },
    }
}

/// Renders the report as one SARIF log (pretty-printed, ending in a newline). Suppressed
/// findings are included, with an `inSource` suppression, only when `show_suppressed` is set.
pub fn render(report: &Report, show_suppressed: bool, out: &mut String) {
    let mut results = Vec::new();
    for f in &report.files {
        for (d, fp) in super::fingerprinted(f, show_suppressed) {
            results.push(result(report, &f.path, d, fp));
        }
    }
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "appxlint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: INFORMATION_URI,
                    rules: RULES.iter().map(descriptor).collect(),
                },
            },
            column_kind: "utf16CodeUnits",
            results,
        }],
    };
    out.push_str(&serde_json::to_string_pretty(&log).expect("SARIF serializes"));
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(uri("src/App/Package.appxmanifest"), ("src/App/Package.appxmanifest".into(), Some("%SRCROOT%")));
        assert_eq!(uri("a b/c%#?.xml").0, "a%20b/c%25%23%3F.xml");
        assert_eq!(uri("a,b:c.appxmanifest").0, "a%2Cb%3Ac.appxmanifest");
        assert_eq!(uri("../x/é.xml").0, "../x/%C3%A9.xml");
        assert_eq!(uri("/abs/Package.appxmanifest"), ("file:///abs/Package.appxmanifest".into(), None));
        assert_eq!(uri("C:/src/Package.appxmanifest"), ("file:///C:/src/Package.appxmanifest".into(), None));
    }

    #[test]
    fn descriptions_come_from_the_rule_page() {
        let d = description(crate::rules::get("loopback-rule-not-reciprocated"));
        assert!(d.starts_with("Among the manifests linted together: package A has an `out` rule"), "{d}");
        assert!(!d.contains('\n'));
        for r in RULES.iter() {
            let d = description(r);
            assert!(!d.is_empty() && d.chars().count() <= MAX_DESCRIPTION, "{}", r.name);
        }
    }
}
