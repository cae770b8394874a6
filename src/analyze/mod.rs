//! What each package may do, and which IPC channels connect the packages of a run.
//!
//! [`facts`] extracts, once per manifest, everything that rules looking across files and
//! the analyzer need: the same facts feed `check` and `analyze`. This module turns them
//! into the analysis: trust, capabilities, extensions, one entry per IPC mechanism of the
//! interprocess communication overview
//! (<https://learn.microsoft.com/windows/uwp/communication/interprocess-communication>),
//! and the connections between the packages analyzed together.

pub mod facts;
pub mod render;

use serde::Serialize;

use crate::diagnostic::Report;
use facts::{CapGroup, Direction, ExtKind, PackageFacts, Trust};

/// The IPC mechanisms of the interprocess communication overview.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mechanism {
    AppServices,
    Com,
    FileSystem,
    FullTrustLauncher,
    LaunchForResults,
    Loopback,
    Pipes,
    Registry,
    Rpc,
    SharedMemory,
}

impl Mechanism {
    pub const ALL: [Mechanism; 10] = [
        Mechanism::AppServices,
        Mechanism::Com,
        Mechanism::FileSystem,
        Mechanism::FullTrustLauncher,
        Mechanism::LaunchForResults,
        Mechanism::Loopback,
        Mechanism::Pipes,
        Mechanism::Registry,
        Mechanism::Rpc,
        Mechanism::SharedMemory,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Mechanism::AppServices => "app-services",
            Mechanism::Com => "com",
            Mechanism::FileSystem => "file-system",
            Mechanism::FullTrustLauncher => "full-trust-launcher",
            Mechanism::LaunchForResults => "launch-for-results",
            Mechanism::Loopback => "loopback",
            Mechanism::Pipes => "pipes",
            Mechanism::Registry => "registry",
            Mechanism::Rpc => "rpc",
            Mechanism::SharedMemory => "shared-memory",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Mechanism::AppServices => "app services",
            Mechanism::Com => "COM",
            Mechanism::FileSystem => "file system",
            Mechanism::FullTrustLauncher => "FullTrustProcessLauncher",
            Mechanism::LaunchForResults => "LaunchUriForResultsAsync",
            Mechanism::Loopback => "loopback",
            Mechanism::Pipes => "pipes",
            Mechanism::Registry => "registry",
            Mechanism::Rpc => "RPC",
            Mechanism::SharedMemory => "shared memory",
        }
    }
}

/// Whether a package can use a mechanism.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Usable {
    Yes,
    /// Within limits the note explains (an app container...).
    Limited,
    No,
}

/// One row of a package's IPC matrix.
#[derive(Clone, Debug, Serialize)]
pub struct IpcEntry {
    pub mechanism: Mechanism,
    /// The package provides an endpoint others can reach through it.
    pub offered: bool,
    pub usable: Usable,
    /// What the manifest declares for it.
    pub declared: Vec<String>,
    /// What it would need and does not declare.
    pub missing: Vec<String>,
    /// The constraints that apply, from the overview.
    pub notes: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// An end declares the channel but lacks a capability it needs: it cannot work.
    Blocked,
    /// One end declares the channel, the other does not.
    OneSided,
    /// The channel works only if something the manifests do not show allows it (COM
    /// launch permissions admitting an app container...).
    Conditional,
    /// The other end is not among the packages analyzed.
    UnknownPeer,
    /// Both ends declare what the channel needs.
    Ok,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Blocked => "blocked",
            Status::OneSided => "one-sided",
            Status::Conditional => "conditional",
            Status::UnknownPeer => "unknown-peer",
            Status::Ok => "ok",
        }
    }

    /// True when the connection shows a defect of the manifests.
    pub fn is_problem(self) -> bool {
        matches!(self, Status::Blocked | Status::OneSided)
    }
}

/// One end of a connection.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Peer {
    /// A package of the run, by index into [`Analysis::packages`].
    Package(usize),
    /// Any package (an endpoint open to every caller, in large runs).
    Any,
    /// A package outside the run, by its family name.
    OutsidePackage(String),
    /// The packages of a publisher outside the run, by publisher id.
    OutsidePublisher(String),
}

