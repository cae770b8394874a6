//! Rule documents are executable: every document has the required front matter and
//! sections, its failing example fires its rule and its passing example does not, and the
//! registry, the documents and the fixtures stay in step.

use std::collections::BTreeSet;
use std::path::Path;

use appxlint::lint::{self, Policy};
use appxlint::rules::{Check, Meta, RULES};

const SECTIONS: &[&str] = &["## What it checks", "## Why it matters", "## Example", "## How to fix", "## Source"];

struct Example {
    kind: String,
    file: Option<String>,
    text: String,
}

fn examples(doc: &str) -> Vec<Example> {
    let mut out = Vec::new();
    let mut lines = doc.lines();
    while let Some(line) = lines.next() {
        let Some(info) = line.strip_prefix("```xml ") else { continue };
        let mut words = info.split_whitespace();
        let kind = words.next().unwrap_or("").to_string();
        let file = words.find_map(|w| w.strip_prefix("file=")).map(str::to_string);
        let mut text = String::new();
        for l in lines.by_ref() {
            if l == "```" {
                break;
            }
            text.push_str(l);
            text.push('\n');
        }
        out.push(Example { kind, file, text });
    }
    out
}

fn lint_examples(rule: &str, examples: &[&Example]) -> Vec<(String, String, u32)> {
    let files = examples
        .iter()
        .enumerate()
        .map(|(i, e)| (e.file.clone().unwrap_or_else(|| format!("example-{i}.xml")), e.text.clone().into_bytes()))
        .collect();
    // Suppression rules are about other rules' findings: they run with every rule.
    let policy = if rule.ends_with("-suppression") { Policy::default() } else { Policy::only(&[rule]) };
    let report = lint::run_bytes(files, policy);
    report
        .active()
        .map(|(f, d)| (f.path.clone(), d.rule.name.to_string(), d.location.map_or(0, |l| l.start.line)))
        .collect()
}

#[test]
fn every_rule_document_is_complete() {
    let mut codes = BTreeSet::new();
    for rule in RULES.iter() {
        let meta = Meta::parse(rule.doc);
        assert_eq!(meta.name, rule.name, "front matter name of rules/{}.md", rule.name);
        assert!(
            meta.code.len() == 5 && meta.code.starts_with("AX"),
            "{}: code `{}` is not AXnnn",
            rule.name,
            meta.code
        );
        assert!(codes.insert(meta.code.clone()), "{}: code {} is used twice", rule.name, meta.code);
        assert!(meta.severity.is_some(), "{}: severity missing or not error|warning|info", rule.name);
        assert!(
            !meta.summary.is_empty() && !meta.summary.ends_with('.'),
            "{}: summary missing or ends with a period",
            rule.name
        );
        assert!(!meta.category.is_empty(), "{}: category missing", rule.name);
        let body = Meta::body(rule.doc);
        assert!(body.starts_with(&format!("# {}\n", rule.name)), "{}: the body starts with `# name`", rule.name);
        let mut at = 0;
        for s in SECTIONS {
            let pos = body[at..]
                .find(&format!("\n{s}\n"))
                .unwrap_or_else(|| panic!("{}: section `{s}` missing or out of order", rule.name));
            at += pos + 1;
        }
        for src in &meta.sources {
            assert!(src.starts_with("https://"), "{}: source `{src}` is not a link", rule.name);
        }
    }
}

#[test]
fn every_rule_document_example_is_linted() {
    let mut failures = Vec::new();
    for rule in RULES.iter() {
        let ex = examples(rule.doc);
        let none = rule.doc.contains("\nexamples: none\n");
        let failing: Vec<&Example> = ex.iter().filter(|e| e.kind == "failing").collect();
        let passing: Vec<&Example> = ex.iter().filter(|e| e.kind == "passing").collect();
        if none {
            assert!(ex.is_empty(), "{}: `examples: none` but the document has examples", rule.name);
            continue;
        }
        if failing.is_empty() || passing.is_empty() {
            failures.push(format!("{}: needs a failing and a passing example", rule.name));
            continue;
        }
        let found = lint_examples(rule.name, &failing);
        if !found.iter().any(|(_, r, _)| r == rule.name) {
            failures.push(format!("{}: the failing example does not fire the rule (found {found:?})", rule.name));
        }
        let found = lint_examples(rule.name, &passing);
        if found.iter().any(|(_, r, _)| r == rule.name) {
            failures.push(format!("{}: the passing example fires the rule: {found:?}", rule.name));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn registry_documents_sources_and_fixtures_are_in_step() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Every document is registered.
    let registered: BTreeSet<&str> = RULES.iter().map(|r| r.name).collect();
    for entry in std::fs::read_dir(root.join("rules")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let stem = name.strip_suffix(".md").unwrap_or_else(|| panic!("rules/{name} is not a .md file"));
        assert!(registered.contains(stem), "rules/{name} documents a rule that is not registered");
    }
    let mut problems = Vec::new();
    for rule in RULES.iter() {
        let snake = rule.name.replace('-', "_");
        let has_source = root.join(format!("src/rules/{snake}.rs")).exists();
        match rule.check {
            Check::Builtin => {}
            _ if !has_source => problems.push(format!("{}: src/rules/{snake}.rs is missing", rule.name)),
            _ => {}
        }
        if rule.doc.contains("\nexamples: none\n") {
            continue;
        }
        let dir = root.join("fixtures/rules").join(rule.name);
        let names: Vec<String> = std::fs::read_dir(&dir)
            .map(|rd| rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect())
            .unwrap_or_default();
        if !names.iter().any(|n| n.starts_with("fail-")) {
            problems.push(format!("{}: no fixtures/rules/{}/fail-* fixture", rule.name, rule.name));
        }
        if !names.iter().any(|n| n.starts_with("pass-")) {
            problems.push(format!("{}: no fixtures/rules/{}/pass-* fixture", rule.name, rule.name));
        }
    }
    for entry in std::fs::read_dir(root.join("fixtures/rules")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !registered.contains(name.as_str()) {
            problems.push(format!("fixtures/rules/{name} is not a rule"));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}
