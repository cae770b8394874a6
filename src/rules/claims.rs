//! Schema issues that dedicated rules report themselves, with messages that say more
//! than a schema check can. The generic `schema-*` rules skip them, so that one mistake
//! is reported once.

use crate::manifest::{Manifest, NsId};
use crate::schema::{Issue, IssueKind};

/// (element namespace, element local name, attribute local name): the values of these
/// attributes are judged by dedicated rules.
const ATTRIBUTES: &[(Option<NsId>, &str, &str)] = &[
    // package-name-invalid, publisher-invalid, version-invalid, architecture-invalid,
    // resource-id-invalid
    (Some(NsId::FOUNDATION), "Identity", "Name"),
    (Some(NsId::FOUNDATION), "Identity", "Publisher"),
    (Some(NsId::FOUNDATION), "Identity", "Version"),
    (Some(NsId::FOUNDATION), "Identity", "ProcessorArchitecture"),
    (Some(NsId::FOUNDATION), "Identity", "ResourceId"),
    (None, "PackageDependency", "Name"),
    (None, "PackageDependency", "Publisher"),
    (None, "PackageDependency", "MinVersion"),
    (None, "MainPackageDependency", "Name"),
    (None, "MainPackageDependency", "Publisher"),
    (Some(NsId::FOUNDATION), "TargetDeviceFamily", "MinVersion"),
    (Some(NsId::FOUNDATION), "TargetDeviceFamily", "MaxVersionTested"),
    // capability-unknown, capability-wrong-namespace, custom-capability-invalid
    (None, "Capability", "Name"),
    (None, "CustomCapability", "Name"),
    (Some(NsId::FOUNDATION), "DeviceCapability", "Name"),
    // application-id-invalid
    (Some(NsId::FOUNDATION), "Application", "Id"),
    // extension-category-invalid
    (None, "Extension", "Category"),
    // oop-server-name-invalid, oop-server-structure
    (Some(NsId::UAP5), "OutOfProcessServer", "ServerName"),
    (Some(NsId::FOUNDATION), "OutOfProcessServer", "ServerName"),
    (Some(NsId::UAP5), "OutOfProcessServer", "RunFullTrust"),
    (Some(NsId::FOUNDATION), "OutOfProcessServer", "RunFullTrust"),
    // IPC mechanisms: app-service-name-invalid, protocol-name-invalid,
    // protocol-return-results-invalid, publisher-cache-folder-name-invalid,
    // com-exe-server-executable
    (Some(NsId::UAP), "AppService", "Name"),
    (Some(NsId::UAP3), "AppService", "Name"),
    (Some(NsId::UAP), "Protocol", "Name"),
    (Some(NsId::UAP3), "Protocol", "Name"),
    (Some(NsId::UAP10), "Protocol", "Name"),
    (Some(NsId::UAP), "Protocol", "ReturnResults"),
    (Some(NsId::UAP3), "Protocol", "ReturnResults"),
    (Some(NsId::UAP10), "Protocol", "ReturnResults"),
    (Some(NsId::FOUNDATION), "Folder", "Name"),
    (Some(NsId::COM), "ExeServer", "Executable"),
    (Some(NsId::COM3), "ExeServer", "Executable"),
    (Some(NsId::COM4), "ExeServer", "Executable"),
];

/// Attributes whose absence dedicated rules report.
const PRESENCE: &[(NsId, &str, &str)] =
    &[(NsId::UAP5, "OutOfProcessServer", "ServerName"), (NsId::FOUNDATION, "OutOfProcessServer", "ServerName")];

/// Elements whose children (order, presence, count) dedicated rules judge.
const CONTENT: &[(NsId, &str)] = &[(NsId::UAP5, "OutOfProcessServer"), (NsId::FOUNDATION, "OutOfProcessServer")];

/// Elements whose children's order and counts dedicated rules judge (unknown children
/// are still reported by the schema rules).
const ORDER: &[(NsId, &str)] = &[(NsId::FOUNDATION, "Capabilities")];

/// Elements whose own text value dedicated rules judge.
const TEXT: &[(NsId, &str, &str)] = &[
    (NsId::UAP5, "OutOfProcessServer", "Path"),
    (NsId::UAP5, "OutOfProcessServer", "Instancing"),
    (NsId::FOUNDATION, "OutOfProcessServer", "Path"),
    (NsId::FOUNDATION, "OutOfProcessServer", "Instancing"),
];

/// Identity constraints reported by dedicated rules.
const CONSTRAINTS: &[&str] = &[
    "Application_Id",
    "Capability_Name",
    "DeviceCapability_Name",
    "CustomCapability_Name",
    // IPC mechanisms: protocol-duplicate, full-trust-process-structure (com-class-duplicate
    // lists its own).
    "Extension_Protocol",
    "FullTrustProcessParameterGroup_GroupId",
];

/// Elements whose number of children dedicated rules judge: too few (a missing child) and
/// too many (loopback-rule-count, publisher-cache-folder-count).
const COUNTS: &[(NsId, &str)] = &[(NsId::UAP4, "LoopbackAccessRules"), (NsId::FOUNDATION, "PublisherCacheFolders")];

/// Rules that claim issues by a test of their own.
const HOOKS: &[fn(&Manifest<'_>, &Issue) -> bool] = &[
    super::com_class_id_invalid::claims,
    super::publisher_cache_folders_placement::claims,
    |_, issue| super::named_objects_isolation_invalid::claims(issue),
    super::namespace_uri_misspelled::claims,
];

pub fn claimed(m: &Manifest<'_>, issue: &Issue) -> bool {
    let el = m.tree.el(issue.element);
    let parent = el.parent();
    if HOOKS.iter().any(|hook| hook(m, issue)) {
        return true;
    }
    match issue.kind {
        IssueKind::MissingAttribute => issue
            .attr
            .as_ref()
            .is_some_and(|(_, attr)| PRESENCE.iter().any(|(ns, local, a)| el.is(*ns, local) && a == attr)),
        IssueKind::UnknownAttribute => false,
        IssueKind::InvalidValue => {
            if let Some((_, attr)) = &issue.attr {
                if ATTRIBUTES
                    .iter()
                    .any(|(ns, local, a)| ns.is_none_or(|ns| el.ns() == ns) && el.local() == *local && a == attr)
                {
                    return true;
                }
            } else if let Some(p) = parent
                && TEXT.iter().any(|(ns, local, child)| p.is(*ns, local) && el.local() == *child)
            {
                return true;
            }
            false
        }
        IssueKind::MissingElement => CONTENT.iter().chain(COUNTS).any(|(ns, local)| el.is(*ns, local)),
        IssueKind::Misplaced => parent.is_some_and(|p| CONTENT.iter().chain(ORDER).any(|(ns, local)| p.is(*ns, local))),
        IssueKind::TooMany => {
            parent.is_some_and(|p| CONTENT.iter().chain(ORDER).chain(COUNTS).any(|(ns, local)| p.is(*ns, local)))
        }
        IssueKind::UnknownElement => parent.is_some_and(|p| CONTENT.iter().any(|(ns, local)| p.is(*ns, local))),
        IssueKind::Duplicate => issue
            .constraint
            .is_some_and(|c| CONSTRAINTS.contains(&c) || super::com_class_duplicate::CONSTRAINTS.contains(&c)),
        IssueKind::BadReference => issue.constraint.is_some_and(|c| CONSTRAINTS.contains(&c)),
        IssueKind::TextNotAllowed | IssueKind::UnknownNamespace => false,
    }
}