#[derive(Clone, Debug)]
pub struct Evidence {
    pub path: String,
    pub line: u32,
    pub what: String,
}

#[derive(Clone, Debug)]
pub struct Connection {
    pub from: Peer,
    pub to: Peer,
    pub mechanism: Mechanism,
    pub status: Status,
    pub detail: String,
    pub evidence: Vec<Evidence>,
}

#[derive(Clone, Debug)]
pub struct PackageAnalysis {
    pub path: String,
    pub facts: PackageFacts,
    pub ipc: Vec<IpcEntry>,
    pub errors: usize,
    pub warnings: usize,
}

impl PackageAnalysis {
    pub fn label(&self) -> String {
        self.facts.name.clone().unwrap_or_else(|| self.path.clone())
    }

    pub fn trust(&self) -> PackageTrust {
        let f = &self.facts;
        let full = f.applications.iter().any(|x| x.trust == Trust::FullTrust);
        let container = f.applications.iter().any(|x| x.trust == Trust::AppContainer);
        match (full, container) {
            (true, true) => PackageTrust::Mixed,
            (true, false) => PackageTrust::FullTrust,
            (false, true) => PackageTrust::AppContainer,
            (false, false) if f.has_restricted("runFullTrust") => PackageTrust::FullTrust,
            (false, false) => PackageTrust::NoApplications,
        }
    }
}

/// The trust of a package's applications taken together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PackageTrust {
    /// Every application runs in an app container.
    AppContainer,
    /// Every application runs with full trust (or the package has no applications but
    /// declares runFullTrust).
    FullTrust,
    /// Some applications run with full trust, others in an app container.
    Mixed,
    /// The package has no applications (a framework, resource or optional package).
    NoApplications,
}

impl PackageTrust {
    pub fn label(self) -> &'static str {
        match self {
            PackageTrust::AppContainer => "app container",
            PackageTrust::FullTrust => "full trust",
            PackageTrust::Mixed => "mixed",
            PackageTrust::NoApplications => "no applications",
        }
    }
}

/// Inputs that are not Windows 10/11 package manifests, with why.
#[derive(Clone, Debug)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
    /// Skipped because of an error (unreadable, malformed, not a manifest), rather than
    /// for being a legacy or bundle manifest.
    pub error: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Analysis {
    pub packages: Vec<PackageAnalysis>,
    pub skipped: Vec<Skipped>,
    pub connections: Vec<Connection>,
}

/// Above this many packages, endpoints open to every caller are drawn from "any
/// package" rather than from each package of the run.
pub const PAIRWISE_LIMIT: usize = 8;

/// Analyzes the packages of a check report (whose facts the lint pipeline kept).
pub fn analyze(report: &Report) -> Analysis {
    let mut a = Analysis::default();
    for (i, file) in report.files.iter().enumerate() {
        let facts = report.facts.get(i).and_then(|f| f.as_ref());
        match facts {
            Some(f) if f.kind == Some(crate::manifest::Kind::Package) => {
                let s = file.diagnostics.iter().filter(|d| !d.suppressed);
                let (errors, warnings) = s.fold((0, 0), |(e, w), d| match d.severity {
                    crate::diagnostic::Severity::Error => (e + 1, w),
                    crate::diagnostic::Severity::Warning => (e, w + 1),
                    _ => (e, w),
                });
                a.packages.push(PackageAnalysis {
                    path: file.path.clone(),
                    facts: f.clone(),
                    ipc: ipc(f),
                    errors,
                    warnings,
                });
            }
            _ => {
                let first = file
                    .diagnostics
                    .iter()
                    .find(|d| d.severity == crate::diagnostic::Severity::Error || d.rule.name == "legacy-manifest");
                let reason = first.map(|d| format!("{}: {}", d.rule.name, d.message)).unwrap_or_else(|| {
                    match facts.and_then(|f| f.kind) {
                        Some(crate::manifest::Kind::Bundle) => {
                            "a bundle manifest: analyze the packages' own manifests".into()
                        }
                        _ => "not a Windows 10/11 package manifest".into(),
                    }
                });
                let error = first.is_some_and(|d| d.severity == crate::diagnostic::Severity::Error);
                a.skipped.push(Skipped { path: file.path.clone(), reason, error });
            }
        }
    }
    a.connections = connections(&a.packages);
    a
}

