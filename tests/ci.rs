//! appxlint in CI and editors: every report format, the exit-status gate, configuration
//! files, suppressions, rule pages, completions and the manual page.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

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

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap()
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap()
}

/// Two errors: com-server-without-full-trust (line 36) and
/// full-trust-process-without-full-trust (line 41).
const APP: &str = "fixtures/examples/contoso-app/Package.appxmanifest";
/// One warning: namespace-newer-than-min-version.
const WARN: &str = "fixtures/rules/namespace-newer-than-min-version/fail-uap5-ignorable.xml";
const CLEAN: &str = "fixtures/examples/fabrikam-tools/AppxManifest.xml";

/// The inputs every format is shown on: the examples (cross-file findings, labels), a file
/// with a suppressed finding and a non-ASCII character before a finding, and a missing file.
const REPORT_INPUTS: &[&str] = &["fixtures/examples", "fixtures/reports", "no/such/Package.appxmanifest"];

fn report(format: &str, extra: &[&str]) -> Output {
    appxlint().args(["check", "-f", format]).args(extra).args(REPORT_INPUTS).output().unwrap()
}

/// Replaces the rule descriptors (each rule's whole page) by their ids and levels, so
/// that snapshots do not change with every edit of a rule page.
fn short_sarif(text: &str) -> String {
    let mut v: Value = serde_json::from_str(text).unwrap();
    let rules = &mut v["runs"][0]["tool"]["driver"]["rules"];
    let short: Vec<Value> = rules
        .as_array()
        .unwrap()
        .iter()
        .map(|r| Value::String(format!("{} {}", r["id"].as_str().unwrap(), r["defaultConfiguration"]["level"])))
        .collect();
    *rules = Value::Array(short);
    serde_json::to_string_pretty(&v).unwrap().replace(env!("CARGO_PKG_VERSION"), "[version]")
}

#[test]
fn every_format_snapshot() {
    for format in ["human", "concise", "json", "sarif", "github", "gitlab", "azure", "junit", "markdown"] {
        let o = report(format, &[]);
        assert_eq!(code(&o), 2, "{format}: the missing file makes it exit 2");
        let bytes = &o.stdout;
        assert!(!bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "{format}: no byte order mark");
        assert!(!bytes.contains(&0x1b), "{format}: no color when piped");
        let out = stdout(&o);
        let out =
            if format == "sarif" { short_sarif(&out) } else { out.replace(env!("CARGO_PKG_VERSION"), "[version]") };
        insta::assert_snapshot!(format!("report_{format}"), out);
    }
}

#[test]
fn suppressed_findings_in_each_format() {
    // Without --show-suppressed, no format shows the suppressed com-server finding.
    for format in ["concise", "json", "sarif", "github", "gitlab", "azure", "junit"] {
        let o = appxlint().args(["check", "-f", format, "fixtures/reports"]).output().unwrap();
        assert!(!stdout(&o).contains("ThumbnailServer.exe"), "{format} shows a suppressed finding");
        assert_eq!(code(&o), 1, "{format}");
    }
    let o = appxlint().args(["check", "-f", "sarif", "--show-suppressed", "fixtures/reports"]).output().unwrap();
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let sup = results.iter().find(|r| r["ruleId"] == "com-server-without-full-trust").unwrap();
    assert_eq!(sup["suppressions"][0]["kind"], "inSource");
    let o = appxlint().args(["check", "-f", "junit", "--show-suppressed", "fixtures/reports"]).output().unwrap();
    assert!(stdout(&o).contains("<skipped message=\"suppressed: application `PhotoEditor`"), "{}", stdout(&o));
    assert!(stdout(&o).contains("tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"1\""));
    // The GitHub and GitLab reports never carry suppressed findings: they would become
    // annotations and merge-request issues.
    for format in ["github", "gitlab", "azure"] {
        let o = appxlint().args(["check", "-f", format, "--show-suppressed", "fixtures/reports"]).output().unwrap();
        assert!(!stdout(&o).contains("ThumbnailServer.exe"), "{format}");
    }
}

fn sarif_schema() -> Option<jsonschema::Validator> {
    let shared = std::env::var_os("APPXLINT_SHARED").map(PathBuf::from).unwrap_or_else(|| root().join("../shared"));
    let path = shared.join("reference/sarif/sarif-schema-2.1.0.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} not found (set APPXLINT_SHARED)", path.display());
        return None;
    };
    let mut schema: Value = serde_json::from_str(&text).unwrap();
    // The OASIS schema's pattern for `language` (of a run and of a tool component) has a
    // stray `]` that the validator's regex check rejects. appxlint never writes `language`,
    // so the pattern is replaced by the one the specification means (`en`, `en-US`).
    let fixed = fix_patterns(&mut schema, "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$", "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
    assert!(fixed > 0, "the schema changed; revisit this fix-up");
    // This copy keeps the log's own schema under `definitions.Root` and constrains nothing
    // at its top level: validate against `Root`, or every document would pass.
    if schema.get("properties").is_none() && schema["definitions"].get("Root").is_some() {
        schema["$ref"] = Value::from("#/definitions/Root");
    }
    Some(jsonschema::validator_for(&schema).unwrap())
}

