//! `namespace-unknown`: a namespace no schema defines, not listed as ignorable.

use super::Ctx;
use crate::manifest::Manifest;
use crate::schema::IssueKind;

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    super::schema_rules::report(m, cx, IssueKind::UnknownNamespace);
}
