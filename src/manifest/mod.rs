//! The typed, tolerant view of a manifest.
//!
//! [`Manifest`] sits on top of the spanned tree of [`xml`]. It never fails: a missing
//! element is simply absent, a bad value is kept as written (rules judge it). Elements are
//! matched by (namespace, local name), never by prefix.

pub mod capabilities;
pub mod identity;
pub mod ns;
pub mod placeholder;
pub mod version;
pub mod xml;

use std::borrow::Cow;

pub use ns::{Family, NsId};
pub use version::Version;
pub use xml::{Document, ElemId};

use crate::source::Span;

/// A parsed document together with its text: what element handles point into.
#[derive(Clone, Copy)]
pub struct Tree<'a> {
    pub text: &'a str,
    pub doc: &'a Document,
}

impl<'a> Tree<'a> {
    pub fn new(text: &'a str, doc: &'a Document) -> Tree<'a> {
        Tree { text, doc }
    }

    pub fn el(self, id: ElemId) -> El<'a> {
        El { tree: self, id }
    }

    pub fn root(self) -> Option<El<'a>> {
        self.doc.root.map(|id| self.el(id))
    }

    pub fn slice(self, span: Span) -> &'a str {
        &self.text[span.range()]
    }

    /// Every element in document order.
    pub fn elements(self) -> impl Iterator<Item = El<'a>> {
        (0..self.doc.elements.len() as ElemId).map(move |id| self.el(id))
    }
}

/// A handle on one element.
#[derive(Clone, Copy)]
pub struct El<'a> {
    pub tree: Tree<'a>,
    pub id: ElemId,
}

impl std::fmt::Debug for El<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{}>", self.qname())
    }
}

impl<'a> El<'a> {
    fn raw(self) -> &'a xml::Element {
        self.tree.doc.element(self.id)
    }

    pub fn ns(self) -> NsId {
        self.raw().ns
    }

    pub fn ns_uri(self) -> &'a str {
        self.tree.doc.ns_uri(self.ns())
    }

    pub fn local(self) -> &'a str {
        self.tree.slice(self.raw().local)
    }

    /// The name as written, with its prefix.
    pub fn qname(self) -> &'a str {
        self.tree.slice(self.raw().qname)
    }

    pub fn is(self, ns: NsId, local: &str) -> bool {
        self.ns() == ns && self.local_is(local)
    }

    /// Whether the local name is `local`. The lengths are compared first, without taking
    /// the name out of the text: most names that rules ask about differ in length.
    pub fn local_is(self, local: &str) -> bool {
        let span = self.raw().local;
        span.len() == local.len() && self.local() == local
    }

    /// True for `local` in any namespace of `family` (`com:ExeServer`, `com3:ExeServer`...).
    pub fn is_in(self, family: Family, local: &str) -> bool {
        self.local_is(local) && self.ns().in_family(family)
    }

    /// The span of the start tag's name: where a finding about the element points.
    pub fn name_span(self) -> Span {
        self.raw().qname
    }

    pub fn start_tag(self) -> Span {
        self.raw().start_tag
    }

    pub fn full_span(self) -> Span {
        self.raw().full_span()
    }

    pub fn parent(self) -> Option<El<'a>> {
        self.raw().parent().map(|p| self.tree.el(p))
    }

    pub fn depth(self) -> usize {
        self.raw().depth as usize
    }

    pub fn children(self) -> impl Iterator<Item = El<'a>> {
        let tree = self.tree;
        tree.doc.children(self.id).map(move |id| tree.el(id))
    }

    pub fn child(self, ns: NsId, local: &str) -> Option<El<'a>> {
        self.children().find(|c| c.is(ns, local))
    }

    pub fn children_named(self, ns: NsId, local: &'a str) -> impl Iterator<Item = El<'a>> {
        self.children().filter(move |c| c.is(ns, local))
    }

    /// Every element below this one, in document order.
    pub fn descendants(self) -> impl Iterator<Item = El<'a>> {
        let tree = self.tree;
        tree.doc.descendants(self.id).map(move |id| tree.el(id))
    }

    pub fn attrs(self) -> impl Iterator<Item = Attr<'a>> {
        let tree = self.tree;
        tree.doc.attrs(self.id).iter().map(move |raw| Attr { tree, raw })
    }

    /// An unqualified attribute (`Name="..."`).
    pub fn attr(self, local: &str) -> Option<Attr<'a>> {
        self.attr_ns(NsId::NONE, local)
    }

    pub fn attr_ns(self, ns: NsId, local: &str) -> Option<Attr<'a>> {
        self.attrs().find(|a| a.ns() == ns && a.local_is(local))
    }

    /// Whether the element's own character data is more than XML whitespace: `false`
    /// answers what `text()` would without building it.
    pub fn has_text(self) -> bool {
        self.raw().has_text
    }

    /// The element's own character data, references resolved.
    pub fn text(self) -> Option<(Cow<'a, str>, Span)> {
        self.tree.doc.text_of(self.tree.text, self.id)
    }

    /// The character data with surrounding whitespace removed, and its span.
    pub fn trimmed_text(self) -> Option<(String, Span)> {
        let (t, span) = self.text()?;
        let trimmed = t.trim();
        if trimmed.is_empty() {
            return Some((String::new(), span));
        }
        // Narrow the span to the trimmed text when the raw text maps 1:1 (no references).
        let raw = self.tree.slice(span);
        let inner = match raw.find(trimmed) {
            Some(i) => Span::new(span.start as usize + i, span.start as usize + i + trimmed.len()),
            None => span,
        };
        Some((trimmed.to_string(), inner))
    }

    /// The first ancestor (or self) matching the predicate.
    pub fn ancestor(self, mut pred: impl FnMut(El<'a>) -> bool) -> Option<El<'a>> {
        let mut cur = Some(self);
        while let Some(e) = cur {
            if pred(e) {
                return Some(e);
            }
            cur = e.parent();
        }
        None
    }
}

/// A handle on one attribute.
#[derive(Clone, Copy)]
pub struct Attr<'a> {
    tree: Tree<'a>,
    raw: &'a xml::Attribute,
}