fn names(items: impl Iterator<Item = String>) -> Vec<String> {
    items.collect()
}

/// The IPC matrix of one package.
pub fn ipc(f: &PackageFacts) -> Vec<IpcEntry> {
    let full = f.full_trust();
    let container = f.applications.iter().any(|a| a.trust == Trust::AppContainer);
    let run_full_trust = f.has_restricted("runFullTrust");
    let mut out = Vec::new();
    for mech in Mechanism::ALL {
        let mut e = IpcEntry {
            mechanism: mech,
            offered: false,
            usable: Usable::Yes,
            declared: Vec::new(),
            missing: Vec::new(),
            notes: Vec::new(),
        };
        match mech {
            Mechanism::AppServices => {
                e.declared = names(f.extensions_of(ExtKind::AppService).map(|x| {
                    let hosting = x.detail("hosting").unwrap_or("");
                    format!("app service {} ({hosting})", x.name)
                }));
                e.offered = !e.declared.is_empty();
                e.notes.push("any package can connect to an app service by its name and the provider's package family name; no capability is needed".into());
            }
            Mechanism::Com => {
                e.declared = names(f.extensions_of(ExtKind::ComServer).map(|x| {
                    let n = x.details.iter().find(|(k, _)| k == "classes").map_or(0, |(_, v)| v.split(' ').count());
                    format!("COM server {} ({})", x.name, plural(n, "class", "classes"))
                }));
                e.declared.extend(f.extensions_of(ExtKind::OutOfProcessServer).map(|x| {
                    let n =
                        x.details.iter().find(|(k, _)| k == "classes").map_or(0, |(_, v)| v.split_whitespace().count());
                    format!("out-of-process WinRT server {} ({})", x.name, plural(n, "class", "classes"))
                }));
                e.offered = !e.declared.is_empty();
                if !run_full_trust && f.extensions_of(ExtKind::ComServer).any(needs_full_trust) {
                    e.missing.push("runFullTrust (packaged COM servers need it)".into());
                }
                if !run_full_trust && f.extensions_of(ExtKind::OutOfProcessServer).any(needs_full_trust) {
                    e.missing
                        .push("runFullTrust (an out-of-process server with RunFullTrust=\"true\" needs it)".into());
                }
                e.usable = if full { Usable::Yes } else { Usable::Limited };
                if !full {
                    e.notes.push(
                        "an app container reaches only COM servers whose launch and access permissions admit it".into(),
                    );
                }
            }
            Mechanism::FileSystem => {
                if f.has_restricted("broadFileSystemAccess") {
                    e.declared.push("broadFileSystemAccess (the user must allow it in Settings)".into());
                }
                e.declared.extend(
                    f.extensions_of(ExtKind::PublisherCacheFolder)
                        .map(|x| format!("publisher cache folder {}", x.name)),
                );
                e.offered = f.extensions_of(ExtKind::PublisherCacheFolder).next().is_some();
                if let Some(id) = &f.publisher_id {
                    e.notes.push(format!("publisher cache folders are shared with the packages of publisher id {id} that declare the same folder"));
                }
                e.notes.push(
                    "SharedStorageAccessManager tokens can pass files over app services and protocol activations"
                        .into(),
                );
            }
            Mechanism::FullTrustLauncher => {
                let has_ext = f.extensions_of(ExtKind::FullTrustProcess).next().is_some();
                e.declared = names(
                    f.extensions_of(ExtKind::FullTrustProcess).map(|x| format!("windows.fullTrustProcess {}", x.name)),
                );
                if run_full_trust {
                    e.declared.push("runFullTrust".into());
                }
                e.usable = if has_ext && run_full_trust { Usable::Yes } else { Usable::No };
                if has_ext && !run_full_trust {
                    e.missing.push("runFullTrust".into());
                }
                if !has_ext && run_full_trust && container {
                    e.missing.push(
                        "a windows.fullTrustProcess extension (desktop:Extension) naming the process to launch".into(),
                    );
                }
                e.notes.push("launches a full-trust process of the same package only".into());
            }
            Mechanism::LaunchForResults => {
                for x in f.extensions_of(ExtKind::Protocol) {
                    let rr = x.detail("returnResults").unwrap_or("none");
                    e.declared.push(format!("protocol {} (ReturnResults={rr})", x.name));
                    if rr == "always" || rr == "optional" {
                        e.offered = true;
                    }
                }
                e.notes.push("any package can launch another for results; the target's protocol must declare ReturnResults always or optional".into());
            }
            Mechanism::Loopback => {
                let ins = f.loopback_rules.iter().filter(|r| r.direction == Some(Direction::In)).count();
                let outs = f.loopback_rules.iter().filter(|r| r.direction == Some(Direction::Out)).count();
                if ins + outs > 0 {
                    e.declared.push(format!("loopback rules: {ins} in, {outs} out"));
                }
                if f.private_network {
                    e.declared.push("privateNetworkClientServer".into());
                }
                e.offered = ins > 0;
                e.usable = if ins + outs > 0 && f.private_network { Usable::Yes } else { Usable::No };
                if ins + outs > 0 && !f.private_network {
                    e.missing.push("privateNetworkClientServer".into());
                }
                e.notes.push("TCP only; each side lists the other (client out, server in); unpackaged peers need CheckNetIsolation".into());
            }
            Mechanism::Pipes => {
                e.usable = if full { Usable::Yes } else { Usable::Limited };
                e.notes.push(if full {
                    "full trust: named and anonymous pipes without restriction".into()
                } else {
                    "app container: named pipes within the package only, named \\\\.\\pipe\\LOCAL\\...; across packages per the guidelines for sharing named objects".into()
                });
                add_isolation_notes(f, &mut e);
            }
            Mechanism::Registry => {
                e.usable = if full { Usable::Yes } else { Usable::Limited };
                if f.has_restricted("unvirtualizedResources") {
                    e.declared.push("unvirtualizedResources".into());
                }
                if f.registry_virtualization_disabled {
                    e.declared.push("registry write virtualization disabled".into());
                }
                e.notes.push(if full && !f.registry_virtualization_disabled {
                    "writes to HKCU land in the package's private hive: IPC through the registry works between processes of this package only".into()
                } else if full {
                    "writes go to the real registry, where other processes can read them".into()
                } else {
                    "app container: only keys the package may access; registry IPC is discouraged".into()
                });
            }
            Mechanism::Rpc => {
                e.declared = names(
                    f.capabilities
                        .iter()
                        .filter(|c| c.group == CapGroup::Custom)
                        .map(|c| format!("custom capability {}", c.name)),
                );
                e.notes.push("an RPC endpoint admits the package when its ACL names one of its custom capabilities, or the package's own SID".into());
            }
            Mechanism::SharedMemory => {
                e.usable = if full { Usable::Yes } else { Usable::Limited };
                e.notes.push(if full {
                    "full trust: file mappings shared with any process".into()
                } else {
                    "app container: file mappings within the package only; across packages per the guidelines for sharing named objects".into()
                });
                add_isolation_notes(f, &mut e);
            }
        }
        out.push(e);
    }
    out
}

pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn add_isolation_notes(f: &PackageFacts, e: &mut IpcEntry) {
    for (app, value) in &f.named_objects_isolation {
        e.declared.push(format!("BaseNamedObjectsIsolation={value} on application {app}"));
    }
}

/// Whether `caller` (or any package, when `None`) can reach the endpoint `x` of
/// `provider`; `None` when the endpoint is not meant for it at all.
fn exposure_status(
    x: &facts::ExtFacts,
    provider: &PackageAnalysis,
    caller: Option<&PackageAnalysis>,
    what: &str,
) -> (Option<Status>, String) {
    let caller_container = caller.is_some_and(|c| !c.facts.full_trust());
    match x.kind {
        ExtKind::ComServer | ExtKind::OutOfProcessServer
            if needs_full_trust(x) && !provider.facts.has_restricted("runFullTrust") =>
        {
            (Some(Status::Blocked), format!("{what}, but its package lacks runFullTrust"))
        }
        ExtKind::ComServer => {
            if caller_container {
                return match x.detail("launchAndActivationPermission") {
                    Some(sddl) if admits_app_containers(sddl) => {
                        (Some(Status::Ok), format!("{what} (LaunchAndActivationPermission admits app containers)"))
                    }
                    Some(_) => (
                        Some(Status::Conditional),
                        format!("{what}: its LaunchAndActivationPermission does not name app containers (AC)"),
                    ),
                    None => (
                        Some(Status::Conditional),
                        format!("{what}: an app-container caller needs launch and access permissions that admit it"),
                    ),
                };
            }
            match (caller, x.detail("launchAndActivationPermission")) {
                (None, Some(sddl)) if admits_app_containers(sddl) => {
                    (Some(Status::Ok), format!("{what} (LaunchAndActivationPermission admits app containers)"))
                }
                (None, _) => (
                    Some(Status::Ok),
                    format!("{what} (app-container callers need launch permissions that admit them)"),
                ),
                _ => (Some(Status::Ok), what.to_string()),
            }
        }
        ExtKind::OutOfProcessServer if caller.is_none() => {
            (Some(Status::Ok), format!("{what} (callable from full-trust processes)"))
        }
        // WinRT classes of an out-of-process server are called from Win32 (full-trust)
        // processes.
        ExtKind::OutOfProcessServer if caller_container => (None, String::new()),
        _ => (Some(Status::Ok), what.to_string()),
    }
}

