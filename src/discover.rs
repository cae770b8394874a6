//! Finding inputs: files named on the command line, manifests in folder trees, stdin.
//!
//! Files named on the command line are always linted, whatever their name. Folders are
//! walked recursively without following symlinks; a file is a manifest when its name is
//! `AppxManifest.xml` or ends in `.appxmanifest` (any case), a package when it ends in
//! `.msix`, `.appx`, `.msixbundle` or `.appxbundle` (any case), or either when it matches an
//! `--include` glob; `--exclude` globs and the default excluded folders (`.git`, `bin`,
//! `obj`, `target`, `node_modules`) prune the walk. The result is sorted by display path,
//! so no output depends on the order of the walk.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};

/// Folders never walked into unless named on the command line.
pub const DEFAULT_EXCLUDED_DIRS: &[&str] = &[".git", "bin", "obj", "target", "node_modules"];

/// Where an input's bytes come from.
#[derive(Clone, Debug)]
pub enum Origin {
    File(PathBuf),
    Stdin(Arc<Vec<u8>>),
    /// The input could not even be listed (a folder that cannot be read, a path that does
    /// not exist): it is reported as an `io-error`.
    Unreadable(String),
}

#[derive(Clone, Debug)]
pub struct Input {
    /// The path shown in reports.
    pub display: String,
    pub origin: Origin,
}

/// Glob filters, matched against the path relative to the folder walked (with forward
/// slashes). A glob without `/` matches the file or folder name alone.
#[derive(Clone, Debug, Default)]
pub struct Filters {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl Filters {
    pub fn new(include: &[String], exclude: &[String]) -> Result<Filters, String> {
        Ok(Filters { include: build_set(include)?, exclude: build_set(exclude)? })
    }

    fn excluded(&self, rel: &str) -> bool {
        self.exclude.as_ref().is_some_and(|s| matches(s, rel))
    }

    fn included(&self, rel: &str) -> bool {
        self.include.as_ref().is_some_and(|s| matches(s, rel))
    }
}

fn matches(set: &GlobSet, rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    set.is_match(rel) || set.is_match(name)
}

fn build_set(globs: &[String]) -> Result<Option<GlobSet>, String> {
    if globs.is_empty() {
        return Ok(None);
    }
    let mut b = GlobSetBuilder::new();
    for g in globs {
        let glob: Glob = GlobBuilder::new(g)
            .case_insensitive(true)
            .literal_separator(false)
            .build()
            .map_err(|e| format!("invalid glob `{g}`: {e}"))?;
        b.add(glob);
    }
    b.build().map(Some).map_err(|e| e.to_string())
}

/// True for the names appxlint treats as manifests when walking a folder.
pub fn is_manifest_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower == "appxmanifest.xml" || (lower.ends_with(".appxmanifest") && lower.len() > ".appxmanifest".len())
}

/// Turns a path into the form every report shows: forward slashes, no leading `./`.
pub fn display_path(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    let mut s = s.as_str();
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    if s.is_empty() { ".".to_string() } else { s.to_string() }
}

/// Finds the inputs named by `paths`. Never fails: problems become inputs that report
/// an `io-error`, so nothing named on the command line is lost.
pub fn discover(paths: &[PathBuf], filters: &Filters) -> Vec<Input> {
    let mut inputs = Vec::new();
    for p in paths {
        let display = display_path(p);
        match std::fs::metadata(p) {
            Ok(meta) if meta.is_dir() => walk(p, filters, &mut inputs),
            Ok(_) => inputs.push(Input { display, origin: Origin::File(p.clone()) }),
            Err(e) => inputs.push(Input { display, origin: Origin::Unreadable(describe_io(&e)) }),
        }
    }
    dedup_and_sort(inputs)
}

fn walk(root: &Path, filters: &Filters, out: &mut Vec<Input>) {
    let walker = walkdir::WalkDir::new(root).follow_links(false).sort_by_file_name().into_iter().filter_entry(|e| {
        if e.depth() == 0 {
            return true;
        }
        let rel = relative(root, e.path());
        if e.file_type().is_dir() {
            let name = e.file_name().to_string_lossy();
            if DEFAULT_EXCLUDED_DIRS.iter().any(|d| name.eq_ignore_ascii_case(d)) {
                return false;
            }
        }
        !filters.excluded(&rel)
    });
    for entry in walker {
        match entry {
            Ok(e) => {
                if !e.file_type().is_file() {
                    continue;
                }
                let name = e.file_name().to_string_lossy();
                let rel = relative(root, e.path());
                if is_manifest_name(&name) || crate::package::is_package_name(&name) || filters.included(&rel) {
                    out.push(Input { display: display_path(e.path()), origin: Origin::File(e.path().to_path_buf()) });
                }
            }
            Err(err) => {
                let path = err.path().map(display_path).unwrap_or_else(|| display_path(root));
                let message = match err.io_error() {
                    Some(io) => describe_io(io),
                    None => err.to_string(),
                };
                out.push(Input { display: path, origin: Origin::Unreadable(message) });
            }
        }
    }
}

fn relative(root: &Path, path: &Path) -> String {
    display_path(path.strip_prefix(root).unwrap_or(path))
}

/// The same file named twice (as a file and inside a walked folder...) is linted once.
fn dedup_and_sort(mut inputs: Vec<Input>) -> Vec<Input> {
    inputs.sort_by(|a, b| a.display.cmp(&b.display));
    let mut seen = std::collections::HashSet::new();
    inputs.retain(|i| match &i.origin {
        Origin::File(p) => seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())),
        _ => true,
    });
    inputs.dedup_by(|a, b| {
        a.display == b.display && matches!((&a.origin, &b.origin), (Origin::Unreadable(_), Origin::Unreadable(_)))
    });
    inputs
}

/// An I/O error as a sentence, without the OS error number.
pub fn describe_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or folder".to_string(),
        PermissionDenied => "permission denied".to_string(),
        IsADirectory => "is a folder, not a file".to_string(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_names() {
        for n in [
            "AppxManifest.xml",
            "appxmanifest.xml",
            "AppXManifest.XML",
            "Package.appxmanifest",
            "package.appxmanifest",
            "Package-Dev.appxmanifest",
        ] {
            assert!(is_manifest_name(n), "{n}");
        }
        for n in
            [".appxmanifest", "AppxManifest.xml.in", "AppxManifest_template.xml", "manifest.xml", "AppxBlockMap.xml"]
        {
            assert!(!is_manifest_name(n), "{n}");
        }
    }

    #[test]
    fn display_paths() {
        assert_eq!(display_path(Path::new("./a/b")), "a/b");
        assert_eq!(display_path(Path::new("a\\b")), "a/b");
        assert_eq!(display_path(Path::new(".")), ".");
    }
}