impl<'a> Attr<'a> {
    pub fn ns(self) -> NsId {
        self.raw.ns
    }

    pub fn local(self) -> &'a str {
        self.tree.slice(self.raw.local)
    }

    /// Whether the local name is `local`, the lengths compared first (see
    /// [`El::local_is`]).
    pub fn local_is(self, local: &str) -> bool {
        self.raw.local.len() == local.len() && self.local() == local
    }

    pub fn qname(self) -> &'a str {
        self.tree.slice(self.raw.qname)
    }

    /// The normalized value (references resolved, tabs and line breaks as spaces).
    pub fn value(self) -> &'a str {
        self.tree.doc.attr_value(self.tree.text, self.raw)
    }

    /// Where the value is written, between the quotes. Findings about a value point here.
    pub fn value_span(self) -> Span {
        self.raw.value_span
    }

    pub fn name_span(self) -> Span {
        self.raw.qname
    }

    /// `name="value"`.
    pub fn span(self) -> Span {
        self.raw.span()
    }

    pub fn owner(self) -> El<'a> {
        self.tree.el(self.raw.owner)
    }

    /// True when the value holds a build placeholder (`$token$`, `@VAR@`...).
    pub fn is_placeholder(self) -> bool {
        self.tree.doc.may_hold_placeholders() && placeholder::contains(self.value())
    }

    /// `xs:boolean`: `true`/`1` or `false`/`0` after whitespace collapsing.
    pub fn as_bool(self) -> Option<bool> {
        match self.value().trim() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        }
    }
}

impl std::fmt::Debug for Attr<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}={:?}", self.qname(), self.value())
    }
}

/// What the root element says the file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A Windows 10/11 package manifest (`Package` in the foundation namespace).
    Package,
    /// A Windows 8, 8.1 or Windows Phone 8.1 manifest.
    Legacy,
    /// An `AppxBundleManifest.xml`.
    Bundle,
    /// Something else.
    Other,
}

#[derive(Clone, Copy, Debug)]
pub struct Identity<'a> {
    pub el: El<'a>,
    pub name: Option<Attr<'a>>,
    pub publisher: Option<Attr<'a>>,
    pub version: Option<Attr<'a>>,
    pub architecture: Option<Attr<'a>>,
    pub resource_id: Option<Attr<'a>>,
}

