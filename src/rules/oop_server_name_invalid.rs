//! `oop-server-name-invalid`: `ServerName` follows `ST_AsciiWindowsId`.

use super::Ctx;
use super::oop_server::{display, servers};
use crate::manifest::Manifest;

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for server in servers(m) {
        let Some(name) = server.attr("ServerName") else {
            cx.report(server.name_span(), format!("{} has no ServerName", display(server)))
                .help("add ServerName=\"...\": by convention the executable's name without `.exe`, for example ServerName=\"ContosoServer\"");
            continue;
        };
        if name.is_placeholder() {
            continue;
        }
        if let Some(problem) = ascii_windows_id_problem(name.value()) {
            cx.report(name.value_span(), format!("ServerName `{}` is invalid: {problem}", super::util::shorten(name.value()))).help(
                "use letters and digits, starting with a letter; dots may separate segments that each start with a letter (at most 255 characters)",
            );
        }
    }
}

/// Why `s` is not an `ST_AsciiWindowsId` (`([A-Za-z][A-Za-z0-9]*)(\.[A-Za-z][A-Za-z0-9]*)*`,
/// at most 255 characters), or `None`.
pub fn ascii_windows_id_problem(s: &str) -> Option<String> {
    if s.is_empty() {
        return Some("it is empty".into());
    }
    let len = s.chars().count();
    if len > 255 {
        return Some(format!("it has {len} characters; at most 255 are allowed"));
    }
    for segment in s.split('.') {
        let Some(first) = segment.chars().next() else {
            return Some("it has an empty segment (two dots in a row, or a dot at an end)".into());
        };
        if !first.is_ascii_alphabetic() {
            return Some(format!(
                "each dot-separated segment starts with a letter, and `{segment}` starts with `{first}`"
            ));
        }
        if let Some(c) = segment.chars().find(|c| !c.is_ascii_alphanumeric()) {
            return Some(format!("`{c}` is not allowed (only ASCII letters and digits, and dots between segments)"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::ascii_windows_id_problem as p;

    #[test]
    fn ascii_windows_ids() {
        for ok in ["A", "Server1", "Contoso.Server", "a.b.c9", &"a".repeat(255)] {
            assert_eq!(p(ok), None, "{ok}");
        }
        for bad in ["", "1Server", "Server-1", "Contoso..Server", ".a", "a.", "a.1b", "Sérver", &"a".repeat(256)] {
            assert!(p(bad).is_some(), "{bad}");
        }
    }
}
