//! The command line as users run it: exit codes, inputs, formats, colors.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn appxlint() -> Command {
    let mut c = Command::cargo_bin("appxlint").unwrap();
    c.current_dir(root());
    for v in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "TERM"] {
        c.env_remove(v);
    }
    c.env("COLUMNS", "100");
    c
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap()
}

const CLEAN: &str = "fixtures/examples/fabrikam-tools/AppxManifest.xml";

#[test]
fn exit_codes_follow_the_findings() {
    let o = appxlint().args(["check", CLEAN]).output().unwrap();
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(stdout(&o).contains("No problems found in 1 file."));
    let o = appxlint().args(["check", "fixtures/examples"]).output().unwrap();
    assert_eq!(code(&o), 1);
    // Warnings alone do not fail.
    let o = appxlint()
        .args(["check", "fixtures/rules/namespace-newer-than-min-version/fail-uap5-ignorable.xml"])
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(stdout(&o).contains("1 warning"));
}

#[test]
fn unreadable_input_exits_2_and_the_rest_is_still_linted() {
    let o = appxlint()
        .args(["check", "--format", "json", "no/such/Package.appxmanifest", "fixtures/examples/contoso-app"])
        .output()
        .unwrap();
    assert_eq!(code(&o), 2);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    let missing = files.iter().find(|f| f["path"] == "no/such/Package.appxmanifest").unwrap();
    assert_eq!(missing["diagnostics"][0]["name"], "io-error");
    assert!(missing["diagnostics"][0]["message"].as_str().unwrap().contains("no such file"));
    assert_eq!(missing["diagnostics"][0]["location"], serde_json::Value::Null);
    let other = files.iter().find(|f| f["path"] != "no/such/Package.appxmanifest").unwrap();
    assert_eq!(other["diagnostics"].as_array().unwrap().len(), 2);
}

#[test]
fn usage_errors_exit_2() {
    let o = appxlint().args(["check", "--format", "nope", "."]).output().unwrap();
    assert_eq!(code(&o), 2);
    let o = appxlint().args(["check", "-", "-"]).output().unwrap();
    assert_eq!(code(&o), 2);
    assert!(String::from_utf8_lossy(&o.stderr).contains("only once"));
    let o = appxlint().args(["check", "--include", "[", "."]).output().unwrap();
    assert_eq!(code(&o), 2);
    let o = appxlint().args(["rule", "no-such-rule"]).output().unwrap();
    assert_eq!(code(&o), 2);
    let o = appxlint().args(["check", "--threads", "100000", "."]).output().unwrap();
    assert_eq!(code(&o), 2);
}

#[test]
fn stdin_is_linted_under_the_given_name() {
    let text = std::fs::read(root().join("fixtures/examples/contoso-app/Package.appxmanifest")).unwrap();
    let o = appxlint()
        .args(["check", "-f", "concise", "-", "--stdin-filename", "app/Package.appxmanifest"])
        .write_stdin(text.clone())
        .output()
        .unwrap();
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(out.starts_with("app/Package.appxmanifest:36:14: error com-server-without-full-trust:"), "{out}");
    let o = appxlint().args(["check", "-f", "concise", "-"]).write_stdin(text).output().unwrap();
    assert!(stdout(&o).starts_with("<stdin>:36:14:"));
}

#[test]
fn colors_only_when_asked_or_on_a_terminal() {
    let file = "fixtures/examples/contoso-app/Package.appxmanifest";
    let piped = appxlint().args(["check", file]).output().unwrap();
    assert!(!stdout(&piped).contains('\u{1b}'), "piped output has escape codes");
    let forced = appxlint().args(["check", file]).env("CLICOLOR_FORCE", "1").output().unwrap();
    assert!(stdout(&forced).contains('\u{1b}'));
    let no_color = appxlint().args(["check", file]).env("CLICOLOR_FORCE", "1").env("NO_COLOR", "1").output().unwrap();
    assert!(!stdout(&no_color).contains('\u{1b}'));
    let always = appxlint().args(["check", "--color", "always", file]).env("NO_COLOR", "1").output().unwrap();
    assert!(stdout(&always).contains('\u{1b}'));
    let json = appxlint().args(["check", "--color", "always", "-f", "json", file]).output().unwrap();
    assert!(!stdout(&json).contains('\u{1b}'), "machine formats are never colored");
}

