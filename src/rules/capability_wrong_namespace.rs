//! `capability-wrong-namespace`: a known capability declared with the wrong element or
//! namespace (`runFullTrust` without `rescap:`, `webcam` as a `Capability`...).

use super::Ctx;
use super::capability_names::{element_for, elsewhere, judged};
use crate::manifest::Manifest;
use crate::manifest::capabilities::CapKind;

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    for c in m.capabilities.iter().filter(|c| judged(c)) {
        let Some(info) = elsewhere(c) else { continue };
        let name = c.name();
        let right = element_for(m, info);
        let kind = match info.kind {
            CapKind::Restricted => "a restricted capability",
            CapKind::Device => "a device capability",
            CapKind::General => "a general capability",
        };
        let f = cx
            .report(c.el.name_span(), format!("`{name}` is {kind}, declared as `<{right}>`, not `<{}>`", c.el.qname()));
        let decl = if info.ns == crate::manifest::NsId::FOUNDATION
            || m.doc().ns_decls.iter().any(|d| d.element == m.root.id && d.ns == info.ns)
        {
            String::new()
        } else {
            format!(
                ", and declare xmlns:{}=\"{}\" on <Package>",
                info.ns.usual_prefix(),
                info.ns.info().map_or("", |i| i.uri)
            )
        };
        f.help(format!("write <{right} Name=\"{name}\"/>{decl}"));
    }
}
