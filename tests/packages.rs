//! Packages and bundles as inputs, built by the tests themselves: paths that name the
//! container, positions in the inner manifest, the archive problems (each on its input,
//! with the run going on) and the bundle checks.

mod common;

use common::*;

const PUB: &str = "CN=Contoso, O=Contoso Ltd, C=US";

fn check_json(dir: &std::path::Path, args: &[&str]) -> (i32, serde_json::Value) {
    let o = appxlint().args(["check", "-f", "json"]).args(args).current_dir(dir).output().unwrap();
    (code(&o), json(&o))
}

#[test]
fn a_package_is_linted_like_its_manifest_with_the_container_in_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("fixtures/examples/contoso-app/Package.appxmanifest")).unwrap();
    write(dir.path(), "out/App.msix", &msix(&text));
    write(dir.path(), "src/Package.appxmanifest", text.as_bytes());
    let o = appxlint().args(["check", "-f", "concise", "."]).current_dir(dir.path()).output().unwrap();
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    // The same findings at the same lines and columns, packaged or not.
    let packaged: Vec<&str> = lines.iter().filter_map(|l| l.strip_prefix("out/App.msix!AppxManifest.xml:")).collect();
    let loose: Vec<&str> = lines.iter().filter_map(|l| l.strip_prefix("src/Package.appxmanifest:")).collect();
    assert!(!packaged.is_empty(), "{out}");
    assert_eq!(packaged, loose, "{out}");
    assert!(packaged[0].starts_with("36:14: error com-server-without-full-trust"), "{out}");
    // The human report shows the snippet from inside the package.
    let o = appxlint().args(["check", "out/App.msix"]).current_dir(dir.path()).output().unwrap();
    let out = stdout(&o);
    assert!(out.contains("[out/App.msix!AppxManifest.xml:36:14]"), "{out}");
    assert!(out.contains("<com:ExeServer Executable=\"ThumbnailServer.exe\""), "{out}");
}

#[test]
fn folder_walks_pick_up_packages_in_any_case() {
    let dir = tempfile::tempdir().unwrap();
    let m = clean_manifest();
    for rel in ["a/App.MSIX", "b/App.appx", "c/App.AppxBundle", "d/notes.zip", "bin/Debug/App.msix"] {
        write(dir.path(), rel, &msix(&m));
    }
    let (code, v) = check_json(dir.path(), &["."]);
    let paths: Vec<&str> = v["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    // `c/App.AppxBundle` holds a package manifest, not a bundle one: it is read for what it is.
    assert_eq!(
        paths,
        ["a/App.MSIX!AppxManifest.xml", "b/App.appx!AppxManifest.xml", "c/App.AppxBundle!AppxManifest.xml"]
    );
    assert_eq!(code, 0, "{v:#}");
}

#[test]
fn a_bundle_lints_every_package_and_checks_its_listing() {
    let dir = tempfile::tempdir().unwrap();
    let x64 = msix(&manifest("Contoso.App", PUB, "1.2.0.0", Some("x64")));
    let arm = msix(&manifest("Contoso.App", PUB, "1.1.0.0", Some("arm64")));
    let res = msix(&manifest("Contoso.App", PUB, "1.2.0.0", None));
    let listing = bundle_manifest(
        "Contoso.App",
        PUB,
        &[
            Listed {
                file: "App_x64.msix",
                version: "1.2.0.0",
                arch: "x64",
                kind: "application",
                offset: 100,
                size: x64.len() as u64,
            },
            Listed {
                file: "App_arm64.msix",
                version: "1.2.0.0",
                arch: "x86",
                kind: "application",
                offset: 200,
                size: 7,
            },
            Listed {
                file: "App scale-200.msix",
                version: "1.2.0.0",
                arch: "neutral",
                kind: "resource",
                offset: 300,
                size: res.len() as u64,
            },
            Listed {
                file: "App_x86.msix",
                version: "1.2.0.0",
                arch: "x86",
                kind: "application",
                offset: 400,
                size: 10,
            },
        ],
    );
    let b = bundle(&listing, &[("App_x64.msix", &x64), ("App_arm64.msix", &arm), ("App%20scale-200.msix", &res)]);
    write(dir.path(), "out/App.msixbundle", &b);
    let (code, v) = check_json(dir.path(), &["out"]);
    assert_eq!(code, 1, "{v:#}");
    let paths: Vec<&str> = v["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [
            "out/App.msixbundle!App%20scale-200.msix!AppxManifest.xml",
            "out/App.msixbundle!App_arm64.msix!AppxManifest.xml",
            "out/App.msixbundle!App_x64.msix!AppxManifest.xml",
            "out/App.msixbundle!AppxMetadata/AppxBundleManifest.xml",
        ]
    );
    let bm = "out/App.msixbundle!AppxMetadata/AppxBundleManifest.xml";
    let got: Vec<(String, String)> = findings(&v).into_iter().filter(|(p, _)| p == bm).collect();
    let rules: Vec<&str> = got.iter().map(|(_, r)| r.as_str()).collect();
    // arm64: wrong size, version and architecture; x86: not in the bundle.
    assert_eq!(
        rules,
        ["bundle-package-mismatch", "bundle-package-mismatch", "bundle-package-mismatch", "bundle-package-missing"],
        "{v:#}"
    );
    let msgs: Vec<String> = v["files"][3]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{}:{} {}", d["location"]["line"], d["location"]["column"], d["message"].as_str().unwrap()))
        .collect();
    assert!(msgs[0].contains("as version 1.2.0.0, but its manifest says 1.1.0.0"), "{msgs:#?}");
    assert!(msgs[1].contains("architecture `x86`, but its manifest says `arm64`"), "{msgs:#?}");
    assert!(msgs[2].contains("the size 7, but the entry has"), "{msgs:#?}");
    assert!(msgs[3].starts_with("8:"), "{msgs:#?}");
    assert!(msgs[3].contains("no entry `App_x86.msix`"), "{msgs:#?}");
}

