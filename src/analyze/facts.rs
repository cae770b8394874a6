//! Per-package facts: what cross-file rules and the analyzer keep of a manifest once its
//! tree is dropped. Everything here carries resolved locations, so the source text of a
//! clean file need not be kept.

use crate::manifest::{Manifest, NsId};
use crate::source::{Location, SourceText};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    In,
    Out,
}

/// One `uap4:Rule` of `uap4:LoopbackAccessRules`.
#[derive(Clone, Debug)]
pub struct LoopbackRule {
    pub direction: Option<Direction>,
    pub family_name: String,
    /// The family name holds a build placeholder, so it cannot be matched.
    pub placeholder: bool,
    pub location: Location,
}

#[derive(Clone, Debug, Default)]
pub struct PackageFacts {
    pub name: Option<String>,
    pub publisher: Option<String>,
    pub family_name: Option<String>,
    pub version: Option<String>,
    /// `ProcessorArchitecture`, as written.
    pub architecture: Option<String>,
    /// A resource package (`ResourceId` on `Identity`, or `Properties/ResourcePackage`):
    /// it shares the family name of its main package and declares no apps.
    pub resource: bool,
    pub identity_location: Option<Location>,
    pub loopback_rules: Vec<LoopbackRule>,
    /// The first `uap4:LoopbackAccessRules` element.
    pub loopback_location: Option<Location>,
    pub private_network: bool,
}

impl PackageFacts {
    pub fn new(m: &Manifest<'_>, src: &SourceText) -> PackageFacts {
        let mut f = PackageFacts::default();
        if let Some(id) = &m.identity {
            f.name = id.name.map(|a| a.value().to_string());
            f.publisher = id.publisher.map(|a| a.value().to_string());
            f.family_name = id.family_name();
            f.version = id.version.map(|a| a.value().trim().to_string());
            f.architecture = id.architecture.map(|a| a.value().trim().to_string());
            f.resource = id.resource_id.is_some_and(|a| !a.value().trim().is_empty());
            f.identity_location = Some(src.location(id.el.name_span()));
        }
        if let Some(props) = m.properties
            && let Some(flag) = props.child(m.root.ns(), "ResourcePackage")
        {
            f.resource |= flag.trimmed_text().is_some_and(|(t, _)| t == "true");
        }
        f.private_network = m.has_foundation_capability("privateNetworkClientServer");
        for el in m.root.descendants() {
            if !el.is(NsId::UAP4, "LoopbackAccessRules") {
                continue;
            }
            if f.loopback_location.is_none() {
                f.loopback_location = Some(src.location(el.name_span()));
            }
            for rule in el.children_named(NsId::UAP4, "Rule") {
                let Some(pfn) = rule.attr("PackageFamilyName") else { continue };
                let direction = match rule.attr("Direction").map(|d| d.value()) {
                    Some("in") => Some(Direction::In),
                    Some("out") => Some(Direction::Out),
                    _ => None,
                };
                f.loopback_rules.push(LoopbackRule {
                    direction,
                    family_name: pfn.value().to_string(),
                    placeholder: pfn.is_placeholder(),
                    location: src.location(rule.name_span()),
                });
            }
        }
        f
    }

    /// True when `pfn` names this package (package family names compare without case).
    pub fn is_named_by(&self, pfn: &str) -> bool {
        self.family_name.as_deref().is_some_and(|own| own.eq_ignore_ascii_case(pfn))
    }
}
