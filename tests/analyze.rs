//! `appxlint analyze`: what each package may do and which channels connect them.

use std::path::PathBuf;

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
    c
}

fn run(args: &[&str]) -> (i32, String) {
    let o = appxlint().arg("analyze").args(args).output().unwrap();
    (o.status.code().unwrap(), String::from_utf8(o.stdout).unwrap())
}

fn json(args: &[&str]) -> Value {
    let (_, out) = run(&[args, &["-f", "json"]].concat());
    serde_json::from_str(&out).unwrap()
}

const SUITE: &str = "fixtures/analyze/ipc";

/// The connections of a JSON report as `from -> to mechanism status` lines, with
/// packages named by their family name's name part.
fn edges(v: &Value) -> Vec<String> {
    let name = |p: &Value| match p["kind"].as_str().unwrap() {
        "package" => p["familyName"].as_str().unwrap().split('_').next().unwrap().to_string(),
        "any" => "*".into(),
        "outsidePackage" => format!("outside:{}", p["familyName"].as_str().unwrap()),
        "outsidePublisher" => format!("publisher:{}", p["publisherId"].as_str().unwrap()),
        other => panic!("unknown peer kind {other}"),
    };
    v["connections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{} -> {} {} {}",
                name(&c["from"]),
                name(&c["to"]),
                c["mechanism"].as_str().unwrap(),
                c["status"].as_str().unwrap()
            )
        })
        .collect()
}

fn package<'v>(v: &'v Value, name: &str) -> &'v Value {
    v["packages"].as_array().unwrap().iter().find(|p| p["name"] == name).unwrap_or_else(|| panic!("no package {name}"))
}

fn ipc<'v>(p: &'v Value, mechanism: &str) -> &'v Value {
    p["ipc"].as_array().unwrap().iter().find(|e| e["mechanism"] == mechanism).unwrap()
}

#[test]
fn connections_between_the_suite_packages() {
    let v = json(&[SUITE]);
    let e = edges(&v);
    for expected in [
        // Reciprocated rules and the capability on both ends.
        "Contoso.Gallery -> Contoso.Hub loopback ok",
        // Reciprocated, but Contoso.Sync lacks privateNetworkClientServer.
        "Contoso.Gallery -> Contoso.Sync loopback blocked",
        // Both declare the folder and share the publisher.
        "Contoso.Gallery -> Contoso.Hub file-system ok",
        // The Hub's permissions admit app containers.
        "Contoso.Gallery -> Contoso.Hub com ok",
        "Fabrikam.Telemetry -> Contoso.Gallery app-services ok",
        "Contoso.Hub -> Contoso.Gallery launch-for-results ok",
        "Contoso.Gallery -> Fabrikam.Telemetry rpc conditional",
    ] {
        assert!(e.contains(&expected.to_string()), "missing {expected:?} in {e:#?}");
    }
    // Hub declares the Logs folder alone: no channel.
    assert!(!v["connections"].to_string().contains("Logs"), "{e:#?}");
    // Problems sort first.
    assert_eq!(e[0], "Contoso.Gallery -> Contoso.Sync loopback blocked");
}

#[test]
fn one_sided_and_outside_loopback_rules() {
    let e = edges(&json(&["fixtures/examples/loopback"]));
    assert_eq!(
        e,
        [
            "Contoso.Dashboard -> Contoso.MetricsService loopback one-sided",
            "outside:Contoso.Dashbaord_hqrfffj068n1a -> Contoso.MetricsService loopback unknown-peer",
        ]
    );
    // Each end alone: the rule names a package outside the run.
    let e = edges(&json(&["fixtures/examples/loopback/client"]));
    assert_eq!(e, ["Contoso.Dashboard -> outside:Contoso.MetricsService_hqrfffj068n1a loopback unknown-peer"]);
}

