//! Packages and bundles as inputs: every manifest inside is linted like a file, under a
//! path that names its container (`out/App.msixbundle!App_x64.msix!AppxManifest.xml`).
//!
//! Problems of an archive (not a zip, truncated, duplicate names, no manifest, over a
//! limit) are reported on the archive's own path (`out/App.msix`), and the run goes on.
//! A bundle manifest is checked against the packages it lists: each must be in the bundle,
//! stored uncompressed, with the identity and size the bundle says (the checks
//! microsoft/msix-packaging makes when it opens a bundle, `AppxPackageObject.cpp`).

use std::io::{BufReader, Cursor};
use std::sync::Arc;

use super::{MAX_STDIN_PACKAGE_BYTES, Policy, Processed, Reload, lint_bytes_guarded};
use crate::discover::{Input, Origin, describe_io};
use crate::manifest::{Manifest, Version};
use crate::package::{self, Archive, Limits, ManifestKind, Problem, ReadSeek, SubRange};
use crate::rules::{self, Finding};
use crate::source::Span;

/// One `<Package>` of a bundle manifest.
#[derive(Clone, Debug)]
pub(super) struct Listed {
    /// The `Package` element's name.
    span: Span,
    file_name: Option<(String, Span)>,
    version: Option<(String, Span)>,
    architecture: Option<(String, Span)>,
    offset: Option<u64>,
    size: Option<(String, Span)>,
}

/// What a bundle manifest says of its packages.
#[derive(Clone, Debug, Default)]
pub(super) struct BundleListing {
    name: Option<(String, Span)>,
    publisher: Option<(String, Span)>,
    packages: Vec<Listed>,
}

impl BundleListing {
    pub(super) fn of(m: &Manifest<'_>) -> BundleListing {
        let value = |a: Option<crate::manifest::Attr<'_>>| a.map(|a| (a.value().trim().to_string(), a.value_span()));
        let mut out = BundleListing::default();
        if let Some(id) = &m.identity {
            out.name = value(id.name);
            out.publisher = value(id.publisher);
        }
        let ns = m.root.ns();
        for packages in m.root.children_named(ns, "Packages") {
            for p in packages.children_named(ns, "Package") {
                out.packages.push(Listed {
                    span: p.name_span(),
                    file_name: value(p.attr("FileName")),
                    version: value(p.attr("Version")),
                    architecture: value(p.attr("Architecture")),
                    offset: p.attr("Offset").and_then(|a| a.value().trim().parse().ok()),
                    size: value(p.attr("Size")),
                });
            }
        }
        out
    }
}

/// Where the inputs of one package come from, and how to name what is inside.
struct Ctx<'a> {
    origin: &'a Origin,
    policy: &'a Arc<Policy>,
    limits: Limits,
    /// The folder holding the package on disk, where a flat bundle keeps its packages.
    folder: Option<std::path::PathBuf>,
}

fn problem_finding(p: Problem) -> Finding {
    let mut f = Finding::new(rules::get(p.rule), None, p.message);
    f.help(p.help);
    f
}

/// Lints every manifest of a package or bundle input.
pub(super) fn process(input: &Input, policy: &Arc<Policy>) -> Vec<Processed> {
    let cx = Ctx {
        origin: &input.origin,
        policy,
        limits: Limits::DEFAULT,
        folder: match &input.origin {
            Origin::File(p) => p.parent().map(|d| d.to_path_buf()),
            _ => None,
        },
    };
    let mut out = Vec::new();
    let fail = |why: String| {
        let f = Finding::new(rules::get("io-error"), None, format!("cannot read `{}`: {why}", input.display));
        vec![Processed::failed(input.display.clone(), policy.clone(), f)]
    };
    match &input.origin {
        Origin::Unreadable(why) => return fail(why.clone()),
        Origin::File(path) => {
            let file = match std::fs::File::open(path) {
                Ok(f) => f,
                Err(e) => return fail(describe_io(&e)),
            };
            match file.metadata() {
                Ok(m) if m.is_dir() => return fail("is a folder, not a file".into()),
                Err(e) => return fail(describe_io(&e)),
                Ok(_) => {}
            }
            let mut reader = BufReader::with_capacity(16 * 1024, file);
            lint_archive(&mut reader, &cx, &input.display, &[], false, &mut out);
        }
        Origin::Stdin(bytes) => {
            if bytes.len() as u64 > MAX_STDIN_PACKAGE_BYTES {
                return fail(super::too_large(bytes.len() as u64, MAX_STDIN_PACKAGE_BYTES));
            }
            let mut reader = Cursor::new(bytes.as_slice());
            lint_archive(&mut reader, &cx, &input.display, &[], false, &mut out);
        }
    }
    out
}

/// Lints the manifest(s) of one archive, and for a bundle the packages inside it. Returns
/// the index in `out` of the archive's own manifest report.
fn lint_archive(
    reader: &mut dyn ReadSeek,
    cx: &Ctx<'_>,
    path: &str,
    chain: &[String],
    nested: bool,
    out: &mut Vec<Processed>,
) -> Option<usize> {
    let mut problems: Vec<Problem> = Vec::new();
    let manifest = lint_archive_inner(reader, cx, path, chain, nested, out, &mut problems);
    if !problems.is_empty() {
        let mut p = Processed::new(path.to_string(), cx.policy.clone());
        p.findings = problems.into_iter().map(problem_finding).collect();
        out.push(p);
    }
    manifest
}

