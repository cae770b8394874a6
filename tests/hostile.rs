//! Hostile and broken input: for each case the issue lists, no panic, no hang, bounded
//! memory, a precise diagnostic naming the file and the place, and the rest of the run
//! intact. Inputs are generated here, at sizes that prove the point quickly.

mod common;

use appxlint::diagnostic::Report;
use appxlint::lint::{self, MAX_MANIFEST_BYTES, Policy};
use common::*;

/// Lints one in-memory file together with a clean manifest, and returns the findings of
/// the file as (rule, line, column, message). The clean manifest must stay clean.
fn lint_one(bytes: Vec<u8>) -> Vec<(String, u32, u32, String)> {
    let report = lint::run_bytes(
        vec![("hostile.xml".into(), bytes), ("zz-clean/AppxManifest.xml".into(), clean_manifest().into_bytes())],
        Policy::default(),
    );
    check_report(&report);
    assert_eq!(report.files.len(), 2);
    assert_eq!(report.files[1].path, "zz-clean/AppxManifest.xml");
    assert!(report.files[1].diagnostics.is_empty(), "the clean file got findings");
    report.files[0]
        .diagnostics
        .iter()
        .map(|d| {
            let (l, c) = d.location.map_or((0, 0), |l| (l.start.line, l.start.column));
            (d.rule.name.to_string(), l, c, d.message.clone())
        })
        .collect()
}

/// Every span lies inside its file and on character boundaries, and every output renders.
fn check_report(report: &Report) {
    for f in &report.files {
        for d in &f.diagnostics {
            let spans = d.location.iter().chain(d.labels.iter().map(|l| &l.location)).map(|l| l.span);
            for span in spans {
                let src = f.source.as_ref().expect("a finding with a place keeps its text");
                assert!(span.start <= span.end && span.end as usize <= src.text.len(), "{span:?} out of {}", f.path);
                assert!(src.text.is_char_boundary(span.start as usize) && src.text.is_char_boundary(span.end as usize));
            }
        }
    }
    for format in [appxlint::render::Format::Human, appxlint::render::Format::Json, appxlint::render::Format::Concise] {
        let opts = appxlint::render::Options { color: false, width: 100, show_suppressed: true };
        let out = appxlint::render::render(report, format, &opts);
        if format == appxlint::render::Format::Json {
            serde_json::from_str::<serde_json::Value>(&out).expect("the JSON report parses");
        }
    }
}

/// The findings about the input as such (reading, decoding, XML, packages); the content
/// rules also run on every hostile input (and must not crash or stall), but what they say
/// about a `<Package/>` without an identity is not the point here.
fn input_level(findings: &[(String, u32, u32, String)]) -> Vec<(String, u32, u32, String)> {
    assert!(!findings.iter().any(|f| f.0 == "internal-error"), "{findings:#?}");
    findings
        .iter()
        .filter(|f| {
            f.0.starts_with("xml-") || f.0.starts_with("package-") || f.0.starts_with("bundle-") || f.0 == "io-error"
        })
        .cloned()
        .collect()
}

fn only(findings: &[(String, u32, u32, String)], rule: &str, text: &str) -> (u32, u32) {
    let findings = &input_level(findings)[..];
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let (r, l, c, m) = &findings[0];
    assert_eq!(r, rule, "{findings:#?}");
    assert!(m.contains(text), "`{m}` lacks `{text}`");
    (*l, *c)
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let mut bytes = b"<?xml version=\"1.0\"?>\n<Package>\n  <Id Name=\"caf".to_vec();
    let offset = bytes.len();
    bytes.extend(b"\xE9\"/>\n</Package>\n");
    let f = lint_one(bytes);
    assert_eq!(only(&f, "xml-encoding", &format!("byte offset {offset}")), (3, 16));
}

