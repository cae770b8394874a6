//! Any bytes as a package (`.msix`), through the archive reader with its caps and then
//! the whole pipeline, checking the invariants of `appxlint::invariants`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let files = vec![("fuzz/App.msix".to_string(), data.to_vec())];
    if let Err(e) = appxlint::invariants::check(&files) {
        panic!("{e}");
    }
});