fn lint_archive_inner(
    reader: &mut dyn ReadSeek,
    cx: &Ctx<'_>,
    path: &str,
    chain: &[String],
    nested: bool,
    out: &mut Vec<Processed>,
    problems: &mut Vec<Problem>,
) -> Option<usize> {
    let mut archive = match Archive::open(reader, &cx.limits) {
        Ok(a) => a,
        Err(p) => {
            problems.push(p);
            return None;
        }
    };
    problems.extend(archive.duplicates());
    let (kind, index) = match archive.manifest() {
        Ok(m) => m,
        Err(p) => {
            problems.push(p);
            return None;
        }
    };
    if kind == ManifestKind::Bundle && nested {
        problems.push(Problem {
            rule: package::rule::MISSING_MANIFEST,
            message: format!(
                "this package holds `{}`: it is a bundle inside a bundle, and is not read (packages nest one level only)",
                package::BUNDLE_MANIFEST
            ),
            help: "put the packages themselves in the bundle; a bundle cannot hold another bundle".into(),
        });
        return None;
    }
    let name = archive.names()[index].clone();
    let bytes = match archive.read(index, &cx.limits) {
        Ok(b) => b,
        Err(p) => {
            problems.push(p);
            return None;
        }
    };
    let mut entry_chain = chain.to_vec();
    entry_chain.push(name.clone());
    let reload = Reload::Entry(cx.origin.clone(), entry_chain);
    let mut manifest = lint_bytes_guarded(format!("{path}!{name}"), bytes, reload, cx.policy);
    if kind == ManifestKind::Bundle {
        let listing = manifest.bundle.take().unwrap_or_default();
        check_bundle(archive, cx, path, chain, &listing, &mut manifest, out, problems);
    }
    manifest.slim();
    out.push(manifest);
    Some(out.len() - 1)
}

/// A package inside a bundle, as the archive has it.
struct Inner {
    name: String,
    index: usize,
    stored: bool,
    size: u64,
    /// The `<Package>` of the bundle manifest that lists it.
    listed: Option<usize>,
}

#[allow(clippy::too_many_arguments)]
fn check_bundle(
    mut archive: Archive<'_>,
    cx: &Ctx<'_>,
    path: &str,
    chain: &[String],
    listing: &BundleListing,
    manifest: &mut Processed,
    out: &mut Vec<Processed>,
    problems: &mut Vec<Problem>,
) {
    let missing = rules::get("bundle-package-missing");
    let mut inner: Vec<Inner> = Vec::new();
    for (li, listed) in listing.packages.iter().enumerate() {
        let Some((file_name, span)) = &listed.file_name else { continue };
        let part = package::encode_part_name(file_name);
        match archive.find(&part) {
            Some(index) => {
                if inner.iter().all(|i| i.index != index)
                    && let Some(e) = archive.entry(index)
                {
                    inner.push(Inner {
                        name: e.name,
                        index,
                        stored: e.stored,
                        size: e.compressed_size,
                        listed: Some(li),
                    });
                }
            }
            None if listed.offset.unwrap_or(0) == 0 => {
                // A flat bundle: its packages sit next to it, as separate files.
                let beside = cx.folder.as_ref().map(|d| d.join(file_name));
                if let Some(beside) = beside
                    && !beside.is_file()
                {
                    let mut f = Finding::new(
                        missing,
                        Some(*span),
                        format!(
                            "the bundle lists `{file_name}` without an offset (a flat bundle), but no such file is next to the bundle"
                        ),
                    );
                    f.help("copy the package next to the bundle, or rebuild the bundle with the package inside it");
                    manifest.findings.push(f);
                }
            }
            None => {
                let mut f = Finding::new(
                    missing,
                    Some(*span),
                    format!("the bundle lists `{file_name}`, but the archive has no entry `{part}`"),
                );
                f.help("rebuild the bundle with MakeAppx from the packages it lists");
                manifest.findings.push(f);
            }
        }
    }
    // Packages in the bundle that its manifest does not list are linted too.
    for (index, name) in archive.names().iter().enumerate() {
        if !name.contains('/')
            && package::is_package_name(name)
            && inner.iter().all(|i| i.index != index)
            && let Some(e) = archive.entry(index)
        {
            inner.push(Inner { name: e.name, index, stored: e.stored, size: e.compressed_size, listed: None });
        }
    }
    if inner.len() > cx.limits.packages {
        problems.push(Problem {
            rule: package::rule::LIMIT,
            message: format!(
                "the bundle holds {} packages; appxlint reads the first {} of them",
                inner.len(),
                cx.limits.packages
            ),
            help: "a bundle lists at most 10,000 packages".into(),
        });
        inner.truncate(cx.limits.packages);
    }
    let mut ranges = Vec::with_capacity(inner.len());
    for i in &inner {
        ranges.push(if i.stored { Some(archive.data_range(i.index)) } else { None });
    }
    let reader = archive.into_reader();
    for (i, range) in inner.iter().zip(ranges) {
        let inner_path = format!("{path}!{}", i.name);
        let listed = i.listed.map(|l| &listing.packages[l]);
        if let Some((size, span)) = listed.and_then(|l| l.size.as_ref())
            && size.parse::<u64>().ok() != Some(i.size)
        {
            let f = Finding::new(
                rules::get("bundle-package-mismatch"),
                Some(*span),
                format!("the bundle gives `{}` the size {size}, but the entry has {} bytes", i.name, i.size),
            );
            manifest.findings.push(mismatch_help(f));
        }
        let Some(range) = range else {
            let mut f = Finding::new(
                rules::get(package::rule::COMPRESSED),
                None,
                format!(
                    "`{}` is compressed inside the bundle; packages in a bundle must be stored uncompressed",
                    i.name
                ),
            );
            f.help("rebuild the bundle with MakeAppx bundle, which stores its packages");
            let mut p = Processed::new(inner_path, cx.policy.clone());
            p.findings.push(f);
            out.push(p);
            continue;
        };
        let (start, len) = match range {
            Ok(r) => r,
            Err(p) => {
                problems.push(p);
                continue;
            }
        };
        let mut sub = SubRange::new(reader, start, len);
        let mut inner_chain = chain.to_vec();
        inner_chain.push(i.name.clone());
        let Some(at) = lint_archive(&mut sub, cx, &inner_path, &inner_chain, true, out) else { continue };
        if let Some(listed) = listed {
            compare_identity(listing, listed, &out[at], &i.name, manifest);
        }
    }
}