/// A package of the run, other than `own`, whose family name is a typo away from `pfn`.
fn near_package(packages: &[PackageAnalysis], own: usize, pfn: &str) -> Option<usize> {
    let pfn = pfn.to_ascii_lowercase();
    (0..packages.len())
        .filter(|&b| b != own)
        .filter_map(|b| {
            let name = packages[b].facts.family_name.as_deref()?.to_ascii_lowercase();
            let d = crate::rules::util::distance(&name, &pfn);
            (d > 0 && d <= 3).then_some((d, b))
        })
        .min()
        .map(|(_, b)| b)
}

/// True for the servers that need the runFullTrust capability, as the requirement table
/// of `capability-required` and the COM and out-of-process server rules have it: an
/// `ExeServer`, and an out-of-process server with `RunFullTrust="true"`.
fn needs_full_trust(x: &facts::ExtFacts) -> bool {
    match x.kind {
        ExtKind::ComServer => x.detail("type") == Some("ExeServer"),
        ExtKind::OutOfProcessServer => x.detail("runFullTrust").is_some_and(|v| v.trim() == "true" || v.trim() == "1"),
        _ => false,
    }
}

/// True when an SDDL string grants something to ALL APPLICATION PACKAGES (AC or its SID).
fn admits_app_containers(sddl: &str) -> bool {
    sddl.split(['(', ')']).any(|ace| {
        let parts: Vec<&str> = ace.split(';').collect();
        parts.len() >= 6 && parts[0].trim() == "A" && matches!(parts[5].trim(), "AC" | "S-1-15-2-1")
    })
}

fn ev(p: &PackageAnalysis, line: u32, what: impl Into<String>) -> Evidence {
    Evidence { path: p.path.clone(), line, what: what.into() }
}

