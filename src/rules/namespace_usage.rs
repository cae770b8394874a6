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

/// Every use of a known namespace whose documented first build `keep` accepts, in
/// document order. Rules ask only for the namespaces they could report: most elements
/// are in namespaces of the first release, and are passed over without being collected.
/// Rules report each use as one finding of a group keyed by the namespace, so that the
/// report tells the first use (and how many more) and a suppression of one use leaves
/// the others reported.
pub fn usages<'a>(m: &Manifest<'a>, keep: impl Fn(u32) -> bool) -> Vec<Usage<'a>> {
    usages_except(m, keep, |_, _| false)
}

/// [`usages`], without the attributes `skip` leaves to another rule.
pub fn usages_except<'a>(
    m: &Manifest<'a>,
    keep: impl Fn(u32) -> bool,
    skip: impl Fn(crate::manifest::El<'a>, crate::manifest::Attr<'a>) -> bool,
) -> Vec<Usage<'a>> {
    let kept = |ns: NsId| ns.min_build().is_some_and(&keep);
    let mut out: Vec<Usage<'a>> = Vec::new();
    for el in std::iter::once(m.root).chain(m.root.descendants()) {
        if kept(el.ns()) {
            out.push(Usage { ns: el.ns(), span: el.name_span(), name: el.qname() });
        }
        for a in el.attrs() {
            if a.ns() != NsId::NONE && kept(a.ns()) && !skip(el, a) {
                out.push(Usage { ns: a.ns(), span: a.name_span(), name: a.qname() });
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
