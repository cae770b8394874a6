//! Seeded mutation tests: the fixtures, the examples and packages made of them, mutated
//! the way a fuzzer would (bytes flipped, ranges cut, copied or swapped, XML and manifest
//! tokens inserted, files spliced, re-encoded), through the whole pipeline, checking the
//! invariants of `appxlint::invariants` (no panic, spans inside the text and on character
//! boundaries, the same report twice, every output renders, the JSON parses). The seeds are
//! fixed, so a failure names a case that reproduces. `fuzz/` runs the same checks
//! coverage-guided, for as long as one wants (docs/fuzzing.md).

mod common;

use common::*;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

const TOKENS: &[&str] = &[
    "<",
    ">",
    "</",
    "/>",
    "\"",
    "'",
    "=",
    "&",
    "&amp;",
    "&lt;",
    "&#x0;",
    "&#xD800;",
    "&#65;",
    "&e;",
    "<!DOCTYPE a [<!ENTITY e \"x\">]>",
    "<!--",
    "-->",
    "<!-- appxlint: ignore com-server-without-full-trust -->",
    "<!-- appxlint: ignore-file nope -->",
    "<![CDATA[",
    "]]>",
    "<?xml version=\"1.0\" encoding=\"utf-16\"?>",
    "<?pi x?>",
    "xmlns:uap=\"http://schemas.microsoft.com/appx/manifest/uap/windows10\"",
    "xmlns:uap5=\"http://schemas.microsoft.com/appx/manifest/uap/windows10/5\"",
    "xmlns=\"\"",
    "xmlns:x=\"\"",
    "uap4:Rule Direction=\"out\" PackageFamilyName=\"A.B_h91ms92gdsmmt\"",
    "<rescap:Capability Name=\"runFullTrust\"/>",
    "<Capability Name=\"privateNetworkClientServer\"/>",
    "MinVersion=\"10.0.99999.0\"",
    "Version=\"1.0\"",
    "IgnorableNamespaces=\"uap uap5 q\"",
    "\u{FEFF}",
    "\u{0}",
    "\u{1}",
    "\u{FFFF}",
    "é",
    "😀",
    "\r",
    "\r\n",
    "\n",
    "\t",
    "$targetnametoken$",
];

fn seeds() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for base in ["fixtures/rules", "fixtures/examples"] {
        for e in walkdir::WalkDir::new(root().join(base)).sort_by_file_name() {
            let e = e.unwrap();
            if e.file_type().is_file() {
                out.push((e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()));
            }
        }
    }
    assert!(out.len() > 50, "fixtures not found");
    out
}

