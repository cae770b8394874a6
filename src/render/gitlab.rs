//! GitLab Code Quality: a JSON array of issues, each with a description, the rule as
//! `check_name`, a fingerprint unique to the finding, a severity and a location.
//!
//! Severities: error -> `major`, warning -> `minor`, info -> `info`. Suppressed findings
//! are never written (GitLab would show them as issues).

use serde::Serialize;

use crate::diagnostic::{Report, Severity};

#[derive(Serialize)]
struct Issue<'a> {
    description: &'a str,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: IssueLocation<'a>,
}

#[derive(Serialize)]
struct IssueLocation<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
    end: u32,
}

pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

pub fn render(report: &Report, out: &mut String) {
    let mut issues = Vec::new();
    for f in &report.files {
        for (d, fingerprint) in super::fingerprinted(f, false) {
            let (begin, end) = d.location.filter(|l| l.start.line > 0).map_or((1, 1), |l| (l.start.line, l.end.line));
            issues.push(Issue {
                description: &d.message,
                check_name: d.rule.name,
                fingerprint,
                severity: severity(d.severity),
                location: IssueLocation { path: &f.path, lines: Lines { begin, end } },
            });
        }
    }
    out.push_str(&serde_json::to_string_pretty(&issues).expect("report serializes"));
    out.push('\n');
}