fn mismatch_help(mut f: Finding) -> Finding {
    f.help("rebuild the bundle from the packages it holds (MakeAppx bundle writes these values from each package)");
    f
}

/// The identity a bundle lists for a package against the package's own manifest.
fn compare_identity(listing: &BundleListing, listed: &Listed, inner: &Processed, name: &str, manifest: &mut Processed) {
    let Some(facts) = &inner.facts else { return };
    let rule = rules::get("bundle-package-mismatch");
    let at = listed.file_name.as_ref().map_or(listed.span, |(_, s)| *s);
    let mut report = |span: Span, message: String, label: Option<(Span, &str)>| {
        let mut f = Finding::new(rule, Some(span), message);
        if let Some((span, text)) = label {
            f.label(span, text);
        }
        manifest.findings.push(mismatch_help(f));
    };
    if let (Some((want, span)), Some(got)) = (&listing.name, &facts.name)
        && want != got.trim()
    {
        let message = format!("`{name}` is the package `{got}`, but the bundle's identity is `{want}`");
        report(at, message, Some((*span, "the bundle's name")));
    }
    if let (Some((want, span)), Some(got)) = (&listing.publisher, &facts.publisher)
        && want != got.trim()
    {
        let message = format!("`{name}` has the publisher `{got}`, but the bundle's publisher is `{want}`");
        report(at, message, Some((*span, "the bundle's publisher")));
    }
    if let (Some((want, span)), Some(got)) = (&listed.version, &facts.version) {
        let same = match (Version::parse(want), Version::parse(got)) {
            (Some(a), Some(b)) => a == b,
            _ => want == got,
        };
        if !same {
            report(*span, format!("the bundle lists `{name}` as version {want}, but its manifest says {got}"), None);
        }
    }
    if let Some((want, span)) = &listed.architecture {
        let got = facts.architecture.as_deref().unwrap_or("");
        let same = want.eq_ignore_ascii_case(got) || (got.is_empty() && want.eq_ignore_ascii_case("neutral"));
        if !same {
            let shown = if got.is_empty() { "no architecture".to_string() } else { format!("`{got}`") };
            let message =
                format!("the bundle lists `{name}` for the architecture `{want}`, but its manifest says {shown}");
            report(*span, message, None);
        }
    }
}

/// The bytes of a manifest inside a package again (`chain` = entry names from the outer
/// archive down to the manifest), for a snippet.
pub(super) fn read_entry(origin: &Origin, chain: &[String]) -> Option<Vec<u8>> {
    match origin {
        Origin::File(path) => {
            let mut r = BufReader::new(std::fs::File::open(path).ok()?);
            read_chain(&mut r, chain)
        }
        Origin::Stdin(bytes) => read_chain(&mut Cursor::new(bytes.as_slice()), chain),
        Origin::Unreadable(_) => None,
    }
}

fn read_chain(reader: &mut dyn ReadSeek, chain: &[String]) -> Option<Vec<u8>> {
    let limits = Limits::DEFAULT;
    let mut archive = Archive::open(reader, &limits).ok()?;
    let (first, rest) = chain.split_first()?;
    let index = archive.find(first)?;
    if rest.is_empty() {
        return archive.read(index, &limits).ok();
    }
    let (start, len) = archive.data_range(index).ok()?;
    let reader = archive.into_reader();
    read_chain(&mut SubRange::new(reader, start, len), rest)
}
