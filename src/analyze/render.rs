//! The analysis as text for people, JSON for programs, and a package graph for Graphviz
//! (DOT) and Mermaid.

use clap::ValueEnum;
use owo_colors::{OwoColorize, Style};
use serde::Serialize;

use super::facts::{CapGroup, Trust};
use super::{Analysis, Connection, Peer, Status, Usable};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AnalyzeFormat {
    /// A readable report with tables, one section per package, then the connections.
    Text,
    /// One JSON document, versioned (docs/analyze-report.md).
    Json,
    /// The package graph for Graphviz.
    Dot,
    /// The package graph for Mermaid.
    Mermaid,
}

pub fn render(a: &Analysis, format: AnalyzeFormat, color: bool) -> String {
    match format {
        AnalyzeFormat::Text => text(a, color),
        AnalyzeFormat::Json => json(a),
        AnalyzeFormat::Dot => dot(a),
        AnalyzeFormat::Mermaid => mermaid(a),
    }
}

fn peer_label(a: &Analysis, p: &Peer) -> String {
    match p {
        Peer::Package(i) => a.packages[*i].label(),
        Peer::Any => "any package".into(),
        Peer::OutsidePackage(s) => s.clone(),
        Peer::OutsidePublisher(s) => format!("publisher {s}"),
    }
}

fn trust_summary(p: &super::PackageAnalysis) -> &'static str {
    p.trust().label()
}

// ---- text ---------------------------------------------------------------------------

