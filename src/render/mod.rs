//! Renderers: the same report for people, CI systems and editors.

pub mod concise;
pub mod human;
pub mod json;

use clap::ValueEnum;

use crate::diagnostic::Report;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Findings with source snippets, for people (the default).
    Human,
    /// One JSON document, versioned (docs/json-report.md).
    Json,
    /// One line per finding: path:line:column: severity name: message.
    Concise,
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
    }
    out
}
