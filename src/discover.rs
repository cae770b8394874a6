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

    /// No `--include` nor `--exclude`.
    pub fn is_empty(&self) -> bool {
        self.include.is_none() && self.exclude.is_none()
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

/// Filters that depend on where a path is, not on the folder walked: the `include` and
/// `exclude` of the configuration file that applies to it.
pub trait Scope {
    /// True when a file or folder met while walking must be skipped.
    fn excluded(&self, path: &Path, is_dir: bool) -> bool;
    /// True when a file met while walking is linted although its name is not a manifest's.
    fn included(&self, path: &Path) -> bool;
    /// The walk has read the folder at `abs_dir` (absolute, normalized); `has(name)` tells
    /// whether it has an entry of that name. False when no entry of the folder can be
    /// excluded or included by this scope: the walk then asks neither [`Scope::excluded`]
    /// nor [`Scope::included`] about them.
    fn listed(&self, _abs_dir: &Path, _has: &dyn Fn(&str) -> bool) -> bool {
        true
    }
}

/// No filter beyond the command line's.
pub struct NoScope;

impl Scope for NoScope {
    fn excluded(&self, _: &Path, _: bool) -> bool {
        false
    }

    fn included(&self, _: &Path) -> bool {
        false
    }

    fn listed(&self, _: &Path, _: &dyn Fn(&str) -> bool) -> bool {
        false
    }
}

/// True for the names appxlint treats as manifests when walking a folder:
/// `AppxManifest.xml` (also with a prefix such as `App.Tests.AppxManifest.xml`) and
/// `*.appxmanifest`, in any case.
pub fn is_manifest_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if let Some(prefix) = lower.strip_suffix("appxmanifest.xml") {
        return prefix.is_empty() || prefix.ends_with(['.', '-', '_']);
    }
    lower.ends_with(".appxmanifest") && lower.len() > ".appxmanifest".len()
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
    discover_scoped(paths, filters, &NoScope, false)
}

/// [`discover`], with `scope` filtering what folder walks meet. With `force_exclude`, the
/// `--exclude` globs (matched against the path as given) and `scope`'s exclusions also
/// apply to files named on the command line, as pre-commit hooks need.
pub fn discover_scoped(
    paths: &[PathBuf],
    filters: &Filters,
    scope: &(dyn Scope + Sync),
    force_exclude: bool,
) -> Vec<Input> {
    // Each input with the canonical path that identifies its file, to lint it once.
    let mut inputs: Vec<(Input, Option<PathBuf>)> = Vec::new();
    // One path named: a walk meets each file once, and nothing needs canonical paths.
    let keys = paths.len() > 1;
    for p in paths {
        let display = display_path(p);
        match std::fs::metadata(p) {
            Ok(meta) if meta.is_dir() => walk(p, filters, scope, keys, &mut inputs),
            Ok(_) if force_exclude && force_excluded(p, filters, scope) => {}
            Ok(_) => inputs.push((
                Input { display, origin: Origin::File(p.clone()) },
                if keys { std::fs::canonicalize(p).ok() } else { None },
            )),
            Err(e) => inputs.push((Input { display, origin: Origin::Unreadable(describe_io(&e)) }, None)),
        }
    }
    dedup_and_sort(inputs, keys)
}

/// True when a file named on the command line would have been skipped by a walk that
/// met it: an `--exclude` glob or a configuration's `exclude` matches it or one of the
/// folders of its path as given.
fn force_excluded(path: &Path, filters: &Filters, scope: &(dyn Scope + Sync)) -> bool {
    if filters.excluded(&display_path(path)) || scope.excluded(path, false) {
        return true;
    }
    path.ancestors().skip(1).filter(|a| !a.as_os_str().is_empty() && a.file_name().is_some()).any(|dir| {
        let name = dir.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        DEFAULT_EXCLUDED_DIRS.iter().any(|d| name.eq_ignore_ascii_case(d))
            || filters.excluded(&display_path(dir))
            || scope.excluded(dir, true)
    })
}

/// Deepest folder nesting walked. Past it, the folder is reported, not walked.
pub const MAX_WALK_DEPTH: usize = 512;

/// Folders this close to the root have their subfolders walked in parallel; deeper ones
/// are walked on the thread that met them, which keeps the stack of a deep tree shallow.
const PARALLEL_DEPTH: usize = 2;

fn walk(
    root: &Path,
    filters: &Filters,
    scope: &(dyn Scope + Sync),
    keys: bool,
    out: &mut Vec<(Input, Option<PathBuf>)>,
) {
    let found = std::sync::Mutex::new(std::mem::take(out));
    walk_into(root, filters, scope, keys, &|item| found.lock().expect("not poisoned").push(item));
    *out = found.into_inner().expect("not poisoned");
}

/// Walks one folder named on the command line and hands each input to `emit` as soon as
/// it is met, from whichever thread met it: the order is the walk's, not the sorted one
/// [`discover_scoped`] gives. A walk meets each file once, so nothing is deduplicated.
pub fn walk_streaming(root: &Path, filters: &Filters, scope: &(dyn Scope + Sync), emit: &(dyn Fn(Input) + Sync)) {
    walk_into(root, filters, scope, false, &|(input, _)| emit(input));
}