fn table(rows: &[Vec<String>], indent: &str, out: &mut String) {
    let cols = rows.iter().map(|r| r.len()).max().unwrap_or(0);
    let widths: Vec<usize> =
        (0..cols).map(|c| rows.iter().filter_map(|r| r.get(c)).map(|s| s.chars().count()).max().unwrap_or(0)).collect();
    for r in rows {
        let mut line = String::from(indent);
        for (c, cell) in r.iter().enumerate() {
            line.push_str(cell);
            if c + 1 < r.len() {
                line.push_str(&" ".repeat(widths[c] - cell.chars().count() + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

fn text(a: &Analysis, color: bool) -> String {
    let paint = |s: &str, style: Style| if color { s.style(style).to_string() } else { s.to_string() };
    let mut out = String::new();
    for p in &a.packages {
        let f = &p.facts;
        out.push_str(&paint(&format!("{} ", p.label()), Style::new().bold()));
        out.push_str(&format!("({})\n", p.path));
        let mut rows = vec![
            vec![
                "family name".into(),
                f.family_name.clone().unwrap_or_else(|| "unknown (placeholder identity)".into()),
            ],
            vec!["publisher".into(), f.publisher.clone().unwrap_or_default()],
            vec!["publisher id".into(), f.publisher_id.clone().unwrap_or_default()],
            vec![
                "version".into(),
                format!(
                    "{}, {}",
                    f.version.clone().unwrap_or_default(),
                    f.architecture.clone().unwrap_or_else(|| "neutral".into())
                ),
            ],
            vec!["trust".into(), trust_summary(p).into()],
        ];
        if p.errors + p.warnings > 0 {
            rows.push(vec![
                "findings".into(),
                format!(
                    "{}, {} (appxlint check)",
                    super::plural(p.errors, "error", "errors"),
                    super::plural(p.warnings, "warning", "warnings")
                ),
            ]);
        }
        table(&rows, "  ", &mut out);
        if !f.applications.is_empty() {
            out.push_str("\n  applications\n");
            let rows: Vec<Vec<String>> = f
                .applications
                .iter()
                .map(|x| {
                    vec![
                        x.id.clone().unwrap_or_default(),
                        x.trust.as_str().into(),
                        x.trust_reason.clone(),
                        format!("line {}", x.location.start.line),
                    ]
                })
                .collect();
            table(&rows, "    ", &mut out);
        }
        if !f.capabilities.is_empty() {
            out.push_str("\n  capabilities\n");
            let rows: Vec<Vec<String>> = f
                .capabilities
                .iter()
                .map(|c| {
                    let group = match c.group {
                        CapGroup::General => "general",
                        CapGroup::Restricted => "restricted",
                        CapGroup::Device => "device",
                        CapGroup::Custom => "custom",
                        CapGroup::Windows => "windows",
                    };
                    let mut desc =
                        c.description.unwrap_or(if c.known { "" } else { "unknown to appxlint" }).to_string();
                    if c.needs_approval {
                        desc.push_str(if desc.is_empty() {
                            "Store submission must justify it"
                        } else {
                            " (Store submission must justify it)"
                        });
                    }
                    vec![group.into(), c.name.clone(), desc]
                })
                .collect();
            table(&rows, "    ", &mut out);
        }
        if !f.extensions.is_empty() {
            out.push_str("\n  extensions\n");
            let rows: Vec<Vec<String>> = f
                .extensions
                .iter()
                .map(|x| {
                    let details: Vec<String> = x.details.iter().map(|(k, v)| format!("{k}={v}")).collect();
                    vec![
                        x.kind.label().into(),
                        x.name.clone(),
                        x.application.clone().map(|a| format!("app {a}")).unwrap_or_else(|| "package".into()),
                        details.join(", "),
                    ]
                })
                .collect();
            table(&rows, "    ", &mut out);
        }
        out.push_str("\n  IPC\n");
        let mut rows =
            vec![vec!["mechanism".into(), "offered".into(), "usable".into(), "declared".into(), "missing".into()]];
        for e in &p.ipc {
            rows.push(vec![
                e.mechanism.title().into(),
                if e.offered { "yes".into() } else { "no".into() },
                match e.usable {
                    Usable::Yes => "yes".into(),
                    Usable::Limited => "limited".into(),
                    Usable::No => "no".into(),
                },
                if e.declared.is_empty() { "-".into() } else { e.declared.join("; ") },
                if e.missing.is_empty() { "-".into() } else { paint(&e.missing.join("; "), Style::new().yellow()) },
            ]);
        }
        table(&rows, "    ", &mut out);
        out.push('\n');
    }
    for s in &a.skipped {
        out.push_str(&format!("{}: not analyzed: {}\n", s.path, s.reason));
    }
    if !a.skipped.is_empty() {
        out.push('\n');
    }
    out.push_str(&paint("Connections\n", Style::new().bold()));
    if a.connections.is_empty() {
        out.push_str("  none between the packages analyzed\n");
    } else {
        let mut rows = vec![vec![
            "from".into(),
            "to".into(),
            "mechanism".into(),
            "status".into(),
            "detail".into(),
            "evidence".into(),
        ]];
        for c in &a.connections {
            let status = match c.status {
                Status::Ok => paint("ok", Style::new().green()),
                Status::Blocked => paint("blocked", Style::new().red()),
                Status::OneSided => paint("one-sided", Style::new().yellow()),
                Status::Conditional => paint("conditional", Style::new().cyan()),
                Status::UnknownPeer => paint("unknown-peer", Style::new().dimmed()),
            };
            let evidence: Vec<String> = c.evidence.iter().map(|e| format!("{}:{}", e.path, e.line)).collect();
            rows.push(vec![
                peer_label(a, &c.from),
                peer_label(a, &c.to),
                c.mechanism.id().into(),
                status,
                c.detail.clone(),
                evidence.join(" "),
            ]);
        }
        table(&rows, "  ", &mut out);
    }
    out
}

// ---- json ---------------------------------------------------------------------------

pub const VERSION: u32 = 1;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DocJson<'a> {
    version: u32,
    tool: ToolJson,
    packages: Vec<PackageJson<'a>>,
    skipped: Vec<SkippedJson<'a>>,
    connections: Vec<ConnectionJson<'a>>,
}

#[derive(Serialize)]
struct ToolJson {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PackageJson<'a> {
    path: &'a str,
    name: Option<&'a str>,
    publisher: Option<&'a str>,
    publisher_id: Option<&'a str>,
    family_name: Option<&'a str>,
    version: Option<&'a str>,
    architecture: Option<&'a str>,
    trust: super::PackageTrust,
    applications: Vec<AppJson<'a>>,
    capabilities: Vec<CapJson<'a>>,
    extensions: Vec<ExtJson<'a>>,
    ipc: &'a [super::IpcEntry],
    findings: FindingsJson,
}

#[derive(Serialize)]
struct FindingsJson {
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AppJson<'a> {
    id: Option<&'a str>,
    executable: Option<&'a str>,
    entry_point: Option<&'a str>,
    trust: Trust,
    reason: &'a str,
    line: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CapJson<'a> {
    name: &'a str,
    group: CapGroup,
    element: &'a str,
    known: bool,
    store_justification: bool,
    description: Option<&'a str>,
    line: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ExtJson<'a> {
    kind: super::facts::ExtKind,
    category: &'a str,
    application: Option<&'a str>,
    name: &'a str,
    details: serde_json::Map<String, serde_json::Value>,
    line: u32,
}

#[derive(Serialize)]
struct SkippedJson<'a> {
    path: &'a str,
    reason: &'a str,
}

#[derive(Serialize)]
struct EvidenceJson<'a> {
    path: &'a str,
    line: u32,
    what: &'a str,
}

#[derive(Serialize)]
struct ConnectionJson<'a> {
    from: serde_json::Value,
    to: serde_json::Value,
    mechanism: &'static str,
    status: &'static str,
    detail: &'a str,
    evidence: Vec<EvidenceJson<'a>>,
}

/// A peer in JSON: `{"kind": "package", "path", "familyName"}` for a package of the run,
/// `{"kind": "any"}`, `{"kind": "outsidePackage", "familyName"}` or
/// `{"kind": "outsidePublisher", "publisherId"}`.
fn peer_json(a: &Analysis, p: &Peer) -> serde_json::Value {
    use serde_json::json;
    match p {
        Peer::Package(i) => {
            json!({"kind": "package", "path": a.packages[*i].path, "familyName": a.packages[*i].facts.family_name})
        }
        Peer::Any => json!({"kind": "any"}),
        Peer::OutsidePackage(s) => json!({"kind": "outsidePackage", "familyName": s}),
        Peer::OutsidePublisher(s) => json!({"kind": "outsidePublisher", "publisherId": s}),
    }
}

fn json(a: &Analysis) -> String {
    let doc = DocJson {
        version: VERSION,
        tool: ToolJson { name: "appxlint", version: env!("CARGO_PKG_VERSION") },
        packages: a
            .packages
            .iter()
            .map(|p| {
                let f = &p.facts;
                PackageJson {
                    path: &p.path,
                    name: f.name.as_deref(),
                    publisher: f.publisher.as_deref(),
                    publisher_id: f.publisher_id.as_deref(),
                    family_name: f.family_name.as_deref(),
                    version: f.version.as_deref(),
                    architecture: f.architecture.as_deref(),
                    trust: p.trust(),
                    applications: f
                        .applications
                        .iter()
                        .map(|x| AppJson {
                            id: x.id.as_deref(),
                            executable: x.executable.as_deref(),
                            entry_point: x.entry_point.as_deref(),
                            trust: x.trust,
                            reason: &x.trust_reason,
                            line: x.location.start.line,
                        })
                        .collect(),
                    capabilities: f
                        .capabilities
                        .iter()
                        .map(|c| CapJson {
                            name: &c.name,
                            group: c.group,
                            element: &c.element,
                            known: c.known,
                            store_justification: c.needs_approval,
                            description: c.description,
                            line: c.location.start.line,
                        })
                        .collect(),
                    extensions: f
                        .extensions
                        .iter()
                        .map(|x| ExtJson {
                            kind: x.kind,
                            category: &x.category,
                            application: x.application.as_deref(),
                            name: &x.name,
                            details: x
                                .details
                                .iter()
                                .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
                                .collect(),
                            line: x.location.start.line,
                        })
                        .collect(),
                    ipc: &p.ipc,
                    findings: FindingsJson { errors: p.errors, warnings: p.warnings },
                }
            })
            .collect(),
        skipped: a.skipped.iter().map(|s| SkippedJson { path: &s.path, reason: &s.reason }).collect(),
        connections: a
            .connections
            .iter()
            .map(|c| ConnectionJson {
                from: peer_json(a, &c.from),
                to: peer_json(a, &c.to),
                mechanism: c.mechanism.id(),
                status: c.status.as_str(),
                detail: &c.detail,
                evidence: c
                    .evidence
                    .iter()
                    .map(|e| EvidenceJson { path: &e.path, line: e.line, what: &e.what })
                    .collect(),
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("analysis serializes");
    s.push('\n');
    s
}

// ---- graphs -------------------------------------------------------------------------

/// Nodes: the packages, then the outside peers and "any package" when connections name
/// them, each with a stable id.
fn nodes(a: &Analysis) -> Vec<(Peer, String)> {
    let mut out: Vec<(Peer, String)> = (0..a.packages.len()).map(|i| (Peer::Package(i), format!("p{i}"))).collect();
    let mut extra: Vec<Peer> = Vec::new();
    for c in &a.connections {
        for p in [&c.from, &c.to] {
            if !matches!(p, Peer::Package(_)) && !extra.contains(p) {
                extra.push(p.clone());
            }
        }
    }
    extra.sort();
    for (i, p) in extra.into_iter().enumerate() {
        out.push((p, format!("x{i}")));
    }
    out
}

fn node_id<'n>(nodes: &'n [(Peer, String)], p: &Peer) -> &'n str {
    nodes.iter().find(|(q, _)| q == p).map_or("unknown", |(_, id)| id.as_str())
}

fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Connections drawn as edges: the same (from, to, mechanism, status) once, with the
/// details joined.
fn edges(a: &Analysis) -> Vec<(&Peer, &Peer, &'static str, Status, String)> {
    let mut out: Vec<(&Peer, &Peer, &'static str, Status, String)> = Vec::new();
    for c in &a.connections {
        let c: &Connection = c;
        match out.iter_mut().find(|e| e.0 == &c.from && e.1 == &c.to && e.2 == c.mechanism.id() && e.3 == c.status) {
            Some(e) => {
                e.4.push_str(", ");
                e.4.push_str(&c.detail);
            }
            None => out.push((&c.from, &c.to, c.mechanism.id(), c.status, c.detail.clone())),
        }
    }
    out
}

fn dot(a: &Analysis) -> String {
    let n = nodes(a);
    let mut out = String::from(
        "digraph appxlint {\n  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n",
    );
    for (peer, id) in &n {
        match peer {
            Peer::Package(i) => {
                let p = &a.packages[*i];
                let color = if trust_summary(p) == "app container" { "#2b7bb9" } else { "#c0392b" };
                out.push_str(&format!(
                    "  {id} [label=\"{}\\n{}\", color=\"{color}\"];\n",
                    dot_escape(&p.label()),
                    trust_summary(p)
                ));
            }
            other => out.push_str(&format!(
                "  {id} [label=\"{}\", style=\"rounded,dashed\", color=gray50];\n",
                dot_escape(&peer_label(a, other))
            )),
        }
    }
    for (from, to, mech, status, _) in edges(a) {
        let style = match status {
            Status::Ok | Status::Conditional => "solid",
            Status::Blocked | Status::OneSided => "dashed",
            Status::UnknownPeer => "dotted",
        };
        let color = match status {
            Status::Blocked => "#c0392b",
            Status::OneSided => "#d68910",
            Status::Conditional => "#2b7bb9",
            Status::UnknownPeer => "gray50",
            Status::Ok => "black",
        };
        let label = if status == Status::Ok { mech.to_string() } else { format!("{mech} ({})", status.as_str()) };
        out.push_str(&format!(
            "  {} -> {} [label=\"{}\", style={style}, color=\"{color}\", fontcolor=\"{color}\"];\n",
            node_id(&n, from),
            node_id(&n, to),
            dot_escape(&label)
        ));
    }
    out.push_str("}\n");
    out
}

fn mermaid_escape(s: &str) -> String {
    s.replace('"', "#quot;")
}

fn mermaid(a: &Analysis) -> String {
    let n = nodes(a);
    let mut out = String::from("flowchart LR\n");
    for (peer, id) in &n {
        match peer {
            Peer::Package(i) => {
                let p = &a.packages[*i];
                out.push_str(&format!("  {id}[\"{}<br/>{}\"]\n", mermaid_escape(&p.label()), trust_summary(p)));
            }
            other => out.push_str(&format!("  {id}([\"{}\"])\n", mermaid_escape(&peer_label(a, other)))),
        }
    }
    for (from, to, mech, status, _) in edges(a) {
        let (f, t) = (node_id(&n, from), node_id(&n, to));
        match status {
            Status::Ok => out.push_str(&format!("  {f} -->|{mech}| {t}\n")),
            Status::Blocked => out.push_str(&format!("  {f} -.->|{mech} blocked| {t}\n")),
            Status::OneSided => out.push_str(&format!("  {f} -.->|{mech} one-sided| {t}\n")),
            Status::Conditional => out.push_str(&format!("  {f} -->|{mech} conditional| {t}\n")),
            Status::UnknownPeer => out.push_str(&format!("  {f} -.->|{mech} unknown peer| {t}\n")),
        }
    }
    out
}
