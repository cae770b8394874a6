//! Helpers shared by the integration tests: packages built in memory, the CLI, manifests.

#![allow(dead_code)]

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn appxlint() -> Command {
    let mut c = Command::cargo_bin("appxlint").unwrap();
    c.current_dir(root());
    for v in ["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "TERM", "APPXLINT_DEBUG_PANIC_ON"] {
        c.env_remove(v);
    }
    c.env("COLUMNS", "100");
    c
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn code(o: &Output) -> i32 {
    o.status.code().unwrap()
}

pub fn json(o: &Output) -> serde_json::Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{}", stdout(o)))
}

/// (path, rule name) of every diagnostic of a JSON report, in report order.
pub fn findings(v: &serde_json::Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for f in v["files"].as_array().unwrap() {
        for d in f["diagnostics"].as_array().unwrap() {
            out.push((f["path"].as_str().unwrap().to_string(), d["name"].as_str().unwrap().to_string()));
        }
    }
    out
}

/// The message of the first diagnostic of `rule` on `path`.
pub fn message(v: &serde_json::Value, path: &str, rule: &str) -> String {
    for f in v["files"].as_array().unwrap() {
        if f["path"] != path {
            continue;
        }
        for d in f["diagnostics"].as_array().unwrap() {
            if d["name"] == rule {
                return d["message"].as_str().unwrap().to_string();
            }
        }
    }
    panic!("no {rule} on {path} in {v:#}")
}

pub fn write(dir: &Path, rel: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, bytes).unwrap();
    p
}

pub const CLEAN: &str = "fixtures/examples/fabrikam-tools/AppxManifest.xml";

pub fn clean_manifest() -> String {
    std::fs::read_to_string(root().join(CLEAN)).unwrap()
}

/// A small, clean package manifest with the given identity.
pub fn manifest(name: &str, publisher: &str, version: &str, arch: Option<&str>) -> String {
    let arch = arch.map(|a| format!(" ProcessorArchitecture=\"{a}\"")).unwrap_or_default();
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<Package xmlns="http://schemas.microsoft.com/appx/manifest/foundation/windows10">
  <Identity Name="{name}" Publisher="{publisher}" Version="{version}"{arch}/>
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
</Package>
"#
    )
}

/// A zip archive of `(name, bytes, stored)` entries, in order.
pub fn zip_of(entries: &[(&str, &[u8], bool)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data, stored) in entries {
        let method = if *stored { CompressionMethod::Stored } else { CompressionMethod::Deflated };
        let opts = SimpleFileOptions::default().compression_method(method).large_file(data.len() > u32::MAX as usize);
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A package: the manifest (deflated) and a few payload files.
pub fn msix(manifest: &str) -> Vec<u8> {
    zip_of(&[
        ("[Content_Types].xml", b"<Types/>", false),
        ("AppxManifest.xml", manifest.as_bytes(), false),
        ("Assets/StoreLogo.png", b"\x89PNG not really", true),
        ("AppxBlockMap.xml", b"<BlockMap/>", false),
    ])
}

/// One `<Package>` of a bundle manifest.
pub struct Listed<'a> {
    pub file: &'a str,
    pub version: &'a str,
    pub arch: &'a str,
    pub kind: &'a str,
    pub offset: u64,
    pub size: u64,
}

pub fn bundle_manifest(name: &str, publisher: &str, listed: &[Listed<'_>]) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Bundle xmlns=\"http://schemas.microsoft.com/appx/2013/bundle\" SchemaVersion=\"2.0\">\n  <Identity Name=\"{name}\" Publisher=\"{publisher}\" Version=\"1.0.0.0\"/>\n  <Packages>\n"
    );
    for l in listed {
        s.push_str(&format!(
            "    <Package Type=\"{}\" Version=\"{}\" Architecture=\"{}\" FileName=\"{}\" Offset=\"{}\" Size=\"{}\"/>\n",
            l.kind, l.version, l.arch, l.file, l.offset, l.size
        ));
    }
    s.push_str("  </Packages>\n</Bundle>\n");
    s
}

/// A bundle of `(entry name, package bytes)`, packages stored, with the manifest given.
pub fn bundle(manifest: &str, packages: &[(&str, &[u8])]) -> Vec<u8> {
    let mut entries: Vec<(&str, &[u8], bool)> = vec![
        ("[Content_Types].xml", b"<Types/>".as_slice(), false),
        ("AppxMetadata/AppxBundleManifest.xml", manifest.as_bytes(), false),
    ];
    for (name, bytes) in packages {
        entries.push((name, bytes, true));
    }
    entries.push(("AppxBlockMap.xml", b"<BlockMap/>", false));
    zip_of(&entries)
}

/// Overwrites the uncompressed size that the local header and the central directory
/// declare for the entry `name`, to build zip bombs that lie.
pub fn patch_declared_size(zip: &mut [u8], name: &str, size: u32) {
    let name = name.as_bytes();
    let mut patched = 0;
    let mut i = 0;
    while i + 46 <= zip.len() {
        if zip[i..i + 4] == *b"PK\x03\x04" {
            let n = u16::from_le_bytes([zip[i + 26], zip[i + 27]]) as usize;
            if zip.get(i + 30..i + 30 + n) == Some(name) {
                zip[i + 22..i + 26].copy_from_slice(&size.to_le_bytes());
                patched += 1;
            }
        } else if zip[i..i + 4] == *b"PK\x01\x02" {
            let n = u16::from_le_bytes([zip[i + 28], zip[i + 29]]) as usize;
            if zip.get(i + 46..i + 46 + n) == Some(name) {
                zip[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
                patched += 1;
            }
        }
        i += 1;
    }
    assert_eq!(patched, 2, "entry not found in both headers");
}

/// Replaces every occurrence of `from` by `to` (same length) in the bytes: renames an
/// entry in both of its headers.
pub fn rename_entry(zip: &mut [u8], from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let (from, to) = (from.as_bytes(), to.as_bytes());
    let mut i = 0;
    let mut n = 0;
    while i + from.len() <= zip.len() {
        if &zip[i..i + from.len()] == from {
            zip[i..i + from.len()].copy_from_slice(to);
            n += 1;
        }
        i += 1;
    }
    assert!(n >= 2, "`{}` found {n} times", String::from_utf8_lossy(from));
}
