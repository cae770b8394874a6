//! Parallel runs: the report is byte-identical whatever the number of threads, and
//! nothing but the report is written when the output is piped.

mod common;

use common::*;

/// A tree with every fixture, the examples, and some of them inside packages and bundles.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut n = 0;
    for base in ["fixtures/rules", "fixtures/examples"] {
        for entry in walkdir::WalkDir::new(root().join(base)).sort_by_file_name() {
            let entry = entry.unwrap();
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(root()).unwrap().to_string_lossy().replace('\\', "/");
            let bytes = std::fs::read(entry.path()).unwrap();
            let rel = if rel.ends_with(".xml") && !rel.ends_with("AppxManifest.xml") {
                format!("{rel}.appxmanifest")
            } else {
                rel
            };
            write(dir.path(), &rel, &bytes);
            n += 1;
            if n % 5 == 0
                && let Ok(text) = String::from_utf8(bytes)
            {
                write(dir.path(), &format!("packaged/{n}.msix"), &msix(&text));
            }
        }
    }
    let inner = msix(&manifest("Contoso.App", "CN=Contoso", "1.0.0.0", Some("x64")));
    let listing = bundle_manifest(
        "Contoso.App",
        "CN=Contoso",
        &[Listed { file: "App.msix", version: "2.0.0.0", arch: "x64", kind: "application", offset: 9, size: 1 }],
    );
    write(dir.path(), "packaged/App.msixbundle", &bundle(&listing, &[("App.msix", &inner)]));
    dir
}

#[test]
fn output_is_byte_identical_for_any_number_of_threads() {
    let dir = tree();
    for format in ["human", "json", "concise"] {
        let run = |threads: &str| {
            let o =
                appxlint().args(["check", "-f", format, "-j", threads, "."]).current_dir(dir.path()).output().unwrap();
            assert!(o.stderr.is_empty(), "stderr: {}", String::from_utf8_lossy(&o.stderr));
            (code(&o), o.stdout)
        };
        let one = run("1");
        assert_eq!(one.0, 1);
        assert!(one.1.len() > 10_000, "{format}: the tree should report plenty");
        for threads in ["2", "7", "0"] {
            assert!(run(threads) == one, "{format} with {threads} threads differs from 1 thread");
        }
    }
}

/// One folder named alone is linted while it is walked; named twice (the same files), its
/// inputs are collected and sorted first. Both give the same bytes, with configuration
/// files that exclude inputs and silence rules for some of them.
#[test]
fn a_folder_linted_while_walked_reports_as_when_its_inputs_are_collected_first() {
    let dir = tree();
    write(
        dir.path(),
        "appxlint.toml",
        b"exclude = [\"packaged/1*.msix\"]\n\n[per-file-ignores]\n\"fixtures/rules/**\" = [\"AX102\"]\n",
    );
    write(dir.path(), "fixtures/examples/.appxlint.toml", b"ignore = [\"AX101\"]\nfail-on = \"warning\"\n");
    for format in ["json", "concise"] {
        for threads in ["1", "2"] {
            let run = |paths: &[&str]| {
                let o = appxlint()
                    .args(["check", "-f", format, "-j", threads])
                    .args(paths)
                    .current_dir(dir.path())
                    .output()
                    .unwrap();
                assert!(o.stderr.is_empty(), "stderr: {}", String::from_utf8_lossy(&o.stderr));
                (code(&o), o.stdout)
            };
            let streamed = run(&["."]);
            assert!(streamed.1.len() > 10_000, "{format}: the tree should report plenty");
            assert!(!String::from_utf8_lossy(&streamed.1).contains("packaged/1"), "excluded packages are not linted");
            assert!(run(&[".", "."]) == streamed, "{format}, {threads} threads: streamed and collected runs differ");
        }
    }
}

/// A configuration error met while a folder is linted as it is walked stops the run as it
/// does when the inputs are collected first: the same message, no report.
#[test]
fn a_configuration_error_stops_a_streamed_run() {
    let dir = tree();
    write(dir.path(), "fixtures/examples/appxlint.toml", b"ignored = [\"AX101\"]\n");
    let run = |paths: &[&str]| {
        let o = appxlint().args(["check", "-f", "json"]).args(paths).current_dir(dir.path()).output().unwrap();
        (code(&o), String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
    };
    let streamed = run(&["."]);
    assert_eq!(streamed.0, 2, "{streamed:?}");
    assert!(streamed.1.is_empty(), "no report: {}", streamed.1);
    assert!(streamed.2.contains("appxlint.toml:1:1: unknown field `ignored`"), "{}", streamed.2);
    assert_eq!(run(&[".", "."]), streamed);
}
