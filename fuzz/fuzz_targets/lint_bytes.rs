//! Any bytes as a manifest, through the whole pipeline and every output format, checking
//! the invariants of `appxlint::invariants`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let files = vec![("fuzz/Package.appxmanifest".to_string(), data.to_vec())];
    if let Err(e) = appxlint::invariants::check(&files) {
        panic!("{e}");
    }
});
