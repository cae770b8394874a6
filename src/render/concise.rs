//! One line per finding: `path:line:column: severity name: message`. Editors' problem
//! matchers and terminals read it.

use crate::diagnostic::Report;

pub fn render(report: &Report, show_suppressed: bool, out: &mut String) {
    for f in &report.files {
        for d in &f.diagnostics {
            if d.suppressed && !show_suppressed {
                continue;
            }
            let (line, col) = d.location.map_or((1, 1), |l| (l.start.line, l.start.column));
            let suppressed = if d.suppressed { " (suppressed)" } else { "" };
            out.push_str(&format!(
                "{}:{line}:{col}: {} {}: {}{suppressed}\n",
                f.path,
                d.severity,
                d.rule.name,
                one_line(&d.message)
            ));
        }
    }
}

/// Messages never span lines in line-based formats.
pub fn one_line(s: &str) -> String {
    if s.contains(['\n', '\r']) { s.replace("\r\n", " ").replace(['\n', '\r'], " ") } else { s.to_string() }
}
