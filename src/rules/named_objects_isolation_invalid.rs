//! `named-objects-isolation-invalid`: `BaseNamedObjectsIsolation` (uap16 and uap17, on
//! `<Application>`) is `none` or `package`. These namespaces are newer than the schema set
//! appxlint checks structure with, so nothing else looks at them: this rule also reports
//! the attribute in another namespace or on another element, a misspelt name in those
//! namespaces, and the two forms disagreeing.

use super::Ctx;
use super::util::did_you_mean;
use crate::diagnostic::Severity;
use crate::manifest::{Attr, Manifest, NsId};
use crate::schema::{Issue, IssueKind};

const NAME: &str = "BaseNamedObjectsIsolation";
const VALUES: [&str; 2] = ["none", "package"];

fn is_bno_ns(ns: NsId) -> bool {
    ns == NsId::UAP16 || ns == NsId::UAP17
}

/// The schema issues this rule reports: the attribute in a namespace the schema knows.
pub fn claims(issue: &Issue) -> bool {
    issue.kind == IssueKind::UnknownAttribute && issue.attr.as_ref().is_some_and(|(_, a)| a == NAME)
}

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for el in m.root.descendants() {
        let mut on_app: Vec<Attr<'_>> = Vec::new();
        for a in el.attrs() {
            if !a.local_is(NAME) {
                if is_bno_ns(a.ns())
                    && el.is(NsId::FOUNDATION, "Application")
                    && did_you_mean(a.local(), [NAME].into_iter()).is_some()
                {
                    cx.report(
                        a.name_span(),
                        format!("`{}` is not an attribute of the {} namespace", a.qname(), prefix_name(a)),
                    )
                    .help(format!("did you mean `{}`?", qualified(a, NAME)));
                }
                continue;
            }
            if !is_bno_ns(a.ns()) {
                let ns = if a.ns() == NsId::NONE {
                    "no namespace".to_string()
                } else {
                    format!("the namespace `{}`", m.doc().ns_uri(a.ns()))
                };
                cx.report(
                    a.name_span(),
                    format!(
                        "`{}` is in {ns}; BaseNamedObjectsIsolation belongs to the uap16 or uap17 namespace",
                        a.qname()
                    ),
                )
                .help({
                    let (prefix, declare) = super::util::ns_binding(m, NsId::UAP17);
                    let declare = declare.map(|d| format!(", and {d}")).unwrap_or_default();
                    format!(
                        "write {} on <Application>{declare}",
                        super::util::qualify(&prefix, "BaseNamedObjectsIsolation")
                    )
                });
                continue;
            }
            if !el.is(NsId::FOUNDATION, "Application") {
                cx.report(
                    a.name_span(),
                    format!("`{}` is an attribute of `<Application>`, not of `<{}>`", a.qname(), el.qname()),
                )
                .help("move it to the <Application> whose named objects it isolates");
                continue;
            }
            on_app.push(a);
            if a.is_placeholder() || VALUES.contains(&a.value()) {
                continue;
            }
            let v = a.value().trim();
            let (message, help) = match VALUES.iter().find(|x| x.eq_ignore_ascii_case(v)) {
                Some(x) if *x == v => (
                    format!("{} `{}` has whitespace around it", a.qname(), a.value()),
                    format!("write {}=\"{x}\"", a.qname()),
                ),
                Some(x) => (
                    format!("{} `{v}` has the wrong case; the values are case-sensitive", a.qname()),
                    format!("write {}=\"{x}\"", a.qname()),
                ),
                None => (
                    format!("{} `{v}` is not `none` or `package`", a.qname()),
                    "write `package` to enable BaseNamedObjects isolation for the application, or `none`".to_string(),
                ),
            };
            cx.report(a.value_span(), message).help(help);
        }
        if let [first, second] = on_app[..]
            && VALUES.contains(&first.value())
            && VALUES.contains(&second.value())
            && first.value() != second.value()
        {
            cx.report(second.value_span(), format!("{} and {} disagree (`{}` and `{}`)", first.qname(), second.qname(), first.value(), second.value()))
                .severity(Severity::Warning)
                .label(first.value_span(), "the other form")
                .help("give both the same value, or keep only uap17:BaseNamedObjectsIsolation (uap17 replaces uap16 for this attribute)");
        }
    }
}

fn prefix_name(a: Attr<'_>) -> &'static str {
    if a.ns() == NsId::UAP16 { "uap16" } else { "uap17" }
}

fn qualified(a: Attr<'_>, local: &str) -> String {
    match a.qname().split_once(':') {
        Some((p, _)) => format!("{p}:{local}"),
        None => local.to_string(),
    }
}
