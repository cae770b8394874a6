//! What needs which capability: one table, read by `capability-required` (and by the
//! analyzer). The three seed rules about full trust keep their own names and messages;
//! their rows are here too, marked with the rule that reports them, so that the table is
//! the complete mapping.
//!
//! Sources: the capability declarations page
//! (<https://learn.microsoft.com/windows/uwp/packaging/app-capability-declarations>) and
//! the element pages of the manifest schema reference named on each row.

use crate::manifest::{El, Family, Manifest, NsId};
use crate::source::Span;

/// What makes a capability necessary.
#[derive(Debug)]
pub enum Trigger {
    /// An element with this local name in any namespace of the family.
    Element(Family, &'static str),
    /// An element of exactly this namespace.
    ElementNs(NsId, &'static str),
    /// An `Extension` of the family with this `Category`.
    Category(Family, &'static str),
    /// An attribute with this value (compared without case) on an element of the family
    /// (`None`: on any element).
    AttrValue(Option<Family>, NsId, &'static str, &'static str),
    /// `EntryPoint="Windows.FullTrustApplication"` on an application.
    FullTrustEntryPoint,
    /// `uap10:TrustLevel="mediumIL"` together with `uap10:RuntimeBehavior="windowsApp"`.
    MediumIlWindowsApp,
    /// An out-of-process server with `RunFullTrust` (either form) true.
    FullTrustServer,
}

/// What satisfies it.
#[derive(Debug)]
pub enum Need {
    Restricted(&'static str),
    /// One of these foundation capabilities.
    AnyFoundation(&'static [&'static str]),
    Custom(&'static str),
}

#[derive(Debug)]
pub struct Row {
    /// The rule that reports the row.
    pub rule: &'static str,
    pub trigger: Trigger,
    pub need: Need,
    /// The page that states the requirement.
    pub source: &'static str,
}

const CAPS: &str = "https://learn.microsoft.com/windows/uwp/packaging/app-capability-declarations";

pub static ROWS: &[Row] = &[
    Row {
        rule: "com-server-without-full-trust",
        trigger: Trigger::Element(Family::Com, "ExeServer"),
        need: Need::Restricted("runFullTrust"),
        source: CAPS,
    },
    Row {
        rule: "full-trust-process-without-full-trust",
        trigger: Trigger::Category(Family::Desktop, "windows.fullTrustProcess"),
        need: Need::Restricted("runFullTrust"),
        source: CAPS,
    },
    Row {
        rule: "oop-server-without-full-trust",
        trigger: Trigger::FullTrustServer,
        need: Need::Restricted("runFullTrust"),
        source: CAPS,
    },
    Row {
        rule: "capability-required",
        trigger: Trigger::FullTrustEntryPoint,
        need: Need::Restricted("runFullTrust"),
        source: CAPS,
    },
    Row {
        rule: "capability-required",
        trigger: Trigger::AttrValue(Some(Family::Foundation), NsId::UAP10, "TrustLevel", "mediumIL"),
        need: Need::Restricted("runFullTrust"),
        source: CAPS,
    },
    Row {
        rule: "capability-required",
        trigger: Trigger::AttrValue(Some(Family::Uap), NsId::UAP10, "TrustLevel", "mediumIL"),
        need: Need::Restricted("runFullTrust"),
        source: CAPS,
    },
    Row {
        rule: "capability-required",
        trigger: Trigger::Category(Family::Desktop, "windows.firewallRules"),
        need: Need::Restricted("runFullTrust"),
        source: CAPS,
    },
    Row {
        rule: "capability-required",
        trigger: Trigger::Category(Family::Desktop, "windows.startupTask"),
        need: Need::Restricted("runFullTrust"),
        source: "https://learn.microsoft.com/uwp/schemas/appxpackage/uapmanifestschema/element-desktop-startuptask",
    },
    Row {
        rule: "capability-required",
        trigger: Trigger::ElementNs(NsId::DESKTOP7, "DesktopAppMigration"),
        need: Need::Restricted("runFullTrust"),
        source: "https://learn.microsoft.com/uwp/schemas/appxpackage/uapmanifestschema/element-desktop7-desktopappmigration",
    },
    Row {
        rule: "capability-required",
        trigger: Trigger::Element(Family::Desktop, "Service"),
        need: Need::Restricted("packagedServices"),
        source: "https://learn.microsoft.com/uwp/schemas/appxpackage/uapmanifestschema/element-desktop6-service",
    },
    Row {
        rule: "capability-required",
        trigger: Trigger::AttrValue(Some(Family::Desktop), NsId::NONE, "StartAccount", "localSystem"),
        need: Need::Restricted("localSystemServices"),
        source: "https://learn.microsoft.com/uwp/schemas/appxpackage/uapmanifestschema/element-desktop6-service",
    },
    Row {
        rule: "capability-required",
        trigger: Trigger::ElementNs(NsId::DESKTOP6, "CustomInstall"),
        need: Need::Restricted("customInstallActions"),
        source: "https://learn.microsoft.com/uwp/schemas/appxpackage/uapmanifestschema/element-desktop6-custominstall",
    },
    Row {
        rule: "capability-required",
        trigger: Trigger::ElementNs(NsId::DESKTOP6, "MutablePackageDirectories"),
        need: Need::Restricted("modifiableApp"),
        source: "https://learn.microsoft.com/uwp/schemas/appxpackage/uapmanifestschema/element-desktop6-mutablepackagedirectories",
    },
    Row {
        rule: "capability-required",
        trigger: Trigger::ElementNs(NsId::DESKTOP6, "RegistryWriteVirtualization"),
        need: Need::Restricted("unvirtualizedResources"),
        source: "https://learn.microsoft.com/uwp/schemas/appxpackage/uapmanifestschema/element-desktop6-registrywritevirtualization",
    },
    Row {
        rule: "capability-required",
        trigger: Trigger::ElementNs(NsId::DESKTOP6, "FileSystemWriteVirtualization"),
        need: Need::Restricted("unvirtualizedResources"),
        source: "https://learn.microsoft.com/uwp/schemas/appxpackage/uapmanifestschema/element-desktop6-filesystemwritevirtualization",
    },
    Row {
        rule: "capability-required",
        trigger: Trigger::ElementNs(NsId::VIRTUALIZATION, "RegistryWriteVirtualization"),
        need: Need::Restricted("unvirtualizedResources"),
        source: "https://learn.microsoft.com/uwp/schemas/appxpackage/uapmanifestschema/element-virtualization-registrywritevirtualization",
    },
    Row {
        rule: "capability-required",
        trigger: Trigger::ElementNs(NsId::VIRTUALIZATION, "FileSystemWriteVirtualization"),
        need: Need::Restricted("unvirtualizedResources"),
        source: "https://learn.microsoft.com/uwp/schemas/appxpackage/uapmanifestschema/element-virtualization-filesystemwritevirtualization",
    },
    Row {
        rule: "capability-required",
        trigger: Trigger::ElementNs(NsId::UAP4, "DevicePortalProvider"),
        need: Need::Restricted("devicePortalProvider"),
        source: "https://learn.microsoft.com/uwp/schemas/appxpackage/uapmanifestschema/element-uap4-deviceportalprovider",
    },
    Row {
        rule: "capability-required",
        trigger: Trigger::ElementNs(NsId::UAP4, "DevicePortalProvider"),
        need: Need::AnyFoundation(&["privateNetworkClientServer", "internetClientServer"]),
        source: "https://learn.microsoft.com/uwp/schemas/appxpackage/uapmanifestschema/element-uap4-deviceportalprovider",
    },
    Row {
        rule: "capability-required",
        // `desktop7:CompatMode` and `desktop7:Scope` are attributes of the extension
        // elements of every namespace (the uap11 extension attribute group).
        trigger: Trigger::AttrValue(None, NsId::DESKTOP7, "CompatMode", "classic"),
        need: Need::Custom("Microsoft.classicAppCompat_8wekyb3d8bbwe"),
        source: CAPS,
    },
    Row {
        rule: "capability-required",
        trigger: Trigger::AttrValue(None, NsId::DESKTOP7, "Scope", "machine"),
        need: Need::Custom("Microsoft.classicAppCompatElevated_8wekyb3d8bbwe"),
        source: CAPS,
    },
    Row {
        rule: "capability-required",
        trigger: Trigger::MediumIlWindowsApp,
        need: Need::Custom("Microsoft.coreAppActivation_8wekyb3d8bbwe"),
        source: "https://learn.microsoft.com/uwp/schemas/appxpackage/uapmanifestschema/element-application",
    },
];

/// A place that triggers a row, with a description for messages.
pub struct Hit<'a> {
    pub element: El<'a>,
    pub span: Span,
    /// A noun phrase naming the place, the subject of "... needs the restricted capability
    /// runFullTrust": `` `<desktop6:Service>` ``, `` `EntryPoint="..."` on application `App` ``.
    pub what: String,
}

impl Need {
    pub fn satisfied(&self, m: &Manifest<'_>) -> bool {
        match self {
            Need::Restricted(name) => m.has_restricted(name),
            Need::AnyFoundation(names) => names.iter().any(|n| m.has_foundation_capability(n)),
            Need::Custom(name) => m
                .capabilities
                .iter()
                .any(|c| c.kind == crate::manifest::CapabilityKind::Custom && c.name().eq_ignore_ascii_case(name)),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Need::Restricted(name) => format!("the restricted capability {name}"),
            Need::AnyFoundation(names) => format!("the capability {}", names.join(" or ")),
            Need::Custom(name) => format!("the custom capability {name}"),
        }
    }

    /// What to add, as a user writes it.
    pub fn declaration(&self, m: &Manifest<'_>) -> String {
        match self {
            Need::Restricted(name) => super::util::add_capability_help(m, NsId::RESCAP, name),
            Need::AnyFoundation(names) => super::util::add_capability_help(m, NsId::FOUNDATION, names[0]),
            Need::Custom(name) => {
                let (p, declare) = super::util::ns_binding(m, NsId::UAP4);
                let el = super::util::qualify(&p, "CustomCapability");
                let mut help = format!("add <{el} Name=\"{name}\"/> to <Capabilities>, after the Capability elements");
                if let Some(declare) = declare {
                    help.push_str(&format!(", and {declare}"));
                }
                help
            }
        }
    }
}

fn is_extension_with(el: El<'_>, family: Family, category: &str) -> bool {
    el.is_in(family, "Extension") && el.attr("Category").is_some_and(|c| c.value().trim() == category)
}

/// Every place of the manifest that triggers a row.
pub fn hits<'a>(m: &Manifest<'a>, row: &Row) -> Vec<Hit<'a>> {
    hits_of_rows(m, &[row]).pop().unwrap_or_default()
}

/// The hits of each of `rows` (in the same order, each in document order), from one walk
/// over the manifest. Each element is judged only against the rows that an index of the
/// names they need leaves (64 rows at a time, one bit each). Rows whose namespaces the
/// document does not declare are left out of the index; when none is left, the manifest
/// is not walked.
pub fn hits_of_rows<'a>(m: &Manifest<'a>, rows: &[&Row]) -> Vec<Vec<Hit<'a>>> {
    let mut all: Vec<Vec<Hit<'a>>> = rows.iter().map(|_| Vec::new()).collect();
    let declared = Declared::of(m);
    for (rows, outs) in rows.chunks(64).zip(all.chunks_mut(64)) {
        let index = RowIndex::new(rows, &declared);
        if index.is_empty() {
            continue;
        }
        for el in std::iter::once(m.root).chain(m.root.descendants()) {
            let mut candidates = index.candidates(el);
            while candidates != 0 {
                let i = candidates.trailing_zeros() as usize;
                candidates &= candidates - 1;
                row_hit(m, rows[i], el, &mut outs[i]);
            }
        }
    }
    all
}