#[test]
fn bundle_identity_mismatches_are_reported_on_the_bundle_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let inner = msix(&manifest("Contoso.Other", "CN=Someone Else", "1.0.0.0", Some("x64")));
    let listing = bundle_manifest(
        "Contoso.App",
        PUB,
        &[Listed {
            file: "App.msix",
            version: "1.0.0.0",
            arch: "x64",
            kind: "application",
            offset: 1,
            size: inner.len() as u64,
        }],
    );
    write(dir.path(), "App.appxbundle", &bundle(&listing, &[("App.msix", &inner)]));
    let (_, v) = check_json(dir.path(), &["App.appxbundle"]);
    let bm = "App.appxbundle!AppxMetadata/AppxBundleManifest.xml";
    let diags = v["files"].as_array().unwrap().iter().find(|f| f["path"] == bm).unwrap()["diagnostics"].clone();
    let msgs: Vec<&str> = diags.as_array().unwrap().iter().map(|d| d["message"].as_str().unwrap()).collect();
    assert_eq!(msgs.len(), 2, "{msgs:#?}");
    assert!(
        msgs.iter().any(|m| m.contains("is the package `Contoso.Other`, but the bundle's identity is `Contoso.App`"))
    );
    assert!(msgs.iter().any(|m| m.contains("has the publisher `CN=Someone Else`")));
    // The label points at the bundle's own Identity.
    assert_eq!(diags[0]["labels"][0]["location"]["line"], 3);
}

#[test]
fn flat_bundles_look_for_their_packages_next_to_them() {
    let dir = tempfile::tempdir().unwrap();
    let inner = msix(&manifest("Contoso.App", PUB, "1.0.0.0", Some("x64")));
    let listing = bundle_manifest(
        "Contoso.App",
        PUB,
        &[
            Listed { file: "App_x64.msix", version: "1.0.0.0", arch: "x64", kind: "application", offset: 0, size: 1 },
            Listed { file: "App_x86.msix", version: "1.0.0.0", arch: "x86", kind: "application", offset: 0, size: 1 },
        ],
    );
    write(dir.path(), "flat/App.msixbundle", &bundle(&listing, &[]));
    write(dir.path(), "flat/App_x64.msix", &inner);
    let (_, v) = check_json(dir.path(), &["flat/App.msixbundle"]);
    let got = findings(&v);
    assert_eq!(
        got,
        [("flat/App.msixbundle!AppxMetadata/AppxBundleManifest.xml".to_string(), "bundle-package-missing".to_string())]
    );
    assert!(
        message(&v, "flat/App.msixbundle!AppxMetadata/AppxBundleManifest.xml", "bundle-package-missing")
            .contains("`App_x86.msix` without an offset (a flat bundle)")
    );
}

