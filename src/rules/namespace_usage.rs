//! Where each namespace is used: what the namespace/version rules look at.

use crate::manifest::{Manifest, NsId};
use crate::source::Span;

/// The uses of one namespace by elements and attributes (declarations do not count).
pub struct Usage<'a> {
    pub ns: NsId,
    /// An element or attribute name in the namespace.
    pub span: Span,
    pub name: &'a str,
}

/// Every use of a known namespace with a documented first build, in document order.
/// Rules report each use as one finding of a group keyed by the namespace, so that the
/// report tells the first use (and how many more) and a suppression of one use leaves
/// the others reported.
pub fn usages<'a>(m: &Manifest<'a>) -> Vec<Usage<'a>> {
    usages_except(m, |_, _| false)
}

/// [`usages`], without the attributes `skip` leaves to another rule.
pub fn usages_except<'a>(
    m: &Manifest<'a>,
    skip: impl Fn(crate::manifest::El<'a>, crate::manifest::Attr<'a>) -> bool,
) -> Vec<Usage<'a>> {
    let mut out: Vec<Usage<'a>> = Vec::new();
    let mut note = |ns: NsId, span: Span, name: &'a str| {
        if ns.min_build().is_none() {
            return;
        }
        out.push(Usage { ns, span, name });
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
