//! `schema-invalid-value`: reported from the schema check (`crate::schema`).

use super::Ctx;
use crate::manifest::Manifest;
use crate::schema::IssueKind;

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    super::schema_rules::report(m, cx, IssueKind::InvalidValue);
}
