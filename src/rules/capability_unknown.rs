//! `capability-unknown`: a capability name appxlint does not know.

use super::Ctx;
use super::capability_names::{elsewhere, exact, judged};
use crate::diagnostic::Severity;
use crate::manifest::capabilities::{CATALOG, CapKind};
use crate::manifest::{CapabilityKind, Manifest};

/// The schema's own objection to a capability's name (its pattern or length), if any.
fn schema_problem<'m>(m: &'m Manifest<'_>, c: &crate::manifest::Capability<'_>) -> Option<&'m crate::schema::Issue> {
    m.schema_issues().iter().find(|i| {
        i.kind == crate::schema::IssueKind::InvalidValue
            && i.element == c.el.id
            && i.attr.as_ref().is_some_and(|(_, a)| a == "Name")
    })
}

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    // Windows capabilities are not judged by name, but the schema still fixes their shape.
    for c in m.capabilities.iter().filter(|c| c.kind == CapabilityKind::Windows) {
        if let Some(issue) = schema_problem(m, c) {
            let f = cx.report(issue.span, issue.message.clone());
            if let Some(h) = &issue.help {
                f.help(h.clone());
            }
        }
    }
    for c in m.capabilities.iter().filter(|c| judged(c)) {
        if exact(c).is_some() || elsewhere(c).is_some() {
            continue; // known (capability-wrong-namespace judges the element)
        }
        let name_attr = c.name.expect("judged implies a name");
        let name = name_attr.value();
        let device = c.kind == CapabilityKind::Device;
        if device && is_guid(name) {
            continue; // a device interface class
        }
        let candidates = CATALOG.iter().filter(|i| (i.kind == CapKind::Device) == device).map(|i| i.name);
        let suggestion = super::util::did_you_mean(name, candidates);
        let (what, mut severity) = match c.kind {
            CapabilityKind::Restricted => ("restricted capability", Severity::Warning),
            CapabilityKind::Device => ("device capability", Severity::Warning),
            _ => ("capability", Severity::Error),
        };
        // A name outside the schema's pattern or length is rejected by MakeAppx, whatever
        // the list of names.
        let shape = schema_problem(m, c).filter(|_| c.kind != CapabilityKind::General);
        if shape.is_some() {
            severity = Severity::Error;
        }
        let message = match shape {
            Some(issue) => format!(
                "`{}` is not a {what} appxlint knows, and the schema rejects it: {}",
                super::util::shorten(name),
                issue.message
            ),
            None => format!("`{}` is not a {what} appxlint knows", super::util::shorten(name)),
        };
        let f = cx.report(name_attr.value_span(), message);
        f.severity(severity);
        match suggestion {
            Some(s) => f.help(format!("did you mean `{s}`? Capability names are case-sensitive")),
            None if device => f.help("device capabilities are names such as `webcam`, `microphone`, `location`, or the GUID of a device interface class"),
            None if c.kind == CapabilityKind::Restricted => f.help("check the name against the restricted capabilities on the capability declarations page; the list is long and grows, so this is a warning"),
            None => f.help(format!("`<{}>` names a capability of its schema; see the capability declarations page", c.el.qname())),
        };
    }
}

fn is_guid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter()
            .enumerate()
            .all(|(i, c)| if [8, 13, 18, 23].contains(&i) { *c == b'-' } else { c.is_ascii_hexdigit() })
}
