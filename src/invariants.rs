//! The invariants of the whole pipeline, bytes -> findings -> every output format, for any
//! input. The fuzz targets (`fuzz/`) and the mutation tests of `cargo test`
//! (`tests/mutations.rs`) check them:
//!
//! - nothing panics (a panic inside the engine would surface as `internal-error`, which
//!   counts as a failure here);
//! - every span of every finding and label lies inside its file's text, on character
//!   boundaries, and every finding with a place keeps the text its snippet needs;
//! - every input is in the report, and the report is the same when run twice (no order
//!   leaks from hash maps or threads);
//! - the JSON report parses, with one entry per file and the counts of the summary; the
//!   concise report has one line per finding; the human report renders;
//! - whatever text the XML parser's fast path accepts, its quick-xml path parses into
//!   the same document ([`crate::manifest::xml::check_paths`]).

use crate::diagnostic::Report;
use crate::lint::{self, Policy};
use crate::render::{self, Format};

/// Lints `files` twice and checks every invariant; the error says which one broke.
pub fn check(files: &[(String, Vec<u8>)]) -> Result<Report, String> {
    for (path, bytes) in files {
        if let Ok(decoded) = crate::source::decode(bytes) {
            crate::manifest::xml::check_paths(&decoded.text).map_err(|e| format!("{path}: {e}"))?;
        }
    }
    let report = lint::run_bytes(files.to_vec(), Policy::default());
    let again = lint::run_bytes(files.to_vec(), Policy::default());
    check_spans(&report)?;
    for d in report.files.iter().flat_map(|f| &f.diagnostics) {
        if d.rule.name == "internal-error" {
            return Err(format!("the engine panicked: {}", d.message));
        }
    }
    for (path, _) in files {
        if !report.files.iter().any(|f| f.path == *path || f.path.starts_with(&format!("{path}!"))) {
            return Err(format!("`{path}` is missing from the report"));
        }
    }
    let opts = render::Options { color: false, width: 100, show_suppressed: true };
    let mut outputs = Vec::new();
    for format in [Format::Json, Format::Concise, Format::Human] {
        let a = render::render(&report, format, &opts);
        let b = render::render(&again, format, &opts);
        if a != b {
            return Err(format!("the {format:?} report differs between two runs"));
        }
        outputs.push(a);
    }
    let json: serde_json::Value =
        serde_json::from_str(&outputs[0]).map_err(|e| format!("the JSON report does not parse: {e}"))?;
    let files_json = json["files"].as_array().ok_or("the JSON report has no files")?;
    if files_json.len() != report.files.len() || json["summary"]["files"] != report.files.len() {
        return Err("the JSON report does not list every file".into());
    }
    let count: usize = report.files.iter().map(|f| f.diagnostics.len()).sum();
    let listed: usize = files_json.iter().map(|f| f["diagnostics"].as_array().map_or(0, |d| d.len())).sum();
    if listed != count {
        return Err(format!("the JSON report lists {listed} findings of {count}"));
    }
    let lines = outputs[1].lines().count();
    if lines != count {
        return Err(format!("the concise report has {lines} lines for {count} findings"));
    }
    Ok(report)
}

fn check_spans(report: &Report) -> Result<(), String> {
    for f in &report.files {
        for d in &f.diagnostics {
            let places =
                d.location.iter().map(|l| (l, "finding")).chain(d.labels.iter().map(|l| (&l.location, "label")));
            for (loc, what) in places {
                let Some(src) = &f.source else {
                    return Err(format!(
                        "{}: a {what} of `{}` has a place but the text was dropped",
                        f.path, d.rule.name
                    ));
                };
                let (s, e) = (loc.span.start as usize, loc.span.end as usize);
                if s > e || e > src.text.len() {
                    return Err(format!(
                        "{}: {what} span {s}..{e} of `{}` is outside the text ({} bytes)",
                        f.path,
                        d.rule.name,
                        src.text.len()
                    ));
                }
                if !src.text.is_char_boundary(s) || !src.text.is_char_boundary(e) {
                    return Err(format!("{}: {what} span {s}..{e} of `{}` splits a character", f.path, d.rule.name));
                }
                if loc.start.line == 0 || loc.start.column == 0 || loc.start > loc.end {
                    return Err(format!(
                        "{}: {what} of `{}` has positions {:?}..{:?}",
                        f.path, d.rule.name, loc.start, loc.end
                    ));
                }
            }
            for r in &d.related {
                if r.file >= report.files.len() {
                    return Err(format!("{}: a related place of `{}` names no file", f.path, d.rule.name));
                }
            }
        }
    }
    Ok(())
}