#[test]
fn com_servers_without_run_full_trust_are_blocked() {
    let v = json(&["fixtures/examples"]);
    let e = edges(&v);
    assert!(e.contains(&"Fabrikam.Tools -> Contoso.PhotoEditor com blocked".to_string()), "{e:#?}");
    // App-container callers of a COM server without launch permissions for them.
    assert!(e.contains(&"Contoso.Widgets -> Fabrikam.Tools com conditional".to_string()), "{e:#?}");
    // WinRT out-of-process servers are for Win32 (full-trust) callers only.
    assert!(e.contains(&"Fabrikam.Tools -> Contoso.Widgets com ok".to_string()), "{e:#?}");
    assert!(!e.contains(&"Contoso.PhotoEditor -> Contoso.Widgets com ok".to_string()), "{e:#?}");
    let photo = package(&v, "Contoso.PhotoEditor");
    assert_eq!(photo["trust"], "appContainer");
    assert_eq!(ipc(photo, "com")["offered"], true);
    assert_eq!(ipc(photo, "com")["missing"][0], "runFullTrust (packaged COM servers need it)");
    let tools = package(&v, "Fabrikam.Tools");
    assert_eq!(tools["trust"], "fullTrust");
    assert_eq!(ipc(tools, "full-trust-launcher")["usable"], "yes");
    assert_eq!(ipc(tools, "pipes")["usable"], "yes");
}

#[test]
fn large_runs_draw_open_endpoints_from_any_package() {
    // More packages than the pairwise limit: one edge per endpoint.
    let v = json(&[SUITE, "fixtures/examples"]);
    assert_eq!(v["packages"].as_array().unwrap().len(), 9);
    let e = edges(&v);
    assert!(e.contains(&"* -> Contoso.Gallery app-services ok".to_string()), "{e:#?}");
    assert!(e.contains(&"* -> Contoso.PhotoEditor com blocked".to_string()), "{e:#?}");
    assert!(!e.iter().any(|x| x.contains("app-services") && !x.starts_with('*')), "{e:#?}");
}

#[test]
fn fail_on_broken_sets_the_exit_code() {
    assert_eq!(run(&[SUITE]).0, 0);
    assert_eq!(run(&[SUITE, "--fail-on-broken"]).0, 1);
    assert_eq!(run(&["fixtures/analyze/ipc/hub", "--fail-on-broken"]).0, 0);
    // Inputs that cannot be parsed: 2; legacy manifests are listed, not failed.
    assert_eq!(run(&["fixtures/rules/xml-malformed/fail-unclosed-root.xml"]).0, 2);
    assert_eq!(run(&["fixtures/rules/legacy-manifest/fail-windows81.xml"]).0, 0);
    // Unreadable input: 2, and the rest is still analyzed.
    let (code, out) = run(&["no/such/Package.appxmanifest", "fixtures/analyze/ipc/hub"]);
    assert_eq!(code, 2);
    assert!(out.contains("Contoso.Hub"), "{out}");
    assert!(out.contains("no/such/Package.appxmanifest: not analyzed: io-error"), "{out}");
}

#[test]
fn every_input_appears_in_the_report() {
    let v = json(&["fixtures/rules/legacy-manifest", "fixtures/rules/xml-malformed", SUITE, "--include", "*.xml"]);
    let analyzed = v["packages"].as_array().unwrap().len();
    let skipped = v["skipped"].as_array().unwrap();
    let files = std::fs::read_dir(root().join("fixtures/rules/legacy-manifest")).unwrap().count()
        + std::fs::read_dir(root().join("fixtures/rules/xml-malformed")).unwrap().count()
        + 4;
    assert_eq!(analyzed + skipped.len(), files);
    for s in skipped {
        assert!(!s["reason"].as_str().unwrap().is_empty());
    }
}

