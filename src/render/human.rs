//! The default report for people: each finding with its source snippet (through miette's
//! graphical handler), then a summary line.

use std::fmt::{self, Display};
use std::sync::Arc;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, NamedSource, SourceCode,
    SourceSpan, SpanContents,
};
use owo_colors::{OwoColorize, Style};

use crate::diagnostic::{Diagnostic, FileReport, Report, Severity};
use crate::source::{Location, SourceText};

#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub color: bool,
    /// Terminal width used for wrapping.
    pub width: usize,
    pub show_suppressed: bool,
}

/// A decoded text as miette source code.
#[derive(Clone)]
struct Text(Arc<SourceText>);

impl SourceCode for Text {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = self.0.text.as_str();
        let contents = text.read_span(span, before, after)?;
        // miette counts the column in bytes; people count characters.
        let start = contents.span().offset();
        let line_start = start - contents.column();
        let column = text.get(line_start..start).map_or(contents.column(), |s| s.chars().count());
        Ok(Box::new(MietteSpanContents::new(
            contents.data(),
            *contents.span(),
            contents.line(),
            column,
            contents.line_count(),
        )))
    }
}

/// Labels this many lines or fewer from the primary span are drawn in its snippet.
const NEAR_LINES: u32 = 6;

fn source_span(loc: &Location) -> SourceSpan {
    SourceSpan::new((loc.span.start as usize).into(), loc.span.len())
}

/// A finding shaped for miette.
struct View {
    message: String,
    code: String,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<NamedSource<Text>>,
    labels: Vec<LabeledSpan>,
    related: Vec<View>,
}

impl fmt::Debug for View {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl Display for View {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for View {}

impl miette::Diagnostic for View {
    fn code<'a>(&'a self) -> Option<Box<dyn Display + 'a>> {
        (!self.code.is_empty()).then(|| Box::new(&self.code) as Box<dyn Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.source.is_none() || self.labels.is_empty() {
            return None;
        }
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|r| r as &dyn miette::Diagnostic)))
    }
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

/// Lines longer than this (in bytes) are not drawn: a manifest written on one line would
/// print whole with every finding. The finding then names its line and column instead.
const MAX_SNIPPET_LINE: usize = 2000;

/// The source to draw a snippet around `loc` from, when the file's text is at hand and the
/// lines drawn are not too long.
fn snippet_source(file: &FileReport, loc: &Location) -> Option<NamedSource<Text>> {
    let src = file.source.as_ref()?;
    let first = loc.start.line.saturating_sub(1).max(1);
    let last = loc.end.line.max(loc.start.line) + 1;
    let too_long = (first..=last.min(first + 64)).any(|line| {
        line as usize <= src.lines().line_count() && src.lines().line_span(&src.text, line).len() > MAX_SNIPPET_LINE
    });
    (!too_long).then(|| NamedSource::new(&file.path, Text(src.clone())))
}

