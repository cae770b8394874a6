//! Every rule against its fixtures: `fixtures/rules/<rule>/fail-*` must fire the rule and
//! `pass-*` must not. What each fixture reports (rule, position, message, help) is pinned
//! in one snapshot per rule. The same findings must come out of every fixture re-encoded as
//! UTF-16 LE/BE, with a byte order mark, with CRLF line ends, and with other prefixes.

use std::path::{Path, PathBuf};

use appxlint::diagnostic::Report;
use appxlint::lint::{self, Policy};
use appxlint::rules::RULES;

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules")
}

/// A fixture: one file, or a folder of manifests linted together.
struct Fixture {
    name: String,
    files: Vec<(String, Vec<u8>)>,
}

fn load(rule: &str) -> Vec<Fixture> {
    let dir = fixtures_root().join(rule);
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(&dir) else { return out };
    let mut entries: Vec<_> = rd.map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut files = Vec::new();
        if path.is_dir() {
            let mut inner: Vec<PathBuf> = walk(&path);
            inner.sort();
            for f in inner {
                let rel = f.strip_prefix(&path).unwrap().to_string_lossy().replace('\\', "/");
                files.push((format!("{name}/{rel}"), std::fs::read(&f).unwrap()));
            }
        } else {
            files.push((name.clone(), std::fs::read(&path).unwrap()));
        }
        out.push(Fixture { name, files });
    }
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}

fn policy_for(rule: &str) -> Policy {
    if rule.ends_with("-suppression") { Policy::default() } else { Policy::only(&[rule]) }
}

fn lint(rule: &str, files: Vec<(String, Vec<u8>)>) -> Report {
    lint::run_bytes(files, policy_for(rule))
}

/// (path, rule, line, column, message) of every active finding.
fn findings(report: &Report) -> Vec<(String, String, u32, u32, String)> {
    report
        .active()
        .map(|(f, d)| {
            let (l, c) = d.location.map_or((0, 0), |l| (l.start.line, l.start.column));
            (f.path.clone(), d.rule.name.to_string(), l, c, d.message.clone())
        })
        .collect()
}

fn describe(report: &Report) -> String {
    let mut s = String::new();
    for (f, d) in report.active() {
        let (l, c, el, ec) =
            d.location.map_or((0, 0, 0, 0), |l| (l.start.line, l.start.column, l.end.line, l.end.column));
        s.push_str(&format!("{}:{l}:{c}-{el}:{ec}: {} {}: {}\n", f.path, d.severity, d.rule.name, d.message));
        for label in &d.labels {
            s.push_str(&format!(
                "    label {}:{}: {}\n",
                label.location.start.line, label.location.start.column, label.message
            ));
        }
        for r in &d.related {
            let at = r.location.map_or(String::new(), |l| format!(":{}:{}", l.start.line, l.start.column));
            s.push_str(&format!("    related {}{at}: {}\n", report.files[r.file].path, r.message));
        }
        if let Some(h) = &d.help {
            s.push_str(&format!("    help: {h}\n"));
        }
    }
    s
}

