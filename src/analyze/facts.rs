//! Per-package facts: what the rules that look across files and the analyzer keep of a
//! manifest once its tree is dropped. Everything here carries resolved locations, so the
//! source text of a clean file need not be kept. `check` and `analyze` read the same facts.

use serde::Serialize;

use crate::manifest::capabilities::{self, CapKind};
use crate::manifest::{CapabilityKind, El, Family, Kind, Manifest, NsId};
use crate::source::{Location, SourceText};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
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
    /// Why the family name is not one (`loopback-family-name-invalid` reports it).
    pub invalid: Option<String>,
    pub location: Location,
}

/// How an application runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Trust {
    /// Medium integrity, outside an app container (`runFullTrust`).
    FullTrust,
    /// Inside an app container.
    AppContainer,
    /// Hosted by another package's runtime (`uap10:HostId`): the host decides.
    Hosted,
}

impl Trust {
    pub fn as_str(self) -> &'static str {
        match self {
            Trust::FullTrust => "full trust",
            Trust::AppContainer => "app container",
            Trust::Hosted => "hosted",
        }
    }
}

#[derive(Clone, Debug)]
pub struct AppFacts {
    pub id: Option<String>,
    pub executable: Option<String>,
    pub entry_point: Option<String>,
    pub trust: Trust,
    /// What makes it so: `EntryPoint="Windows.FullTrustApplication"`...
    pub trust_reason: String,
    pub location: Location,
}

/// How a capability is declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CapGroup {
    General,
    Restricted,
    Device,
    Custom,
    /// `wincap:`, internal to Windows.
    Windows,
}

#[derive(Clone, Debug)]
pub struct CapFacts {
    pub name: String,
    pub group: CapGroup,
    /// The element as written (`rescap:Capability`).
    pub element: String,
    pub description: Option<&'static str>,
    /// In appxlint's catalog, with this element and namespace.
    pub known: bool,
    pub needs_approval: bool,
    pub location: Location,
}

/// The kinds of extension the analyzer inventories.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ExtKind {
    AppService,
    Protocol,
    ComServer,
    OutOfProcessServer,
    InProcessServer,
    FullTrustProcess,
    LoopbackRules,
    PublisherCacheFolder,
    StartupTask,
    ExecutionAlias,
    FileTypeAssociation,
    AppExtension,
    AppExtensionHost,
    BackgroundTasks,
    Service,
    FirewallRules,
    Other,
}

impl ExtKind {
    pub fn label(self) -> &'static str {
        match self {
            ExtKind::AppService => "app service",
            ExtKind::Protocol => "protocol",
            ExtKind::ComServer => "COM server",
            ExtKind::OutOfProcessServer => "out-of-process WinRT server",
            ExtKind::InProcessServer => "in-process WinRT server",
            ExtKind::FullTrustProcess => "full-trust process",
            ExtKind::LoopbackRules => "loopback rules",
            ExtKind::PublisherCacheFolder => "publisher cache folder",
            ExtKind::StartupTask => "startup task",
            ExtKind::ExecutionAlias => "execution alias",
            ExtKind::FileTypeAssociation => "file type association",
            ExtKind::AppExtension => "app extension",
            ExtKind::AppExtensionHost => "app extension host",
            ExtKind::BackgroundTasks => "background tasks",
            ExtKind::Service => "Windows service",
            ExtKind::FirewallRules => "firewall rules",
            ExtKind::Other => "extension",
        }
    }
}

#[derive(Clone, Debug)]
pub struct ExtFacts {
    pub kind: ExtKind,
    /// The `Category` of the extension.
    pub category: String,
    /// The application it belongs to (its Id), `None` at package level.
    pub application: Option<String>,
    /// What it is called: the app service or protocol name, the server's executable...
    pub name: String,
    /// More about it, as (key, value) pairs in a stable order.
    pub details: Vec<(String, String)>,
    pub location: Location,
}

