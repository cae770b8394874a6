//! The engine: inputs -> bytes -> text -> tree -> model -> rules -> one report.
//!
//! Each input is processed on its own, in parallel (rayon; the caller picks the pool), and
//! in isolation from panics: a crash in one file becomes an `internal-error` finding on
//! that file, and every other file is still reported. A package input yields one report
//! per manifest inside it ([`packages`]); every manifest, loose or packaged, goes through
//! the same path from bytes to findings ([`lint_bytes`]). Then the rules that look across
//! files run over the facts kept of each package. Then suppressions and the configured
//! selection and severities apply, and the report is sorted, so the bytes of every output
//! depend on the inputs only, never on the number of threads.
//!
//! Memory stays flat in the number of clean files: the decoded text of a file is kept
//! only when it has findings (or suppressions) that a snippet may show. When a rule
//! across files reports on a file whose text was dropped, the text is read again.

mod packages;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use rayon::prelude::*;

use crate::analyze::facts::PackageFacts;
use crate::diagnostic::{Diagnostic, FileReport, Label, PackageInfo, Related, Report, Severity};
use crate::discover::{Input, Origin, describe_io};
use crate::manifest::xml::{self, Document};
use crate::manifest::{Manifest, Tree};
use crate::rules::{self, Check, Ctx, Finding, RULES, Rule, SetCtx, SetFinding};
use crate::source::{self, Location, SourceText, Span};
use crate::suppress::{Scope, Suppressions};

/// Largest manifest appxlint reads, loose or inside a package. Real manifests are a few KB
/// to a few hundred KB.
pub const MAX_MANIFEST_BYTES: u64 = 16 * 1024 * 1024;

/// Largest package read from stdin, which is held in memory (a package on disk is read in
/// place, whatever its size).
pub const MAX_STDIN_PACKAGE_BYTES: u64 = 256 * 1024 * 1024;

/// The rules in force for one file, after configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    enabled: Vec<bool>,
    severity: Vec<Option<Severity>>,
    /// Honour `<!-- appxlint: ... -->` comments.
    pub inline_suppressions: bool,
    /// Keep the file's package facts in the report (`Report::facts`), for the analyzer;
    /// otherwise they are dropped once the rules across files have run.
    pub keep_facts: bool,
    /// Keep the decoded text of files with findings, for reports that show source
    /// snippets (the human report); machine formats need only the positions.
    pub keep_text: bool,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            enabled: vec![true; RULES.len()],
            severity: vec![None; RULES.len()],
            inline_suppressions: true,
            keep_facts: false,
            keep_text: true,
        }
    }
}

impl Policy {
    pub fn enabled(&self, rule: &'static Rule) -> bool {
        self.enabled[index(rule)]
    }

    pub fn set_enabled(&mut self, rule: &'static Rule, on: bool) {
        self.enabled[index(rule)] = on;
    }

    pub fn set_severity(&mut self, rule: &'static Rule, severity: Severity) {
        self.severity[index(rule)] = Some(severity);
    }

    pub fn severity_override(&self, rule: &'static Rule) -> Option<Severity> {
        self.severity[index(rule)]
    }