fn fix_patterns(v: &mut Value, from: &str, to: &str) -> usize {
    match v {
        Value::Object(map) => {
            let mut n = 0;
            for (k, child) in map.iter_mut() {
                if k == "pattern" && child == from {
                    *child = Value::from(to);
                    n += 1;
                } else {
                    n += fix_patterns(child, from, to);
                }
            }
            n
        }
        Value::Array(items) => items.iter_mut().map(|c| fix_patterns(c, from, to)).sum(),
        _ => 0,
    }
}

fn assert_valid_sarif(validator: &jsonschema::Validator, text: &str, what: &str) -> Value {
    let v: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{what}: not JSON: {e}"));
    let errors: Vec<String> = validator.iter_errors(&v).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
    v
}

#[test]
fn sarif_validates_against_the_schema() {
    let Some(validator) = sarif_schema() else { return };
    // The schema is strict enough to notice a broken log.
    let broken = serde_json::json!({"version": "2.1.0", "runs": [{"results": []}]});
    assert!(!validator.is_valid(&broken), "a run without a tool must be rejected");
    let runs: Vec<Vec<&str>> = vec![
        REPORT_INPUTS.to_vec(),
        [&["--show-suppressed"], REPORT_INPUTS].concat(),
        vec!["fixtures/rules", "--include", "*.xml", "--show-suppressed"],
        vec![CLEAN],
    ];
    for args in runs {
        let o = appxlint().args(["check", "-f", "sarif"]).args(&args).output().unwrap();
        let v = assert_valid_sarif(&validator, &stdout(&o), &format!("{args:?}"));
        // A result without a message, or a region starting on line 0, is rejected.
        let mut broken = v.clone();
        if let Some(result) = broken["runs"][0]["results"].get_mut(0) {
            result.as_object_mut().unwrap().remove("message");
            assert!(!validator.is_valid(&broken));
            let mut broken = v.clone();
            broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"] =
                serde_json::json!({"startLine": 0});
            assert!(!validator.is_valid(&broken));
        }
    }
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a,b:c%.appxmanifest", &read(APP));
    write(dir.path(), "d e#f?/Package.appxmanifest", &read(APP));
    let o = appxlint().args(["check", "-f", "sarif", "."]).current_dir(dir.path()).output().unwrap();
    let v = assert_valid_sarif(&validator, &stdout(&o), "hostile names");
    let uris: Vec<&str> = v["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap())
        .collect();
    assert!(uris.contains(&"a%2Cb%3Ac%25.appxmanifest"), "{uris:?}");
    assert!(uris.contains(&"d%20e%23f%3F/Package.appxmanifest"), "{uris:?}");
}

#[test]
fn sarif_content() {
    let o = report("sarif", &[]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["version"], "2.1.0");
    assert_eq!(v["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
    let run = &v["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "appxlint");
    assert_eq!(driver["semanticVersion"], env!("CARGO_PKG_VERSION"));
    assert!(driver["informationUri"].as_str().unwrap().starts_with("https://"));
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), appxlint::rules::RULES.len());
    for r in rules {
        for key in ["shortDescription", "fullDescription"] {
            let text = r[key]["text"].as_str().unwrap();
            assert!(!text.is_empty() && text.chars().count() <= 1024, "{} {key}", r["id"]);
        }
        assert!(r["help"]["text"].as_str().unwrap().contains("## How to fix"), "{}", r["id"]);
        assert!(r["help"]["markdown"].as_str().is_some());
        assert!(r["helpUri"].as_str().unwrap().ends_with(&format!("rules/{}.md", r["id"].as_str().unwrap())));
        assert!(["error", "warning", "note"].contains(&r["defaultConfiguration"]["level"].as_str().unwrap()));
    }
    let results = run["results"].as_array().unwrap();
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"], "ruleIndex points at the rule");
        let fp = &r["partialFingerprints"];
        assert_eq!(fp.as_object().unwrap().len(), 1);
        assert_eq!(fp["appxlint/v1"].as_str().unwrap().len(), 64);
        assert!(fp.get("primaryLocationLineHash").is_none());
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
        assert!(!uri.contains('\\') && !uri.starts_with("file:"), "{uri}");
    }
    // UTF-16 columns: the emoji before the finding counts two code units.
    let ftp = results
        .iter()
        .find(|r| {
            r["ruleId"] == "full-trust-process-without-full-trust"
                && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
                    .starts_with("fixtures/reports")
        })
        .unwrap();
    let region = &ftp["locations"][0]["physicalLocation"]["region"];
    assert_eq!((region["startLine"].as_u64(), region["startColumn"].as_u64()), (Some(42), Some(54)));
    let concise = stdout(&report("concise", &[]));
    assert!(concise.contains("fixtures/reports/suppressed/Package.appxmanifest:42:53: error full-trust"));
    // Cross-file findings point at the other manifest.
    let client = results
        .iter()
        .find(|r| {
            r["ruleId"] == "loopback-rule-not-reciprocated"
                && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    == "fixtures/examples/loopback/client/Package.appxmanifest"
        })
        .unwrap();
    let related = &client["relatedLocations"][0];
    assert_eq!(
        related["physicalLocation"]["artifactLocation"]["uri"],
        "fixtures/examples/loopback/server/Package.appxmanifest"
    );
    assert!(related["physicalLocation"]["region"]["startLine"].as_u64().unwrap() > 0);
    assert!(related["message"]["text"].as_str().unwrap().contains("`in` rule of"));
    // A file that cannot be read is a result without a region.
    let io = results.iter().find(|r| r["ruleId"] == "io-error").unwrap();
    assert_eq!(io["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "no/such/Package.appxmanifest");
    assert!(io["locations"][0]["physicalLocation"].get("region").is_none());
}

#[test]
fn fingerprints_do_not_depend_on_lines() {
    let dir = tempfile::tempdir().unwrap();
    let text = read(APP);
    write(dir.path(), "a/Package.appxmanifest", &text);
    write(dir.path(), "b/Package.appxmanifest", &text.replacen("<Package", "\n\n\n<!-- moved -->\n<Package", 1));
    let fingerprints = |format: &str, dirname: &str| -> Vec<String> {
        let o = appxlint().args(["check", "-f", format, dirname]).current_dir(dir.path()).output().unwrap();
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        if format == "sarif" {
            v["runs"][0]["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["partialFingerprints"]["appxlint/v1"].as_str().unwrap().to_string())
                .collect()
        } else {
            v.as_array().unwrap().iter().map(|r| r["fingerprint"].as_str().unwrap().to_string()).collect()
        }
    };
    // Same path (the folder is renamed between runs), lines moved: same fingerprints.
    let a = fingerprints("sarif", "a");
    std::fs::rename(dir.path().join("a"), dir.path().join("old-a")).unwrap();
    std::fs::rename(dir.path().join("b"), dir.path().join("a")).unwrap();
    let b = fingerprints("sarif", "a");
    assert_eq!(a.len(), 2);
    assert_eq!(a, b);
    assert_ne!(a[0], a[1]);
    assert_eq!(fingerprints("gitlab", "a"), a);
}

#[test]
fn github_annotations() {
    let out = stdout(&report("github", &[]));
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines.iter().all(|l| l.starts_with("::error ") || l.starts_with("::warning ") || l.starts_with("::notice "))
    );
    assert!(lines.contains(
        &"::error file=no/such/Package.appxmanifest,title=io-error (AX001)::cannot read `no/such/Package.appxmanifest`: no such file or folder"
    ));
    let first = lines.iter().find(|l| l.contains("com-server-without-full-trust")).unwrap();
    assert!(
        first.starts_with("::error file=fixtures/examples/contoso-app/Package.appxmanifest,line=36,endLine=36,col=14,endColumn=27,title=com-server-without-full-trust (AX101)::application"),
        "{first}"
    );
    assert!(first.contains("%0Ahelp: add <rescap:Capability"), "{first}");
    // A warning is a warning annotation.
    let o = appxlint().args(["check", "-f", "github", WARN]).output().unwrap();
    assert!(stdout(&o).starts_with("::warning file="), "{}", stdout(&o));
}

#[test]
fn github_annotations_escape_hostile_paths_and_messages() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a,b:c%.appxmanifest", &read(APP));
    let o = appxlint().args(["check", "-f", "github", "a,b:c%.appxmanifest"]).current_dir(dir.path()).output().unwrap();
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 2, "{out}");
    for line in out.lines() {
        assert!(line.starts_with("::error file=a%2Cb%3Ac%25.appxmanifest,line="), "{line}");
    }
    // A path with a line break, `%`, `:` and `,` ends up in both a property and the message.
    let o = appxlint().args(["check", "-f", "github", "no/x\ny%,:z.appxmanifest"]).output().unwrap();
    assert_eq!(code(&o), 2);
    assert_eq!(
        stdout(&o),
        "::error file=no/x%0Ay%25%2C%3Az.appxmanifest,title=io-error (AX001)::cannot read `no/x%0Ay%25,:z.appxmanifest`: no such file or folder\n"
    );
    let o = appxlint().args(["check", "-f", "azure", "no/x\r\ny%;]z.appxmanifest"]).output().unwrap();
    assert_eq!(
        stdout(&o),
        "##vso[task.logissue type=error;sourcepath=no/x%0D%0Ay%AZP25%3B%5Dz.appxmanifest;code=io-error]cannot read `no/x%0D%0Ay%AZP25;]z.appxmanifest`: no such file or folder\n"
    );
}

#[test]
fn azure_logging_commands() {
    let out = stdout(&report("azure", &[]));
    assert!(out.lines().all(|l| l.starts_with("##vso[task.logissue type=")), "{out}");
    assert!(out.contains("##vso[task.logissue type=error;sourcepath=fixtures/examples/contoso-app/Package.appxmanifest;linenumber=36;columnnumber=14;code=com-server-without-full-trust]application"));
    let o = appxlint().args(["check", "-f", "azure", WARN]).output().unwrap();
    assert!(stdout(&o).starts_with("##vso[task.logissue type=warning;"));
}

#[test]
fn gitlab_code_quality() {
    let o = report("gitlab", &[]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let issues = v.as_array().unwrap();
    assert_eq!(issues.len(), 10);
    let mut fingerprints: Vec<&str> = issues.iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
    fingerprints.sort();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), issues.len(), "fingerprints are unique");
    for i in issues {
        for key in ["description", "check_name", "severity"] {
            assert!(!i[key].as_str().unwrap().is_empty(), "{key}");
        }
        assert!(i["location"]["path"].is_string());
        assert!(i["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
    }
    assert!(issues.iter().all(|i| i["severity"] == "major"));
    let o = appxlint().args(["check", "-f", "gitlab", WARN]).output().unwrap();
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v[0]["severity"], "minor");
    assert_eq!(v[0]["check_name"], "namespace-newer-than-min-version");
    // A clean run is an empty array, still valid JSON.
    let o = appxlint().args(["check", "-f", "gitlab", CLEAN]).output().unwrap();
    assert_eq!(stdout(&o), "[]\n");
}

#[test]
fn junit_report() {
    let out = stdout(&report("junit", &[]));
    appxlint::manifest::xml::parse(&out).expect("the JUnit report is well-formed XML");
    assert!(out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"appxlint\""));
    // One suite per file, a passing case for the clean file.
    assert_eq!(out.matches("<testsuite ").count(), 7);
    assert!(out.contains(
        "<testsuite name=\"fixtures/examples/fabrikam-tools/AppxManifest.xml\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\">\n    <testcase name=\"appxlint\""
    ));
    assert_eq!(out.matches("<failure ").count(), 10);
}