fn walk_into(
    root: &Path,
    filters: &Filters,
    scope: &(dyn Scope + Sync),
    keys: bool,
    sink: &(dyn Fn((Input, Option<PathBuf>)) + Sync),
) {
    // The walk follows no symlink, so a file's canonical path is the canonical root
    // joined with the path below it: one system call for the folder, not one per file.
    let canonical_root = if keys { std::fs::canonicalize(root).ok() } else { None };
    let walk = Walk { root, canonical_root: canonical_root.as_deref(), filters, scope, sink };
    walk.dir(root.to_path_buf(), crate::config::normalize(root), 0);
}

/// A folder walk. Each folder is read once, whole, before any of its entries is looked at:
/// its listing also tells [`Scope::listed`] whether it holds a configuration file, which
/// spares a lookup per folder. Entries are met in the order the system lists them, and
/// the top folders' subfolders in parallel; the inputs are sorted afterwards.
struct Walk<'a> {
    root: &'a Path,
    /// Set when inputs need the canonical path that identifies their file (several paths
    /// were named, so one file may be met twice).
    canonical_root: Option<&'a Path>,
    filters: &'a Filters,
    scope: &'a (dyn Scope + Sync),
    /// Where inputs go, with their canonical path when `canonical_root` is set.
    sink: &'a (dyn Fn((Input, Option<PathBuf>)) + Sync),
}

impl Walk<'_> {
    fn push(&self, item: (Input, Option<PathBuf>)) {
        (self.sink)(item);
    }

    /// Walks `dir` (as named from the root given), whose absolute, normalized path is `abs`.
    fn dir(&self, dir: PathBuf, abs: PathBuf, depth: usize) {
        let entries: Vec<(std::ffi::OsString, std::fs::FileType)> = match std::fs::read_dir(&dir) {
            Ok(list) => {
                let mut entries = Vec::new();
                for entry in list {
                    match entry.and_then(|e| Ok((e.file_name(), e.file_type()?))) {
                        Ok(e) => entries.push(e),
                        Err(err) => {
                            self.push(unreadable(&dir, describe_io(&err)));
                            return;
                        }
                    }
                }
                entries
            }
            Err(err) => {
                self.push(unreadable(&dir, describe_io(&err)));
                return;
            }
        };
        let scoped = self.scope.listed(&abs, &|name| entries.iter().any(|(n, _)| n == name));
        let mut subdirs = Vec::new();
        for (name, kind) in &entries {
            let is_dir = kind.is_dir();
            let text = name.to_string_lossy();
            if is_dir {
                if DEFAULT_EXCLUDED_DIRS.iter().any(|d| text.eq_ignore_ascii_case(d)) {
                    continue;
                }
            } else if !kind.is_file() {
                // Symlinks are not followed; sockets, pipes and devices are not inputs.
                continue;
            }
            let known = !is_dir && (is_manifest_name(&text) || crate::package::is_package_name(&text));
            if !is_dir && !known && self.filters.is_empty() && !scoped {
                // Not an input, and no glob can make it one.
                continue;
            }
            let path = dir.join(name);
            // The relative path is needed only for the globs.
            if !self.filters.is_empty() && self.filters.excluded(&relative(self.root, &path)) {
                continue;
            }
            if scoped && self.scope.excluded(&path, is_dir) {
                continue;
            }
            if is_dir {
                if depth + 1 >= MAX_WALK_DEPTH {
                    self.push(unreadable(
                        &path,
                        format!(
                            "folders nest deeper than {MAX_WALK_DEPTH} levels here; appxlint does not walk further"
                        ),
                    ));
                } else {
                    subdirs.push((path, abs.join(name)));
                }
                continue;
            }
            let wanted = known
                || (!self.filters.is_empty() && self.filters.included(&relative(self.root, &path)))
                || (scoped && self.scope.included(&path));
            if wanted {
                let key = self.canonical_root.map(|c| c.join(path.strip_prefix(self.root).unwrap_or(&path)));
                self.push((Input { display: display_path(&path), origin: Origin::File(path) }, key));
            }
        }
        drop(entries);
        if depth < PARALLEL_DEPTH && subdirs.len() > 1 {
            use rayon::prelude::*;
            subdirs.into_par_iter().for_each(|(path, abs)| self.dir(path, abs, depth + 1));
        } else {
            for (path, abs) in subdirs {
                self.dir(path, abs, depth + 1);
            }
        }
    }
}

fn unreadable(path: &Path, message: String) -> (Input, Option<PathBuf>) {
    (Input { display: display_path(path), origin: Origin::Unreadable(message) }, None)
}

fn relative(root: &Path, path: &Path) -> String {
    display_path(path.strip_prefix(root).unwrap_or(path))
}

/// The same file named twice (as a file and inside a walked folder...) is linted once.
/// With `keys` false (one path named), no file can be met twice.
fn dedup_and_sort(mut inputs: Vec<(Input, Option<PathBuf>)>, keys: bool) -> Vec<Input> {
    inputs.sort_by(|a, b| a.0.display.cmp(&b.0.display));
    if keys {
        let mut seen = std::collections::HashSet::new();
        inputs.retain(|(i, key)| match (&i.origin, key) {
            (Origin::File(_), Some(k)) => seen.insert(k.clone()),
            (Origin::File(p), None) => seen.insert(p.clone()),
            _ => true,
        });
    }
    let mut inputs: Vec<Input> = inputs.into_iter().map(|(i, _)| i).collect();
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