impl<'a> Identity<'a> {
    pub fn of(el: El<'a>) -> Identity<'a> {
        Identity {
            el,
            name: el.attr("Name"),
            publisher: el.attr("Publisher"),
            version: el.attr("Version"),
            architecture: el.attr("ProcessorArchitecture"),
            resource_id: el.attr("ResourceId"),
        }
    }

    /// The publisher id, when the publisher is written out (not a placeholder). A hash of
    /// the publisher: [`Manifest::publisher_id`] computes it once per manifest.
    fn publisher_id(&self) -> Option<String> {
        let p = self.publisher?;
        (!p.is_placeholder() && !p.value().is_empty()).then(|| identity::publisher_id(p.value()))
    }

    /// The name, when it is written out (not a placeholder): the first part of the family
    /// name.
    fn family_name_part(&self) -> Option<&'a str> {
        let name = self.name?;
        (!name.is_placeholder() && !name.value().is_empty()).then(|| name.value())
    }
}

#[derive(Clone, Copy, Debug)]
pub struct TargetDeviceFamily<'a> {
    pub el: El<'a>,
    pub name: Option<Attr<'a>>,
    pub min_version: Option<Attr<'a>>,
    pub max_version_tested: Option<Attr<'a>>,
}

impl TargetDeviceFamily<'_> {
    /// Visual Studio packaging-project templates write `10.0.0.0` and let the build fill
    /// in the project's TargetPlatformMinVersion and TargetPlatformVersion.
    pub fn is_filled_at_build(&self) -> bool {
        let zero = |a: Option<crate::manifest::Attr<'_>>| a.is_some_and(|a| a.value().trim() == "10.0.0.0");
        zero(self.min_version) || zero(self.max_version_tested)
    }

    pub fn min(&self) -> Option<Version> {
        self.min_version.and_then(|a| Version::parse(a.value().trim()))
    }

    pub fn max_tested(&self) -> Option<Version> {
        self.max_version_tested.and_then(|a| Version::parse(a.value().trim()))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CapabilityKind {
    /// `Capability` in the foundation, uap*, mobile, iot... namespaces.
    General,
    /// `rescap:Capability`.
    Restricted,
    /// `wincap:Capability`.
    Windows,
    /// `uap4:CustomCapability`.
    Custom,
    /// `DeviceCapability`.
    Device,
    /// Anything else inside `<Capabilities>`.
    Other,
}

#[derive(Clone, Copy, Debug)]
pub struct Capability<'a> {
    pub el: El<'a>,
    pub kind: CapabilityKind,
    pub name: Option<Attr<'a>>,
}

impl<'a> Capability<'a> {
    pub fn name(&self) -> &'a str {
        self.name.map_or("", |a| a.value())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Application,
    Package,
}

/// An `Extension` element (any namespace) under `Application/Extensions` or
/// `Package/Extensions`.
#[derive(Clone, Copy, Debug)]
pub struct Extension<'a> {
    pub el: El<'a>,
    pub level: Level,
    /// Index into [`Manifest::applications`] for application extensions.
    pub app: Option<usize>,
    pub category: Option<Attr<'a>>,
}

impl<'a> Extension<'a> {
    pub fn category(&self) -> &'a str {
        self.category.map_or("", |a| a.value().trim())
    }

    pub fn executable(&self) -> Option<Attr<'a>> {
        self.el.attr("Executable")
    }

    pub fn entry_point(&self) -> Option<Attr<'a>> {
        self.el.attr("EntryPoint")
    }
}

#[derive(Clone, Debug)]
pub struct Application<'a> {
    pub el: El<'a>,
    pub id: Option<Attr<'a>>,
    pub executable: Option<Attr<'a>>,
    pub entry_point: Option<Attr<'a>>,
    pub start_page: Option<Attr<'a>>,
    /// `uap10:TrustLevel`.
    pub trust_level: Option<Attr<'a>>,
    /// `uap10:RuntimeBehavior`.
    pub runtime_behavior: Option<Attr<'a>>,
    pub extensions: Vec<Extension<'a>>,
}