#[test]
fn utf16_with_odd_length_or_a_contradicting_declaration() {
    let text = "<?xml version=\"1.0\" encoding=\"utf-16\"?><Package xmlns=\"http://schemas.microsoft.com/appx/manifest/foundation/windows10\"/>";
    let mut le: Vec<u8> = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        le.extend(u.to_le_bytes());
    }
    let mut odd = le.clone();
    odd.push(b'x');
    only(
        &lint_one(odd.clone()),
        "xml-encoding",
        &format!("odd number of bytes; the last byte (offset {})", odd.len() - 1),
    );
    // A UTF-16 byte order mark, but a declaration that says UTF-8.
    let said_utf8: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.replace("utf-16", "utf-8").encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    only(&lint_one(said_utf8), "xml-encoding", "the file is UTF-16LE but its XML declaration says encoding=\"utf-8\"");
    // A UTF-8 byte order mark, but a declaration that says UTF-16.
    let bom8 = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    only(
        &lint_one(bom8),
        "xml-encoding",
        "the file is UTF-8 with BOM but its XML declaration says encoding=\"utf-16\"",
    );
    // Another encoding entirely.
    only(&lint_one(text.replace("utf-16", "iso-8859-1").into_bytes()), "xml-encoding", "`iso-8859-1` is not supported");
}

#[test]
fn nul_and_control_characters() {
    for (c, name) in [('\0', "U+0000"), ('\u{1}', "U+0001"), ('\u{1B}', "U+001B"), ('\u{FFFF}', "U+FFFF")] {
        let text = format!("<Package>\n  <a>x{c}y</a>\n</Package>");
        assert_eq!(only(&lint_one(text.into_bytes()), "xml-malformed", name), (2, 7), "{name}");
    }
    let f = lint_one(b"<Package a=\"&#1;\"/>".to_vec());
    only(&f, "xml-malformed", "U+0001");
}

#[test]
fn entity_bombs_and_external_entities_are_never_expanded() {
    let mut bomb = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let prev = if i == 1 { "lol".to_string() } else { format!("lol{}", i - 1) };
        bomb.push_str(&format!(" <!ENTITY lol{i} \"{}\">\n", format!("&{prev};").repeat(10)));
    }
    bomb.push_str("]>\n<Package>&lol9;</Package>\n");
    let f = lint_one(bomb.into_bytes());
    // A malformed file is reported once, at the reference.
    let at =
        only(&f, "xml-malformed", "`&lol9;` refers to an entity; entities declared in a DOCTYPE are never expanded");
    assert_eq!(at, (14, 10));
    // An attribute reference to the bomb, and external entities: nothing is read.
    let xxe = "<!DOCTYPE p [<!ENTITY xxe SYSTEM \"file:///etc/passwd\"> <!ENTITY % pe SYSTEM \"http://example.invalid/x\"> %pe;]>\n<Package a=\"&xxe;\">&xxe;</Package>";
    let f = lint_one(xxe.as_bytes().to_vec());
    assert_eq!(only(&f, "xml-malformed", "`&xxe;`"), (2, 13));
    // A DOCTYPE alone, in a file that is otherwise well-formed.
    let f = lint_one(b"<!DOCTYPE Package [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<Package/>".to_vec());
    assert!(f.iter().any(|(r, l, c, _)| r == "xml-doctype" && (*l, *c) == (1, 1)), "{f:#?}");
    assert!(f.iter().all(|(.., m)| !m.contains("root:")));
}

#[test]
fn unclosed_and_several_roots() {
    let (l, c) =
        only(&lint_one(b"<Package>\n  <Identity/>\n".to_vec()), "xml-malformed", "ends before `<Package>` is closed");
    assert_eq!((l, c), (3, 1));
    assert_eq!(only(&lint_one(b"<Package/>\n<Package/>".to_vec()), "xml-malformed", "exactly one root"), (2, 1));
    only(&lint_one(b"<Package/>\ntrailing".to_vec()), "xml-malformed", "outside the root");
}

#[test]
fn nesting_a_million_deep_stops_at_the_cap() {
    let deep = "<a>".repeat(1_000_000);
    let f = lint_one(deep.into_bytes());
    assert_eq!(only(&f, "xml-malformed", "nested more than 256 levels deep"), (1, 769));
}