#[test]
fn markdown_summary() {
    let out = stdout(&report("markdown", &[]));
    assert!(
        out.starts_with(
            "## appxlint\n\n**10 errors**, **0 warnings** and **0 infos** in 6 files (7 files checked, 1 suppressed).\n"
        ),
        "{out}"
    );
    assert_eq!(out.lines().filter(|l| l.starts_with("| error |")).count(), 10);
    let o = appxlint().args(["check", "-f", "markdown", CLEAN]).output().unwrap();
    assert_eq!(stdout(&o), "## appxlint\n\nNo problems found in 1 file.\n");
}

#[test]
fn several_reports_from_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let sarif = dir.path().join("out.sarif");
    let github = dir.path().join("annotations.txt");
    let o = appxlint()
        .args(["check", "-f", "concise", "--color", "always"])
        .arg("--report")
        .arg(format!("sarif={}", sarif.display()))
        .arg("--report")
        .arg(format!("github={}", github.display()))
        .args(REPORT_INPUTS)
        .output()
        .unwrap();
    assert_eq!(code(&o), 2);
    assert_eq!(stdout(&o), stdout(&report("concise", &[])));
    assert_eq!(std::fs::read_to_string(&github).unwrap(), stdout(&report("github", &[])));
    assert_eq!(std::fs::read_to_string(&sarif).unwrap(), stdout(&report("sarif", &[])));
    for bad in ["sarif", "nope=x.txt", "sarif="] {
        let o = appxlint().args(["check", "--report", bad, CLEAN]).output().unwrap();
        assert_eq!(code(&o), 2, "{bad}");
    }
    // Folders are created; a file in the way is an error.
    let nested = dir.path().join("a/b/report.json");
    let o =
        appxlint().args(["check", "--report"]).arg(format!("json={}", nested.display())).arg(CLEAN).output().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(nested.is_file());
    let o = appxlint().args(["check", "--report", "json=Cargo.toml/x.json", CLEAN]).output().unwrap();
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("cannot write Cargo.toml/x.json"), "{}", stderr(&o));
}

