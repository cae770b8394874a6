//! `capability-wrong-namespace`: a known capability declared with the wrong element or
//! namespace (`runFullTrust` without `rescap:`, `webcam` as a `Capability`...).

use super::Ctx;
use super::capability_names::{elsewhere, judged};
use crate::manifest::Manifest;
use crate::manifest::capabilities::CapKind;

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for c in m.capabilities.iter().filter(|c| judged(c)) {
        let Some(info) = elsewhere(c) else { continue };
        let name = c.name();
        let (right, declare) = match info.kind {
            CapKind::Device => ("DeviceCapability".to_string(), None),
            _ => {
                let (prefix, declare) = super::util::ns_binding(m, info.ns);
                (super::util::qualify(&prefix, "Capability"), declare)
            }
        };
        let class = info.class();
        // `<rescap:Capability>` with `rescap` bound to a mistyped URI prints as the right
        // element: name the namespaces.
        let message = if right == c.el.qname() {
            format!(
                "`{name}` is {class}, declared as `<{right}>` in `{}`, not in `{}`",
                info.ns.info().map_or("", |i| i.uri),
                c.el.ns_uri()
            )
        } else {
            format!("`{name}` is {class}, declared as `<{right}>`, not `<{}>`", c.el.qname())
        };
        let f = cx.report(c.el.name_span(), message);
        match declare {
            // Written right, with the prefix bound to a mistyped URI: only the URI is wrong.
            Some(declare) if right == c.el.qname() => f.help(declare),
            Some(declare) => f.help(format!("write <{right} Name=\"{name}\"/>, and {declare}")),
            None => f.help(format!("write <{right} Name=\"{name}\"/>")),
        };
    }
}