#[test]
fn huge_attributes_and_attribute_counts() {
    // A 12 MB attribute value (within the 16 MiB cap): parsed, no copy, no finding.
    let value = "x".repeat(12 << 20);
    let text = format!(
        "<Package xmlns=\"http://schemas.microsoft.com/appx/manifest/foundation/windows10\" Huge=\"{value}\"/>"
    );
    let f = lint_one(text.into_bytes());
    assert!(input_level(&f).is_empty(), "{f:?}");
    // 200,000 distinct attributes on one element.
    let mut many = String::from("<Package xmlns=\"http://schemas.microsoft.com/appx/manifest/foundation/windows10\"");
    for i in 0..200_000 {
        many.push_str(&format!(" a{i}=\"{i}\""));
    }
    many.push_str("/>");
    assert!(input_level(&lint_one(many.clone().into_bytes())).is_empty());
    // The same, with the last one repeating the first.
    many.truncate(many.len() - 2);
    many.push_str(" a0=\"again\"/>");
    only(&lint_one(many.into_bytes()), "xml-malformed", "the attribute `a0` is given twice");
}

#[test]
fn thousands_of_namespace_declarations() {
    // On one element: more bindings in scope than the parser accepts.
    let mut one = String::from("<Package");
    for i in 0..5_000 {
        one.push_str(&format!(" xmlns:p{i}=\"urn:ns:{i}\""));
    }
    one.push_str("/>");
    only(&lint_one(one.into_bytes()), "xml-malformed", "namespace");
    // On 100,000 siblings, each with its own namespace: linear, not quadratic.
    let mut siblings =
        String::from("<Package xmlns=\"http://schemas.microsoft.com/appx/manifest/foundation/windows10\">");
    for i in 0..100_000 {
        siblings.push_str(&format!("<x:E xmlns:x=\"urn:ns:{i}\"/>"));
    }
    siblings.push_str("</Package>");
    assert!(input_level(&lint_one(siblings.into_bytes())).is_empty());
    // A long IgnorableNamespaces list on a root with many declarations.
    let mut ignorable =
        String::from("<Package xmlns=\"http://schemas.microsoft.com/appx/manifest/foundation/windows10\"");
    for i in 0..100 {
        ignorable.push_str(&format!(" xmlns:p{i}=\"urn:ns:{i}\""));
    }
    ignorable.push_str(" IgnorableNamespaces=\"");
    ignorable.push_str(&"p1 p2 nope ".repeat(200_000));
    ignorable.push_str("\"/>");
    assert!(input_level(&lint_one(ignorable.into_bytes())).is_empty());
}

#[test]
fn files_that_are_not_xml_or_empty() {
    only(&lint_one(Vec::new()), "xml-malformed", "the file is empty");
    only(&lint_one(b"   \n\t ".to_vec()), "xml-malformed", "the file is empty");
    only(&lint_one(b"{\"json\": true}".to_vec()), "xml-malformed", "outside the root");
    // Random bytes: some diagnostic, never a panic.
    let mut state = 0x2545F4914F6CDD1Du64;
    let noise: Vec<u8> = (0..100_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    let f = lint_one(noise);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(f[0].0 == "xml-encoding" || f[0].0 == "xml-malformed");
    // A package where a manifest was expected.
    let f = lint_one(msix(&clean_manifest()));
    assert_eq!(f.len(), 1, "{f:#?}");
}

#[test]
fn a_manifest_over_the_cap_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    // 50 MB and 100 MB files (sparse: the size alone is checked), next to a clean file.
    for (name, size) in [("big/AppxManifest.xml", 50_000_000u64), ("huge-attr/AppxManifest.xml", 100_000_000)] {
        let p = write(dir.path(), name, b"<Package a=\"");
        std::fs::OpenOptions::new().write(true).open(&p).unwrap().set_len(size).unwrap();
    }
    write(dir.path(), "ok/AppxManifest.xml", clean_manifest().as_bytes());
    let o = appxlint().args(["check", "-f", "json", "."]).current_dir(dir.path()).output().unwrap();
    assert_eq!(code(&o), 2);
    let v = json(&o);
    let m = message(&v, "big/AppxManifest.xml", "io-error");
    assert!(m.contains("the file has 50000000 bytes; appxlint reads files of at most 16 MiB"), "{m}");
    message(&v, "huge-attr/AppxManifest.xml", "io-error");
    assert_eq!(findings(&v).len(), 2);
    // The same on stdin.
    let o = appxlint()
        .args(["check", "-f", "json", "-"])
        .write_stdin(vec![b' '; MAX_MANIFEST_BYTES as usize + 10])
        .output()
        .unwrap();
    assert_eq!(code(&o), 2);
    assert!(message(&json(&o), "<stdin>", "io-error").contains("stdin holds more than 16 MiB"));
}