#[test]
fn placeholder_entry_points_follow_the_capability() {
    let text = "<Package xmlns=\"http://schemas.microsoft.com/appx/manifest/foundation/windows10\" \
        xmlns:rescap=\"http://schemas.microsoft.com/appx/manifest/foundation/windows10/restrictedcapabilities\">\
        <Identity Name=\"A.B\" Publisher=\"CN=A\" Version=\"1.0.0.0\"/>\
        <Applications><Application Id=\"App\" Executable=\"$targetnametoken$.exe\" EntryPoint=\"$targetentrypoint$\"/></Applications>\
        <Capabilities><rescap:Capability Name=\"runFullTrust\"/></Capabilities></Package>";
    let o = appxlint().args(["analyze", "-f", "json", "-"]).write_stdin(text).output().unwrap();
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["packages"][0]["applications"][0]["trust"], "fullTrust");
    let o = appxlint()
        .args(["analyze", "-f", "json", "-"])
        .write_stdin(text.replace("runFullTrust", "broadFileSystemAccess"))
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["packages"][0]["applications"][0]["trust"], "appContainer");
}

fn close_objects(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                map.insert("additionalProperties".into(), Value::Bool(false));
            }
            map.values_mut().for_each(close_objects);
        }
        Value::Array(items) => items.iter_mut().for_each(close_objects),
        _ => {}
    }
}

#[test]
fn report_follows_its_schema() {
    let mut schema: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("docs/analyze-report.schema.json")).unwrap())
            .unwrap();
    // The published schema lets consumers ignore new fields; the test holds the report
    // to exactly what the schema describes.
    close_objects(&mut schema);
    let validator = jsonschema::validator_for(&schema).unwrap();
    for args in [
        vec![SUITE],
        vec!["fixtures/analyze/ipc/gallery"],
        vec!["fixtures/examples"],
        vec![SUITE, "fixtures/examples"],
        vec!["fixtures/rules/legacy-manifest", "no/such/file.xml"],
    ] {
        let v = json(&args);
        let errors: Vec<String> =
            validator.iter_errors(&v).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{args:?}: {errors:#?}");
    }
}

#[test]
fn output_does_not_depend_on_argument_order() {
    for format in ["text", "json", "dot", "mermaid"] {
        let a = run(&[SUITE, "fixtures/examples", "-f", format]).1;
        let b = run(&["fixtures/examples", "fixtures/analyze/ipc/sync", SUITE, "-f", format]).1;
        assert_eq!(a, b, "{format}");
    }
}

#[test]
fn snapshots() {
    for format in ["text", "json", "dot", "mermaid"] {
        let (_, out) = run(&[SUITE, "-f", format]);
        insta::assert_snapshot!(format!("suite_{format}"), out);
    }
    let (_, out) = run(&["fixtures/examples"]);
    insta::assert_snapshot!("examples_text", out);
}

/// The picture in docs/analyze-report.md is drawn from this graph.
#[test]
fn docs_example_graph_is_current() {
    let (_, out) = run(&[SUITE, "-f", "dot"]);
    let path = root().join("docs/analyze-example.dot");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &out).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == out,
        "docs/analyze-example.dot is stale; run `UPDATE_DOCS=1 cargo test --test analyze`, then `dot -Tsvg docs/analyze-example.dot -o docs/analyze-example.svg`"
    );
}

/// A real manifest from the corpus beside the checkout (skipped without it): Windows
/// Terminal registers COM servers and runs with full trust.
#[test]
fn windows_terminal_from_the_corpus() {
    let shared = std::env::var("APPXLINT_SHARED").map(PathBuf::from).unwrap_or_else(|_| root().join("../shared"));
    let path = shared.join("corpus/real/microsoft__terminal__src__cascadia__CascadiaPackage__Package.appxmanifest");
    if !path.exists() {
        eprintln!("skipped: {} not found", path.display());
        return;
    }
    let v = json(&[path.to_str().unwrap()]);
    let p = &v["packages"][0];
    assert_eq!(p["familyName"], "Microsoft.WindowsTerminal_8wekyb3d8bbwe");
    assert_eq!(p["trust"], "fullTrust");
    let com = ipc(p, "com");
    assert_eq!(com["offered"], true);
    assert_eq!(com["usable"], "yes");
    let declared: Vec<&str> = com["declared"].as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect();
    assert!(declared.iter().any(|d| d.starts_with("COM server OpenConsole.exe")), "{declared:?}");
    assert!(declared.iter().any(|d| d.starts_with("COM server WindowsTerminal.exe")), "{declared:?}");
    assert!(com["missing"].as_array().unwrap().is_empty());
}