/// The build of the first release of Windows 10, the first build of the namespaces of the
/// first manifest schemas.
pub const FIRST_BUILD: u32 = 10240;

/// A name in a namespace: an element's, or one of its attributes' (see
/// [`Manifest::later_namespace_uses`]).
#[derive(Clone, Copy, Debug)]
pub struct NsUse<'a> {
    pub el: El<'a>,
    pub attr: Option<Attr<'a>>,
}

impl<'a> NsUse<'a> {
    pub fn ns(&self) -> NsId {
        self.attr.map_or(self.el.ns(), |a| a.ns())
    }

    /// The name as written, with its prefix.
    pub fn qname(&self) -> &'a str {
        self.attr.map_or(self.el.qname(), |a| a.qname())
    }

    pub fn name_span(&self) -> Span {
        self.attr.map_or(self.el.name_span(), |a| a.name_span())
    }
}

/// One token of `IgnorableNamespaces`.
#[derive(Clone, Copy, Debug)]
pub struct Ignorable<'a> {
    pub prefix: &'a str,
    pub span: Span,
    /// The namespace the prefix is bound to on the root element, if it is.
    pub ns: Option<NsId>,
}

/// The typed view of one manifest.
pub struct Manifest<'a> {
    pub tree: Tree<'a>,
    pub root: El<'a>,
    pub kind: Kind,
    pub identity: Option<Identity<'a>>,
    pub properties: Option<El<'a>>,
    pub dependencies: Option<El<'a>>,
    pub target_device_families: Vec<TargetDeviceFamily<'a>>,
    pub capabilities_el: Option<El<'a>>,
    pub capabilities: Vec<Capability<'a>>,
    pub applications: Vec<Application<'a>>,
    pub package_extensions: Vec<Extension<'a>>,
    pub ignorable: Vec<Ignorable<'a>>,
    schema_issues: std::cell::OnceCell<Vec<crate::schema::Issue>>,
    /// The identity's publisher id, hashed on first use: the rules, the facts and the
    /// report all ask for it.
    publisher_id: std::cell::OnceCell<Option<String>>,
    /// The uses of namespaces newer than the first release, found by one walk shared by
    /// the namespace/version rules.
    later_ns_uses: std::cell::OnceCell<Vec<NsUse<'a>>>,
    /// For each namespace of the document, the known namespace it mistypes, if any.
    near_misses: std::cell::RefCell<std::collections::HashMap<NsId, Option<NsId>>>,
}

impl<'a> Manifest<'a> {
    /// What the manifest schemas say about this manifest, computed once and shared by
    /// the rules that report it.
    /// The known namespace that the document's namespace `ns` mistypes (`https://`, a
    /// missing letter...), computed once per namespace.
    pub fn near_miss(&self, ns: NsId) -> Option<NsId> {
        if ns == NsId::NONE || ns.is_known() {
            return None;
        }
        if let Some(hit) = self.near_misses.borrow().get(&ns) {
            return *hit;
        }
        let hit = ns::near_miss(self.doc().ns_uri(ns));
        self.near_misses.borrow_mut().insert(ns, hit);
        hit
    }

    pub fn schema_issues(&self) -> &[crate::schema::Issue] {
        self.schema_issues.get_or_init(|| crate::schema::validate(self))
    }

