//! JUnit XML, for CI systems that show test results (GitLab `artifacts:reports:junit`,
//! Azure Pipelines `PublishTestResults`): one `testsuite` per file, one `testcase` per
//! finding with a `failure`, and one passing `testcase` for a file without findings.
//! Suppressed findings, when shown, are `skipped` test cases.

use crate::diagnostic::Report;

/// Escapes text for an XML attribute (line breaks and tabs as character references, so
/// that they survive attribute normalization). Characters XML 1.0 does not allow (control
/// characters other than tab, CR and LF) become U+FFFD.
pub fn escape(s: &str) -> String {
    escape_xml(s, true)
}

/// Escapes text for XML element content: line breaks stay as they are.
pub fn escape_text(s: &str) -> String {
    escape_xml(s, false)
}

fn escape_xml(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\t' if !attribute => out.push(c),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

pub fn render(report: &Report, show_suppressed: bool, out: &mut String) {
    let mut suites = String::new();
    let (mut tests, mut failures, mut skipped) = (0, 0, 0);
    for f in &report.files {
        let shown: Vec<_> = f.diagnostics.iter().filter(|d| show_suppressed || !d.suppressed).collect();
        let file_failures = shown.iter().filter(|d| !d.suppressed).count();
        let file_skipped = shown.len() - file_failures;
        let file_tests = shown.len().max(1);
        tests += file_tests;
        failures += file_failures;
        skipped += file_skipped;
        let path = escape(&f.path);
        suites.push_str(&format!(
            "  <testsuite name=\"{path}\" tests=\"{file_tests}\" failures=\"{file_failures}\" errors=\"0\" skipped=\"{file_skipped}\">\n"
        ));
        if shown.is_empty() {
            suites.push_str(&format!("    <testcase name=\"appxlint\" classname=\"{path}\" file=\"{path}\"/>\n"));
        }
        for d in shown {
            let (line, col) =
                d.location.filter(|l| l.start.line > 0).map_or((1, 1), |l| (l.start.line, l.start.column));
            suites.push_str(&format!(
                "    <testcase name=\"{} at line {line}, column {col}\" classname=\"{path}\" file=\"{path}\" line=\"{line}\">\n",
                escape(d.rule.name)
            ));
            if d.suppressed {
                suites.push_str(&format!("      <skipped message=\"suppressed: {}\"/>\n", escape(&d.message)));
            } else {
                let mut body = format!("{}:{line}:{col}: {} {}: {}", f.path, d.severity, d.rule.name, d.message);
                if let Some(help) = &d.help {
                    body.push_str("\nhelp: ");
                    body.push_str(help);
                }
                body.push_str("\nsee: ");
                body.push_str(&d.rule.url());
                suites.push_str(&format!(
                    "      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                    escape(&d.message),
                    d.severity,
                    escape_text(&body)
                ));
            }
            suites.push_str("    </testcase>\n");
        }
        suites.push_str("  </testsuite>\n");
    }
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"appxlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">\n"
    ));
    out.push_str(&suites);
    out.push_str("</testsuites>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape("<a & \"b\" 'c'>\n\u{1}"), "&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;&#10;\u{FFFD}");
        assert_eq!(escape_text("a\nb\r<"), "a\nb&#13;&lt;");
    }
}