#[test]
fn configuration_excludes_apply_when_walking() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["gallery", "hub", "sync", "telemetry"] {
        let to = dir.path().join(name);
        std::fs::create_dir_all(&to).unwrap();
        std::fs::copy(root().join(SUITE).join(name).join("Package.appxmanifest"), to.join("Package.appxmanifest"))
            .unwrap();
    }
    std::fs::write(dir.path().join("appxlint.toml"), "exclude = [\"sync/**\"]\n").unwrap();
    let o = appxlint().current_dir(dir.path()).args(["analyze", "-f", "json", "."]).output().unwrap();
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let names: Vec<&str> = v["packages"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Contoso.Gallery", "Contoso.Hub", "Fabrikam.Telemetry"]);
    let o = appxlint().current_dir(dir.path()).args(["analyze", "-f", "json", "--no-config", "."]).output().unwrap();
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["packages"].as_array().unwrap().len(), 4);
}

/// A minimal package manifest for stdin-free tests written into a temporary folder.
fn package_xml(name: &str, extra_ns: &str, app_ext: &str, caps: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<Package xmlns="http://schemas.microsoft.com/appx/manifest/foundation/windows10"
         xmlns:uap="http://schemas.microsoft.com/appx/manifest/uap/windows10"
         xmlns:uap4="http://schemas.microsoft.com/appx/manifest/uap/windows10/4"
         xmlns:rescap="http://schemas.microsoft.com/appx/manifest/foundation/windows10/restrictedcapabilities"{extra_ns}
         IgnorableNamespaces="uap uap4 rescap">
  <Identity Name="{name}" Publisher="CN=Contoso" Version="1.0.0.0"/>
  <Properties>
    <DisplayName>{name}</DisplayName>
    <PublisherDisplayName>Contoso</PublisherDisplayName>
    <Logo>Assets\StoreLogo.png</Logo>
  </Properties>
  <Dependencies>
    <TargetDeviceFamily Name="Windows.Desktop" MinVersion="10.0.17763.0" MaxVersionTested="10.0.22621.0"/>
  </Dependencies>
  <Resources>
    <Resource Language="en-us"/>
  </Resources>
  <Applications>
    <Application Id="App" Executable="App.exe" EntryPoint="App.App">
      <uap:VisualElements DisplayName="{name}" Description="{name}" BackgroundColor="transparent"
                          Square150x150Logo="Assets\Logo150.png" Square44x44Logo="Assets\Logo44.png"/>
      <Extensions>
{app_ext}
      </Extensions>
    </Application>
  </Applications>
  <Capabilities>
{caps}
  </Capabilities>
</Package>
"#
    )
}

fn loopback(dir: &str, pfn: &str) -> String {
    format!(
        r#"        <uap4:Extension Category="windows.loopbackAccessRules">
          <uap4:LoopbackAccessRules>
            <uap4:Rule Direction="{dir}" PackageFamilyName="{pfn}"/>
          </uap4:LoopbackAccessRules>
        </uap4:Extension>"#
    )
}