#[test]
fn compressed_and_nested_bundles_are_reported_on_the_inner_package() {
    let dir = tempfile::tempdir().unwrap();
    let inner = msix(&manifest("Contoso.App", PUB, "1.0.0.0", Some("x64")));
    let empty_listing = bundle_manifest("Contoso.App", PUB, &[]);
    let nested = bundle(&empty_listing, &[("Deep.msix", &inner)]);
    let outer = zip_of(&[
        ("AppxMetadata/AppxBundleManifest.xml", empty_listing.as_bytes(), false),
        ("Squeezed.msix", &inner, false),
        ("Nested.msix", &nested, true),
        ("Good.appx", &inner, true),
    ]);
    write(dir.path(), "B.msixbundle", &outer);
    let (code, v) = check_json(dir.path(), &["B.msixbundle"]);
    assert_eq!(code, 1);
    let mut got = findings(&v);
    got.sort();
    assert_eq!(
        got,
        [
            ("B.msixbundle!Nested.msix".to_string(), "package-manifest-missing".to_string()),
            ("B.msixbundle!Squeezed.msix".to_string(), "bundle-package-compressed".to_string()),
        ]
    );
    assert!(message(&v, "B.msixbundle!Nested.msix", "package-manifest-missing").contains("bundle inside a bundle"));
    let paths: Vec<&str> = v["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert!(paths.contains(&"B.msixbundle!Good.appx!AppxManifest.xml"), "{paths:?}");
    assert!(!paths.iter().any(|p| p.contains("Deep.msix")), "{paths:?}");
}

/// Every broken archive gets its own diagnostic, on its own path, and the run goes on.
#[test]
fn broken_archives_are_reported_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let m = clean_manifest();
    let good = msix(&m);
    write(dir.path(), "good.msix", &good);
    write(dir.path(), "empty.msix", b"");
    write(dir.path(), "xml.msix", m.as_bytes());
    write(dir.path(), "truncated.msix", &good[..good.len() / 2]);
    write(dir.path(), "junk.appx", &[0x42u8; 5000]);
    write(dir.path(), "nomanifest.msix", &zip_of(&[("readme.txt", b"hello", false)]));
    let both = zip_of(&[
        ("AppxManifest.xml", m.as_bytes(), false),
        ("AppxMetadata/AppxBundleManifest.xml", b"<Bundle/>", false),
    ]);
    write(dir.path(), "both.msix", &both);
    let mut dup = zip_of(&[("AppxManifest.xml", m.as_bytes(), false), ("AppxManifesX.xml", b"<Package/>", false)]);
    rename_entry(&mut dup, "AppxManifesX.xml", "AppxManifest.xml");
    write(dir.path(), "dup.msix", &dup);
    let casedup = zip_of(&[("AppxManifest.xml", m.as_bytes(), false), ("APPXMANIFEST.XML", m.as_bytes(), false)]);
    write(dir.path(), "casedup.msix", &casedup);
    let mut corrupt = zip_of(&[("AppxManifest.xml", m.as_bytes(), false)]);
    // Flip bytes in the middle of the deflated data.
    let at = 30 + "AppxManifest.xml".len() + 20;
    for b in &mut corrupt[at..at + 16] {
        *b ^= 0x5A;
    }
    write(dir.path(), "corrupt.msix", &corrupt);

    let (code, v) = check_json(dir.path(), &["."]);
    assert_eq!(code, 1, "{v:#}");
    let expect = [
        ("both.msix", "package-manifest-missing", "both `AppxManifest.xml` and"),
        ("casedup.msix", "package-duplicate-entry", "differ only in case"),
        ("corrupt.msix", "package-invalid", "AppxManifest.xml"),
        ("dup.msix", "package-duplicate-entry", "two entries named `AppxManifest.xml`"),
        ("empty.msix", "package-invalid", "the file is empty"),
        ("junk.appx", "package-invalid", "not a zip archive"),
        ("nomanifest.msix", "package-manifest-missing", "neither"),
        ("truncated.msix", "package-invalid", "truncated or damaged"),
        ("xml.msix", "package-invalid", "it looks like XML"),
    ];
    for (path, rule, text) in expect {
        let m = message(&v, path, rule);
        assert!(m.contains(text), "{path}: {m}");
    }
    // Every input is in the report, the good one clean.
    let paths: Vec<&str> = v["files"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert!(paths.contains(&"good.msix!AppxManifest.xml"), "{paths:?}");
    let good = v["files"].as_array().unwrap().iter().find(|f| f["path"] == "good.msix!AppxManifest.xml").unwrap();
    assert_eq!(good["diagnostics"].as_array().unwrap().len(), 0);
    // A duplicate still has its manifest linted (the last of the two, as zip readers do).
    assert!(paths.contains(&"casedup.msix!AppxManifest.xml"), "{paths:?}");
}

#[test]
fn zip_bombs_are_refused_without_inflating_them() {
    let dir = tempfile::tempdir().unwrap();
    // Honest: the header declares 1 GiB.
    let mut honest = zip_of(&[("AppxManifest.xml", b"<Package/>", false)]);
    patch_declared_size(&mut honest, "AppxManifest.xml", 1 << 30);
    write(dir.path(), "honest.msix", &honest);
    // Lying: 24 MiB of spaces (a few KB deflated) declared as 4 KiB, and as 16 MiB.
    let big = vec![b' '; 24 << 20];
    for (name, declared) in [("lying-small.msix", 4096u32), ("lying-at-cap.msix", 16 << 20)] {
        let mut lying = zip_of(&[("AppxManifest.xml", &big, false)]);
        assert!(lying.len() < 200_000, "{}", lying.len());
        patch_declared_size(&mut lying, "AppxManifest.xml", declared);
        write(dir.path(), name, &lying);
    }
    let (code, v) = check_json(dir.path(), &["."]);
    assert_eq!(code, 1);
    let m = message(&v, "honest.msix", "package-limit-exceeded");
    assert!(m.contains("declares 1073741824 bytes uncompressed"), "{m}");
    for name in ["lying-small.msix", "lying-at-cap.msix"] {
        let m = message(&v, name, "package-invalid");
        assert!(m.contains("inflates to more than"), "{name}: {m}");
    }
}

#[test]
fn an_archive_declaring_too_many_entries_is_refused_before_its_directory_is_read() {
    // A ZIP64 end record that declares 300,000 entries and a 10 GB central directory.
    let mut z = b"PK\x03\x04 not much of an archive".to_vec();
    let eocd64_at = z.len() as u64;
    z.extend(b"PK\x06\x06");
    z.extend(44u64.to_le_bytes());
    z.extend([45, 0, 45, 0]);
    z.extend([0u8; 8]);
    z.extend(300_000u64.to_le_bytes());
    z.extend(300_000u64.to_le_bytes());
    z.extend(10_000_000_000u64.to_le_bytes());
    z.extend(4u64.to_le_bytes());
    z.extend(b"PK\x06\x07");
    z.extend(0u32.to_le_bytes());
    z.extend(eocd64_at.to_le_bytes());
    z.extend(1u32.to_le_bytes());
    z.extend(b"PK\x05\x06");
    z.extend([0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0]);
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "many.msix", &z);
    let (_, v) = check_json(dir.path(), &["many.msix"]);
    let m = message(&v, "many.msix", "package-limit-exceeded");
    assert!(m.contains("declares 300000 entries"), "{m}");
}