impl ExtFacts {
    /// The value of one of the [`details`](Self::details).
    pub fn detail(&self, key: &str) -> Option<&str> {
        self.details.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

#[derive(Clone, Debug, Default)]
pub struct PackageFacts {
    pub kind: Option<Kind>,
    pub name: Option<String>,
    pub publisher: Option<String>,
    pub version: Option<String>,
    pub architecture: Option<String>,
    pub resource_id: Option<String>,
    pub family_name: Option<String>,
    pub publisher_id: Option<String>,
    /// A resource package (`ResourceId` on `Identity`, or `Properties/ResourcePackage`):
    /// it shares the family name of its main package and declares no apps.
    pub resource: bool,
    pub identity_location: Option<Location>,
    pub applications: Vec<AppFacts>,
    pub capabilities: Vec<CapFacts>,
    pub extensions: Vec<ExtFacts>,
    pub loopback_rules: Vec<LoopbackRule>,
    /// The first `uap4:LoopbackAccessRules` element.
    pub loopback_location: Option<Location>,
    pub private_network: bool,
    /// `uap16:`/`uap17:BaseNamedObjectsIsolation` of the applications that set it.
    pub named_objects_isolation: Vec<(String, String)>,
    /// Write virtualization of the registry and file system turned off.
    pub registry_virtualization_disabled: bool,
    pub file_system_virtualization_disabled: bool,
}

impl PackageFacts {
    /// Every fact: what the analyzer reports.
    pub fn new(m: &Manifest<'_>, src: &SourceText) -> PackageFacts {
        Self::build(m, src, true)
    }

    /// What the rules across files need (identity, loopback rules), without the
    /// inventory of applications, capabilities and extensions that only the analyzer
    /// reads: cheaper, for `check`.
    pub fn for_rules(m: &Manifest<'_>, src: &SourceText) -> PackageFacts {
        Self::build(m, src, false)
    }

    fn build(m: &Manifest<'_>, src: &SourceText, full: bool) -> PackageFacts {
        let loc = |el: El<'_>| src.location(el.name_span());
        let mut f = PackageFacts { kind: Some(m.kind), ..PackageFacts::default() };
        if let Some(id) = &m.identity {
            let v = |a: Option<crate::manifest::Attr<'_>>| a.map(|a| a.value().to_string());
            f.name = v(id.name);
            f.publisher = v(id.publisher);
            f.version = v(id.version);
            f.architecture = v(id.architecture);
            f.resource_id = v(id.resource_id);
            f.family_name = m.identity_family_name();
            f.publisher_id = m.publisher_id().map(str::to_string);
            f.resource = id.resource_id.is_some_and(|a| !a.value().trim().is_empty());
            f.identity_location = Some(loc(id.el));
        }
        if let Some(props) = m.properties
            && let Some(flag) = props.child(m.root.ns(), "ResourcePackage")
        {
            f.resource |= flag.trimmed_text().is_some_and(|(t, _)| t == "true");
        }
        f.private_network = m.has_foundation_capability("privateNetworkClientServer");
        let full_trust_cap = m.has_restricted("runFullTrust");
        if !full {
            f.loopback(m, src);
            return f;
        }
        for app in &m.applications {
            let (trust, reason) = app_trust(app, full_trust_cap);
            f.applications.push(AppFacts {
                id: app.id.map(|a| a.value().to_string()),
                executable: app.executable.map(|a| a.value().to_string()),
                entry_point: app.entry_point.map(|a| a.value().to_string()),
                trust,
                trust_reason: reason,
                location: loc(app.el),
            });
            for attr in ["BaseNamedObjectsIsolation"] {
                for ns in [NsId::UAP16, NsId::UAP17] {
                    if let Some(a) = app.el.attr_ns(ns, attr) {
                        let id = app.id.map_or("?".to_string(), |i| i.value().to_string());
                        f.named_objects_isolation.push((id, a.value().to_string()));
                    }
                }
            }
        }
        for c in &m.capabilities {
            let name = c.name().to_string();
            if name.is_empty() {
                continue;
            }
            let (group, info) = match c.kind {
                CapabilityKind::General => {
                    let info = capabilities::lookup_capability(&name).filter(|i| i.ns == c.el.ns());
                    // documentsLibrary and two others: restricted, though declared with uap.
                    let group =
                        if info.is_some_and(|i| i.restricted) { CapGroup::Restricted } else { CapGroup::General };
                    (group, info)
                }
                CapabilityKind::Restricted => (
                    CapGroup::Restricted,
                    capabilities::lookup_capability(&name).filter(|i| i.kind == CapKind::Restricted),
                ),
                CapabilityKind::Device => (CapGroup::Device, capabilities::lookup(&name, true)),
                CapabilityKind::Custom => (CapGroup::Custom, None),
                CapabilityKind::Windows => (CapGroup::Windows, None),
                CapabilityKind::Other => continue,
            };
            let known = info.is_some() || matches!(group, CapGroup::Custom | CapGroup::Windows);
            f.capabilities.push(CapFacts {
                name,
                group,
                element: c.el.qname().to_string(),
                description: info.map(|i| i.description),
                known,
                needs_approval: info.is_some_and(|i| i.restricted) || group == CapGroup::Restricted,
                location: loc(c.el),
            });
        }
        for ext in m.extensions() {
            let app = ext.app.and_then(|i| m.applications.get(i)).and_then(|a| a.id).map(|a| a.value().to_string());
            inventory(ext, app, src, &mut f.extensions);
        }
        f.loopback(m, src);
        for el in m.root.descendants() {
            let disabled = |e: El<'_>| e.text().is_some_and(|(t, _)| t.trim() == "disabled");
            if el.local() == "RegistryWriteVirtualization"
                && (el.ns() == NsId::DESKTOP6 || el.ns() == NsId::VIRTUALIZATION)
            {
                f.registry_virtualization_disabled |= disabled(el) || el.ns() == NsId::VIRTUALIZATION;
            }
            if el.local() == "FileSystemWriteVirtualization"
                && (el.ns() == NsId::DESKTOP6 || el.ns() == NsId::VIRTUALIZATION)
            {
                f.file_system_virtualization_disabled |= disabled(el) || el.ns() == NsId::VIRTUALIZATION;
            }
        }
        f
    }

    /// The loopback rules, in document order.
    fn loopback(&mut self, m: &Manifest<'_>, src: &SourceText) {
        let loc = |el: El<'_>| src.location(el.name_span());
        let f = self;
        for el in m.root.descendants() {
            if el.is(NsId::UAP4, "LoopbackAccessRules") {
                if f.loopback_location.is_none() {
                    f.loopback_location = Some(loc(el));
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
                        invalid: if pfn.is_placeholder() {
                            None
                        } else {
                            crate::manifest::identity::family_name_problem(pfn.value())
                        },
                        location: loc(rule),
                    });
                }
            }
        }
    }

