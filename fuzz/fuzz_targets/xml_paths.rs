//! Any bytes, decoded as appxlint decodes manifests, through both ways of parsing XML:
//! whatever the fast path accepts, quick-xml must parse into the same document
//! (`appxlint::manifest::xml::check_paths`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(decoded) = appxlint::source::decode(data)
        && let Err(e) = appxlint::manifest::xml::check_paths(&decoded.text)
    {
        panic!("{e}");
    }
});
