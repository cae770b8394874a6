//! `extension-category-invalid`: an extension `Category` that its `Extension` element's
//! namespace does not define.

use super::Ctx;
use crate::manifest::Manifest;
use crate::schema::model::ElementType;
use crate::schema::{COMPLEX_TYPES, ELEMENTS, IssueKind, SIMPLE_TYPES};

/// The categories that `Extension` elements of a namespace accept, from the schema.
fn categories_of(ns: crate::manifest::NsId) -> Vec<&'static str> {
    let mut out = Vec::new();
    for e in ELEMENTS.iter().filter(|e| e.name == "Extension" && e.ns == ns) {
        let ElementType::Complex(t) = e.ty else { continue };
        for a in COMPLEX_TYPES[t as usize].attrs.iter().filter(|a| a.name == "Category") {
            for step in SIMPLE_TYPES[a.ty as usize].steps {
                for v in step.enums {
                    if !out.contains(v) {
                        out.push(*v);
                    }
                }
            }
        }
    }
    out.sort_unstable();
    out
}

pub fn is_category_issue(m: &Manifest<'_>, issue: &crate::schema::Issue) -> bool {
    issue.kind == IssueKind::InvalidValue
        && issue.attr.as_ref().is_some_and(|(ns, a)| *ns == crate::manifest::NsId::NONE && a == "Category")
        && m.tree.el(issue.element).local() == "Extension"
}

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for issue in m.schema_issues().iter().filter(|i| is_category_issue(m, i)) {
        let el = m.tree.el(issue.element);
        if super::publisher_cache_folders_placement::reports_category(el) {
            continue; // a package-level category at application level
        }
        let Some(cat) = el.attr("Category") else { continue };
        let value = cat.value().trim();
        let own = categories_of(el.ns());
        // The same category on an Extension of another namespace.
        let elsewhere: Vec<String> = crate::manifest::ns::KNOWN
            .iter()
            .enumerate()
            .map(|(i, _)| crate::manifest::NsId(i as u16 + 1))
            .filter(|&ns| ns != el.ns() && categories_of(ns).contains(&value))
            .map(|ns| {
                let p = m.prefix_for(ns);
                if p.is_empty() { "Extension".to_string() } else { format!("{p}:Extension") }
            })
            .collect();
        let f = cx.report(cat.value_span(), format!("`{value}` is not a category of `<{}>`", el.qname()));
        if !elsewhere.is_empty() {
            f.help(format!(
                "`{value}` is declared with `<{}>` (with its namespace declared)",
                elsewhere.join(">` or `<")
            ));
        } else if let Some(s) = super::util::did_you_mean(value, own.iter().copied()) {
            f.help(format!("did you mean `{s}`? Categories are case-sensitive"));
        } else {
            f.help(format!("`<{}>` takes: {}", el.qname(), own.join(", ")));
        }
    }
}
