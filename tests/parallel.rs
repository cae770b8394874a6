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
