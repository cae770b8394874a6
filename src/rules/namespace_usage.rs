//! Where each namespace is used: what the namespace/version rules look at.

use crate::manifest::{Manifest, NsId};
use crate::source::Span;

/// The uses of one namespace by elements and attributes (declarations do not count).
pub struct Usage {
    pub ns: NsId,
    /// An element or attribute name in the namespace.
    pub span: Span,
    pub name: String,
}

/// Every use of a known namespace with a documented first build, in document order.
/// Rules report each use as one finding of a group keyed by the namespace, so that the
/// report tells the first use (and how many more) and a suppression of one use leaves
/// the others reported.
pub fn usages(m: &Manifest<'_>) -> Vec<Usage> {
    usages_except(m, |_, _| false)
}

/// [`usages`], without the attributes `skip` leaves to another rule.
pub fn usages_except(
    m: &Manifest<'_>,
    skip: impl Fn(crate::manifest::El<'_>, crate::manifest::Attr<'_>) -> bool,
) -> Vec<Usage> {
    let mut out: Vec<Usage> = Vec::new();
    let mut note = |ns: NsId, span: Span, name: &str| {
        if ns.min_build().is_none() {
            return;
        }
        out.push(Usage { ns, span, name: name.to_string() });
    };
    for el in std::iter::once(m.root).chain(m.root.descendants()) {
        note(el.ns(), el.name_span(), el.qname());
        for a in el.attrs() {
            if a.ns() != NsId::NONE && !skip(el, a) {
                note(a.ns(), a.name_span(), a.qname());
            }
        }
    }
    out
}

/// Windows 10 starts at build 10240: an older MinVersion or MaxVersionTested means the
/// first release.
pub fn floor(v: crate::manifest::Version) -> crate::manifest::Version {
    v.max(crate::manifest::Version::windows(10240))
}
