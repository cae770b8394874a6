//! Renderers: the same report for people, CI systems and editors.
//!
//! Every format but `human` is read by programs: never colored, UTF-8 without a byte order
//! mark, forward slashes in paths, and the same bytes for the same inputs.

pub mod azure;
pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod page;
pub mod sarif;

use clap::ValueEnum;
use sha2::{Digest, Sha256};

use crate::diagnostic::{Diagnostic, FileReport, Report};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Findings with source snippets, for people (the default).
    Human,
    /// One JSON document, versioned (docs/json-report.md).
    Json,
    /// One line per finding: path:line:column: severity name: message.
    Concise,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// GitLab Code Quality report (JSON).
    Gitlab,
    /// Azure Pipelines logging commands (task.logissue).
    Azure,
    /// JUnit XML: one test suite per file, one test case per finding.
    Junit,
    /// A Markdown summary with a table of findings (CI job summaries).
    Markdown,
}

impl Format {
    /// Formats read by programs are never colored and carry no progress output.
    pub fn is_machine(self) -> bool {
        !matches!(self, Format::Human)
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub color: bool,
    pub width: usize,
    pub show_suppressed: bool,
}

/// `s` with each character of `table` replaced by its escape (the CI log commands escape
/// by percent codes, each service its own set).
pub(crate) fn escape_chars(s: &str, table: &[(char, &str)]) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match table.iter().find(|(from, _)| *from == c) {
            Some((_, to)) => out.push_str(to),
            None => out.push(c),
        }
    }
    out
}

pub fn render(report: &Report, format: Format, opts: &Options) -> String {
    let mut out = String::new();
    match format {
        Format::Human => human::render(
            report,
            &human::Options { color: opts.color, width: opts.width, show_suppressed: opts.show_suppressed },
            &mut out,
        ),
        Format::Json => json::render(report, opts.show_suppressed, &mut out),
        Format::Concise => concise::render(report, opts.show_suppressed, &mut out),
        Format::Sarif => sarif::render(report, opts.show_suppressed, &mut out),
        Format::Github => github::render(report, &mut out),
        Format::Gitlab => gitlab::render(report, &mut out),
        Format::Azure => azure::render(report, &mut out),
        Format::Junit => junit::render(report, opts.show_suppressed, &mut out),
        Format::Markdown => markdown::render(report, &mut out),
    }
    out
}

/// A finding's fingerprint: SHA-256 (hex) of the rule name, the path, the message and the
/// number of earlier findings of the file with the same rule and message. Lines and
/// columns are left out, so the fingerprint survives edits elsewhere in the file; the
/// occurrence number keeps identical findings of one file apart.
pub fn fingerprint(rule: &str, path: &str, message: &str, occurrence: usize) -> String {
    let mut h = Sha256::new();
    for part in [rule, path, message, &occurrence.to_string()] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    let digest = h.finalize();
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The findings of a file a machine format shows, each with its fingerprint. Suppressed
/// findings are included only when `with_suppressed` is set.
pub fn fingerprinted(file: &FileReport, with_suppressed: bool) -> Vec<(&Diagnostic, String)> {
    let mut seen: Vec<(&str, &str)> = Vec::new();
    let mut out = Vec::new();
    for d in &file.diagnostics {
        let key = (d.rule.name, d.message.as_str());
        let occurrence = seen.iter().filter(|k| **k == key).count();
        seen.push(key);
        if d.suppressed && !with_suppressed {
            continue;
        }
        out.push((d, fingerprint(d.rule.name, &file.path, &d.message, occurrence)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_differ_by_every_part() {
        let a = fingerprint("r", "p", "m", 0);
        assert_eq!(a.len(), 64);
        assert_eq!(a, fingerprint("r", "p", "m", 0));
        for other in [
            fingerprint("s", "p", "m", 0),
            fingerprint("r", "q", "m", 0),
            fingerprint("r", "p", "n", 0),
            fingerprint("r", "p", "m", 1),
        ] {
            assert_ne!(a, other);
        }
        // Parts are delimited: moving a character from one part to the next changes it.
        assert_ne!(fingerprint("ab", "c", "m", 0), fingerprint("a", "bc", "m", 0));
    }
}
