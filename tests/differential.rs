//! Differential test of appxlint's schema checks against an independent oracle.
//!
//! Valid manifests (the bundled fixtures and examples, and the real manifests of the
//! shared corpus that the oracle accepts) are mutated in many ways within the scope of
//! the schema (a required attribute removed, a value broken, children reordered, an
//! element removed, duplicated or renamed...). Each mutant is judged by
//! `shared/tools/schema-oracle` (libxml2 with the official XSD set) and by appxlint's
//! schema validation; the verdicts must agree.
//!
//! The oracle lives outside the repository (`../shared`, or `$APPXLINT_SHARED`) and needs
//! python3 with lxml. Without them the test says so and passes; CI installs lxml.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use appxlint::manifest::{Manifest, Tree};
use appxlint::schema::IssueKind;
use appxlint::source::{Span, decode};

fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("APPXLINT_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    dir.join("tools/schema-oracle").exists().then_some(dir)
}

fn oracle_available() -> bool {
    Command::new("python3").args(["-c", "import lxml"]).output().is_ok_and(|o| o.status.success())
}

/// Runs the oracle over files; returns `valid`/`invalid`/`skipped` per file.
fn oracle(shared: &Path, files: &[PathBuf]) -> Vec<String> {
    let mut verdicts = Vec::with_capacity(files.len());
    for chunk in files.chunks(500) {
        let out =
            Command::new("python3").arg(shared.join("tools/schema-oracle")).args(chunk).output().expect("oracle runs");
        let text = String::from_utf8_lossy(&out.stdout);
        let mut by_path: BTreeMap<String, String> = BTreeMap::new();
        for line in text.lines() {
            let mut parts = line.splitn(3, '\t');
            let (Some(v), Some(p)) = (parts.next(), parts.next()) else { continue };
            by_path.insert(p.to_string(), v.to_string());
        }
        for f in chunk {
            verdicts.push(by_path.get(&f.to_string_lossy().into_owned()).cloned().unwrap_or_else(|| "error".into()));
        }
    }
    verdicts
}

/// appxlint's verdict: `Some(issues)` when the schema checks (or well-formedness) reject
/// the text. Issues the oracle cannot see are left out: limits that the oracle's copy of
/// the schemas turns into "unbounded".
fn appxlint_rejects(text: &str) -> Option<String> {
    let doc = match appxlint::manifest::xml::parse(text) {
        Ok(d) => d,
        Err(e) => return Some(format!("malformed: {}", e.message)),
    };
    let m = Manifest::new(Tree::new(text, &doc))?;
    if m.kind != appxlint::manifest::Kind::Package {
        return Some("not a package manifest".into());
    }
    let issues: Vec<String> = m
        .schema_issues()
        .iter()
        .filter(|i| i.kind != IssueKind::TooMany)
        .map(|i| format!("{:?}: {}", i.kind, i.message))
        .collect();
    (!issues.is_empty()).then(|| issues.join("; "))
}

/// A small deterministic generator (xorshift), so that every run makes the same mutants.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn replace(text: &str, span: Span, with: &str) -> String {
    format!("{}{}{}", &text[..span.start as usize], with, &text[span.end as usize..])
}

