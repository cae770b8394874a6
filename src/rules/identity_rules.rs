//! What the identity rules share: the attributes that name a package, a publisher, a
//! version.

use crate::manifest::{Attr, El, Manifest, NsId};

/// Elements carrying a package identity: `Identity`, `PackageDependency`,
/// `uap4:MainPackageDependency`... (name, publisher and version attributes).
pub fn identity_like<'a>(m: &Manifest<'a>) -> Vec<El<'a>> {
    let mut out = Vec::new();
    if let Some(id) = &m.identity {
        out.push(id.el);
    }
    if let Some(deps) = m.dependencies {
        for d in deps.children() {
            if matches!(d.local(), "PackageDependency" | "MainPackageDependency")
                && (d.ns() == NsId::FOUNDATION || d.ns().in_family(crate::manifest::Family::Uap))
            {
                out.push(d);
            }
        }
    }
    out
}

/// An attribute worth judging: present and not a build placeholder.
pub fn judged<'a>(a: Option<Attr<'a>>) -> Option<Attr<'a>> {
    a.filter(|a| !a.is_placeholder())
}
