//! The one diagnostic type every renderer reads, and the report that holds them.

use std::sync::Arc;

use serde::Serialize;

use crate::rules::Rule;
use crate::source::{Location, SourceText};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary place in the same file.
#[derive(Clone, Debug)]
pub struct Label {
    pub location: Location,
    pub message: String,
}

/// A place in another file of the run (the other end of a loopback pair...).
#[derive(Clone, Debug)]
pub struct Related {
    /// Index of the file in [`Report::files`].
    pub file: usize,
    pub location: Option<Location>,
    pub message: String,
}

#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    /// `None` for findings about the file as a whole (it cannot be read...).
    pub location: Option<Location>,
    pub labels: Vec<Label>,
    pub related: Vec<Related>,
    /// Set when an inline suppression comment covers the finding.
    pub suppressed: bool,
    /// See `rules::Finding::group`; folded away before the report is returned.
    pub group: Option<(String, usize)>,
}

impl Diagnostic {
    pub fn name(&self) -> &'static str {
        self.rule.name
    }

    pub fn code(&self) -> &'static str {
        self.rule.code()
    }

    /// Sort key: position first, then rule name, then message.
    pub fn sort_key(&self) -> (u32, u32, &'static str, &str) {
        let (l, c) = self.location.map_or((0, 0), |l| (l.start.line, l.start.column));
        (l, c, self.rule.name, &self.message)
    }
}

/// Identity of the package a manifest declares, for reports.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PackageInfo {
    pub name: Option<String>,
    pub publisher: Option<String>,
    pub family_name: Option<String>,
}

/// One input of the run and what was found in it.
#[derive(Clone, Debug)]
pub struct FileReport {
    /// The path as shown in every output: as given, or relative to the folder walked,
    /// with forward slashes.
    pub path: String,
    /// The decoded text, kept when a renderer may need a snippet.
    pub source: Option<Arc<SourceText>>,
    pub package: Option<PackageInfo>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Counts for the summary line and the report's `summary` object.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub suppressed: usize,
}

#[derive(Clone, Debug, Default)]
pub struct Report {
    pub files: Vec<FileReport>,
    /// What was kept of each package for the rules across files and the analyzer,
    /// aligned with `files` (`None` for inputs that are not manifests).
    pub facts: Vec<Option<crate::analyze::facts::PackageFacts>>,
}

impl Report {
    pub fn summary(&self) -> Summary {
        let mut s = Summary { files: self.files.len(), ..Summary::default() };
        for d in self.files.iter().flat_map(|f| &f.diagnostics) {
            if d.suppressed {
                s.suppressed += 1;
                continue;
            }
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }

    /// Every (file, diagnostic) that is not suppressed, in report order.
    pub fn active(&self) -> impl Iterator<Item = (&FileReport, &Diagnostic)> {
        self.files.iter().flat_map(|f| f.diagnostics.iter().filter(|d| !d.suppressed).map(move |d| (f, d)))
    }

    /// True when a file could not be read or processed (exit status 2).
    pub fn has_input_errors(&self) -> bool {
        self.files
            .iter()
            .flat_map(|f| &f.diagnostics)
            .any(|d| !d.suppressed && matches!(d.rule.name, "io-error" | "internal-error"))
    }
}