/// Mutants of a valid manifest, each with a description.
fn mutants(text: &str, rng: &mut Rng, count: usize) -> Vec<(String, String)> {
    let doc = appxlint::manifest::xml::parse(text).expect("base parses");
    let tree = Tree::new(text, &doc);
    let elements: Vec<_> = tree.elements().filter(|e| e.parent().is_some()).collect();
    let mut out = Vec::new();
    let mut tries = 0;
    while out.len() < count && tries < count * 10 && !elements.is_empty() {
        tries += 1;
        let el = elements[rng.below(elements.len())];
        let attrs: Vec<_> = el.attrs().collect();
        let kind = rng.below(9);
        let m = match kind {
            // Remove an attribute (with the space before it).
            0 if !attrs.is_empty() => {
                let a = attrs[rng.below(attrs.len())];
                let span = a.span();
                let start = text[..span.start as usize].trim_end().len();
                Some((
                    format!("remove {}/@{}", el.qname(), a.qname()),
                    replace(text, Span::new(start, span.end as usize), ""),
                ))
            }
            // Break a value.
            1 if !attrs.is_empty() => {
                let a = attrs[rng.below(attrs.len())];
                let v = a.value();
                let bad = match rng.below(7) {
                    0 => format!("{v}!"),
                    1 => format!(" {v}"),
                    2 => String::new(),
                    3 => v.to_uppercase(),
                    4 => format!("9{v}"),
                    5 => v.replace('.', "_"),
                    _ => format!("{v}{}", "x".repeat(300)),
                };
                if bad == v || bad.contains(['<', '&', '"']) {
                    None
                } else {
                    Some((
                        format!("value {}/@{} = {bad:?}", el.qname(), a.qname()),
                        replace(text, a.value_span(), &bad),
                    ))
                }
            }
            // Remove an element.
            2 => Some((format!("remove {}", el.qname()), replace(text, el.full_span(), ""))),
            // Duplicate an element.
            3 => {
                let s = el.full_span();
                let copy = &text[s.range()];
                Some((
                    format!("duplicate {}", el.qname()),
                    replace(text, Span::at(s.end as usize), &format!("\n{copy}")),
                ))
            }
            // Swap with the next sibling.
            4 => el.parent().and_then(|p| {
                let kids: Vec<_> = p.children().collect();
                let i = kids.iter().position(|k| k.id == el.id)?;
                let next = kids.get(i + 1)?;
                let (a, b) = (el.full_span(), next.full_span());
                let swapped = format!(
                    "{}{}{}{}{}",
                    &text[..a.start as usize],
                    &text[b.range()],
                    &text[a.end as usize..b.start as usize],
                    &text[a.range()],
                    &text[b.end as usize..]
                );
                Some((format!("swap {} and {}", el.qname(), next.qname()), swapped))
            }),
            // Rename an element (start and end tags).
            5 => {
                let start = el.name_span();
                let end = tree.doc.element(el.id).end_tag;
                let new = format!("{}x", el.qname());
                let mut t = text.to_string();
                if let Some(e) = end {
                    let name_at = e.start as usize + 2;
                    t = replace(&t, Span::new(name_at, name_at + el.qname().len()), &new);
                }
                t = replace(&t, start, &new);
                Some((format!("rename {}", el.qname()), t))
            }
            // Add an unknown attribute.
            6 => {
                let at = el.name_span().end as usize;
                Some((format!("add an attribute to {}", el.qname()), replace(text, Span::at(at), " Bogus=\"1\"")))
            }
            // Move an element into another declared namespace (`uap:X` -> `uap3:X`).
            7 => {
                let prefixes: Vec<String> =
                    tree.doc.ns_decls.iter().filter_map(|d| d.prefix.map(|p| tree.slice(p).to_string())).collect();
                let Some(other) = prefixes.get(rng.below(prefixes.len())).cloned() else { continue };
                let local = el.local();
                let new = format!("{other}:{local}");
                if new == el.qname() {
                    None
                } else {
                    let mut t = text.to_string();
                    if let Some(e) = tree.doc.element(el.id).end_tag {
                        let name_at = e.start as usize + 2;
                        t = replace(&t, Span::new(name_at, name_at + el.qname().len()), &new);
                    }
                    t = replace(&t, el.name_span(), &new);
                    Some((format!("move {} to {new}", el.qname()), t))
                }
            }
            // Text inside an element.
            _ => {
                if el.children().next().is_some() {
                    let at = el.start_tag().end as usize;
                    Some((format!("text in {}", el.qname()), replace(text, Span::at(at), "stray")))
                } else {
                    None
                }
            }
        };
        if let Some(m) = m {
            out.push(m);
        }
    }
    out
}

/// Fills in the build placeholders of a template so that it can serve as a base.
fn fill_placeholders(text: &str) -> String {
    text.replace("$targetnametoken$", "App").replace("$targetentrypoint$", "App.App")
}