#[test]
fn gate_fail_on_exit_zero_and_max_warnings() {
    let status = |args: &[&str]| code(&appxlint().arg("check").args(args).output().unwrap());
    assert_eq!(status(&[WARN]), 0, "warnings do not fail by default");
    assert_eq!(status(&["--fail-on", "warning", WARN]), 1);
    assert_eq!(status(&["--fail-on", "info", WARN]), 1);
    assert_eq!(status(&["--fail-on", "error", WARN]), 0);
    assert_eq!(status(&[APP]), 1);
    assert_eq!(status(&["--exit-zero", APP]), 0);
    assert_eq!(status(&["--exit-zero", APP, "no/such/file.xml"]), 2, "I/O errors still exit 2");
    assert_eq!(status(&["--max-warnings", "0", WARN]), 1);
    assert_eq!(status(&["--max-warnings", "1", WARN]), 0);
    assert_eq!(status(&["--max-warnings", "0", "--exit-zero", WARN]), 0);
    assert_eq!(status(&["--fail-on", "fatal", WARN]), 2);
    assert_eq!(status(&["--max-warnings", "-1", WARN]), 2);
    // Severity changes from the command line's point of view: an ignored rule cannot fail.
    assert_eq!(status(&["--ignore", "AX101,full-trust-process-without-full-trust", APP]), 0);
    assert_eq!(status(&["--select", "AX101", APP]), 1);
    assert_eq!(status(&["--ignore", "ALL", APP]), 0);
    let o = appxlint().args(["check", "--ignore", "no-such-rule", APP]).output().unwrap();
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("`no-such-rule` is not an appxlint rule"), "{}", stderr(&o));
    let o = appxlint().args(["check", "--ignore", "io-error", APP]).output().unwrap();
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("cannot be turned off"));
}

