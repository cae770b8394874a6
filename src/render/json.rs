//! The JSON report, contract version 1 (`docs/json-report.md`, `docs/json-report.schema.json`).
//!
//! Built from its own structs, never by dumping internal types, so the contract stays
//! stable while the code changes. New fields may be added; none is removed or changes
//! meaning without a new `version`.

use serde::Serialize;

use crate::diagnostic::{Diagnostic, FileReport, PackageInfo, Report};
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

/// The document around the files: version, tool and summary.
fn doc<'a>(report: &Report, files: Vec<FileJson<'a>>) -> Doc<'a> {
    let s = report.summary();
    Doc {
        version: VERSION,
        tool: Tool { name: "appxlint", version: env!("CARGO_PKG_VERSION") },
        summary: SummaryJson {
            files: s.files,
            errors: s.errors,
            warnings: s.warnings,
            infos: s.infos,
            suppressed: s.suppressed,
        },
        files,
    }
}

fn file<'a>(report: &'a Report, f: &'a FileReport, show_suppressed: bool) -> FileJson<'a> {
    FileJson {
        path: &f.path,
        package: f.package.as_ref(),
        diagnostics: f
            .diagnostics
            .iter()
            .filter(|d| show_suppressed || !d.suppressed)
            .map(|d| diag(report, d))
            .collect(),
    }
}

/// Renders the report as one JSON document (pretty-printed, ending in a newline).
/// Suppressed findings are included only when `show_suppressed` is set.
///
/// The files are serialized in parallel, in chunks, each file as a document of its own
/// and then indented to its place in the array: a string in JSON holds no raw line
/// break, so every line break of a fragment starts a line to indent. The bytes are those
/// of serializing the whole document at once, which a test checks.
pub fn render(report: &Report, show_suppressed: bool, out: &mut String) {
    use rayon::prelude::*;
    let mut text = serde_json::to_string_pretty(&doc(report, Vec::new())).expect("report serializes");
    if !report.files.is_empty() {
        // `"files": []` closes the document: the array is filled in its place.
        const EMPTY_END: &str = "[]\n}";
        debug_assert!(text.ends_with(EMPTY_END));
        text.truncate(text.len() - EMPTY_END.len());
        let chunks: Vec<Vec<u8>> = report
            .files
            .par_chunks(64)
            .map(|files| {
                let mut chunk = Vec::with_capacity(files.len() * 400);
                let mut one = Vec::with_capacity(1024);
                for f in files {
                    let file = file(report, f, show_suppressed);
                    one.clear();
                    serde_json::to_writer_pretty(&mut one, &file).expect("report serializes");
                    chunk.extend_from_slice(b",\n    ");
                    let mut rest = &one[..];
                    while let Some(i) = memchr::memchr(b'\n', rest) {
                        chunk.extend_from_slice(&rest[..=i]);
                        chunk.extend_from_slice(b"    ");
                        rest = &rest[i + 1..];
                    }
                    chunk.extend_from_slice(rest);
                }
                chunk
            })
            .collect();
        let mut buf = std::mem::take(&mut text).into_bytes();
        buf.reserve(chunks.iter().map(Vec::len).sum::<usize>() + 16);
        buf.push(b'[');
        // Each file starts with `,\n    `; the first one without its comma.
        for (i, chunk) in chunks.iter().enumerate() {
            buf.extend_from_slice(if i == 0 { &chunk[1..] } else { chunk });
        }
        buf.extend_from_slice(b"\n  ]\n}");
        text = String::from_utf8(buf).expect("serde_json writes UTF-8");
    }
    if out.is_empty() {
        *out = text;
    } else {
        out.push_str(&text);
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The report serialized whole, in one go: what [`render`] must write, byte for byte.
    fn whole(report: &Report, show_suppressed: bool) -> String {
        let files = report.files.iter().map(|f| file(report, f, show_suppressed)).collect();
        serde_json::to_string_pretty(&doc(report, files)).unwrap() + "\n"
    }

    #[test]
    fn files_rendered_in_parallel_give_the_bytes_of_the_whole_document() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut files = Vec::new();
        for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let name = entry.path().strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
                files.push((name, std::fs::read(entry.path()).unwrap()));
            }
        }
        assert!(files.len() > 200, "{}", files.len());
        for n in [0, 1, 2, 63, 64, 65, 129, files.len()] {
            let report = crate::lint::run_bytes(files[..n].to_vec(), crate::lint::Policy::default());
            for show in [false, true] {
                let mut out = String::new();
                render(&report, show, &mut out);
                assert_eq!(out, whole(&report, show), "{n} files");
            }
        }
    }
}
