//! `com-exe-server-executable`: `Executable` of a COM `ExeServer` names the server's `.exe`,
//! relative to the package root (`ST_ExecutableAnyCase`).

use super::Ctx;
use super::ipc::{is_com, xsd_trim};
use super::util::shorten;
use crate::manifest::Manifest;
use crate::schema::{SIMPLE_TYPES, check_value};

/// Why `path` is not a package-relative `.exe` path, with a hint when one helps.
pub fn problem(path: &str) -> Option<(String, &'static str)> {
    const RELATIVE: &str = "give the path of the server's .exe relative to the package root, for example `Server.exe` or `bin\\Server.exe`";
    if path.is_empty() {
        return Some(("is empty".into(), RELATIVE));
    }
    if xsd_trim(path) != path {
        return Some(("has whitespace at its start or end".into(), RELATIVE));
    }
    let b = path.as_bytes();
    if (b.len() > 1 && b[1] == b':') || path.starts_with('\\') || path.starts_with('/') {
        return Some((
            "is an absolute path; the executable must be a file of the package, named relative to its root".into(),
            RELATIVE,
        ));
    }
    if path.contains('%') {
        return Some((
            "holds `%`: environment variables are not expanded, and `%` cannot appear in a file name".into(),
            RELATIVE,
        ));
    }
    if let Some(c) = path.chars().find(|c| matches!(c, '<' | '>' | '"' | ':' | '|' | '?' | '*') || c.is_control()) {
        return Some((format!("contains `{c}`, which file names cannot contain"), RELATIVE));
    }
    for segment in path.split(['\\', '/']) {
        if segment == "." || segment == ".." {
            return Some((
                format!("has a `{segment}` segment; the executable is named from the package root, inside the package"),
                RELATIVE,
            ));
        }
        if segment.is_empty() {
            return Some(("has an empty folder name (two separators in a row, or one at an end)".into(), RELATIVE));
        }
        if segment.ends_with('.') {
            return Some((format!("has the name `{segment}`, which ends with `.`"), RELATIVE));
        }
    }
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".dll") {
        return Some((
            "names a DLL; an ExeServer runs an executable".into(),
            "for a COM server in a DLL, register it with com:SurrogateServer (or com4:InProcessServer); an ExeServer's Executable names an .exe",
        ));
    }
    if !lower.ends_with(".exe") || lower.len() < 5 || lower.ends_with("\\.exe") || lower.ends_with("/.exe") {
        return Some(("does not name an `.exe` file".into(), RELATIVE));
    }
    None
}

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    let exe_type = SIMPLE_TYPES.iter().position(|t| t.name == "ST_ExecutableAnyCase").map(|i| i as u32);
    for el in m.root.descendants() {
        if !is_com(el) || el.local() != "ExeServer" {
            continue;
        }
        let Some(exe) = el.attr("Executable") else { continue };
        if exe.is_placeholder() {
            continue;
        }
        let value = exe.value();
        let (problem, help) = match problem(value) {
            Some((p, h)) => (p, h.to_string()),
            None => match exe_type.and_then(|t| check_value(t, value)) {
                // Path segments the schema rejects (`a\\b`, `.\Server.exe`...).
                Some(p) => (p, "write the path relative to the package root, with `\\` between folder names and no `.` or `..` segments".to_string()),
                None => continue,
            },
        };
        cx.report(exe.value_span(), format!("Executable `{}` of `<{}>` {problem}", shorten(value), el.qname()))
            .help(help);
    }
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn paths() {
        assert!(problem("Server.exe").is_none());
        assert!(problem("bin\\Server.EXE").is_none());
        assert!(problem("C:\\Program Files\\Server.exe").unwrap().0.contains("absolute"));
        assert!(problem("%ProgramFiles%\\Server.exe").unwrap().0.contains("%"));
        assert!(problem("Server.dll").unwrap().0.contains("DLL"));
        assert!(problem("Server").unwrap().0.contains(".exe"));
        assert!(problem(".exe").unwrap().0.contains(".exe"));
        assert!(problem(" Server.exe").unwrap().0.contains("whitespace"));
        assert!(problem("..\\Server.exe").unwrap().0.contains("`..`"));
        assert!(problem("bin\\\\Server.exe").unwrap().0.contains("empty"));
    }
}