/// A folder with a config at the top, a nested config that wins for its subtree, and
/// manifests in both.
fn config_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let app = read(APP);
    write(dir.path(), "top/Package.appxmanifest", &app);
    write(dir.path(), "top/legacy/Package.appxmanifest", &app);
    write(dir.path(), "top/samples/Package.appxmanifest", &app);
    write(dir.path(), "top/templates/AppxManifest.xml.in", &app);
    write(dir.path(), "top/nested/Package.appxmanifest", &app);
    write(
        dir.path(),
        "top/appxlint.toml",
        r#"# the top configuration
exclude = ["samples/**"]
include = ["*.xml.in"]

[severity]
com-server-without-full-trust = "warning"

[per-file-ignores]
"legacy/**" = ["AX102"]
"#,
    );
    write(
        dir.path(),
        "top/nested/.appxlint.toml",
        "ignore = [\"full-trust-process-without-full-trust\"]\nfail-on = \"warning\"\n",
    );
    dir
}

fn findings(dir: &Path, args: &[&str]) -> (i32, Vec<String>) {
    let o = appxlint().args(["check", "-f", "json"]).args(args).current_dir(dir).output().unwrap();
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}: {}{}", stdout(&o), stderr(&o)));
    let mut out = Vec::new();
    for f in v["files"].as_array().unwrap() {
        for d in f["diagnostics"].as_array().unwrap() {
            out.push(format!(
                "{} {} {}",
                f["path"].as_str().unwrap(),
                d["severity"].as_str().unwrap(),
                d["name"].as_str().unwrap()
            ));
        }
        if f["diagnostics"].as_array().unwrap().is_empty() {
            out.push(format!("{} clean", f["path"].as_str().unwrap()));
        }
    }
    (code(&o), out)
}

#[test]
fn config_discovery_closest_file_wins() {
    let dir = config_tree();
    let (status, found) = findings(dir.path(), &["top"]);
    assert_eq!(
        found,
        [
            "top/Package.appxmanifest warning com-server-without-full-trust",
            "top/Package.appxmanifest error full-trust-process-without-full-trust",
            "top/legacy/Package.appxmanifest warning com-server-without-full-trust",
            // The nested file wins alone: its rules, the default severity, fail-on warning.
            "top/nested/Package.appxmanifest error com-server-without-full-trust",
            "top/templates/AppxManifest.xml.in warning com-server-without-full-trust",
            "top/templates/AppxManifest.xml.in error full-trust-process-without-full-trust",
        ]
    );
    assert_eq!(status, 1);
    // Run from inside a folder: the file is still found by walking up.
    let (_, found) = findings(&dir.path().join("top/legacy"), &["Package.appxmanifest"]);
    assert_eq!(found, ["Package.appxmanifest warning com-server-without-full-trust"]);
    // fail-on of the nested configuration: a warning fails.
    let nested = dir.path().join("top/nested");
    std::fs::write(
        nested.join(".appxlint.toml"),
        "ignore = [\"AX102\"]\nfail-on = \"warning\"\n[severity]\nAX101 = \"warning\"\n",
    )
    .unwrap();
    let (status, found) = findings(&nested, &["."]);
    assert_eq!(found, ["Package.appxmanifest warning com-server-without-full-trust"]);
    assert_eq!(status, 1);
    // The command line overrides it.
    assert_eq!(findings(&nested, &["--fail-on", "error", "."]).0, 0);
}