    /// Builds the view. `None` only when the document has no root element, which the
    /// parser never lets through.
    pub fn new(tree: Tree<'a>) -> Option<Manifest<'a>> {
        let root = tree.root()?;
        let kind = if root.is(NsId::FOUNDATION, "Package") {
            Kind::Package
        } else if root.local() == "Package" && root.ns().in_family(Family::Legacy) {
            Kind::Legacy
        } else if root.local() == "Bundle" && root.ns().in_family(Family::Bundle) {
            Kind::Bundle
        } else {
            Kind::Other
        };
        let mut m = Manifest {
            tree,
            root,
            kind,
            identity: None,
            properties: None,
            dependencies: None,
            target_device_families: Vec::new(),
            capabilities_el: None,
            capabilities: Vec::new(),
            applications: Vec::new(),
            package_extensions: Vec::new(),
            ignorable: Vec::new(),
            schema_issues: std::cell::OnceCell::new(),
            publisher_id: std::cell::OnceCell::new(),
            later_ns_uses: std::cell::OnceCell::new(),
            near_misses: Default::default(),
        };
        m.ignorable = ignorable_namespaces(root);
        let f = root.ns();
        if kind == Kind::Package || kind == Kind::Legacy || kind == Kind::Bundle {
            for child in root.children() {
                if child.ns() != f {
                    continue;
                }
                match child.local() {
                    "Identity" if m.identity.is_none() => m.identity = Some(Identity::of(child)),
                    "Properties" => m.properties = Some(child),
                    "Dependencies" => {
                        m.dependencies = Some(child);
                        for tdf in child.children_named(f, "TargetDeviceFamily") {
                            m.target_device_families.push(TargetDeviceFamily {
                                el: tdf,
                                name: tdf.attr("Name"),
                                min_version: tdf.attr("MinVersion"),
                                max_version_tested: tdf.attr("MaxVersionTested"),
                            });
                        }
                    }
                    "Capabilities" => {
                        m.capabilities_el = Some(child);
                        for cap in child.children() {
                            m.capabilities.push(Capability {
                                el: cap,
                                kind: capability_kind(cap),
                                name: cap.attr("Name"),
                            });
                        }
                    }
                    "Applications" => {
                        for app in child.children_named(f, "Application") {
                            let index = m.applications.len();
                            let extensions = app
                                .child(f, "Extensions")
                                .map(|exts| extensions_of(exts, Level::Application, Some(index)))
                                .unwrap_or_default();
                            m.applications.push(Application {
                                el: app,
                                id: app.attr("Id"),
                                executable: app.attr("Executable"),
                                entry_point: app.attr("EntryPoint"),
                                start_page: app.attr("StartPage"),
                                trust_level: app.attr_ns(NsId::UAP10, "TrustLevel"),
                                runtime_behavior: app.attr_ns(NsId::UAP10, "RuntimeBehavior"),
                                extensions,
                            });
                        }
                    }
                    "Extensions" => m.package_extensions = extensions_of(child, Level::Package, None),
                    _ => {}
                }
            }
        }
        Some(m)
    }

    pub fn doc(&self) -> &'a Document {
        self.tree.doc
    }