/// The connections between the packages of the run.
pub fn connections(packages: &[PackageAnalysis]) -> Vec<Connection> {
    let mut out = Vec::new();
    let pairwise = packages.len() <= PAIRWISE_LIMIT;
    let find = |pfn: &str| packages.iter().position(|p| !p.facts.resource && p.facts.is_named_by(pfn));

    // Loopback pairs.
    for (a, pa) in packages.iter().enumerate() {
        let Some(own) = pa.facts.family_name.as_deref() else { continue };
        for rule in &pa.facts.loopback_rules {
            let Some(dir) = rule.direction else { continue };
            if rule.placeholder || pa.facts.is_named_by(&rule.family_name) {
                continue;
            }
            let mirror = if dir == Direction::Out { Direction::In } else { Direction::Out };
            let (client_side, word) = (dir == Direction::Out, if dir == Direction::Out { "out" } else { "in" });
            // A rule whose value is not a family name connects nothing (check reports it as
            // loopback-family-name-invalid).
            if let Some(problem) = &rule.invalid {
                let peer = match find(&rule.family_name) {
                    Some(b) => Peer::Package(b),
                    None => Peer::OutsidePackage(rule.family_name.clone()),
                };
                let (from, to) = if client_side { (Peer::Package(a), peer) } else { (peer, Peer::Package(a)) };
                out.push(Connection {
                    from,
                    to,
                    mechanism: Mechanism::Loopback,
                    status: Status::Blocked,
                    detail: format!("{word} rule: {problem}"),
                    evidence: vec![ev(pa, rule.location.start.line, format!("{word} rule"))],
                });
                continue;
            }
            match find(&rule.family_name) {
                None => {
                    let peer = Peer::OutsidePackage(rule.family_name.clone());
                    let (from, to) = if client_side { (Peer::Package(a), peer) } else { (peer, Peer::Package(a)) };
                    out.push(Connection {
                        from,
                        to,
                        mechanism: Mechanism::Loopback,
                        status: Status::UnknownPeer,
                        detail: match near_package(packages, a, &rule.family_name) {
                            Some(b) => format!(
                                "{word} rule naming a package outside the run (did you mean `{}`?)",
                                packages[b].facts.family_name.as_deref().unwrap_or_default()
                            ),
                            None => format!("{word} rule naming a package outside the run"),
                        },
                        evidence: vec![ev(pa, rule.location.start.line, format!("{word} rule"))],
                    });
                }
                Some(b) => {
                    let pb = &packages[b];
                    let mirrors = |r: &&facts::LoopbackRule| {
                        r.direction == Some(mirror) && r.family_name.eq_ignore_ascii_case(own)
                    };
                    let back = pb.facts.loopback_rules.iter().filter(mirrors).find(|r| r.invalid.is_none());
                    // The other end's rule exists but is invalid: its own row says so.
                    if back.is_none() && pb.facts.loopback_rules.iter().any(|r| mirrors(&r)) {
                        continue;
                    }
                    // A reciprocated pair is reported once, from the client's out rule.
                    if back.is_some() && !client_side {
                        continue;
                    }
                    let (from, to) = if client_side { (a, b) } else { (b, a) };
                    let mut evidence = vec![ev(pa, rule.location.start.line, format!("{word} rule"))];
                    if let Some(r) = back {
                        evidence.push(ev(
                            pb,
                            r.location.start.line,
                            format!("{} rule", if mirror == Direction::In { "in" } else { "out" }),
                        ));
                    }
                    let both_capable = pa.facts.private_network && pb.facts.private_network;
                    out.push(Connection {
                        from: Peer::Package(from),
                        to: Peer::Package(to),
                        mechanism: Mechanism::Loopback,
                        status: match (back.is_some(), both_capable) {
                            (true, true) => Status::Ok,
                            (true, false) => Status::Blocked,
                            (false, _) => Status::OneSided,
                        },
                        detail: match (back.is_some(), both_capable) {
                            (true, true) => "client out rule and server in rule".into(),
                            (true, false) => {
                                let lacking: Vec<String> =
                                    [pa, pb].iter().filter(|p| !p.facts.private_network).map(|p| p.label()).collect();
                                format!(
                                    "rules on both sides, but {} {} privateNetworkClientServer",
                                    lacking.join(" and "),
                                    if lacking.len() == 1 { "lacks" } else { "lack" }
                                )
                            }
                            (false, _) => {
                                format!("only the {} declares its rule", if client_side { "client" } else { "server" })
                            }
                        },
                        evidence,
                    });
                }
            }
        }
    }

    // Endpoints open to other packages: app services, protocols for results, COM and
    // out-of-process WinRT classes.
    for (b, pb) in packages.iter().enumerate() {
        for x in &pb.facts.extensions {
            let line = x.location.start.line;
            let (mech, what) = match x.kind {
                ExtKind::AppService => (Mechanism::AppServices, format!("app service {}", x.name)),
                ExtKind::Protocol => {
                    let rr = x.detail("returnResults").unwrap_or("none");
                    if rr != "always" && rr != "optional" {
                        continue;
                    }
                    (Mechanism::LaunchForResults, format!("protocol {} (ReturnResults={rr})", x.name))
                }
                ExtKind::ComServer => (Mechanism::Com, format!("COM server {}", x.name)),
                ExtKind::OutOfProcessServer => (Mechanism::Com, format!("out-of-process WinRT server {}", x.name)),
                _ => continue,
            };
            let callers: Vec<Peer> = if pairwise {
                (0..packages.len()).filter(|&a| a != b).map(Peer::Package).collect()
            } else {
                vec![Peer::Any]
            };
            for from in callers {
                let caller = match &from {
                    Peer::Package(a) => Some(&packages[*a]),
                    _ => None,
                };
                let (status, detail) = exposure_status(x, pb, caller, &what);
                if status.is_none() {
                    continue;
                }
                out.push(Connection {
                    from,
                    to: Peer::Package(b),
                    mechanism: mech,
                    status: status.unwrap_or(Status::Ok),
                    detail,
                    evidence: vec![ev(pb, line, what.clone())],
                });
            }
        }
    }

    // Publisher cache folders that packages of one publisher both declare.
    for (a, pa) in packages.iter().enumerate() {
        for (b, pb) in packages.iter().enumerate().skip(a + 1) {
            if pa.facts.publisher_id.is_none() || pa.facts.publisher_id != pb.facts.publisher_id {
                continue;
            }
            for x in pa.facts.extensions_of(ExtKind::PublisherCacheFolder) {
                let Some(y) = pb
                    .facts
                    .extensions_of(ExtKind::PublisherCacheFolder)
                    .find(|y| y.name.eq_ignore_ascii_case(&x.name))
                else {
                    continue;
                };
                out.push(Connection {
                    from: Peer::Package(a),
                    to: Peer::Package(b),
                    mechanism: Mechanism::FileSystem,
                    status: Status::Ok,
                    detail: format!("publisher cache folder {} (read and written by both)", x.name),
                    evidence: vec![
                        ev(pa, x.location.start.line, format!("folder {}", x.name)),
                        ev(pb, y.location.start.line, format!("folder {}", y.name)),
                    ],
                });
            }
        }
    }

    // Custom capabilities name the publisher that reserved them.
    for (a, pa) in packages.iter().enumerate() {
        for c in pa.facts.capabilities.iter().filter(|c| c.group == CapGroup::Custom) {
            let Some((_, id)) = c.name.rsplit_once('_') else { continue };
            let owners: Vec<usize> = (0..packages.len())
                .filter(|&b| b != a && packages[b].facts.publisher_id.as_deref() == Some(id))
                .collect();
            let evidence = vec![ev(pa, c.location.start.line, format!("custom capability {}", c.name))];
            if owners.is_empty() {
                out.push(Connection {
                    from: Peer::Package(a),
                    to: Peer::OutsidePublisher(id.to_string()),
                    mechanism: Mechanism::Rpc,
                    status: Status::UnknownPeer,
                    detail: format!("custom capability {}", c.name),
                    evidence: evidence.clone(),
                });
            }
            for b in owners {
                out.push(Connection {
                    from: Peer::Package(a),
                    to: Peer::Package(b),
                    mechanism: Mechanism::Rpc,
                    status: Status::Conditional,
                    detail: format!(
                        "custom capability {} of this publisher: needs its signed descriptor (SCCD) and an endpoint ACL naming it",
                        c.name
                    ),
                    evidence: evidence.clone(),
                });
            }
        }
    }

    // Problems first (one-sided, then unknown peers), then by mechanism and ends.
    out.sort_by(|x, y| {
        (x.status, x.mechanism, &x.from, &x.to, &x.detail).cmp(&(y.status, y.mechanism, &y.from, &y.to, &y.detail))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::admits_app_containers;

    #[test]
    fn sddl_grants_to_app_containers() {
        assert!(admits_app_containers("O:PSG:BUD:(A;;11;;;IU)(A;;11;;;SY)(A;;11;;;AC)"));
        assert!(admits_app_containers("D:(A;;11;;;S-1-15-2-1)"));
        assert!(!admits_app_containers("O:PSG:BUD:(A;;11;;;IU)(A;;11;;;SY)"));
        // A deny entry is no grant.
        assert!(!admits_app_containers("D:(D;;11;;;AC)"));
        assert!(!admits_app_containers(""));
    }
}