#[test]
fn a_manifest_of_many_megabytes_is_linted() {
    // About 12 MB of real structure: 40,000 applications.
    let mut text = clean_manifest();
    let app = "    <Application Id=\"App{i}\" Executable=\"App{i}.exe\" EntryPoint=\"Windows.FullTrustApplication\">\n      <uap:VisualElements DisplayName=\"App {i}\" Description=\"An app\" BackgroundColor=\"transparent\" Square150x150Logo=\"Assets\\Square150x150Logo.png\" Square44x44Logo=\"Assets\\Square44x44Logo.png\"/>\n    </Application>\n";
    let mut apps = String::new();
    for i in 0..40_000 {
        apps.push_str(&app.replace("{i}", &i.to_string()));
    }
    let at = text.find("  </Applications>").unwrap();
    text.insert_str(at, &apps);
    assert!(text.len() > 8_000_000);
    let f = lint_one(text.into_bytes());
    // The one finding: the schema allows at most 100 applications.
    assert_eq!(f.len(), 1, "{:?}", &f[..f.len().min(5)]);
    assert_eq!(f[0].0, "schema-too-many-elements", "{f:?}");
}

#[cfg(unix)]
#[test]
fn unreadable_files_symlink_loops_and_odd_paths() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let clean = clean_manifest();
    write(dir.path(), "ok/AppxManifest.xml", clean.as_bytes());
    // A symlink loop named on the command line, and a dangling link.
    std::os::unix::fs::symlink("loop-b.appxmanifest", dir.path().join("loop-a.appxmanifest")).unwrap();
    std::os::unix::fs::symlink("loop-a.appxmanifest", dir.path().join("loop-b.appxmanifest")).unwrap();
    std::os::unix::fs::symlink("nowhere", dir.path().join("dangling.appxmanifest")).unwrap();
    // A name that is not UTF-8.
    let odd = std::ffi::OsStr::from_bytes(b"caf\xE9.appxmanifest");
    std::fs::write(dir.path().join(odd), clean.replace("Version=\"5.1.0.0\"", "Version=\"5.1.0.0\" x=\"&y;\""))
        .unwrap();
    // A file without read permission (root reads it anyway: then it is simply linted).
    let locked = write(dir.path(), "locked/AppxManifest.xml", clean.as_bytes());
    std::fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    let root_reads = std::fs::read(&locked).is_ok();

    let o = appxlint()
        .args(["check", "-f", "json", ".", "loop-a.appxmanifest", "dangling.appxmanifest"])
        .arg(odd)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(code(&o), 2);
    let v = json(&o);
    assert!(message(&v, "loop-a.appxmanifest", "io-error").contains("symbolic links"));
    assert!(message(&v, "dangling.appxmanifest", "io-error").contains("no such file"));
    // The odd name is shown with a replacement character, found once (named and walked).
    let odd_name = "caf\u{FFFD}.appxmanifest";
    assert!(message(&v, odd_name, "xml-malformed").contains("`&y;`"));
    assert_eq!(findings(&v).iter().filter(|(p, _)| p == odd_name).count(), 1);
    if !root_reads {
        assert!(message(&v, "locked/AppxManifest.xml", "io-error").contains("permission denied"));
    }
    let ok = v["files"].as_array().unwrap().iter().find(|f| f["path"] == "ok/AppxManifest.xml").unwrap();
    assert!(ok["diagnostics"].as_array().unwrap().is_empty());
}