    /// True when `pfn` names this package (package family names compare without case).
    pub fn is_named_by(&self, pfn: &str) -> bool {
        self.family_name.as_deref().is_some_and(|own| own.eq_ignore_ascii_case(pfn))
    }

    /// True when some application, or a capability, gives the package full trust.
    pub fn full_trust(&self) -> bool {
        self.applications.iter().any(|a| a.trust == Trust::FullTrust) || self.has_restricted("runFullTrust")
    }

    pub fn has_restricted(&self, name: &str) -> bool {
        self.capabilities.iter().any(|c| c.group == CapGroup::Restricted && c.name == name)
    }

    pub fn has_capability(&self, name: &str) -> bool {
        self.capabilities.iter().any(|c| c.name == name)
    }

    pub fn extensions_of(&self, kind: ExtKind) -> impl Iterator<Item = &ExtFacts> {
        self.extensions.iter().filter(move |e| e.kind == kind)
    }
}

/// How an application runs, and why (the Application page's activation combinations).
fn app_trust(app: &crate::manifest::Application<'_>, full_trust_cap: bool) -> (Trust, String) {
    let entry = app.entry_point.map(|a| a.value().trim());
    let trust = app.trust_level.map(|a| a.value().trim());
    let behavior = app.runtime_behavior.map(|a| a.value().trim());
    if app.el.attr_ns(NsId::UAP10, "HostId").is_some() {
        return (Trust::Hosted, "uap10:HostId: the host package's runtime decides".into());
    }
    match trust {
        Some(t) if t.eq_ignore_ascii_case("mediumIL") => {
            return (Trust::FullTrust, "uap10:TrustLevel=\"mediumIL\"".into());
        }
        Some(t) if t.eq_ignore_ascii_case("appContainer") => {
            return (Trust::AppContainer, "uap10:TrustLevel=\"appContainer\"".into());
        }
        _ => {}
    }
    match behavior {
        Some(b) if b.eq_ignore_ascii_case("packagedClassicApp") || b.eq_ignore_ascii_case("win32App") => {
            return (Trust::FullTrust, format!("uap10:RuntimeBehavior=\"{b}\""));
        }
        Some(b) if b.eq_ignore_ascii_case("windowsApp") => {
            return (Trust::AppContainer, format!("uap10:RuntimeBehavior=\"{b}\""));
        }
        _ => {}
    }
    match entry {
        // Build templates fill the entry point in later ($targetentrypoint$ becomes
        // Windows.FullTrustApplication for desktop apps): judge by the capability.
        Some(e) if crate::manifest::placeholder::contains(e) => {
            if full_trust_cap {
                (
                    Trust::FullTrust,
                    format!("EntryPoint=\"{e}\" is filled in at build time; the package declares runFullTrust"),
                )
            } else {
                (
                    Trust::AppContainer,
                    format!("EntryPoint=\"{e}\" is filled in at build time; nothing declares full trust"),
                )
            }
        }
        Some(e) if e.eq_ignore_ascii_case("Windows.FullTrustApplication") => {
            (Trust::FullTrust, "EntryPoint=\"Windows.FullTrustApplication\"".into())
        }
        Some(e) if e.eq_ignore_ascii_case("Windows.PartialTrustApplication") => {
            (Trust::AppContainer, "EntryPoint=\"Windows.PartialTrustApplication\"".into())
        }
        Some(e) => (Trust::AppContainer, format!("EntryPoint=\"{e}\" (a UWP app)")),
        None if app.start_page.is_some() => (Trust::AppContainer, "StartPage (a web app)".into()),
        None if full_trust_cap && app.executable.is_some() => {
            (Trust::FullTrust, "Executable without EntryPoint in a package with runFullTrust".into())
        }
        None => (Trust::AppContainer, "no full-trust activation is declared".into()),
    }
}