fn view(report: &Report, file: &FileReport, d: &Diagnostic) -> View {
    let source = d.location.as_ref().and_then(|l| snippet_source(file, l));
    let mut labels = Vec::new();
    let mut message = d.message.clone();
    if d.suppressed {
        message.push_str(" (suppressed)");
    }
    match &d.location {
        Some(loc) if source.is_some() => labels.push(LabeledSpan::new_primary_with_span(None, source_span(loc))),
        Some(loc) => message = format!("{}:{}:{}: {message}", file.path, loc.start.line, loc.start.column),
        None => message = format!("{}: {message}", file.path),
    }
    // Labels near the primary span share its snippet; far ones get a snippet of their own,
    // so that one finding never prints a whole file.
    let mut far = Vec::new();
    for l in &d.labels {
        let near = d.location.is_none_or(|p| p.start.line.abs_diff(l.location.start.line) <= NEAR_LINES);
        if near && source.is_some() && snippet_source(file, &l.location).is_some() {
            labels.push(LabeledSpan::new_with_span(Some(l.message.clone()), source_span(&l.location)));
        } else {
            let own = snippet_source(file, &l.location);
            let (message, labels) = match own {
                Some(_) => {
                    (l.message.clone(), vec![LabeledSpan::new_primary_with_span(None, source_span(&l.location))])
                }
                None => (
                    format!("{}:{}:{}: {}", file.path, l.location.start.line, l.location.start.column, l.message),
                    Vec::new(),
                ),
            };
            far.push(View {
                message,
                code: "see also".into(),
                severity: miette::Severity::Advice,
                help: None,
                source: own,
                labels,
                related: Vec::new(),
            });
        }
    }
    let mut related: Vec<View> = d
        .related
        .iter()
        .map(|r| {
            let other = &report.files[r.file];
            let src = r.location.as_ref().and_then(|l| snippet_source(other, l));
            let labels = r.location.iter().map(|l| LabeledSpan::new_primary_with_span(None, source_span(l))).collect();
            let message = match (&r.location, src.is_some()) {
                (Some(l), false) => format!("{}:{}:{}: {}", other.path, l.start.line, l.start.column, r.message),
                (None, _) => format!("{}: {}", other.path, r.message),
                _ => r.message.clone(),
            };
            View {
                message,
                code: "see also".into(),
                severity: miette::Severity::Advice,
                help: None,
                source: src,
                labels,
                related: Vec::new(),
            }
        })
        .collect();
    far.append(&mut related);
    let related = far;
    View {
        message,
        code: format!("{}[{}]", d.severity, d.rule.name),
        severity: miette_severity(d.severity),
        help: d.help.clone(),
        source,
        labels,
        related,
    }
}

/// Renders the whole report.
pub fn render(report: &Report, opts: &Options, out: &mut String) {
    let theme = if opts.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .with_links(false)
        .with_context_lines(1)
        // A URI or value longer than the line stays whole, so that it can be copied.
        .with_break_words(false)
        .with_word_separator(textwrap::WordSeparator::AsciiSpace);
    for file in &report.files {
        for d in &file.diagnostics {
            if d.suppressed && !opts.show_suppressed {
                continue;
            }
            let v = view(report, file, d);
            let mut s = String::new();
            if handler.render_report(&mut s, &v).is_err() {
                s = format!("{}: {}\n", file.path, d.message);
            }
            out.push_str(&s);
            out.push('\n');
        }
    }
    summary(report, opts, out);
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `Found 2 errors and 1 warning in 3 files (5 files checked).`
pub fn summary(report: &Report, opts: &Options, out: &mut String) {
    let s = report.summary();
    let paint = |text: String, style: Style| if opts.color { text.style(style).to_string() } else { text };
    let checked = plural(s.files, "file", "files");
    let files_with = report.files.iter().filter(|f| f.diagnostics.iter().any(|d| !d.suppressed)).count();
    let suppressed = if s.suppressed > 0 { format!(", {} suppressed", s.suppressed) } else { String::new() };
    if s.errors + s.warnings + s.infos == 0 {
        out.push_str(&paint(format!("No problems found in {checked}{suppressed}."), Style::new().green().bold()));
        out.push('\n');
        return;
    }
    let mut parts = Vec::new();
    if s.errors > 0 {
        parts.push(paint(plural(s.errors, "error", "errors"), Style::new().red().bold()));
    }
    if s.warnings > 0 {
        parts.push(paint(plural(s.warnings, "warning", "warnings"), Style::new().yellow().bold()));
    }
    if s.infos > 0 {
        parts.push(paint(plural(s.infos, "info", "infos"), Style::new().cyan().bold()));
    }
    let list = match parts.len() {
        1 => parts[0].clone(),
        2 => format!("{} and {}", parts[0], parts[1]),
        _ => format!("{}, {} and {}", parts[0], parts[1], parts[2]),
    };
    out.push_str(&format!(
        "Found {list} in {} ({checked} checked{suppressed}).\n",
        plural(files_with, "file", "files")
    ));
}