/// The namespaces that a document declares, and their families. An element or attribute
/// is only in a namespace that the document declares (the predeclared `xml` namespace
/// aside, which no row names), so a row that needs another namespace cannot fire.
struct Declared {
    /// One bit per known namespace id (all below 128).
    ns: u128,
    /// One bit per [`Family`].
    families: u32,
}

impl Declared {
    fn of(m: &Manifest<'_>) -> Declared {
        let mut d = Declared { ns: 0, families: 0 };
        for decl in &m.doc().ns_decls {
            d.ns |= ns_bit(decl.ns);
            d.families |= 1 << decl.ns.family() as u32;
        }
        d
    }

    fn ns(&self, ns: NsId) -> bool {
        self.ns & ns_bit(ns) != 0
    }

    fn family(&self, family: Family) -> bool {
        self.families & (1 << family as u32) != 0
    }
}

/// A bit for a namespace id below 128 (every known namespace, and [`NsId::NONE`]); none
/// for the others, which no row names.
fn ns_bit(ns: NsId) -> u128 {
    1u128.checked_shl(u32::from(ns.0)).unwrap_or(0)
}

/// The local name that an element, or one of its attributes (with its namespace), must
/// have for a trigger to fire: what [`row_hit`] tests first for each kind of trigger.
enum Key {
    Element(&'static str),
    Attr(NsId, &'static str),
}

impl Trigger {
    fn key(&self) -> Key {
        match self {
            Trigger::Element(_, local) | Trigger::ElementNs(_, local) => Key::Element(local),
            Trigger::Category(..) => Key::Element("Extension"),
            Trigger::FullTrustEntryPoint => Key::Element("Application"),
            Trigger::FullTrustServer => Key::Element("OutOfProcessServer"),
            Trigger::AttrValue(_, ns, local, _) => Key::Attr(*ns, local),
            Trigger::MediumIlWindowsApp => Key::Attr(NsId::UAP10, "TrustLevel"),
        }
    }

    /// Whether the trigger can fire in a document that declares `declared`: what
    /// [`row_hit`] asks of the namespaces of the element and attributes.
    fn possible(&self, declared: &Declared) -> bool {
        match self {
            Trigger::Element(family, _) | Trigger::Category(family, _) => declared.family(*family),
            Trigger::ElementNs(ns, _) => declared.ns(*ns),
            Trigger::AttrValue(family, ns, _, _) => {
                family.is_none_or(|f| declared.family(f)) && (*ns == NsId::NONE || declared.ns(*ns))
            }
            Trigger::FullTrustEntryPoint => declared.ns(NsId::FOUNDATION),
            Trigger::MediumIlWindowsApp => declared.ns(NsId::UAP10),
            Trigger::FullTrustServer => declared.ns(NsId::UAP5) || declared.ns(NsId::FOUNDATION),
        }
    }
}

/// Which of up to 64 rows an element may trigger, by the [`Key`] of each row: one bit per
/// row in the bucket of its key's name. Buckets may share names, so a candidate row is
/// still judged in full; a row outside the candidates cannot fire. Telling an element's
/// buckets costs a few instructions per name, where judging every row costs tens each.
struct RowIndex {
    by_element: [u64; BUCKETS],
    by_attr: [u64; BUCKETS],
    /// The namespaces of the attributes that rows are keyed by (see [`ns_bit`]): other
    /// attributes are not looked at, nor any when no row is keyed by an attribute.
    attr_ns: u128,
}

const BUCKETS: usize = 64;

/// A name's bucket, from its length and last byte: cheap to tell, and enough to keep the
/// few names of the table apart from most others.
fn bucket(name: &str) -> usize {
    (name.len() * 7 + name.as_bytes().last().map_or(0, |&b| b as usize)) % BUCKETS
}

impl RowIndex {
    /// The index of the rows that can fire in a document that declares `declared`.
    fn new(rows: &[&Row], declared: &Declared) -> RowIndex {
        debug_assert!(rows.len() <= 64);
        let mut index = RowIndex { by_element: [0; BUCKETS], by_attr: [0; BUCKETS], attr_ns: 0 };
        for (i, row) in rows.iter().enumerate() {
            if !row.trigger.possible(declared) {
                continue;
            }
            match row.trigger.key() {
                Key::Element(name) => index.by_element[bucket(name)] |= 1 << i,
                Key::Attr(ns, name) => {
                    index.by_attr[bucket(name)] |= 1 << i;
                    index.attr_ns |= ns_bit(ns);
                }
            }
        }
        index
    }

    /// Whether no row can fire.
    fn is_empty(&self) -> bool {
        self.by_element.iter().chain(&self.by_attr).all(|&rows| rows == 0)
    }

    /// The rows (bits) that `el` may trigger.
    fn candidates(&self, el: El<'_>) -> u64 {
        let mut rows = self.by_element[bucket(el.local())];
        if self.attr_ns != 0 {
            for a in el.attrs() {
                if self.attr_ns & ns_bit(a.ns()) != 0 {
                    rows |= self.by_attr[bucket(a.local())];
                }
            }
        }
        rows
    }
}

fn row_hit<'a>(m: &Manifest<'a>, row: &Row, el: El<'a>, out: &mut Vec<Hit<'a>>) {
    {
        match &row.trigger {
            Trigger::Element(family, local) => {
                if el.is_in(*family, local) {
                    let name = el
                        .attr("Name")
                        .or(el.attr("Executable"))
                        .map(|a| format!(" `{}`", a.value()))
                        .unwrap_or_default();
                    out.push(Hit { element: el, span: el.name_span(), what: format!("`<{}>`{name}", el.qname()) });
                }
            }
            Trigger::ElementNs(ns, local) => {
                if el.is(*ns, local) {
                    out.push(Hit { element: el, span: el.name_span(), what: format!("`<{}>`", el.qname()) });
                }
            }
            Trigger::Category(family, category) => {
                if is_extension_with(el, *family, category) {
                    let c = el.attr("Category").expect("checked");
                    out.push(Hit {
                        element: el,
                        span: c.value_span(),
                        what: format!("the `{category}` extension of {}", super::util::owner_description(m, el)),
                    });
                }
            }
            Trigger::AttrValue(family, ns, local, value) => {
                if family.is_none_or(|f| el.ns().in_family(f))
                    && let Some(a) = el.attr_ns(*ns, local)
                    && a.value().trim().eq_ignore_ascii_case(value)
                {
                    out.push(Hit {
                        element: el,
                        span: a.span(),
                        what: format!("`{}=\"{}\"` on `<{}>`", a.qname(), a.value(), el.qname()),
                    });
                }
            }
            Trigger::FullTrustEntryPoint => {
                if el.is(NsId::FOUNDATION, "Application")
                    && let Some(a) = el.attr("EntryPoint")
                    && a.value().trim().eq_ignore_ascii_case("Windows.FullTrustApplication")
                {
                    let who = el
                        .attr("Id")
                        .map_or("the application".to_string(), |id| format!("application `{}`", id.value()));
                    out.push(Hit {
                        element: el,
                        span: a.value_span(),
                        what: format!("`EntryPoint=\"{}\"` on {who}", a.value().trim()),
                    });
                }
            }
            Trigger::MediumIlWindowsApp => {
                if let (Some(t), Some(r)) =
                    (el.attr_ns(NsId::UAP10, "TrustLevel"), el.attr_ns(NsId::UAP10, "RuntimeBehavior"))
                    && t.value().trim().eq_ignore_ascii_case("mediumIL")
                    && r.value().trim().eq_ignore_ascii_case("windowsApp")
                {
                    out.push(Hit {
                        element: el,
                        span: t.span(),
                        what: format!(
                            "`{}=\"{}\"` with `{}=\"{}\"` on `<{}>`",
                            t.qname(),
                            t.value().trim(),
                            r.qname(),
                            r.value().trim(),
                            el.qname()
                        ),
                    });
                }
            }
            Trigger::FullTrustServer => {
                if el.local() == "OutOfProcessServer"
                    && (el.ns() == NsId::UAP5 || el.ns() == NsId::FOUNDATION)
                    && let Some(a) = super::oop_server::run_full_trust(el)
                    && a.as_bool() == Some(true)
                {
                    out.push(Hit { element: el, span: a.span(), what: format!("a full-trust `<{}>`", el.qname()) });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::{Manifest, Tree};

    /// One manifest that triggers every row of `capability-required`.
    const EVERY_TRIGGER: &str = r#"<Package xmlns="http://schemas.microsoft.com/appx/manifest/foundation/windows10"
  xmlns:uap="http://schemas.microsoft.com/appx/manifest/uap/windows10"
  xmlns:uap4="http://schemas.microsoft.com/appx/manifest/uap/windows10/4"
  xmlns:uap10="http://schemas.microsoft.com/appx/manifest/uap/windows10/10"
  xmlns:desktop="http://schemas.microsoft.com/appx/manifest/desktop/windows10"
  xmlns:desktop2="http://schemas.microsoft.com/appx/manifest/desktop/windows10/2"
  xmlns:desktop6="http://schemas.microsoft.com/appx/manifest/desktop/windows10/6"
  xmlns:desktop7="http://schemas.microsoft.com/appx/manifest/desktop/windows10/7"
  xmlns:virtualization="http://schemas.microsoft.com/appx/manifest/virtualization/windows10">
  <Properties>
    <desktop6:RegistryWriteVirtualization>disabled</desktop6:RegistryWriteVirtualization>
    <desktop6:FileSystemWriteVirtualization>disabled</desktop6:FileSystemWriteVirtualization>
    <virtualization:RegistryWriteVirtualization/>
    <virtualization:FileSystemWriteVirtualization/>
  </Properties>
  <Applications>
    <Application Id="A" Executable="A.exe" EntryPoint="Windows.FullTrustApplication"/>
    <Application Id="B" Executable="B.exe" EntryPoint="B.App" uap10:TrustLevel="mediumIL" uap10:RuntimeBehavior="windowsApp">
      <Extensions>
        <uap:Extension Category="windows.appService" uap10:TrustLevel="mediumIL"/>
        <desktop2:Extension Category="windows.firewallRules"/>
        <desktop:Extension Category="windows.startupTask"/>
        <desktop6:Extension Category="windows.service"><desktop6:Service StartAccount="localSystem"/></desktop6:Extension>
        <desktop6:Extension Category="windows.customInstall"><desktop6:CustomInstall/></desktop6:Extension>
        <desktop6:Extension Category="windows.mutablePackageDirectories"><desktop6:MutablePackageDirectories/></desktop6:Extension>
        <uap4:Extension Category="windows.devicePortalProvider"><uap4:DevicePortalProvider/></uap4:Extension>
        <desktop7:Extension Category="windows.desktopAppMigration"><desktop7:DesktopAppMigration/></desktop7:Extension>
        <uap:Extension Category="windows.protocol" desktop7:CompatMode="classic" desktop7:Scope="machine"/>
      </Extensions>
    </Application>
  </Applications>
</Package>"#;

    #[test]
    fn every_row_reads_as_a_sentence() {
        let doc = crate::manifest::xml::parse(EVERY_TRIGGER).unwrap();
        let m = Manifest::new(Tree::new(EVERY_TRIGGER, &doc)).unwrap();
        for row in ROWS.iter().filter(|r| r.rule == "capability-required") {
            let hits = hits(&m, row);
            assert!(!hits.is_empty(), "no hit for {row:?}");
            for h in hits {
                // The description is the subject of "needs": a noun phrase, without a verb
                // of its own.
                for verb in [" uses ", " needs ", " declares ", " is ", " has "] {
                    assert!(!h.what.contains(verb), "{row:?}: `{}` is not a noun phrase", h.what);
                }
                assert!(h.what.contains('`'), "{row:?}: `{}` names no place", h.what);
            }
        }
    }
}
