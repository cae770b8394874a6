//! The JSON report, contract version 1 (`docs/json-report.md`, `docs/json-report.schema.json`).
//!
//! Built from its own structs, never by dumping internal types, so the contract stays
//! stable while the code changes. New fields may be added; none is removed or changes
//! meaning without a new `version`.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, PackageInfo, Report};
use crate::source::Location;

pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Doc<'a> {
    version: u32,
    tool: Tool,
    summary: SummaryJson,
    files: Vec<FileJson<'a>>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct SummaryJson {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    suppressed: usize,
}

#[derive(Serialize)]
struct FileJson<'a> {
    path: &'a str,
    package: Option<&'a PackageInfo>,
    diagnostics: Vec<DiagJson<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DiagJson<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
    url: String,
    location: Option<LocJson>,
    labels: Vec<LabelJson<'a>>,
    related: Vec<RelatedJson<'a>>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    suppressed: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LocJson {
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
}

impl From<&Location> for LocJson {
    fn from(l: &Location) -> LocJson {
        LocJson { line: l.start.line, column: l.start.column, end_line: l.end.line, end_column: l.end.column }
    }
}

#[derive(Serialize)]
struct LabelJson<'a> {
    location: LocJson,
    message: &'a str,
}

#[derive(Serialize)]
struct RelatedJson<'a> {
    path: &'a str,
    location: Option<LocJson>,
    message: &'a str,
}

fn diag<'a>(report: &'a Report, d: &'a Diagnostic) -> DiagJson<'a> {
    DiagJson {
        code: d.code(),
        name: d.name(),
        severity: d.severity.as_str(),
        message: &d.message,
        help: d.help.as_deref(),
        url: d.rule.url(),
        location: d.location.as_ref().map(LocJson::from),
        labels: d.labels.iter().map(|l| LabelJson { location: (&l.location).into(), message: &l.message }).collect(),
        related: d
            .related
            .iter()
            .map(|r| RelatedJson {
                path: &report.files[r.file].path,
                location: r.location.as_ref().map(LocJson::from),
                message: &r.message,
            })
            .collect(),
        suppressed: d.suppressed,
    }
}

/// Renders the report as one JSON document (pretty-printed, ending in a newline).
/// Suppressed findings are included only when `show_suppressed` is set.
pub fn render(report: &Report, show_suppressed: bool, out: &mut String) {
    let s = report.summary();
    let doc = Doc {
        version: VERSION,
        tool: Tool { name: "appxlint", version: env!("CARGO_PKG_VERSION") },
        summary: SummaryJson {
            files: s.files,
            errors: s.errors,
            warnings: s.warnings,
            infos: s.infos,
            suppressed: s.suppressed,
        },
        files: report
            .files
            .iter()
            .map(|f| FileJson {
                path: &f.path,
                package: f.package.as_ref(),
                diagnostics: f
                    .diagnostics
                    .iter()
                    .filter(|d| show_suppressed || !d.suppressed)
                    .map(|d| diag(report, d))
                    .collect(),
            })
            .collect(),
    };
    // Serialized once, into a buffer sized for the usual report, and moved into `out`
    // when it is empty: a large report is not held twice.
    let mut buf = Vec::with_capacity(1024 + report.files.len() * 160);
    serde_json::to_writer_pretty(&mut buf, &doc).expect("report serializes");
    let text = String::from_utf8(buf).expect("serde_json writes UTF-8");
    if out.is_empty() {
        *out = text;
    } else {
        out.push_str(&text);
    }
    out.push('\n');
}