fn analyze_tree(files: &[(&str, String)]) -> (i32, Value, Value) {
    let dir = tempfile::tempdir().unwrap();
    for (rel, text) in files {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let o = appxlint().current_dir(dir.path()).args(["analyze", "-f", "json", "--no-config", "."]).output().unwrap();
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let o = appxlint().current_dir(dir.path()).args(["check", "-f", "json", "--no-config", "."]).output().unwrap();
    let c: Value = serde_json::from_slice(&o.stdout).unwrap();
    (o.status.code().unwrap(), v, c)
}

fn rule_names(check: &Value) -> Vec<String> {
    let mut out: Vec<String> = check["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap().iter().map(|d| d["name"].as_str().unwrap().to_string()))
        .collect();
    out.sort();
    out.dedup();
    out
}

const PRIVATE: &str = r#"    <Capability Name="privateNetworkClientServer"/>"#;

#[test]
fn an_invalid_family_name_blocks_the_loopback_pair_in_check_and_analyze() {
    let (_, v, c) = analyze_tree(&[
        (
            "client/Package.appxmanifest",
            package_xml("Contoso.Client", "", &loopback("out", "Contoso.Server_h91ms92gdsmmt"), PRIVATE),
        ),
        // The publisher id in upper case: not a family name.
        (
            "server/Package.appxmanifest",
            package_xml("Contoso.Server", "", &loopback("in", "CONTOSO.CLIENT_H91MS92GDSMMT"), PRIVATE),
        ),
    ]);
    assert_eq!(edges(&v), ["Contoso.Client -> Contoso.Server loopback blocked"], "{v:#}");
    assert!(rule_names(&c).contains(&"loopback-family-name-invalid".to_string()), "{:?}", rule_names(&c));
    let (_, v, _) = analyze_tree(&[
        (
            "client/Package.appxmanifest",
            package_xml("Contoso.Client", "", &loopback("out", "Contoso.Server_h91ms92gdsmmt"), PRIVATE),
        ),
        (
            "server/Package.appxmanifest",
            package_xml("Contoso.Server", "", &loopback("in", "contoso.client_h91ms92gdsmmt"), PRIVATE),
        ),
    ]);
    assert_eq!(edges(&v), ["Contoso.Client -> Contoso.Server loopback ok"]);
}

#[test]
fn both_ends_lacking_the_capability_are_named() {
    let (_, v, _) = analyze_tree(&[
        (
            "client/Package.appxmanifest",
            package_xml("Contoso.Client", "", &loopback("out", "Contoso.Server_h91ms92gdsmmt"), ""),
        ),
        (
            "server/Package.appxmanifest",
            package_xml("Contoso.Server", "", &loopback("in", "Contoso.Client_h91ms92gdsmmt"), ""),
        ),
    ]);
    let detail = v["connections"][0]["detail"].as_str().unwrap();
    assert_eq!(detail, "rules on both sides, but Contoso.Client and Contoso.Server lack privateNetworkClientServer");
}

const COM_NS: &str = "\n         xmlns:com=\"http://schemas.microsoft.com/appx/manifest/com/windows10\"";

fn com_server(server: &str) -> String {
    format!(
        r#"        <com:Extension Category="windows.comServer">
          <com:ComServer>
            {server}
          </com:ComServer>
        </com:Extension>"#
    )
}

#[test]
fn analyze_blocks_exactly_the_servers_check_reports() {
    let exe = com_server(
        r#"<com:ExeServer Executable="Server.exe" DisplayName="Server"><com:Class Id="0c7a8ae4-8ae5-4d39-9b4e-6c1e6a8d2f11"/></com:ExeServer>"#,
    );
    let surrogate = com_server(
        r#"<com:SurrogateServer DisplayName="Surrogate"><com:Class Id="0c7a8ae4-8ae5-4d39-9b4e-6c1e6a8d2f12" Path="Handler.dll" ThreadingModel="Both"/></com:SurrogateServer>"#,
    );
    let caller = package_xml("Contoso.Caller", "", "", "");
    for (server, check_rule, status) in
        [(&exe, Some("com-server-without-full-trust"), "blocked"), (&surrogate, None, "conditional")]
    {
        let (_, v, c) = analyze_tree(&[
            ("caller/Package.appxmanifest", caller.clone()),
            ("server/Package.appxmanifest", package_xml("Contoso.Server", COM_NS, server, "")),
        ]);
        assert_eq!(edges(&v), [format!("Contoso.Caller -> Contoso.Server com {status}")]);
        let names = rule_names(&c);
        match check_rule {
            Some(r) => assert!(names.contains(&r.to_string()), "{names:?}"),
            None => assert!(!names.iter().any(|n| n.contains("full-trust")), "{names:?}"),
        }
        let server_pkg = package(&v, "Contoso.Server");
        assert_eq!(ipc(server_pkg, "com")["missing"].as_array().unwrap().is_empty(), check_rule.is_none());
    }
}
