//! GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` line per
//! finding, which GitHub shows as an annotation on the file and line.
//!
//! ```text
//! ::error file=app/Package.appxmanifest,line=36,endLine=36,col=14,endColumn=27,title=rule (AX101)::message
//! ```
//! Escaping follows GitHub's toolkit: in the message `%`, CR and LF are percent-encoded; in
//! property values `:` and `,` are too. Columns count UTF-16 code units and are written only
//! when the finding starts and ends on the same line. Suppressed findings are never written.

use crate::diagnostic::{Report, Severity};

/// Escapes the message part of a workflow command.
pub fn escape_data(s: &str) -> String {
    super::escape_chars(s, &[('%', "%25"), ('\r', "%0D"), ('\n', "%0A")])
}

/// Escapes a property value of a workflow command (`file=`, `title=`...).
pub fn escape_property(s: &str) -> String {
    super::escape_chars(s, &[('%', "%25"), ('\r', "%0D"), ('\n', "%0A"), (':', "%3A"), (',', "%2C")])
}

pub fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

pub fn render(report: &Report, out: &mut String) {
    for (f, d) in report.active() {
        let mut props = vec![format!("file={}", escape_property(&f.path))];
        if let Some(l) = d.location.filter(|l| l.start.line > 0) {
            props.push(format!("line={}", l.start.line));
            props.push(format!("endLine={}", l.end.line));
            if l.start.line == l.end.line {
                props.push(format!("col={}", l.start.utf16_column));
                props.push(format!("endColumn={}", l.end.utf16_column));
            }
        }
        props.push(format!("title={}", escape_property(&format!("{} ({})", d.rule.name, d.code()))));
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        out.push_str(&format!("::{} {}::{}\n", command(d.severity), props.join(","), escape_data(&message)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_data("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a,b:c%.appxmanifest"), "a%2Cb%3Ac%25.appxmanifest");
        assert_eq!(escape_property("x\ny\rz"), "x%0Ay%0Dz");
        // `%` is escaped first, so an existing escape sequence is not decoded by GitHub.
        assert_eq!(escape_data("%0A"), "%250A");
        assert_eq!(escape_property("%2C"), "%252C");
        // Nothing that can end a property or the command survives.
        let hostile = "::error file=x,line=1::owned\n::warning::";
        let p = escape_property(hostile);
        assert!(!p.contains([':', ',', '\n']), "{p}");
        let d = escape_data(hostile);
        assert!(!d.contains(['\n', '\r']), "{d}");
    }
}