#[test]
fn config_flag_and_no_config() {
    let dir = config_tree();
    // --no-config: every manifest, default rules, default walk.
    let (_, found) = findings(dir.path(), &["--no-config", "top"]);
    assert_eq!(found.len(), 8, "{found:?}");
    assert!(found.iter().any(|f| f.starts_with("top/samples/")));
    assert!(!found.iter().any(|f| f.contains(".xml.in")));
    // --config: one file for every input, the nested one is not read.
    write(dir.path(), "ci.toml", "select = [\"AX102\"]\n");
    let (_, found) = findings(dir.path(), &["--config", "ci.toml", "top/nested", "top/legacy"]);
    assert_eq!(
        found,
        [
            "top/legacy/Package.appxmanifest error full-trust-process-without-full-trust",
            "top/nested/Package.appxmanifest error full-trust-process-without-full-trust",
        ]
    );
    // Command-line selection overrides the configuration.
    let (_, found) = findings(dir.path(), &["--ignore", "AX101", "top/Package.appxmanifest"]);
    assert_eq!(found, ["top/Package.appxmanifest error full-trust-process-without-full-trust"]);
    let (_, found) = findings(dir.path(), &["--extend-select", "AX102", "top/legacy"]);
    assert_eq!(
        found,
        ["top/legacy/Package.appxmanifest warning com-server-without-full-trust"],
        "per-file-ignores come last"
    );
    let o = appxlint().args(["check", "--config", "missing.toml", "top"]).current_dir(dir.path()).output().unwrap();
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("cannot read missing.toml: no such file or folder"), "{}", stderr(&o));
    let o = appxlint()
        .args(["check", "--config", "ci.toml", "--no-config", "top"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(code(&o), 2);
}

#[test]
fn config_mistakes_exit_2_naming_file_and_line() {
    let dir = config_tree();
    let run = |dir: &Path| {
        let o = appxlint().args(["check", "top"]).current_dir(dir).output().unwrap();
        (code(&o), stdout(&o), stderr(&o))
    };
    // An unknown key.
    write(dir.path(), "top/nested/.appxlint.toml", "fail-on = \"warning\"\n\nignored = [\"AX101\"]\n");
    let (status, out, err) = run(dir.path());
    assert_eq!(status, 2);
    assert!(out.is_empty(), "nothing is linted: {out}");
    assert!(err.contains("top/nested/.appxlint.toml:3:1: unknown field `ignored`"), "{err}");
    assert!(err.contains("3 │ ignored = [\"AX101\"]"), "{err}");
    // An unknown rule name, in a list and as a [severity] key.
    write(
        dir.path(),
        "top/nested/.appxlint.toml",
        "ignore = [\"AX101\", \"oop-server-nam-invalid\"]\n[severity]\nno-such = \"info\"\n",
    );
    let (status, _, err) = run(dir.path());
    assert_eq!(status, 2);
    assert!(err.contains("top/nested/.appxlint.toml:1:20: `oop-server-nam-invalid` is not an appxlint rule"), "{err}");
    assert!(err.contains("did you mean `oop-server-name-invalid`?"), "{err}");
    assert!(err.contains("top/nested/.appxlint.toml:3:1: `no-such` is not an appxlint rule"), "{err}");
    // A TOML syntax error.
    write(dir.path(), "top/nested/.appxlint.toml", "ignore = [\"AX101\"\n");
    let (status, _, err) = run(dir.path());
    assert_eq!(status, 2);
    assert!(err.contains("top/nested/.appxlint.toml:"), "{err}");
    // Two configuration files in one folder.
    write(dir.path(), "top/nested/.appxlint.toml", "");
    write(dir.path(), "top/nested/appxlint.toml", "");
    let (status, _, err) = run(dir.path());
    assert_eq!(status, 2);
    assert!(err.contains("both appxlint.toml and .appxlint.toml exist in top/nested; keep one"), "{err}");
    // With --no-config the broken files are not read.
    let o = appxlint().args(["check", "--no-config", "top"]).current_dir(dir.path()).output().unwrap();
    assert_eq!(code(&o), 1);
}

#[test]
fn config_command_prints_the_settings_in_force() {
    let dir = config_tree();
    let o = appxlint().args(["config", "top/legacy/Package.appxmanifest"]).current_dir(dir.path()).output().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("config file:  top/appxlint.toml\n"), "{out}");
    assert!(out.contains("fail-on:      error\n"));
    assert!(out.contains("exclude:      samples/**\n"));
    assert!(
        out.contains("per-file-ignores matching: \"legacy/**\" = full-trust-process-without-full-trust\n"),
        "{out}"
    );
    let n = appxlint::rules::RULES.len();
    assert!(out.contains(&format!("rules: {} of {n} enabled", n - 1)), "{out}");
    let row = |name: &str| -> Vec<String> {
        let line =
            out.lines().find(|l| l.split_whitespace().nth(1) == Some(name)).unwrap_or_else(|| panic!("{name}: {out}"));
        line.split_whitespace().map(str::to_string).collect()
    };
    assert_eq!(
        row("com-server-without-full-trust"),
        ["on", "com-server-without-full-trust", "AX101", "warning", "(severity", "from", "config)"]
    );
    assert_eq!(
        row("full-trust-process-without-full-trust"),
        ["off", "full-trust-process-without-full-trust", "AX102", "-"]
    );
    assert_eq!(row("io-error"), ["on", "io-error", "AX001", "error"]);
    let o = appxlint().args(["config", "top/nested"]).current_dir(dir.path()).output().unwrap();
    let out = stdout(&o);
    assert!(out.starts_with("Settings for files in top/nested\n"), "{out}");
    assert!(out.contains("config file:  top/nested/.appxlint.toml\n"), "{out}");
    assert!(out.contains("fail-on:      warning\n"));
    let o = appxlint()
        .args(["config", "--no-config", "--fail-on", "info", "top/nested"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let out = stdout(&o);
    assert!(out.contains("config file:  none (built-in defaults)\n") && out.contains("fail-on:      info\n"), "{out}");
}

#[test]
fn force_exclude_applies_exclusions_to_named_files() {
    let dir = config_tree();
    let (_, found) = findings(dir.path(), &["top/samples/Package.appxmanifest"]);
    assert_eq!(found.len(), 1 + 1, "a named file is linted: {found:?}");
    let (status, found) = findings(dir.path(), &["--force-exclude", "top/samples/Package.appxmanifest"]);
    assert_eq!((status, found.len()), (0, 0));
    let (_, found) =
        findings(dir.path(), &["--force-exclude", "--exclude", "top/legacy/*", "top/legacy/Package.appxmanifest"]);
    assert!(found.is_empty());
    // Globs naming a folder exclude the files below it, as they do when walking.
    let (_, found) =
        findings(dir.path(), &["--force-exclude", "--exclude", "top/legacy", "top/legacy/Package.appxmanifest"]);
    assert!(found.is_empty(), "{found:?}");
    write(dir.path(), "top/appxlint.toml", "exclude = [\"legacy\"]\n");
    let (_, found) = findings(dir.path(), &["--force-exclude", "top/legacy/Package.appxmanifest"]);
    assert!(found.is_empty(), "{found:?}");
    let (_, found) = findings(dir.path(), &["--force-exclude", "top/Package.appxmanifest"]);
    assert!(!found.is_empty());
    let (_, found) = findings(dir.path(), &["top/legacy/Package.appxmanifest"]);
    assert!(!found.is_empty(), "without --force-exclude a named file is linted");
}

/// A manifest with the given comment inserted before `<Capabilities>` and a trailing
/// file-scope comment.
fn with_comments(before_capabilities: &str, file_comment: &str) -> String {
    read(APP).replacen("  <Capabilities>", &format!("  {before_capabilities}\n  <Capabilities>"), 1).replacen(
        "</Package>",
        &format!("{file_comment}\n</Package>"),
        1,
    )
}

#[test]
fn suppressions_unused_and_unknown_rules() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "Package.appxmanifest",
        &with_comments(
            "<!-- appxlint: ignore loopback-without-private-network no loopback here -->",
            "<!-- appxlint: ignore-file com-server-without-full-trust, no-such-rule reviewed -->",
        ),
    );
    let (status, found) = findings(dir.path(), &["."]);
    assert_eq!(
        found,
        [
            "Package.appxmanifest error full-trust-process-without-full-trust",
            "Package.appxmanifest warning unused-suppression",
            "Package.appxmanifest warning invalid-suppression",
        ]
    );
    assert_eq!(status, 1);
    let o = appxlint().args(["check", "-f", "concise", "."]).current_dir(dir.path()).output().unwrap();
    let out = stdout(&o);
    assert!(out.contains("warning unused-suppression: unused suppression: `loopback-without-private-network` reports nothing in the element after this comment"), "{out}");
    assert!(out.contains("warning invalid-suppression: `no-such-rule` is not an appxlint rule"), "{out}");
    // The summary counts the suppressed finding.
    let o = appxlint().args(["check", "."]).current_dir(dir.path()).output().unwrap();
    assert!(stdout(&o).contains("1 suppressed"), "{}", stdout(&o));
    // They are findings like any other: configuration can turn them off.
    let (_, found) = findings(dir.path(), &["--ignore", "unused-suppression,invalid-suppression", "."]);
    assert_eq!(found, ["Package.appxmanifest error full-trust-process-without-full-trust"]);
}

