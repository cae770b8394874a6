//! Generated documentation stays current: `docs/rules.md` (from `rules/*.md`) and
//! `docs/namespaces.md` (from the namespace table). Run with `UPDATE_DOCS=1` to rewrite
//! them.

use std::path::Path;

fn check(rel: &str, expected: String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(actual == expected, "{rel} is stale; run `UPDATE_DOCS=1 cargo test --test docs` and commit the result");
}

#[test]
fn rules_index_is_current() {
    check("docs/rules.md", appxlint::rules::index_markdown());
}

#[test]
fn namespace_table_is_current() {
    check("docs/namespaces.md", appxlint::manifest::ns::markdown_table());
}