fn utf16(text: &str, le: bool) -> Vec<u8> {
    let text = text.replacen("encoding=\"utf-8\"", "encoding=\"utf-16\"", 1);
    let mut out = if le { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
    for u in text.encode_utf16() {
        out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

#[test]
fn utf16_and_crlf_files_report_the_same_positions() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("fixtures/examples/contoso-app/Package.appxmanifest")).unwrap();
    std::fs::write(dir.path().join("le.appxmanifest"), utf16(&text, true)).unwrap();
    std::fs::write(dir.path().join("be.appxmanifest"), utf16(&text, false)).unwrap();
    std::fs::write(dir.path().join("crlf.appxmanifest"), text.replace('\n', "\r\n")).unwrap();
    let o = appxlint().args(["check", "-f", "concise"]).arg(dir.path()).output().unwrap();
    let out = stdout(&o);
    let positions: Vec<&str> = out.lines().map(|l| l.split(": ").next().unwrap().rsplit('/').next().unwrap()).collect();
    assert_eq!(
        positions,
        [
            "be.appxmanifest:36:14",
            "be.appxmanifest:41:38",
            "crlf.appxmanifest:36:14",
            "crlf.appxmanifest:41:38",
            "le.appxmanifest:36:14",
            "le.appxmanifest:41:38"
        ],
        "{out}"
    );
}

#[test]
fn placeholders_are_tolerated() {
    let text = std::fs::read_to_string(root().join("fixtures/examples/loopback/client/Package.appxmanifest")).unwrap();
    let templated = text
        .replace("Contoso.Dashboard\"", "$targetnametoken$\"")
        .replace("Contoso.MetricsService_hqrfffj068n1a", "@SERVER_FAMILY_NAME@")
        .replace("CN=Contoso, O=Contoso Ltd, C=US", "${Publisher}");
    let o = appxlint()
        .args(["check", "-f", "json", "-", "--stdin-filename", "Package.appxmanifest"])
        .write_stdin(templated)
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["files"][0]["package"]["familyName"], serde_json::Value::Null);
    assert_eq!(v["summary"]["errors"], 0);
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

#[test]
fn folders_are_walked_with_names_globs_and_default_excludes() {
    let dir = tempfile::tempdir().unwrap();
    let clean = std::fs::read_to_string(root().join(CLEAN)).unwrap();
    for rel in [
        "b/Package.appxmanifest",
        "a/package.appxmanifest",
        "a/AppXManifest.XML",
        "c/Package-Dev.appxmanifest",
        "bin/Debug/AppxManifest.xml",
        "obj/AppxManifest.xml",
        "node_modules/x/AppxManifest.xml",
        ".git/AppxManifest.xml",
        "target/AppxManifest.xml",
        "templates/AppxManifest.xml.in",
        "notes.xml",
    ] {
        write(dir.path(), rel, &clean);
    }
    let list = |extra: &[&str]| -> Vec<String> {
        let o = appxlint().args(["check", "-f", "json"]).args(extra).arg(".").current_dir(dir.path()).output().unwrap();
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        v["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(
        list(&[]),
        ["a/AppXManifest.XML", "a/package.appxmanifest", "b/Package.appxmanifest", "c/Package-Dev.appxmanifest"]
    );
    assert_eq!(
        list(&["--include", "*.xml.in", "--exclude", "c/**"]),
        ["a/AppXManifest.XML", "a/package.appxmanifest", "b/Package.appxmanifest", "templates/AppxManifest.xml.in"]
    );
    assert_eq!(list(&["--exclude", "a"]), ["b/Package.appxmanifest", "c/Package-Dev.appxmanifest"]);
    // A file named on the command line is always linted, whatever its name or folder.
    let o = appxlint()
        .args(["check", "-f", "json", "notes.xml", "bin/Debug/AppxManifest.xml"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["summary"]["files"], 2);
}

#[cfg(unix)]
#[test]
fn symlinks_are_not_followed_when_walking() {
    let dir = tempfile::tempdir().unwrap();
    let clean = std::fs::read_to_string(root().join(CLEAN)).unwrap();
    write(dir.path(), "real/AppxManifest.xml", &clean);
    std::os::unix::fs::symlink(dir.path().join("real"), dir.path().join("link")).unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("real/loop")).unwrap();
    let o = appxlint().args(["check", "-f", "json", "."]).current_dir(dir.path()).output().unwrap();
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["summary"]["files"], 1, "{}", stdout(&o));
    assert_eq!(v["files"][0]["path"], "real/AppxManifest.xml");
}

#[test]
fn output_does_not_depend_on_argument_order() {
    let a = appxlint()
        .args([
            "check",
            "-f",
            "json",
            "fixtures/examples/loopback/server",
            "fixtures/examples/contoso-app",
            "fixtures/examples/loopback/client",
        ])
        .output()
        .unwrap();
    let b = appxlint()
        .args([
            "check",
            "-f",
            "json",
            "fixtures/examples/loopback/client",
            "fixtures/examples/loopback/server",
            "fixtures/examples/contoso-app",
        ])
        .output()
        .unwrap();
    assert_eq!(stdout(&a), stdout(&b));
    // The same file named twice is linted once.
    let o = appxlint().args(["check", "-f", "json", CLEAN, "fixtures/examples/fabrikam-tools"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["summary"]["files"], 1);
}

#[test]
fn output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.json");
    let o = appxlint().args(["check", "-f", "json", "-o"]).arg(&out).arg("fixtures/examples").output().unwrap();
    assert_eq!(code(&o), 1);
    assert!(o.stdout.is_empty());
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["version"], 1);
}

