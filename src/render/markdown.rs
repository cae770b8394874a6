//! A Markdown summary: counts and a table of findings, for CI job summaries
//! (`$GITHUB_STEP_SUMMARY`) and merge-request comments. At most [`MAX_ROWS`] findings are
//! listed; the counts cover all of them.

use crate::diagnostic::Report;

pub const MAX_ROWS: usize = 500;

/// Text for a table cell: no line breaks, `|` escaped, and `<`, `>`, `&` as entities
/// outside code spans (so that a message naming an element is not read as HTML).
pub fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_code = false;
    for c in s.chars() {
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '|' => out.push_str("\\|"),
            '\r' | '\n' => out.push(' '),
            '<' if !in_code => out.push_str("&lt;"),
            '>' if !in_code => out.push_str("&gt;"),
            '&' if !in_code => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn render(report: &Report, out: &mut String) {
    let s = report.summary();
    out.push_str("## appxlint\n\n");
    let suppressed = if s.suppressed > 0 { format!(", {} suppressed", s.suppressed) } else { String::new() };
    let checked = plural(s.files, "file", "files");
    if s.errors + s.warnings + s.infos == 0 {
        out.push_str(&format!("No problems found in {checked}{suppressed}.\n"));
        return;
    }
    let files_with = report.files.iter().filter(|f| f.diagnostics.iter().any(|d| !d.suppressed)).count();
    out.push_str(&format!(
        "**{}**, **{}** and **{}** in {} ({checked} checked{suppressed}).\n\n",
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        plural(s.infos, "info", "infos"),
        plural(files_with, "file", "files"),
    ));
    out.push_str("| Severity | Rule | Location | Message |\n|---|---|---|---|\n");
    let total = s.errors + s.warnings + s.infos;
    for (f, d) in report.active().take(MAX_ROWS) {
        let place = match d.location.filter(|l| l.start.line > 0) {
            Some(l) => format!("{}:{}:{}", f.path, l.start.line, l.start.column),
            None => f.path.clone(),
        };
        out.push_str(&format!(
            "| {} | [`{}`]({}) | `{}` | {} |\n",
            d.severity,
            d.rule.name,
            d.rule.url(),
            place.replace('`', "'").replace('|', "\\|"),
            cell(&d.message)
        ));
    }
    if total > MAX_ROWS {
        out.push_str(&format!("\n{} more not listed here; the full report has them.\n", total - MAX_ROWS));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells() {
        assert_eq!(cell("a | b\nc"), "a \\| b c");
        assert_eq!(
            cell("add <Capability> and `<uap4:Rule>` & more"),
            "add &lt;Capability&gt; and `<uap4:Rule>` &amp; more"
        );
    }
}