    /// Every extension, application-level first (in application order), then package-level.
    pub fn extensions(&self) -> impl Iterator<Item = &Extension<'a>> {
        self.applications.iter().flat_map(|a| a.extensions.iter()).chain(self.package_extensions.iter())
    }

    /// The first capability with this name, in any namespace.
    pub fn capability(&self, name: &str) -> Option<&Capability<'a>> {
        self.capabilities.iter().find(|c| c.name() == name)
    }

    /// The restricted capability `name` declared as `rescap:Capability`.
    pub fn has_restricted(&self, name: &str) -> bool {
        self.capabilities.iter().any(|c| c.kind == CapabilityKind::Restricted && c.name() == name)
    }

    /// The foundation capability `name` (`internetClient`, `privateNetworkClientServer`...).
    pub fn has_foundation_capability(&self, name: &str) -> bool {
        self.capabilities.iter().any(|c| c.el.is(NsId::FOUNDATION, "Capability") && c.name() == name)
    }

    pub fn is_ignorable(&self, ns: NsId) -> bool {
        self.ignorable.iter().any(|i| i.ns == Some(ns))
    }

    /// Every element and attribute name in a known namespace documented as newer than the
    /// first release of Windows 10 (build [`FIRST_BUILD`]), in document order, the
    /// element before its attributes. Namespace declarations do not count. Most names are
    /// in namespaces of the first release; a document that declares no later namespace
    /// has no such use, and is not walked.
    pub fn later_namespace_uses(&self) -> &[NsUse<'a>] {
        self.later_ns_uses.get_or_init(|| {
            let later = |ns: NsId| ns.min_build().is_some_and(|b| b > FIRST_BUILD);
            let mut out = Vec::new();
            if !self.doc().ns_decls.iter().any(|d| later(d.ns)) {
                return out;
            }
            for el in std::iter::once(self.root).chain(self.root.descendants()) {
                if later(el.ns()) {
                    out.push(NsUse { el, attr: None });
                }
                for a in el.attrs() {
                    if later(a.ns()) {
                        out.push(NsUse { el, attr: Some(a) });
                    }
                }
            }
            out
        })
    }

    /// The identity's publisher id, when the publisher is written out (not a placeholder).
    pub fn publisher_id(&self) -> Option<&str> {
        self.publisher_id.get_or_init(|| self.identity.as_ref().and_then(|i| i.publisher_id())).as_deref()
    }

    /// `Name_PublisherId`, when both are written out.
    pub fn identity_family_name(&self) -> Option<String> {
        let name = self.identity.as_ref()?.family_name_part()?;
        Some(format!("{name}_{}", self.publisher_id()?))
    }

    /// True when a target device family carries the `10.0.0.0` of Visual Studio packaging
    /// templates: the build then writes every family's versions from the project
    /// (TargetPlatformMinVersion, TargetPlatformVersion), so the file's values are not the
    /// ones that ship.
    pub fn versions_filled_at_build(&self) -> bool {
        self.target_device_families.iter().any(|t| t.is_filled_at_build())
    }

    /// The lowest `MinVersion` over the target device families, with its family, when the
    /// versions are written out (see [`Manifest::versions_filled_at_build`]).
    pub fn lowest_min_version(&self) -> Option<(Version, &TargetDeviceFamily<'a>)> {
        if self.versions_filled_at_build() {
            return None;
        }
        self.target_device_families.iter().filter_map(|t| Some((t.min()?, t))).min_by_key(|(v, _)| *v)
    }

    /// The highest `MaxVersionTested` over the target device families, when the versions
    /// are written out.
    pub fn highest_max_tested(&self) -> Option<(Version, &TargetDeviceFamily<'a>)> {
        if self.versions_filled_at_build() {
            return None;
        }
        self.target_device_families.iter().filter_map(|t| Some((t.max_tested()?, t))).max_by_key(|(v, _)| *v)
    }

    /// The prefix bound to `ns` on the root, or its usual prefix.
    pub fn prefix_for(&self, ns: NsId) -> String {
        for d in &self.doc().ns_decls {
            if d.element == self.root.id && d.ns == ns {
                return d.prefix.map_or(String::new(), |p| self.tree.slice(p).to_string());
            }
        }
        ns.usual_prefix().to_string()
    }
}

fn capability_kind(el: El<'_>) -> CapabilityKind {
    match el.local() {
        "Capability" => match el.ns().family() {
            Family::Rescap => CapabilityKind::Restricted,
            Family::Wincap => CapabilityKind::Windows,
            _ => CapabilityKind::General,
        },
        "CustomCapability" => CapabilityKind::Custom,
        "DeviceCapability" => CapabilityKind::Device,
        _ => CapabilityKind::Other,
    }
}

fn extensions_of<'a>(container: El<'a>, level: Level, app: Option<usize>) -> Vec<Extension<'a>> {
    container
        .children()
        .filter(|e| e.local() == "Extension")
        .map(|el| Extension { el, level, app, category: el.attr("Category") })
        .collect()
}

fn ignorable_namespaces(root: El<'_>) -> Vec<Ignorable<'_>> {
    let Some(attr) = root.attr("IgnorableNamespaces") else { return Vec::new() };
    let tree = root.tree;
    let raw = tree.slice(attr.value_span());
    let base = attr.value_span().start as usize;
    // The root's declarations come first (the root is the first element); a map keeps a
    // long attribute value linear.
    let bound: std::collections::HashMap<&str, NsId> = tree
        .doc
        .ns_decls
        .iter()
        .take_while(|d| d.element == root.id)
        .filter_map(|d| Some((tree.slice(d.prefix?), d.ns)))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    for token in raw.split(|c: char| c.is_ascii_whitespace()) {
        let at = base + i;
        i += token.len() + 1;
        if token.is_empty() {
            continue;
        }
        let ns = bound.get(token).copied();
        out.push(Ignorable { prefix: token, span: Span::new(at, at + token.len()), ns });
    }
    out
}
