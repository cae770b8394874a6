//! Several manifests linted together, so that the rules across files (loopback pairs) see
//! fuzzed input: the bytes are split at each `\x00\x00FILE\x00\x00` separator.
#![no_main]

use libfuzzer_sys::fuzz_target;

const SEPARATOR: &[u8] = b"\x00\x00FILE\x00\x00";

fuzz_target!(|data: &[u8]| {
    let mut files = Vec::new();
    let mut rest = data;
    while files.len() < 8 {
        match rest.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) {
            Some(i) => {
                files.push((format!("set/{}/Package.appxmanifest", files.len()), rest[..i].to_vec()));
                rest = &rest[i + SEPARATOR.len()..];
            }
            None => break,
        }
    }
    files.push((format!("set/{}/Package.appxmanifest", files.len()), rest.to_vec()));
    if let Err(e) = appxlint::invariants::check(&files) {
        panic!("{e}");
    }
});