fn utf16(text: &[u8], le: bool) -> Vec<u8> {
    let text = String::from_utf8_lossy(text);
    let mut out = if le { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
    for u in text.encode_utf16() {
        out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>, other: &[u8]) {
    let len = bytes.len();
    match rng.below(9) {
        0 => {
            for _ in 0..=rng.below(4) {
                if !bytes.is_empty() {
                    let i = rng.below(bytes.len());
                    bytes[i] ^= 1 << rng.below(8);
                }
            }
        }
        1 => {
            let a = rng.below(len + 1);
            let b = (a + rng.below(64)).min(len);
            bytes.drain(a..b);
        }
        2 => {
            let a = rng.below(len + 1);
            let b = (a + rng.below(200)).min(len);
            let piece = bytes[a..b].to_vec();
            let at = rng.below(len + 1);
            bytes.splice(at..at, piece);
        }
        3 | 4 => {
            let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
            let at = rng.below(len + 1);
            bytes.splice(at..at, t.iter().copied());
        }
        5 => bytes.truncate(rng.below(len + 1)),
        6 => {
            let cut = rng.below(len + 1);
            let from = rng.below(other.len() + 1);
            bytes.truncate(cut);
            bytes.extend_from_slice(&other[from..]);
        }
        7 => {
            // Replace a quoted value with another one of the same file.
            let quotes: Vec<usize> = bytes.iter().enumerate().filter(|(_, b)| **b == b'"').map(|(i, _)| i).collect();
            if quotes.len() >= 4 {
                let i = rng.below(quotes.len() - 1);
                let j = rng.below(quotes.len() - 1);
                let v = bytes[quotes[j]..=quotes[j + 1]].to_vec();
                let (a, b) = (quotes[i], quotes[i + 1]);
                if a < b {
                    bytes.splice(a..=b, v);
                }
            }
        }
        _ => {
            *bytes = match rng.below(3) {
                0 => utf16(bytes, true),
                1 => utf16(bytes, false),
                _ => [b"\xEF\xBB\xBF".as_slice(), bytes].concat(),
            }
        }
    }
}

fn run_cases(
    name: &str,
    seed: u64,
    cases: usize,
    mut make: impl FnMut(&mut Rng, &[(String, Vec<u8>)]) -> Vec<(String, Vec<u8>)>,
) {
    let pool = seeds();
    let mut rng = Rng(seed);
    let mut failures = Vec::new();
    for case in 0..cases {
        let files = make(&mut rng, &pool);
        if let Err(e) = appxlint::invariants::check(&files) {
            failures.push(format!("{name} case {case} (seed {seed}): {e}"));
            let dir = std::env::temp_dir().join(format!("appxlint-mutation-{name}-{case}"));
            for (i, (p, b)) in files.iter().enumerate() {
                let _ = std::fs::create_dir_all(&dir);
                let _ = std::fs::write(dir.join(format!("{i}-{}", p.replace(['/', '!'], "_"))), b);
            }
            failures.push(format!("  inputs written to {}", dir.display()));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn mutated_manifests_keep_every_invariant() {
    run_cases("manifest", 0x00C0_FFEE_1234_5678, 700, |rng, pool| {
        let (name, bytes) = &pool[rng.below(pool.len())];
        let other = &pool[rng.below(pool.len())].1;
        let mut bytes = bytes.clone();
        for _ in 0..=rng.below(6) {
            mutate(rng, &mut bytes, other);
        }
        vec![(format!("m/{name}"), bytes)]
    });
}

#[test]
fn mutated_sets_of_manifests_keep_every_invariant() {
    // The loopback pair and friends, mutated together: the rules across files see them.
    run_cases("set", 0x5EED_0000_0000_0042, 250, |rng, pool| {
        let client = std::fs::read(root().join("fixtures/examples/loopback/client/Package.appxmanifest")).unwrap();
        let server = std::fs::read(root().join("fixtures/examples/loopback/server/Package.appxmanifest")).unwrap();
        let mut files = vec![
            ("client/Package.appxmanifest".to_string(), client),
            ("server/Package.appxmanifest".to_string(), server),
        ];
        let (name, extra) = &pool[rng.below(pool.len())];
        files.push((format!("extra/{name}"), extra.clone()));
        for _ in 0..=rng.below(4) {
            let i = rng.below(files.len());
            let other = pool[rng.below(pool.len())].1.clone();
            mutate(rng, &mut files[i].1, &other);
        }
        files
    });
}

#[test]
fn mutated_packages_keep_every_invariant() {
    run_cases("package", 0xB0B_CAFE_F00D, 250, |rng, pool| {
        let (_, text) = &pool[rng.below(pool.len())];
        let text = String::from_utf8_lossy(text).into_owned();
        let mut bytes = if rng.below(3) == 0 {
            let inner = msix(&text);
            let listing = bundle_manifest(
                "Contoso.App",
                "CN=Contoso",
                &[Listed {
                    file: "A.msix",
                    version: "1.0.0.0",
                    arch: "x64",
                    kind: "application",
                    offset: 1,
                    size: inner.len() as u64,
                }],
            );
            bundle(&listing, &[("A.msix", &inner)])
        } else {
            msix(&text)
        };
        for _ in 0..=rng.below(3) {
            match rng.below(3) {
                0 => {
                    let i = rng.below(bytes.len());
                    bytes[i] ^= 1 << rng.below(8);
                }
                1 => {
                    // Somewhere in the headers at the end: sizes, offsets, counts.
                    let tail = bytes.len().min(400);
                    let i = bytes.len() - 1 - rng.below(tail);
                    bytes[i] = rng.next() as u8;
                }
                _ => {
                    let cut = bytes.len() - rng.below(bytes.len().min(64) + 1);
                    bytes.truncate(cut);
                }
            }
        }
        vec![("p/App.msix".to_string(), bytes)]
    });
}