#[test]
fn human_report_snapshot() {
    let o = appxlint().args(["check", "fixtures/examples"]).output().unwrap();
    insta::assert_snapshot!("human_examples", stdout(&o));
}

#[test]
fn json_report_snapshot() {
    let o = appxlint().args(["check", "-f", "json", "fixtures/examples"]).output().unwrap();
    let out = stdout(&o).replace(env!("CARGO_PKG_VERSION"), "[version]");
    insta::assert_snapshot!("json_examples", out);
}

#[test]
fn concise_report_snapshot() {
    let o = appxlint().args(["check", "-f", "concise", "fixtures/examples"]).output().unwrap();
    insta::assert_snapshot!("concise_examples", stdout(&o));
}

#[test]
fn json_report_follows_its_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("docs/json-report.schema.json")).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for args in [
        vec!["fixtures/examples"],
        vec!["fixtures/rules", "--show-suppressed", "--include", "*.xml"],
        vec!["no/such/file.xml"],
    ] {
        let o = appxlint().args(["check", "-f", "json"]).args(&args).output().unwrap();
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        let errors: Vec<String> =
            validator.iter_errors(&v).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{args:?}: {errors:#?}");
    }
}

#[test]
fn rules_and_rule_pages() {
    let o = appxlint().args(["rules"]).output().unwrap();
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("com-server-without-full-trust"));
    let o = appxlint().args(["rule", "AX101"]).output().unwrap();
    assert!(stdout(&o).starts_with("com-server-without-full-trust (AX101, error by default)"));
    let o = appxlint().args(["--explain", "loopback-rule-not-reciprocated"]).output().unwrap();
    assert!(stdout(&o).contains("\nHOW TO FIX\n"));
    let o = appxlint().args(["rules", "-f", "json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v.as_array().unwrap().iter().all(|r| r["code"].as_str().unwrap().starts_with("AX")));
}

#[test]
fn an_empty_run_warns_and_outputs_must_not_collide() {
    let dir = tempfile::tempdir().unwrap();
    let o = appxlint().args(["check"]).arg(dir.path()).output().unwrap();
    assert_eq!(code(&o), 0);
    let err = String::from_utf8(o.stderr.clone()).unwrap();
    assert!(err.contains("warning: no manifest found in"), "{err}");
    let out = dir.path().join("report.txt");
    let o = appxlint()
        .args(["check", CLEAN, "-o"])
        .arg(&out)
        .arg("--report")
        .arg(format!("json={}", out.display()))
        .output()
        .unwrap();
    assert_eq!(code(&o), 2);
    assert!(String::from_utf8(o.stderr).unwrap().contains("name the same file"));
    assert!(!out.exists(), "nothing is written when the command line is wrong");
    let o = appxlint().args(["config", "no/such/folder"]).output().unwrap();
    assert_eq!(code(&o), 2);
    assert!(String::from_utf8(o.stderr).unwrap().contains("no such file or folder"));
}