#[test]
fn packages_on_stdin_and_in_memory() {
    let pkg = msix(&manifest("Contoso.App", PUB, "1.0.0.0", None));
    let o = appxlint()
        .args(["check", "-f", "json", "-", "--stdin-filename", "drop/App.msix"])
        .write_stdin(pkg)
        .output()
        .unwrap();
    let v = json(&o);
    assert_eq!(code(&o), 0, "{v:#}");
    assert_eq!(v["files"][0]["path"], "drop/App.msix!AppxManifest.xml");
    assert_eq!(v["files"][0]["package"]["name"], "Contoso.App");
}

#[test]
fn a_loopback_pair_across_a_package_and_a_folder_gets_snippets_from_both() {
    // The client is clean but for the cross-package finding: its text was dropped after
    // the per-file phase and is read again from inside the package for the snippet.
    let dir = tempfile::tempdir().unwrap();
    let client =
        std::fs::read_to_string(root().join("fixtures/examples/loopback/client/Package.appxmanifest")).unwrap();
    let server =
        std::fs::read_to_string(root().join("fixtures/examples/loopback/server/Package.appxmanifest")).unwrap();
    write(dir.path(), "client/Client.msix", &msix(&client));
    write(dir.path(), "server/Package.appxmanifest", server.as_bytes());
    let o = appxlint().args(["check", "."]).current_dir(dir.path()).output().unwrap();
    let out = stdout(&o);
    assert!(out.contains("[client/Client.msix!AppxManifest.xml:35:14]"), "{out}");
    assert!(out.contains("<uap4:Rule Direction=\"out\""), "{out}");
}

#[test]
fn an_archive_over_the_size_limit_is_refused_before_it_is_read() {
    // A sparse file of 300 GiB: nothing is written, and nothing may be read.
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "huge.msix", b"PK\x03\x04");
    if std::fs::OpenOptions::new().write(true).open(&path).unwrap().set_len(300 << 30).is_err() {
        eprintln!("skipped: this file system does not take a 300 GiB sparse file");
        return;
    }
    let (_, v) = check_json(dir.path(), &["huge.msix"]);
    let m = message(&v, "huge.msix", "package-limit-exceeded");
    assert!(m.contains("the archive has 322122547200 bytes"), "{m}");
}