#[test]
fn fixtures_fire_and_stay_silent_as_named() {
    let mut failures = Vec::new();
    for rule in RULES.iter() {
        let mut snapshot = String::new();
        for fx in load(rule.name) {
            let report = lint(rule.name, fx.files.clone());
            let hits = report.active().filter(|(_, d)| d.rule.name == rule.name).count();
            if fx.name.starts_with("fail-") && hits == 0 {
                failures.push(format!(
                    "{}/{}: expected `{}`, got:\n{}",
                    rule.name,
                    fx.name,
                    rule.name,
                    describe(&report)
                ));
            }
            if fx.name.starts_with("pass-") && hits > 0 {
                failures.push(format!(
                    "{}/{}: expected no `{}`, got:\n{}",
                    rule.name,
                    fx.name,
                    rule.name,
                    describe(&report)
                ));
            }
            snapshot.push_str(&format!("== {}\n{}", fx.name, describe(&report)));
        }
        if !snapshot.is_empty() {
            insta::with_settings!({ snapshot_path => "snapshots/fixtures", prepend_module_to_snapshot => false, omit_expression => true }, {
                insta::assert_snapshot!(rule.name, snapshot);
            });
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

fn utf16(text: &str, le: bool) -> Vec<u8> {
    let text = text.replacen("encoding=\"utf-8\"", "encoding=\"utf-16\"", 1);
    let mut out = if le { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
    for u in text.encode_utf16() {
        out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

/// Binds every declared prefix to another name (`uap5` -> `zz_uap5`), in declarations, in
/// element and attribute names, and in IgnorableNamespaces.
fn rename_prefixes(text: &str) -> String {
    let mut prefixes: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("xmlns:") {
        let after = &rest[i + 6..];
        let end = after.find('=').unwrap_or(0);
        prefixes.push(after[..end].to_string());
        rest = &after[end..];
    }
    let mut out = text.to_string();
    for p in &prefixes {
        let n = format!("zz_{p}");
        out = out
            .replace(&format!("xmlns:{p}="), &format!("xmlns:{n}="))
            .replace(&format!("<{p}:"), &format!("<{n}:"))
            .replace(&format!("</{p}:"), &format!("</{n}:"))
            .replace(&format!(" {p}:"), &format!(" {n}:"))
            .replace(&format!("\t{p}:"), &format!("\t{n}:"));
    }
    // IgnorableNamespaces lists prefixes.
    if let Some(i) = out.find("IgnorableNamespaces=\"") {
        let start = i + "IgnorableNamespaces=\"".len();
        let end = start + out[start..].find('"').unwrap();
        let renamed: Vec<String> = out[start..end]
            .split_whitespace()
            .map(|p| if prefixes.contains(&p.to_string()) { format!("zz_{p}") } else { p.to_string() })
            .collect();
        out.replace_range(start..end, &renamed.join(" "));
    }
    out
}

type Transform = fn(&str) -> Vec<u8>;

#[test]
fn findings_survive_encodings_line_ends_and_prefixes() {
    let mut failures = Vec::new();
    for rule in RULES.iter() {
        if rule.name == "xml-encoding" {
            continue; // its fixtures are about the bytes themselves
        }
        for fx in load(rule.name) {
            let Some(texts) = fx
                .files
                .iter()
                .map(|(p, b)| String::from_utf8(b.clone()).ok().map(|t| (p.clone(), t)))
                .collect::<Option<Vec<_>>>()
            else {
                continue;
            };
            let original = findings(&lint(rule.name, fx.files.clone()));
            let exact: [(&str, Transform); 4] = [
                ("utf-16le", |t| utf16(t, true)),
                ("utf-16be", |t| utf16(t, false)),
                ("crlf", |t| t.replace('\n', "\r\n").into_bytes()),
                ("bom", |t| [b"\xEF\xBB\xBF".as_slice(), t.as_bytes()].concat()),
            ];
            for (variant, f) in exact {
                let files = texts.iter().map(|(p, t)| (p.clone(), f(t))).collect();
                let got = findings(&lint(rule.name, files));
                if got != original {
                    failures.push(format!(
                        "{}/{} as {variant}:\n  expected {original:?}\n  got      {got:?}",
                        rule.name, fx.name
                    ));
                }
            }
            // With other prefixes, columns and messages quoting names may shift; rules and
            // lines may not.
            let files = texts.iter().map(|(p, t)| (p.clone(), rename_prefixes(t).into_bytes())).collect();
            let got: Vec<_> = findings(&lint(rule.name, files)).into_iter().map(|(p, r, l, _, _)| (p, r, l)).collect();
            let want: Vec<_> = original.iter().map(|(p, r, l, _, _)| (p.clone(), r.clone(), *l)).collect();
            if got != want {
                failures.push(format!(
                    "{}/{} with renamed prefixes:\n  expected {want:?}\n  got      {got:?}",
                    rule.name, fx.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
