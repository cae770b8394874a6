//! `manifest-root-invalid`: the root element is not a package manifest's `<Package>`.

use super::Ctx;
use crate::manifest::{Kind, Manifest, NsId};

pub fn check(m: &Manifest<'_>, cx: &mut Ctx<'_>) {
    if m.kind != Kind::Other {
        return;
    }
    let root = m.root;
    let foundation = NsId::FOUNDATION.info().map_or("", |i| i.uri);
    let message = if root.local() == "Package" && root.ns() == NsId::NONE {
        "`<Package>` has no namespace; a package manifest's root is in the foundation namespace".to_string()
    } else if root.local() == "Package" {
        format!("`<{}>` is in the namespace `{}`, not the foundation namespace", root.qname(), root.ns_uri())
    } else {
        format!("the root element is `<{}>`; a package manifest's root is `<Package>`", root.qname())
    };
    cx.report(root.name_span(), message)
        .help(format!("a Windows 10/11 package manifest starts with <Package xmlns=\"{foundation}\" ...>"));
}
