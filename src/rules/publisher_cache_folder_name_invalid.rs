//! `publisher-cache-folder-name-invalid`: `Folder/@Name` of `windows.publisherCacheFolders`
//! is one folder name (`ST_FileNameSegment`): 1 to 256 characters, no `/` or `\`, none of
//! `< > " : % | ? *` or control characters, not ending with `.`, no whitespace around it.
//! Reserved device names (`CON`, `NUL`, `COM1`...) are a warning: the schema accepts them,
//! Windows cannot create such folders.

use super::Ctx;
use super::ipc::{publisher_cache_folders, show_char, xsd_trim};
use super::util::shorten;
use crate::diagnostic::Severity;
use crate::manifest::{Manifest, NsId};

pub const MAX_LEN: usize = 256;

const HELP: &str = "a publisher cache folder name is one folder name of 1 to 256 characters: no `\\` or `/`, none of `< > \" : % | ? *`, no trailing `.` and no whitespace around it";

const DEVICES: [&str; 4] = ["CON", "PRN", "AUX", "NUL"];

/// The reserved device name `name` starts with (`CON`, `com1.txt` -> `COM1`), if any.
pub fn reserved_device(name: &str) -> Option<String> {
    let stem = name.split('.').next().unwrap_or(name).trim_end().to_ascii_uppercase();
    if DEVICES.contains(&stem.as_str()) {
        return Some(stem);
    }
    let b = stem.as_bytes();
    if b.len() == 4 && (stem.starts_with("COM") || stem.starts_with("LPT")) && (b'1'..=b'9').contains(&b[3]) {
        return Some(stem);
    }
    None
}

/// Why `name` is not a valid folder name (error), or `None`.
pub fn problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("is empty".into());
    }
    if xsd_trim(name) != name {
        return Some("has whitespace at its start or end".into());
    }
    if let Some(c) = name.chars().find(|c| matches!(c, '/' | '\\')) {
        return Some(format!("contains `{c}`: it is one folder, not a path, and sub-folders are not allowed"));
    }
    if let Some(c) = name.chars().find(|c| matches!(c, '<' | '>' | '"' | ':' | '%' | '|' | '?' | '*') || c.is_control())
    {
        return Some(format!("contains {}, which folder names cannot contain", show_char(c)));
    }
    let n = name.chars().count();
    if n > MAX_LEN {
        return Some(format!("has {n} characters; at most {MAX_LEN} are allowed"));
    }
    if name.ends_with('.') {
        return Some("ends with `.`, which a Windows folder name cannot end with".into());
    }
    None
}

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for pcf in publisher_cache_folders(m) {
        for folder in pcf.children_named(NsId::FOUNDATION, "Folder") {
            let Some(name) = folder.attr("Name") else { continue };
            if name.is_placeholder() {
                continue;
            }
            let value = name.value();
            if let Some(problem) = problem(value) {
                cx.report(name.value_span(), format!("folder name `{}` {problem}", shorten(value))).help(HELP);
            } else if let Some(device) = reserved_device(value) {
                cx.report(name.value_span(), format!("folder name `{value}` is the reserved device name `{device}`"))
                    .severity(Severity::Warning)
                    .help("Windows cannot create a folder named CON, PRN, AUX, NUL, COM1 to COM9 or LPT1 to LPT9 (with or without an extension): choose another name");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(problem("Shared").is_none());
        assert!(problem("Shared Data.v2").is_none());
        assert!(problem("a/b").unwrap().contains("`/`"));
        assert!(problem("a\\b").unwrap().contains("`\\`"));
        assert!(problem("a:b").unwrap().contains("`:`"));
        assert!(problem("50%").unwrap().contains("`%`"));
        assert!(problem("Cache.").unwrap().contains("ends with"));
        assert!(problem("..").unwrap().contains("ends with"));
        assert!(problem(" Cache").unwrap().contains("whitespace"));
        assert!(problem(&"a".repeat(257)).unwrap().contains("257"));
        assert!(problem(&"a".repeat(256)).is_none());
        assert!(problem("a\u{1}b").unwrap().contains("control"));
    }

    #[test]
    fn devices() {
        assert_eq!(reserved_device("con").as_deref(), Some("CON"));
        assert_eq!(reserved_device("Com1.log").as_deref(), Some("COM1"));
        assert_eq!(reserved_device("LPT9").as_deref(), Some("LPT9"));
        assert_eq!(reserved_device("COM0"), None);
        assert_eq!(reserved_device("Console"), None);
        assert_eq!(reserved_device("COM10"), None);
    }
}
