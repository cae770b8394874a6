//! Azure Pipelines logging commands: one `##vso[task.logissue]` line per finding, which
//! Azure Pipelines shows as an error or a warning of the step, with its file and line.
//!
//! ```text
//! ##vso[task.logissue type=error;sourcepath=app/Package.appxmanifest;linenumber=36;columnnumber=14;code=rule-name]message
//! ```
//! Azure knows only `error` and `warning`: info findings are logged as warnings (their
//! message starts with `info: `). Escaping follows Microsoft's task library: in the message
//! `%` becomes `%AZP25`, CR `%0D` and LF `%0A`; in property values `;` and `]` are
//! escaped too. Suppressed findings are never written.

use crate::diagnostic::{Report, Severity};

pub fn escape_data(s: &str) -> String {
    super::escape_chars(s, &[('%', "%AZP25"), ('\r', "%0D"), ('\n', "%0A")])
}

pub fn escape_property(s: &str) -> String {
    super::escape_chars(s, &[('%', "%AZP25"), ('\r', "%0D"), ('\n', "%0A"), (';', "%3B"), (']', "%5D")])
}

pub fn render(report: &Report, out: &mut String) {
    for (f, d) in report.active() {
        let kind = if d.severity == Severity::Error { "error" } else { "warning" };
        let mut props = vec![format!("type={kind}"), format!("sourcepath={}", escape_property(&f.path))];
        if let Some(l) = d.location.filter(|l| l.start.line > 0) {
            props.push(format!("linenumber={}", l.start.line));
            props.push(format!("columnnumber={}", l.start.column));
        }
        props.push(format!("code={}", escape_property(d.rule.name)));
        let prefix = if d.severity == Severity::Info { "info: " } else { "" };
        out.push_str(&format!("##vso[task.logissue {}]{prefix}{}\n", props.join(";"), escape_data(&d.message)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_data("50% a\r\nb;]"), "50%AZP25 a%0D%0Ab;]");
        assert_eq!(escape_property("a;b]c%\n"), "a%3Bb%5Dc%AZP25%0A");
    }
}