fn inventory(ext: &crate::manifest::Extension<'_>, app: Option<String>, src: &SourceText, out: &mut Vec<ExtFacts>) {
    let category = ext.category().to_string();
    let el = ext.el;
    let mut push = |kind: ExtKind, at: El<'_>, name: String, details: Vec<(String, String)>| {
        out.push(ExtFacts {
            kind,
            category: category.clone(),
            application: app.clone(),
            name,
            details,
            location: src.location(at.name_span()),
        });
    };
    let attr = |e: El<'_>, n: &str| e.attr(n).map(|a| a.value().to_string());
    let exe = ext.executable().map(|a| a.value().to_string());
    let entry = ext.entry_point().map(|a| a.value().to_string());
    let kids: Vec<El<'_>> = el.children().collect();
    let child = |local: &str| kids.iter().copied().find(|c| c.local() == local);
    match category.as_str() {
        "windows.appService" => {
            for s in kids.iter().filter(|c| c.local() == "AppService") {
                let mut d = Vec::new();
                d.push((
                    "hosting".into(),
                    if entry.is_some() { "background task".into() } else { "in process".into() },
                ));
                if let Some(e) = &entry {
                    d.push(("entryPoint".into(), e.clone()));
                }
                if let Some(m) = s.attr_ns(NsId::UAP4, "SupportsMultipleInstances") {
                    d.push(("supportsMultipleInstances".into(), m.value().to_string()));
                }
                push(ExtKind::AppService, *s, attr(*s, "Name").unwrap_or_default(), d);
            }
        }
        "windows.protocol" => {
            for p in kids.iter().filter(|c| c.local() == "Protocol") {
                let rr = attr(*p, "ReturnResults").unwrap_or_else(|| "none".into());
                push(ExtKind::Protocol, *p, attr(*p, "Name").unwrap_or_default(), vec![("returnResults".into(), rr)]);
            }
        }
        "windows.comServer" => {
            for server in kids.iter().flat_map(|c| c.children()) {
                let local = server.local();
                if !matches!(local, "ExeServer" | "SurrogateServer" | "ServiceServer") {
                    continue;
                }
                let classes: Vec<String> =
                    server.children().filter(|c| c.local() == "Class").filter_map(|c| attr(c, "Id")).collect();
                let name = attr(server, "Executable")
                    .or_else(|| attr(server, "DisplayName"))
                    .unwrap_or_else(|| local.to_string());
                let mut d = vec![("type".to_string(), local.to_string())];
                if let Some(sddl) = attr(server, "LaunchAndActivationPermission") {
                    d.push(("launchAndActivationPermission".into(), sddl));
                }
                if !classes.is_empty() {
                    d.push(("classes".into(), classes.join(" ")));
                }
                push(ExtKind::ComServer, server, name, d);
            }
        }
        "windows.activatableClass.outOfProcessServer" => {
            if let Some(s) = child("OutOfProcessServer") {
                let classes: Vec<String> = s
                    .children()
                    .filter(|c| c.local() == "ActivatableClass")
                    .filter_map(|c| attr(c, "ActivatableClassId"))
                    .collect();
                let run_full_trust =
                    s.attr("RunFullTrust").or(s.attr_ns(NsId::UAP5, "RunFullTrust")).map(|a| a.value().to_string());
                let path = s
                    .children()
                    .find(|c| c.local() == "Path")
                    .and_then(|p| p.text())
                    .map(|(t, _)| t.trim().to_string());
                let mut d = Vec::new();
                if let Some(p) = path {
                    d.push(("path".into(), p));
                }
                if let Some(r) = run_full_trust {
                    d.push(("runFullTrust".into(), r));
                }
                d.push(("classes".into(), classes.join(" ")));
                push(ExtKind::OutOfProcessServer, s, attr(s, "ServerName").unwrap_or_default(), d);
            }
        }
        "windows.activatableClass.inProcessServer" => {
            if let Some(s) = child("InProcessServer") {
                let classes: Vec<String> = s
                    .children()
                    .filter(|c| c.local() == "ActivatableClass")
                    .filter_map(|c| attr(c, "ActivatableClassId"))
                    .collect();
                let path = s
                    .children()
                    .find(|c| c.local() == "Path")
                    .and_then(|p| p.text())
                    .map(|(t, _)| t.trim().to_string());
                push(
                    ExtKind::InProcessServer,
                    s,
                    path.unwrap_or_default(),
                    vec![("classes".into(), classes.len().to_string())],
                );
            }
        }
        "windows.fullTrustProcess" => {
            let groups: Vec<String> = el
                .descendants()
                .filter(|c| c.local() == "ParameterGroup")
                .filter_map(|g| Some(format!("{}={}", attr(g, "GroupId")?, attr(g, "Parameters").unwrap_or_default())))
                .collect();
            let mut d = Vec::new();
            if !groups.is_empty() {
                d.push(("parameterGroups".into(), groups.join(" ")));
            }
            push(
                ExtKind::FullTrustProcess,
                el,
                exe.clone().unwrap_or_else(|| "(the application's executable)".into()),
                d,
            );
        }
        "windows.loopbackAccessRules" => {
            let n = el.descendants().filter(|c| c.is(NsId::UAP4, "Rule")).count();
            push(ExtKind::LoopbackRules, el, format!("{n} {}", if n == 1 { "rule" } else { "rules" }), Vec::new());
        }
        "windows.publisherCacheFolders" => {
            for folder in el.descendants().filter(|c| c.local() == "Folder") {
                push(ExtKind::PublisherCacheFolder, folder, attr(folder, "Name").unwrap_or_default(), Vec::new());
            }
        }
        "windows.startupTask" => {
            if let Some(t) = child("StartupTask") {
                let mut d = Vec::new();
                if let Some(e) = attr(t, "Enabled") {
                    d.push(("enabled".into(), e));
                }
                if let Some(x) = exe.clone() {
                    d.push(("executable".into(), x));
                }
                push(ExtKind::StartupTask, t, attr(t, "TaskId").unwrap_or_default(), d);
            }
        }
        "windows.appExecutionAlias" => {
            for alias in el.descendants().filter(|c| c.local() == "ExecutionAlias") {
                push(ExtKind::ExecutionAlias, alias, attr(alias, "Alias").unwrap_or_default(), Vec::new());
            }
        }
        "windows.fileTypeAssociation" => {
            if let Some(fta) = child("FileTypeAssociation") {
                let types: Vec<String> = fta
                    .descendants()
                    .filter(|c| c.local() == "FileType")
                    .filter_map(|c| c.text().map(|(t, _)| t.trim().to_string()))
                    .collect();
                push(
                    ExtKind::FileTypeAssociation,
                    fta,
                    attr(fta, "Name").unwrap_or_default(),
                    vec![("fileTypes".into(), types.join(" "))],
                );
            }
        }
        "windows.appExtension" => {
            if let Some(x) = child("AppExtension") {
                push(
                    ExtKind::AppExtension,
                    x,
                    attr(x, "Name").unwrap_or_default(),
                    vec![("id".into(), attr(x, "Id").unwrap_or_default())],
                );
            }
        }
        "windows.appExtensionHost" => {
            let names: Vec<String> = el
                .descendants()
                .filter(|c| c.local() == "Name")
                .filter_map(|c| c.text().map(|(t, _)| t.trim().to_string()))
                .collect();
            push(ExtKind::AppExtensionHost, el, names.join(" "), Vec::new());
        }
        "windows.backgroundTasks" => {
            let tasks: Vec<String> =
                el.descendants().filter(|c| c.local() == "Task").filter_map(|c| attr(c, "Type")).collect();
            push(
                ExtKind::BackgroundTasks,
                el,
                entry.clone().unwrap_or_default(),
                vec![("triggers".into(), tasks.join(" "))],
            );
        }
        "windows.service" => {
            if let Some(s) = child("Service") {
                let mut d = Vec::new();
                if let Some(a) = attr(s, "StartAccount") {
                    d.push(("startAccount".into(), a));
                }
                push(ExtKind::Service, s, attr(s, "Name").unwrap_or_default(), d);
            }
        }
        "windows.firewallRules" => {
            let rules: Vec<String> = el
                .descendants()
                .filter(|c| c.local() == "Rule")
                .map(|r| {
                    format!(
                        "{} {} {}-{}",
                        attr(r, "Direction").unwrap_or_default(),
                        attr(r, "IPProtocol").unwrap_or_default(),
                        attr(r, "LocalPortMin").unwrap_or_default(),
                        attr(r, "LocalPortMax").unwrap_or_default()
                    )
                })
                .collect();
            push(ExtKind::FirewallRules, el, exe.clone().unwrap_or_default(), vec![("rules".into(), rules.join(", "))]);
        }
        _ => {
            if !category.is_empty() && el.ns().family() != Family::Other {
                push(ExtKind::Other, el, category.clone(), Vec::new());
            }
        }
    }
}