/// A crash in one file's processing loses nothing else: the report stays complete and
/// valid, the file gets `internal-error`, the exit status is 2. The crash is triggered by
/// a hook that only debug builds have.
#[cfg(debug_assertions)]
#[test]
fn a_panic_in_one_file_keeps_the_rest_of_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let clean = clean_manifest();
    write(dir.path(), "a/AppxManifest.xml", clean.as_bytes());
    write(dir.path(), "crash/AppxManifest.xml", clean.as_bytes());
    let app = std::fs::read_to_string(root().join("fixtures/examples/contoso-app/Package.appxmanifest")).unwrap();
    write(dir.path(), "z/Package.appxmanifest", app.as_bytes());
    let inner = msix(&clean);
    let crashing = msix(&manifest("Contoso.App", "CN=Contoso", "1.0.0.0", Some("x64")));
    let listing = bundle_manifest("Contoso.App", "CN=Contoso", &[]);
    write(dir.path(), "b/App.msixbundle", &bundle(&listing, &[("ok.msix", &inner), ("crash.msix", &crashing)]));
    for format in ["json", "human", "concise"] {
        let o = appxlint()
            .args(["check", "-f", format, "."])
            .env("APPXLINT_DEBUG_PANIC_ON", "crash")
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(code(&o), 2, "{format}");
        if format != "json" {
            assert!(stdout(&o).contains("internal-error"), "{format}");
            continue;
        }
        let v = json(&o);
        let paths: Vec<&str> = v["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
        assert_eq!(
            paths,
            [
                "a/AppxManifest.xml",
                "b/App.msixbundle!AppxMetadata/AppxBundleManifest.xml",
                "b/App.msixbundle!crash.msix!AppxManifest.xml",
                "b/App.msixbundle!ok.msix!AppxManifest.xml",
                "crash/AppxManifest.xml",
                "z/Package.appxmanifest"
            ]
        );
        assert!(message(&v, "crash/AppxManifest.xml", "internal-error").contains("APPXLINT_DEBUG_PANIC_ON"));
        message(&v, "b/App.msixbundle!crash.msix!AppxManifest.xml", "internal-error");
        assert_eq!(v["files"][5]["diagnostics"].as_array().unwrap().len(), 2, "the other files are still linted");
        assert_eq!(v["summary"]["files"], 6);
    }
}

/// Clean files keep no text (memory stays flat in their number); files with findings do.
#[test]
fn only_files_with_findings_keep_their_text() {
    let app = std::fs::read(root().join("fixtures/examples/contoso-app/Package.appxmanifest")).unwrap();
    let report = lint::run_bytes(
        vec![
            ("clean.xml".into(), clean_manifest().into_bytes()),
            ("findings.xml".into(), app),
            ("clean.msix".into(), msix(&clean_manifest())),
        ],
        Policy::default(),
    );
    let kept: Vec<(&str, bool)> = report.files.iter().map(|f| (f.path.as_str(), f.source.is_some())).collect();
    assert_eq!(kept, [("clean.msix!AppxManifest.xml", false), ("clean.xml", false), ("findings.xml", true)]);
}

#[test]
fn folders_nested_past_the_walk_limit_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let deep: std::path::PathBuf = std::iter::repeat_n("d", appxlint::discover::MAX_WALK_DEPTH + 5).collect();
    write(dir.path(), &format!("{}/AppxManifest.xml", deep.display()), clean_manifest().as_bytes());
    write(dir.path(), "top/AppxManifest.xml", clean_manifest().as_bytes());
    let o = appxlint().args(["check", "-f", "json", "."]).current_dir(dir.path()).output().unwrap();
    assert_eq!(code(&o), 2);
    let v = json(&o);
    let got = findings(&v);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].1, "io-error");
    assert_eq!(got[0].0.matches('/').count() + 1, appxlint::discover::MAX_WALK_DEPTH);
    assert!(message(&v, &got[0].0, "io-error").contains("folders nest deeper than 512 levels"));
}
