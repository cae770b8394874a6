//! The engine: inputs -> bytes -> text -> tree -> model -> rules -> one report.
//!
//! Each file is processed on its own (and in isolation from panics: a crash in one file
//! becomes an `internal-error` finding on that file, and every other file is still
//! reported). Then the rules that look across files run over the facts kept of each
//! package. Then suppressions and the configured selection and severities apply, and the
//! report is sorted, so the bytes of every output depend on the inputs only.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use crate::analyze::facts::PackageFacts;
use crate::diagnostic::{Diagnostic, FileReport, Label, PackageInfo, Related, Report, Severity};
use crate::discover::{Input, Origin, describe_io};
use crate::manifest::xml::{self, Document};
use crate::manifest::{Manifest, Tree};
use crate::rules::{self, Check, Ctx, Finding, RULES, Rule, SetCtx, SetFinding};
use crate::source::{self, Location, SourceText, Span};
use crate::suppress::{Scope, Suppressions};

/// Largest manifest appxlint reads. Real manifests are a few KB to a few hundred KB.
pub const MAX_MANIFEST_BYTES: u64 = 64 * 1024 * 1024;

/// The rules in force for one file, after configuration.
#[derive(Clone, Debug)]
pub struct Policy {
    enabled: Vec<bool>,
    severity: Vec<Option<Severity>>,
    /// Honour `<!-- appxlint: ... -->` comments.
    pub inline_suppressions: bool,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy { enabled: vec![true; RULES.len()], severity: vec![None; RULES.len()], inline_suppressions: true }
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

/// Everything kept of a file between the per-file and the cross-file phases.
struct Processed {
    path: String,
    source: Option<Arc<SourceText>>,
    package: Option<PackageInfo>,
    findings: Vec<Finding>,
    facts: Option<PackageFacts>,
    suppressions: Suppressions,
    policy: Arc<Policy>,
}

/// Lints every input and returns the report, files sorted by path.
pub fn run(inputs: Vec<Input>, policy_for: &(dyn Fn(&Input) -> Arc<Policy> + Sync)) -> Report {
    let processed: Vec<Processed> = inputs
        .into_iter()
        .map(|input| {
            let policy = policy_for(&input);
            process_guarded(input, policy)
        })
        .collect();
    finish(processed)
}

/// Lints in-memory manifests (`(path, bytes)`) together with one policy: what tests and
/// the rule-document checks use.
pub fn run_bytes(files: Vec<(String, Vec<u8>)>, policy: Policy) -> Report {
    let policy = Arc::new(policy);
    let inputs =
        files.into_iter().map(|(display, bytes)| Input { display, origin: Origin::Stdin(Arc::new(bytes)) }).collect();
    run(inputs, &move |_| policy.clone())
}

fn process_guarded(input: Input, policy: Arc<Policy>) -> Processed {
    let path = input.display.clone();
    match catch_unwind(AssertUnwindSafe(|| process(input, policy.clone()))) {
        Ok(p) => p,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            let mut f = Finding::new(
                rules::get("internal-error"),
                None,
                format!("appxlint crashed while processing this file: {what}"),
            );
            f.help("this is a bug in appxlint; please report it with the file attached");
            Processed {
                path,
                source: None,
                package: None,
                findings: vec![f],
                facts: None,
                suppressions: Suppressions::default(),
                policy,
            }
        }
    }
}

fn read_input(input: &Input) -> Result<Vec<u8>, String> {
    match &input.origin {
        Origin::Stdin(bytes) => Ok(bytes.as_ref().clone()),
        Origin::Unreadable(why) => Err(why.clone()),
        Origin::File(path) => {
            use std::io::Read;
            let file = std::fs::File::open(path).map_err(|e| describe_io(&e))?;
            let meta = file.metadata().map_err(|e| describe_io(&e))?;
            if meta.is_dir() {
                return Err("is a folder, not a file".to_string());
            }
            if meta.len() > MAX_MANIFEST_BYTES {
                return Err(format!(
                    "the file has {} bytes; appxlint reads manifests of at most {} MiB",
                    meta.len(),
                    MAX_MANIFEST_BYTES / (1024 * 1024)
                ));
            }
            let mut bytes = Vec::with_capacity(meta.len() as usize);
            file.take(MAX_MANIFEST_BYTES + 1).read_to_end(&mut bytes).map_err(|e| describe_io(&e))?;
            if bytes.len() as u64 > MAX_MANIFEST_BYTES {
                return Err(format!("the file is larger than {} MiB", MAX_MANIFEST_BYTES / (1024 * 1024)));
            }
            Ok(bytes)
        }
    }
}

fn process(input: Input, policy: Arc<Policy>) -> Processed {
    let mut out = Processed {
        path: input.display.clone(),
        source: None,
        package: None,
        findings: Vec::new(),
        facts: None,
        suppressions: Suppressions::default(),
        policy: policy.clone(),
    };
    let bytes = match read_input(&input) {
        Ok(b) => b,
        Err(why) => {
            out.findings.push(Finding::new(
                rules::get("io-error"),
                None,
                format!("cannot read `{}`: {why}", input.display),
            ));
            return out;
        }
    };
    let decoded = match source::decode(&bytes) {
        Ok(d) => d,
        Err(e) => {
            // Place the error after the text that did decode.
            let at = e.valid_prefix.len();
            let src = SourceText::new(e.valid_prefix.clone(), e.encoding);
            let mut f = Finding::new(rules::get("xml-encoding"), Some(Span::at(at)), e.message.clone());
            f.help("save the file as UTF-8 (or UTF-16 with a byte order mark)");
            out.findings.push(f);
            out.source = Some(Arc::new(src));
            return out;
        }
    };
    drop(bytes);
    let src = SourceText::new(decoded.text, decoded.encoding);
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
        out.facts = Some(PackageFacts::new(&m, &src));
        out.package = m.identity.as_ref().map(|id| PackageInfo {
            name: id.name.map(|a| a.value().to_string()),
            publisher: id.publisher.map(|a| a.value().to_string()),
            family_name: id.family_name(),
        });
    }
    if policy.inline_suppressions {
        out.suppressions = Suppressions::parse(&src.text, &doc);
    }
    drop(doc);
    out.source = Some(Arc::new(src));
    out
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
    files.sort_by(|a, b| a.path.cmp(&b.path));

    // Rules over the whole set.
    let facts: Vec<Option<PackageFacts>> = files.iter_mut().map(|f| f.facts.take()).collect();
    let mut set_findings: Vec<SetFinding> = Vec::new();
    for rule in RULES.iter() {
        let Check::Set(check) = rule.check else { continue };
        let mut cx = SetCtx { rule, findings: &mut set_findings };
        check(&facts, &mut cx);
    }

    let mut reports: Vec<FileReport> = Vec::with_capacity(files.len());
    let mut suppressions: Vec<(Suppressions, Vec<Vec<bool>>)> = Vec::with_capacity(files.len());
    for f in &files {
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
            package: f.package.clone(),
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
    Some(Diagnostic {
        rule: f.rule,
        severity,
        message: f.message.clone(),
        help: f.help.clone(),
        location: f.span.map(loc),
        labels: f
            .labels
            .iter()
            .map(|(span, message)| Label { location: loc(*span), message: message.clone() })
            .collect(),
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