#[test]
fn suppressing_a_cross_file_loopback_finding_in_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let base = "fixtures/rules/loopback-rule-not-reciprocated/fail-server-lacks-in-rule";
    write(dir.path(), "client/Package.appxmanifest", &read(&format!("{base}/client/Package.appxmanifest")));
    let server = read(&format!("{base}/server/Package.appxmanifest"));
    let commented = server.replacen(
        "          <uap4:LoopbackAccessRules>",
        "          <!-- appxlint: ignore loopback-rule-not-reciprocated the client is retired in 2.0 -->\n          <uap4:LoopbackAccessRules>",
        1,
    );
    assert_ne!(commented, server);
    write(dir.path(), "server/Package.appxmanifest", &commented);
    let (status, found) = findings(dir.path(), &["."]);
    // The server's end is suppressed; the client's end is still reported; the comment is used.
    assert_eq!(
        found,
        ["client/Package.appxmanifest error loopback-rule-not-reciprocated", "server/Package.appxmanifest clean"]
    );
    assert_eq!(status, 1);
    let (_, found) = findings(dir.path(), &["--show-suppressed", "."]);
    assert_eq!(found.len(), 2);
    let o = appxlint().args(["check", "-f", "json", "."]).current_dir(dir.path()).output().unwrap();
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["summary"]["suppressed"], 1);
    // Linted alone, the server has no cross-file finding: the suppression is unused.
    let (_, found) = findings(dir.path(), &["server"]);
    assert_eq!(found, ["server/Package.appxmanifest warning unused-suppression"]);
}

