//! `capability-required`: an element or attribute that needs a capability the package
//! does not declare (the rows of [`super::requirements::ROWS`] that this rule reports).

use super::Ctx;
use super::requirements::{Need, ROWS, hits_of_rows};
use crate::manifest::{Manifest, NsId};

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    let rows: Vec<_> = ROWS.iter().filter(|r| r.rule == cx.rule.name && !r.need.satisfied(m)).collect();
    for (row, hits) in rows.iter().zip(hits_of_rows(m, &rows)) {
        for hit in hits {
            let f = cx.report(
                hit.span,
                format!("{} needs {}, which the package does not declare", hit.what, row.need.describe()),
            );
            f.help(row.need.declaration(m));
            if let Need::Restricted(name) = row.need
                && let Some(cap) = super::util::misplaced_capability(m, name, NsId::RESCAP)
            {
                f.label(cap.name_span(), super::util::misplaced_label(m, cap, name, NsId::RESCAP));
            }
        }
    }
}
