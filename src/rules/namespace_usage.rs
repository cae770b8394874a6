//! Where each namespace is used: what the namespace/version rules look at.

use crate::manifest::{FIRST_BUILD, Manifest, NsId};
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
///
/// `keep` must refuse the first release ([`FIRST_BUILD`]), as it does for a version
/// taken through [`floor`]: the uses come from [`Manifest::later_namespace_uses`], one
/// walk shared by the rules.
pub fn usages<'a>(m: &Manifest<'a>, keep: impl Fn(u32) -> bool) -> Vec<Usage<'a>> {
    usages_except(m, keep, |_, _| false)
}

/// [`usages`], without the attributes `skip` leaves to another rule.
pub fn usages_except<'a>(
    m: &Manifest<'a>,
    keep: impl Fn(u32) -> bool,
    skip: impl Fn(crate::manifest::El<'a>, crate::manifest::Attr<'a>) -> bool,
) -> Vec<Usage<'a>> {
    debug_assert!(!keep(FIRST_BUILD), "the namespaces of the first release are not collected");
    m.later_namespace_uses()
        .iter()
        .filter(|u| u.ns().min_build().is_some_and(&keep) && u.attr.is_none_or(|a| !skip(u.el, a)))
        .map(|u| Usage { ns: u.ns(), span: u.name_span(), name: u.qname() })
        .collect()
}

/// Windows 10 starts at build 10240: an older MinVersion or MaxVersionTested means the
/// first release.
pub fn floor(v: crate::manifest::Version) -> crate::manifest::Version {
    v.max(crate::manifest::Version::windows(FIRST_BUILD))
}