    /// Enables exactly these rules and turns every other off (configuration `select`).
    pub fn select_only(&mut self, rules: &[&'static Rule]) {
        for (i, r) in RULES.iter().enumerate() {
            self.enabled[i] = rules.iter().any(|s| std::ptr::eq(*s, r));
        }
    }

    /// Only these rules (tests of one rule, doc examples).
    pub fn only(names: &[&str]) -> Policy {
        let mut p = Policy::default();
        for (i, r) in RULES.iter().enumerate() {
            p.enabled[i] = names.contains(&r.name) || matches!(r.check, Check::Builtin);
        }
        p
    }
}

/// The position of a rule in the registry.
pub fn index(rule: &'static Rule) -> usize {
    RULES.iter().position(|r| std::ptr::eq(r, rule)).expect("registered rule")
}

thread_local! {
    /// A buffer for the bytes of the next file, recycled from the text of the last clean
    /// one: the bulk of what a file needs is allocated once per thread, not per file,
    /// which keeps the heap from fragmenting as thousands of files go through it.
    static SPARE: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Buffers larger than this are freed rather than kept for the next file.
const MAX_SPARE: usize = 1024 * 1024;

/// An empty buffer, with the capacity of the last one recycled on this thread.
pub(crate) fn spare_buffer() -> Vec<u8> {
    let mut v = SPARE.with(|s| std::mem::take(&mut *s.borrow_mut()));
    v.clear();
    v
}

/// Keeps a buffer for the next file of this thread.
pub(crate) fn recycle_buffer(v: Vec<u8>) {
    if v.capacity() <= MAX_SPARE {
        SPARE.with(|s| {
            let mut s = s.borrow_mut();
            if v.capacity() > s.capacity() {
                *s = v;
            }
        });
    }
}

/// How to get the text of a file again, when a rule across files reports on a file whose
/// text was dropped.
#[derive(Clone, Debug)]
enum Reload {
    Nothing,
    /// The input itself: a file, or stdin (kept in memory anyway).
    Input(Origin),
    /// A manifest inside a package: the package and the entry names leading to it.
    Entry(Origin, Vec<String>),
}

/// Everything kept of a file between the per-file and the cross-file phases.
struct Processed {
    path: String,
    source: Option<Arc<SourceText>>,
    reload: Reload,
    /// A cheap fingerprint of the decoded text, to tell whether a reload found the same.
    fingerprint: u64,
    package: Option<PackageInfo>,
    findings: Vec<Finding>,
    facts: Option<PackageFacts>,
    suppressions: Suppressions,
    policy: Arc<Policy>,
    /// What a bundle manifest lists, for the checks of its packages.
    bundle: Option<Box<packages::BundleListing>>,
    /// Position among the files of the run, before sorting.
    seq: u32,
}

impl Processed {
    fn new(path: String, policy: Arc<Policy>) -> Processed {
        Processed {
            path,
            source: None,
            reload: Reload::Nothing,
            fingerprint: 0,
            package: None,
            findings: Vec::new(),
            facts: None,
            suppressions: Suppressions::default(),
            policy,
            bundle: None,
            seq: 0,
        }
    }

    /// A report about the input as a whole (it cannot be read, it crashed appxlint...).
    fn failed(path: String, policy: Arc<Policy>, finding: Finding) -> Processed {
        let mut p = Processed::new(path, policy);
        p.findings.push(finding);
        p
    }

    /// Drops the text of a file that nothing will show; its buffer serves the next file.
    /// A text that is kept is copied out of the (recycled, possibly much larger) buffer.
    fn slim(&mut self) {
        self.bundle = None;
        let Some(src) = self.source.take() else { return };
        let Ok(mut src) = Arc::try_unwrap(src) else { return };
        let keep =
            !(self.findings.is_empty() && self.suppressions.list.is_empty() && self.suppressions.invalid.is_empty());
        // Suppression comments need the text for their own findings (unused, invalid):
        // files with them keep it whatever the policy.
        let text_needed =
            self.policy.keep_text || !self.suppressions.list.is_empty() || !self.suppressions.invalid.is_empty();
        if keep && !text_needed {
            // Positions now, the text is not kept.
            for f in &mut self.findings {
                let labels = f.labels.iter().map(|(span, _)| src.location(*span)).collect();
                f.resolved = Some((f.span.map(|s| src.location(s)), labels));
            }
        }
        let buffer = std::mem::take(&mut src.text);
        if keep && text_needed {
            src.text = buffer.as_str().to_owned();
            self.source = Some(Arc::new(src));
        }
        recycle_buffer(buffer.into_bytes());
    }
}

/// Lints every input and returns the report, files sorted by path. Inputs are processed
/// on the current rayon pool (`ThreadPool::install` picks the number of threads).
pub fn run(inputs: Vec<Input>, policy_for: &(dyn Fn(&Input) -> Arc<Policy> + Sync)) -> Report {
    run_with(inputs, policy_for, &|| {})
}

/// [`run`], calling `done` after each input (a progress indicator counts them).
pub fn run_with(
    inputs: Vec<Input>,
    policy_for: &(dyn Fn(&Input) -> Arc<Policy> + Sync),
    done: &(dyn Fn() + Sync),
) -> Report {
    let outs: Vec<Out> = inputs
        .into_par_iter()
        .with_max_len(1)
        .map(|input| {
            let policy = policy_for(&input);
            let out = process_guarded(input, policy);
            done();
            out
        })
        .collect();
    finish_outs(outs)
}

/// What [`run_streaming`] hands its feed: call it with each input found.
pub type Emit<'a> = dyn Fn(Input) + Sync + 'a;

/// Lints inputs as `feed` finds them: `feed` is handed a function to call with each input
/// (from any thread of the current rayon pool), and each input is linted as soon as it
/// is given, while `feed` goes on finding the others. An input whose policy is `None` is
/// skipped (its settings failed; the caller reports why and drops the run). The report is
/// the one [`run`] gives for the same inputs: files are sorted by path at the end.
pub fn run_streaming(
    feed: &(dyn Fn(&Emit<'_>) + Sync),
    policy_for: &(dyn Fn(&Input) -> Option<Arc<Policy>> + Sync),
) -> Report {
    let outs = std::sync::Mutex::new(Vec::new());
    rayon::scope(|s| {
        feed(&|input: Input| {
            let outs = &outs;
            s.spawn(move |_| {
                let Some(policy) = policy_for(&input) else { return };
                let out = process_guarded(input, policy);
                outs.lock().expect("not poisoned").push(out);
            });
        });
    });
    finish_outs(outs.into_inner().expect("not poisoned"))
}

fn finish_outs(outs: Vec<Out>) -> Report {
    let mut files = Vec::with_capacity(outs.iter().map(|o| if let Out::Many(v) = o { v.len() } else { 1 }).sum());
    for o in outs {
        match o {
            Out::One(p) => files.push(*p),
            Out::Many(v) => files.extend(v),
        }
    }
    finish(files)
}

/// What one input yields: one report (a manifest), or several (a package). Boxed, so that
/// the results of a run take one allocation per file and a vector of pointers.
enum Out {
    One(Box<Processed>),
    Many(Vec<Processed>),
}

/// Lints in-memory manifests (`(path, bytes)`) together with one policy: what tests and
/// the rule-document checks use. A path ending in a package extension (`.msix`...) is read
/// as a package.
pub fn run_bytes(files: Vec<(String, Vec<u8>)>, policy: Policy) -> Report {
    let policy = Arc::new(policy);
    let inputs =
        files.into_iter().map(|(display, bytes)| Input { display, origin: Origin::Stdin(Arc::new(bytes)) }).collect();
    run(inputs, &move |_| policy.clone())
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

fn crashed(path: String, policy: Arc<Policy>, payload: &(dyn std::any::Any + Send)) -> Processed {
    let mut f = Finding::new(
        rules::get("internal-error"),
        None,
        format!("appxlint crashed while processing this file: {}", panic_message(payload)),
    );
    f.help("this is a bug in appxlint; please report it with the file attached");
    Processed::failed(path, policy, f)
}

fn process_guarded(input: Input, policy: Arc<Policy>) -> Out {
    let path = input.display.clone();
    match catch_unwind(AssertUnwindSafe(|| process(input, &policy))) {
        Ok(p) => p,
        Err(payload) => Out::One(Box::new(crashed(path, policy, payload.as_ref()))),
    }
}

/// True when an input is read as a package: its name ends in a package extension.
fn is_package(input: &Input) -> bool {
    let name = match &input.origin {
        Origin::File(p) => p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        _ => input.display.rsplit('/').next().unwrap_or("").to_string(),
    };
    crate::package::is_package_name(&name)
}

fn process(input: Input, policy: &Arc<Policy>) -> Out {
    if is_package(&input) {
        return Out::Many(packages::process(&input, policy));
    }
    Out::One(Box::new(match read_input(&input, MAX_MANIFEST_BYTES) {
        Ok(bytes) => {
            let mut p = lint_bytes_guarded(input.display, bytes, Reload::Input(input.origin), policy);
            p.slim();
            p
        }
        Err(why) => io_error(&input, why, policy),
    }))
}

fn io_error(input: &Input, why: String, policy: &Arc<Policy>) -> Processed {
    let f = Finding::new(rules::get("io-error"), None, format!("cannot read `{}`: {why}", input.display));
    Processed::failed(input.display.clone(), policy.clone(), f)
}

fn too_large(len: u64, max: u64) -> String {
    format!("the file has {len} bytes; appxlint reads files of at most {} MiB here", max / (1024 * 1024))
}

fn read_input(input: &Input, max: u64) -> Result<Vec<u8>, String> {
    match &input.origin {
        Origin::Stdin(bytes) if bytes.len() as u64 > max => Err(too_large(bytes.len() as u64, max)),
        Origin::Stdin(bytes) => {
            let mut v = spare_buffer();
            v.extend_from_slice(bytes);
            Ok(v)
        }
        Origin::Unreadable(why) => Err(why.clone()),
        Origin::File(path) => {
            use std::io::Read;
            let file = std::fs::File::open(path).map_err(|e| describe_io(&e))?;
            let meta = file.metadata().map_err(|e| describe_io(&e))?;
            if meta.is_dir() {
                return Err("is a folder, not a file".to_string());
            }
            if meta.len() > max {
                return Err(too_large(meta.len(), max));
            }
            let mut bytes = spare_buffer();
            bytes.reserve(meta.len() as usize + 1);
            file.take(max + 1).read_to_end(&mut bytes).map_err(|e| describe_io(&e))?;
            if bytes.len() as u64 > max {
                return Err(format!("the file grew past {} MiB while it was read", max / (1024 * 1024)));
            }
            Ok(bytes)
        }
    }
}

/// A fast, deterministic fingerprint of a text (not a cryptographic hash).
fn fingerprint(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let mut h = (bytes.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(23) ^ v).wrapping_mul(0x517C_C1B7_2722_0A95);
    }
    for &b in chunks.remainder() {
        h = (h.rotate_left(23) ^ b as u64).wrapping_mul(0x517C_C1B7_2722_0A95);
    }
    h
}

/// [`lint_bytes`] isolated from panics, so that a crash in one manifest of a bundle keeps
/// the others.
fn lint_bytes_guarded(path: String, bytes: Vec<u8>, reload: Reload, policy: &Arc<Policy>) -> Processed {
    let p = path.clone();
    match catch_unwind(AssertUnwindSafe(|| lint_bytes(path, bytes, reload, policy))) {
        Ok(p) => p,
        Err(payload) => crashed(p, policy.clone(), payload.as_ref()),
    }
}

/// Test hook (debug builds only): `APPXLINT_DEBUG_PANIC_ON=<text>` makes the processing of
/// every file whose path contains the text panic, to prove that a crash loses nothing else.
#[cfg(debug_assertions)]
fn debug_panic_hook(path: &str) {
    if let Ok(needle) = std::env::var("APPXLINT_DEBUG_PANIC_ON")
        && !needle.is_empty()
        && path.contains(&needle)
    {
        panic!("APPXLINT_DEBUG_PANIC_ON matched `{path}`");
    }
}

/// The one path from a manifest's bytes to its findings, for loose and packaged manifests.
fn lint_bytes(path: String, bytes: Vec<u8>, reload: Reload, policy: &Arc<Policy>) -> Processed {
    #[cfg(debug_assertions)]
    debug_panic_hook(&path);
    let mut out = Processed::new(path, policy.clone());
    out.reload = reload;
    let decoded = if source::is_utf16(&bytes) {
        let d = source::decode(&bytes);
        recycle_buffer(bytes);
        d
    } else {
        source::decode_vec(bytes)
    };
    let decoded = match decoded {
        Ok(d) => d,
        Err(e) => {
            // Place the error after the text that did decode.
            let at = e.valid_prefix.len();
            let src = SourceText::new(e.valid_prefix.clone(), e.encoding);
            let mut f = Finding::new(rules::get("xml-encoding"), Some(Span::at(at)), e.message.clone());
            f.help("save the file as UTF-8 (or UTF-16 with a byte order mark)");
            out.findings.push(f);
            out.source = Some(Arc::new(src));
            out.reload = Reload::Nothing;
            return out;
        }
    };
    let src = SourceText::new(decoded.text, decoded.encoding);
    out.fingerprint = fingerprint(&src.text);
    let doc = match xml::parse(&src.text) {
        Ok(doc) => doc,
        Err(e) => {
            let mut f = Finding::new(rules::get("xml-malformed"), Some(e.span), e.message);
            if let Some((span, label)) = e.label {
                f.label(span, label);
            }
            out.findings.push(f);
            out.source = Some(Arc::new(src));
            return out;
        }
    };
    check_document(&src, &doc, &mut out.findings);
    let tree = Tree::new(&src.text, &doc);
    if let Some(m) = Manifest::new(tree) {
        for rule in RULES.iter() {
            let Check::File(check) = rule.check else { continue };
            if !policy.enabled(rule) || !rule.applies_to(m.kind) {
                continue;
            }
            let mut cx = Ctx { rule, source: &src, findings: &mut out.findings };
            check(&m, &mut cx);
        }
        if m.kind == crate::manifest::Kind::Bundle {
            out.bundle = Some(Box::new(packages::BundleListing::of(&m)));
            out.package = m.identity.as_ref().map(|id| PackageInfo {
                name: id.name.map(|a| a.value().to_string()),
                publisher: id.publisher.map(|a| a.value().to_string()),
                family_name: m.identity_family_name(),
            });
        } else {
            // The report's package information comes from the facts (`finish`), so that
            // each string is kept once.
            out.facts =
                Some(if policy.keep_facts { PackageFacts::new(&m, &src) } else { PackageFacts::for_rules(&m, &src) });
        }
    }
    if policy.inline_suppressions {
        out.suppressions = Suppressions::parse(&src.text, &doc);
    }
    xml::recycle(doc);
    out.source = Some(Arc::new(src));
    out
}

/// Reads and decodes a file again, for a snippet. `None` when it cannot be read or no
/// longer holds the text that was linted.
fn reload(p: &Processed) -> Option<Arc<SourceText>> {
    let bytes = match &p.reload {
        Reload::Nothing => return None,
        Reload::Input(origin) => {
            read_input(&Input { display: p.path.clone(), origin: origin.clone() }, MAX_MANIFEST_BYTES).ok()?
        }
        Reload::Entry(origin, chain) => packages::read_entry(origin, chain)?,
    };
    let decoded = source::decode_vec(bytes).ok()?;
    (fingerprint(&decoded.text) == p.fingerprint).then(|| Arc::new(SourceText::new(decoded.text, decoded.encoding)))
}

/// Findings about the document as a whole: DOCTYPE, declared encoding.
fn check_document(src: &SourceText, doc: &Document, findings: &mut Vec<Finding>) {
    if let Some(span) = doc.doctype {
        let mut f = Finding::new(
            rules::get("xml-doctype"),
            Some(span),
            "a manifest must not have a DOCTYPE; appxlint ignores it and never expands its entities",
        );
        f.help("remove the <!DOCTYPE ...> declaration; package manifests are validated against the manifest schema, not a DTD");
        findings.push(f);
    }
    let Some(decl) = &doc.decl else { return };
    let Some(enc) = &decl.encoding else { return };
    let text = &src.text[decl.span.range()];
    let span = text
        .find(enc.as_str())
        .map(|i| Span::new(decl.span.start as usize + i, decl.span.start as usize + i + enc.len()))
        .unwrap_or(decl.span);
    let lower = enc.to_ascii_lowercase();
    let rule = rules::get("xml-encoding");
    let (message, help) = match lower.as_str() {
        "utf-8" if src.encoding.is_utf16() => (
            format!("the file is {} but its XML declaration says encoding=\"{enc}\"", src.encoding.name()),
            "write encoding=\"utf-16\", or save the file as UTF-8".to_string(),
        ),
        "utf-16" | "utf-16le" | "utf-16be" if !src.encoding.is_utf16() => (
            format!("the file is {} but its XML declaration says encoding=\"{enc}\"", src.encoding.name()),
            "write encoding=\"utf-8\", or save the file as UTF-16 with a byte order mark".to_string(),
        ),
        "utf-8" | "utf-16" | "utf-16le" | "utf-16be" => return,
        _ => (
            format!("the encoding `{enc}` is not supported: a package manifest must be UTF-8 or UTF-16"),
            "save the file as UTF-8 and write encoding=\"utf-8\"".to_string(),
        ),
    };
    let mut f = Finding::new(rule, Some(span), message);
    f.help(help);
    findings.push(f);
}

fn finish(mut files: Vec<Processed>) -> Report {
    // In place (a stable sort would allocate half the vector again); equal paths keep
    // the order of the inputs.
    for (i, f) in files.iter_mut().enumerate() {
        f.seq = i as u32;
    }
    files.sort_unstable_by(|a, b| a.path.cmp(&b.path).then(a.seq.cmp(&b.seq)));

    // Rules over the whole set.
    let facts: Vec<Option<PackageFacts>> = files.iter_mut().map(|f| f.facts.take()).collect();
    for (f, facts) in files.iter_mut().zip(&facts) {
        if let Some(facts) = facts
            && facts.identity_location.is_some()
        {
            f.package = Some(PackageInfo {
                name: facts.name.clone(),
                publisher: facts.publisher.clone(),
                family_name: facts.family_name.clone(),
            });
        }
    }
    let mut set_findings: Vec<SetFinding> = Vec::new();
    for rule in RULES.iter() {
        let Check::Set(check) = rule.check else { continue };
        let mut cx = SetCtx { rule, findings: &mut set_findings };
        check(&facts, &mut cx);
    }
    let facts: Vec<Option<PackageFacts>> =
        facts.into_iter().zip(&files).map(|(f, file)| f.filter(|_| file.policy.keep_facts)).collect();
    // Snippets of the files these findings are on, or point to, whose text was dropped.
    let mut wanted: Vec<usize> = Vec::new();
    for sf in &set_findings {
        if files.get(sf.file).is_some_and(|f| f.policy.enabled(sf.finding.rule)) {
            wanted.push(sf.file);
            wanted.extend(sf.finding.related.iter().map(|r| r.file));
        }
    }
    wanted.sort_unstable();
    wanted.dedup();
    for i in wanted {
        if let Some(f) = files.get_mut(i)
            && f.source.is_none()
            && f.policy.keep_text
        {
            f.source = reload(f);
        }
    }

    let mut reports: Vec<FileReport> = Vec::with_capacity(files.len());
    let mut suppressions: Vec<(Suppressions, Vec<Vec<bool>>)> = Vec::with_capacity(files.len());
    for f in &mut files {
        let used = f.suppressions.list.iter().map(|s| vec![false; s.rules.len()]).collect();
        suppressions.push((f.suppressions.clone(), used));
        let mut diags = Vec::with_capacity(f.findings.len());
        for finding in &f.findings {
            if let Some(d) = to_diagnostic(finding, f.source.as_deref(), &f.policy) {
                diags.push(d);
            }
        }
        reports.push(FileReport {
            path: f.path.clone(),
            source: f.source.clone(),
            package: f.package.take(),
            diagnostics: diags,
        });
    }
    for sf in set_findings {
        let Some(file) = files.get(sf.file) else { continue };
        if let Some(mut d) = to_diagnostic(&sf.finding, None, &file.policy) {
            d.location = sf.location;
            reports[sf.file].diagnostics.push(d);
        }
    }

    // Inline suppressions, then the findings about suppressions themselves.
    for (i, report) in reports.iter_mut().enumerate() {
        let (sup, used) = &mut suppressions[i];
        for d in &mut report.diagnostics {
            if matches!(d.rule.check, Check::Builtin) && d.rule.name != "xml-doctype" {
                continue;
            }
            for (si, s) in sup.list.iter().enumerate() {
                let covers = match s.scope {
                    Scope::File => true,
                    Scope::Element(span) => d.location.is_some_and(|l| span.contains(l.span)),
                    Scope::Nothing => false,
                };
                if !covers {
                    continue;
                }
                for (ri, (rule, _)) in s.rules.iter().enumerate() {
                    if std::ptr::eq(*rule, d.rule) {
                        d.suppressed = true;
                        used[si][ri] = true;
                    }
                }
            }
        }
        let policy = &files[i].policy;
        let Some(src) = files[i].source.as_deref() else { continue };
        let unused_rule = rules::get("unused-suppression");
        let invalid_rule = rules::get("invalid-suppression");
        let mut extra = Vec::new();
        if policy.enabled(invalid_rule) {
            for inv in &sup.invalid {
                let mut f = Finding::new(invalid_rule, Some(inv.span), inv.message.clone());
                f.help(inv.help.clone());
                extra.extend(to_diagnostic(&f, Some(src), policy));
            }
        }
        if policy.enabled(unused_rule) {
            for (si, s) in sup.list.iter().enumerate() {
                for (ri, (rule, span)) in s.rules.iter().enumerate() {
                    if used[si][ri] || !policy.enabled(rule) {
                        continue;
                    }
                    let why = match s.scope {
                        Scope::Nothing => "no element follows this comment, so it suppresses nothing".to_string(),
                        Scope::File => format!("`{}` reports nothing in this file", rule.name),
                        Scope::Element(_) => {
                            format!("`{}` reports nothing in the element after this comment", rule.name)
                        }
                    };
                    let mut f = Finding::new(unused_rule, Some(*span), format!("unused suppression: {why}"));
                    f.help("remove the rule from the comment (or the comment), so that suppressions stay meaningful");
                    extra.extend(to_diagnostic(&f, Some(src), policy));
                }
            }
        }
        report.diagnostics.extend(extra);
    }

    for report in &mut reports {
        report.diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        fold_groups(&mut report.diagnostics);
    }
    Report { files: reports, facts }
}

fn to_diagnostic(f: &Finding, src: Option<&SourceText>, policy: &Policy) -> Option<Diagnostic> {
    if !policy.enabled(f.rule) {
        return None;
    }
    let loc = |span: Span| -> Location {
        match src {
            Some(s) => s.location(span),
            None => Location { span, ..Location::default() },
        }
    };
    let severity = policy.severity_override(f.rule).or(f.severity).unwrap_or(f.rule.default_severity());
    let (location, labels) = match &f.resolved {
        Some((primary, labels)) => (
            *primary,
            f.labels
                .iter()
                .zip(labels)
                .map(|((_, message), l)| Label { location: *l, message: message.clone() })
                .collect(),
        ),
        None => (
            f.span.map(loc),
            f.labels.iter().map(|(span, message)| Label { location: loc(*span), message: message.clone() }).collect(),
        ),
    };
    Some(Diagnostic {
        rule: f.rule,
        severity,
        message: f.message.clone(),
        help: f.help.clone(),
        location,
        labels,
        related: f
            .related
            .iter()
            .map(|r| Related { file: r.file, location: r.location, message: r.message.clone() })
            .collect(),
        suppressed: false,
        group: f.group.clone(),
    })
}

/// Folds each group of findings (see `rules::Finding::group`) into its first member,
/// separately for suppressed and unsuppressed ones, so that suppressing one use leaves
/// the others reported.
fn fold_groups(diags: &mut Vec<Diagnostic>) {
    if diags.iter().all(|d| d.group.is_none()) {
        return;
    }
    let mut keep = vec![true; diags.len()];
    for i in 0..diags.len() {
        let Some((key, _)) = diags[i].group.clone() else { continue };
        if !keep[i] {
            continue;
        }
        let same = |d: &Diagnostic| {
            std::ptr::eq(d.rule, diags[i].rule)
                && d.suppressed == diags[i].suppressed
                && d.group.as_ref().is_some_and(|(k, _)| *k == key)
        };
        let others: Vec<usize> = (i + 1..diags.len()).filter(|&j| keep[j] && same(&diags[j])).collect();
        for &j in &others {
            keep[j] = false;
        }
        if !others.is_empty() {
            let d = &mut diags[i];
            let at = d.group.as_ref().map_or(d.message.len(), |(_, at)| *at).min(d.message.len());
            let n = others.len();
            d.message.insert_str(at, &format!(" (and {n} more {})", if n == 1 { "use" } else { "uses" }));
        }
    }
    let mut k = keep.into_iter();
    diags.retain(|_| k.next().unwrap_or(true));
    for d in diags.iter_mut() {
        d.group = None;
    }
}