#[test]
fn schema_checks_agree_with_the_oracle_on_mutants() {
    let Some(shared) = shared_dir() else {
        eprintln!(
            "differential test skipped: the schema oracle (../shared/tools/schema-oracle or $APPXLINT_SHARED) is not there"
        );
        return;
    };
    if !oracle_available() {
        eprintln!("differential test skipped: python3 with lxml is not installed (python3 -m pip install lxml)");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir().unwrap();

    // Bases: bundled fixtures and examples, and the shared corpus.
    let mut candidates: Vec<(String, String)> = Vec::new();
    let mut add_dir = |dir: &Path, filter: &dyn Fn(&str) -> bool| {
        let Ok(rd) = std::fs::read_dir(dir) else { return };
        let mut paths: Vec<PathBuf> = rd.map(|e| e.unwrap().path()).collect();
        paths.sort();
        for p in paths {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if p.is_file() && filter(&name) {
                let Ok(bytes) = std::fs::read(&p) else { continue };
                let Ok(d) = decode(&bytes) else { continue };
                candidates.push((p.display().to_string(), fill_placeholders(&d.text)));
            }
        }
    };
    add_dir(&shared.join("corpus/real"), &|n| n != "INDEX.tsv" && !n.ends_with(".md"));
    for sub in [
        "com-server-without-full-trust",
        "capability-unknown",
        "schema-unknown-element",
        "oop-server-structure",
        "application-activation",
    ] {
        add_dir(&root.join("fixtures/rules").join(sub), &|n| n.starts_with("pass-"));
    }
    for sub in ["contoso-app", "fabrikam-tools", "loopback/client"] {
        add_dir(&root.join("fixtures/examples").join(sub), &|_| true);
    }
    let base_files: Vec<PathBuf> = candidates
        .iter()
        .enumerate()
        .map(|(i, (_, t))| {
            let p = work.path().join(format!("base-{i}.xml"));
            std::fs::write(&p, t).unwrap();
            p
        })
        .collect();
    let verdicts = oracle(&shared, &base_files);
    let bases: Vec<&(String, String)> =
        candidates.iter().zip(&verdicts).filter(|(_, v)| *v == "valid").map(|(c, _)| c).collect();
    assert!(bases.len() >= 10, "too few valid bases ({}): is the oracle working?", bases.len());

    // The bases themselves: appxlint accepts what the oracle accepts.
    let mut disagreements = Vec::new();
    for (name, text) in &bases {
        if let Some(why) = appxlint_rejects(text) {
            disagreements.push(format!("base {name}: oracle accepts, appxlint rejects: {why}"));
        }
    }

    // Mutants.
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut all: Vec<(String, String, String)> = Vec::new();
    for (name, text) in &bases {
        for (what, mutant) in mutants(text, &mut rng, 30) {
            all.push((name.clone(), what, mutant));
        }
    }
    let files: Vec<PathBuf> = all
        .iter()
        .enumerate()
        .map(|(i, (_, _, t))| {
            let p = work.path().join(format!("m{i}.xml"));
            std::fs::write(&p, t).unwrap();
            p
        })
        .collect();
    let verdicts = oracle(&shared, &files);
    let (mut rejected, mut accepted) = (0, 0);
    for ((base, what, text), verdict) in all.iter().zip(&verdicts) {
        let ours = appxlint_rejects(text);
        // What the schema check finds is reported by some rule: the generic schema rules,
        // or the dedicated rule that claims the issue. Nothing is swallowed.
        if ours.is_some() {
            let report = appxlint::lint::run_bytes(
                vec![("m.xml".into(), text.clone().into_bytes())],
                appxlint::lint::Policy::default(),
            );
            if report.summary().errors == 0 {
                disagreements.push(format!(
                    "{base}: {what}: the schema check rejects it, but no rule reports an error: {ours:?}"
                ));
            }
        }
        match (verdict.as_str(), &ours) {
            ("invalid", Some(_)) => rejected += 1,
            ("valid", None) => accepted += 1,
            ("invalid", None) => {
                disagreements.push(format!("{base}: {what}: the oracle rejects it, appxlint accepts it"))
            }
            ("valid", Some(why)) => {
                disagreements.push(format!("{base}: {what}: the oracle accepts it, appxlint rejects it: {why}"))
            }
            _ => {}
        }
    }
    eprintln!(
        "differential: {} bases, {} mutants: {rejected} rejected by both, {accepted} accepted by both, {} disagreements",
        bases.len(),
        all.len(),
        disagreements.len()
    );
    assert!(disagreements.is_empty(), "{} disagreements:\n{}", disagreements.len(), disagreements.join("\n"));
}
