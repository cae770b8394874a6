//! What the generic schema rules share: each reports one kind of [`schema::Issue`],
//! except the issues that a dedicated rule reports with a better message.

use super::Ctx;
use super::claims::claimed;
use crate::manifest::Manifest;
use crate::schema::IssueKind;

pub fn report(m: &Manifest<'_>, cx: &mut Ctx<'_>, kind: IssueKind) {
    for issue in m.schema_issues().iter().filter(|i| i.kind == kind) {
        if claimed(m, issue) {
            continue;
        }
        let f = cx.report(issue.span, issue.message.clone());
        if let Some(help) = &issue.help {
            f.help(help.clone());
        }
        if let Some((span, label)) = &issue.label {
            f.label(*span, label.clone());
        }
    }
}