#[test]
fn rule_pages_on_the_terminal() {
    let o = appxlint().args(["rule", "loopback-rule-not-reciprocated"]).output().unwrap();
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert!(out.starts_with("loopback-rule-not-reciprocated (AX202, error by default)\n"));
    assert!(out.contains("\nHOW TO FIX\n") && !out.contains("```") && !out.contains('\u{1b}'), "{out}");
    let o = appxlint().args(["--explain", "AX202"]).output().unwrap();
    assert_eq!(stdout(&o), out);
    let o = appxlint().args(["rule", "AX202"]).env("CLICOLOR_FORCE", "1").output().unwrap();
    assert!(stdout(&o).contains('\u{1b}'));
    let o = appxlint().args(["--color", "always", "rule", "AX202"]).env("NO_COLOR", "1").output().unwrap();
    assert!(stdout(&o).contains('\u{1b}'));
    let o = appxlint().args(["rule", "loopback-rule-not-reciprocate"]).output().unwrap();
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("did you mean `loopback-rule-not-reciprocated`?"), "{}", stderr(&o));
}

#[test]
fn completions_and_manual_page() {
    for (shell, needle) in [
        ("bash", "_appxlint()"),
        ("zsh", "#compdef appxlint"),
        ("fish", "complete -c appxlint"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "appxlint"),
    ] {
        let o = appxlint().args(["completions", shell]).output().unwrap();
        assert_eq!(code(&o), 0, "{shell}");
        let out = stdout(&o);
        assert!(out.contains(needle), "{shell}: {}", &out[..out.len().min(300)]);
        assert!(out.contains("fail-on"), "{shell}: options of check are completed");
    }
    let o = appxlint().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(code(&o), 2);
    let o = appxlint().args(["manpage"]).output().unwrap();
    let out = stdout(&o);
    assert!(out.contains(".TH appxlint 1"), "{out}");
    assert!(out.contains("appxlint\\-check"), "subcommands are listed");
}

/// The `run:` script of a step of `action.yml`, found by its `id:` or `name:` (the block
/// scalar's lines, unindented).
fn action_script(step: &str) -> String {
    let text = read("action.yml");
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| l.trim() == step).unwrap_or_else(|| panic!("no step `{step}`"));
    let run = start + lines[start..].iter().position(|l| l.trim() == "run: |").unwrap();
    let indent = lines[run + 1].len() - lines[run + 1].trim_start().len();
    let mut script = String::new();
    for l in &lines[run + 1..] {
        if !l.trim().is_empty() && l.len() - l.trim_start().len() < indent {
            break;
        }
        script.push_str(l.get(indent..).unwrap_or(""));
        script.push('\n');
    }
    script
}

#[cfg(unix)]
#[test]
fn the_github_action_runs_appxlint_and_writes_outputs() {
    let script = action_script("id: run");
    assert!(!script.contains("${{"), "inputs reach the script through the environment only");
    let dir = tempfile::tempdir().unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_appxlint")).parent().unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let outputs = dir.path().join("outputs");
    let summary = dir.path().join("summary.md");
    let sarif = dir.path().join("results.sarif");
    let run = |paths: &str, fail_on: &str| {
        std::fs::write(&outputs, "").unwrap();
        std::fs::write(&summary, "").unwrap();
        let o = std::process::Command::new("bash")
            .arg("-c")
            .arg(&script)
            .current_dir(root())
            .env("PATH", &path)
            .env("RUNNER_TEMP", dir.path())
            .env("GITHUB_OUTPUT", &outputs)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("INPUT_PATHS", paths)
            .env("INPUT_ARGS", "--ignore AX402")
            .env("INPUT_FAIL_ON", fail_on)
            .env("INPUT_ANNOTATIONS", "true")
            .env("INPUT_SUMMARY", "true")
            .env("INPUT_SARIF", &sarif)
            .output()
            .unwrap();
        (code(&o), stdout(&o), std::fs::read_to_string(&outputs).unwrap(), std::fs::read_to_string(&summary).unwrap())
    };
    let (status, out, outs, md) = run("fixtures/examples/contoso-app fixtures/examples/loopback", "");
    assert_eq!(status, 1, "{out}");
    assert!(out.contains("error[com-server-without-full-trust]"), "the human report is in the log: {out}");
    assert!(out.contains("\n::error file=fixtures/examples/contoso-app/Package.appxmanifest,line=36,"), "{out}");
    assert!(outs.contains("exit-code=1\n") && outs.contains("errors=5\n") && outs.contains("warnings=0\n"), "{outs}");
    assert!(outs.contains(&format!("sarif-file={}\n", sarif.display())), "{outs}");
    assert!(md.starts_with("## appxlint\n\n**5 errors**"), "{md}");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 5);
    // A warning fails only from the threshold given.
    let (status, _, outs, _) = run(WARN, "");
    assert_eq!((status, outs.contains("warnings=1\n")), (0, true), "{outs}");
    let (status, out, _, _) = run(WARN, "warning");
    assert_eq!(status, 1);
    assert!(out.contains("::warning file="));
}
