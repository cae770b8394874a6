//! The rule registry.
//!
//! A rule is a name, a check and a document. The document `rules/<name>.md` is embedded
//! into the binary; its front matter is the single place where a rule's code, default
//! severity, summary and sources are written. Rules only report spans and messages: the
//! engine stamps code, severity and the docs link in one place (`crate::lint`).

use std::sync::LazyLock;

use crate::analyze::facts::PackageFacts;
use crate::diagnostic::Severity;
use crate::manifest::Manifest;
use crate::source::{Location, SourceText, Span};

mod bundle_identity_invalid;
mod com_server_without_full_trust;
mod full_trust_process_without_full_trust;
mod loopback_family_name_invalid;
mod loopback_rule_not_reciprocated;
mod loopback_without_private_network;
mod manifest_root_invalid;
mod namespace_newer_than_max_tested;
mod namespace_newer_than_min_version;
mod namespace_usage;
mod oop_server;
mod oop_server_class_count;
mod oop_server_name_invalid;
mod oop_server_structure;
mod oop_server_without_full_trust;

/// Where the rule documents are published.
pub const DOCS_BASE: &str = "https://github.com/appxlint/appxlint/blob/main/rules/";

/// How a rule is run.
#[derive(Clone, Copy)]
pub enum Check {
    /// Reported by the pipeline itself (unreadable input, malformed XML...).
    Builtin,
    /// Looks at one manifest.
    File(fn(&Manifest<'_>, &mut Ctx<'_>)),
    /// Looks at every package linted together.
    Set(fn(&[Option<PackageFacts>], &mut SetCtx<'_>)),
}

/// What the front matter of a rule document says.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub name: String,
    pub code: String,
    pub severity: Option<Severity>,
    pub category: String,
    pub summary: String,
    pub sources: Vec<String>,
}

impl Meta {
    /// Reads the `---` delimited `key: value` front matter of a rule document.
    pub fn parse(doc: &str) -> Meta {
        let mut m = Meta::default();
        let mut lines = doc.lines();
        if lines.next().map(str::trim_end) != Some("---") {
            return m;
        }
        for line in lines {
            let line = line.trim_end();
            if line == "---" {
                break;
            }
            let Some((k, v)) = line.split_once(':') else { continue };
            let v = v.trim().to_string();
            match k.trim() {
                "name" => m.name = v,
                "code" => m.code = v,
                "severity" => m.severity = Severity::parse(&v),
                "category" => m.category = v,
                "summary" => m.summary = v,
                "source" => m.sources.push(v),
                _ => {}
            }
        }
        m
    }

    /// The body of a rule document, without its front matter.
    pub fn body(doc: &str) -> &str {
        if let Some(rest) = doc.strip_prefix("---\n").or_else(|| doc.strip_prefix("---\r\n"))
            && let Some(end) = rest.find("\n---")
        {
            return rest[end + 4..].trim_start_matches(['\r', '\n']);
        }
        doc
    }
}

pub struct Rule {
    pub name: &'static str,
    pub doc: &'static str,
    pub check: Check,
    meta: LazyLock<Meta>,
}

impl Rule {
    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    pub fn code(&self) -> &str {
        &self.meta.code
    }

    pub fn default_severity(&self) -> Severity {
        self.meta.severity.unwrap_or(Severity::Error)
    }

    pub fn summary(&self) -> &str {
        &self.meta.summary
    }

    pub fn url(&self) -> String {
        format!("{DOCS_BASE}{}.md", self.name)
    }

    pub fn is_set_rule(&self) -> bool {
        matches!(self.check, Check::Set(_))
    }
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

impl PartialEq for Rule {
    fn eq(&self, other: &Rule) -> bool {
        self.name == other.name
    }
}

macro_rules! registry {
    ($( $name:literal => $check:expr, )*) => {
        /// Every rule, in the order of the documentation index.
        pub static RULES: [Rule; [$($name),*].len()] = [
            $( Rule {
                name: $name,
                doc: include_str!(concat!("../../rules/", $name, ".md")),
                check: $check,
                meta: LazyLock::new(|| Meta::parse(include_str!(concat!("../../rules/", $name, ".md")))),
            }, )*
        ];
    };
}

registry! {
    // Input and XML: reported by the pipeline.
    "io-error" => Check::Builtin,
    "xml-encoding" => Check::Builtin,
    "xml-malformed" => Check::Builtin,
    "xml-doctype" => Check::Builtin,
    "internal-error" => Check::Builtin,
    "unused-suppression" => Check::Builtin,
    "invalid-suppression" => Check::Builtin,
    "manifest-root-invalid" => Check::File(manifest_root_invalid::check),
    // Packages and bundles: reported while reading archives, but the bundle identity.
    "package-invalid" => Check::Builtin,
    "package-limit-exceeded" => Check::Builtin,
    "package-duplicate-entry" => Check::Builtin,
    "package-manifest-missing" => Check::Builtin,
    "bundle-package-compressed" => Check::Builtin,
    "bundle-package-missing" => Check::Builtin,
    "bundle-package-mismatch" => Check::Builtin,
    "bundle-identity-invalid" => Check::File(bundle_identity_invalid::check),
    // Full trust.
    "com-server-without-full-trust" => Check::File(com_server_without_full_trust::check),
    "full-trust-process-without-full-trust" => Check::File(full_trust_process_without_full_trust::check),
    "oop-server-without-full-trust" => Check::File(oop_server_without_full_trust::check),
    // Loopback.
    "loopback-without-private-network" => Check::File(loopback_without_private_network::check),
    "loopback-rule-not-reciprocated" => Check::Set(loopback_rule_not_reciprocated::check),
    "loopback-family-name-invalid" => Check::File(loopback_family_name_invalid::check),
    // Out-of-process servers.
    "oop-server-name-invalid" => Check::File(oop_server_name_invalid::check),
    "oop-server-class-count" => Check::File(oop_server_class_count::check),
    "oop-server-structure" => Check::File(oop_server_structure::check),
    // Versions.
    "namespace-newer-than-min-version" => Check::File(namespace_newer_than_min_version::check),
    "namespace-newer-than-max-tested" => Check::File(namespace_newer_than_max_tested::check),
}

/// The rules index (`docs/rules.md`): every rule with its code, default severity,
/// summary and sources, grouped by category.
pub fn index_markdown() -> String {
    let mut out = String::from(
        "# Rules\n\n<!-- Generated from rules/*.md by `appxlint rules --format markdown`; tests/docs.rs checks it is current. -->\n\n",
    );
    out.push_str(&format!(
        "appxlint has {} rules. Each has a stable name (used in configuration, suppressions and reports), a short code, a default severity and a page in `rules/` that `appxlint rule NAME` prints.\n",
        RULES.len()
    ));
    let mut categories: Vec<&str> = Vec::new();
    for r in RULES.iter() {
        if !categories.contains(&r.meta().category.as_str()) {
            categories.push(&r.meta().category);
        }
    }
    for cat in categories {
        out.push_str(&format!("\n## {cat}\n\n| Rule | Code | Severity | Summary | Source |\n|---|---|---|---|---|\n"));
        for r in RULES.iter().filter(|r| r.meta().category == cat) {
            let sources: Vec<String> =
                r.meta().sources.iter().enumerate().map(|(i, s)| format!("[{}]({s})", i + 1)).collect();
            out.push_str(&format!(
                "| [`{}`](../rules/{}.md) | {} | {} | {} | {} |\n",
                r.name,
                r.name,
                r.code(),
                r.default_severity(),
                r.summary(),
                if sources.is_empty() { "appxlint".to_string() } else { sources.join(" ") }
            ));
        }
    }
    out
}

/// Finds a rule by name or by code.
pub fn find(name_or_code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.name == name_or_code || r.code().eq_ignore_ascii_case(name_or_code))
}

/// A rule by name; panics on a name that is not registered (a programming error).
pub fn get(name: &str) -> &'static Rule {
    RULES.iter().find(|r| r.name == name).unwrap_or_else(|| panic!("no rule named {name}"))
}

/// A finding as a rule reports it: spans in the rule's own file.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static Rule,
    pub severity: Option<Severity>,
    pub span: Option<Span>,
    pub message: String,
    pub help: Option<String>,
    pub labels: Vec<(Span, String)>,
    pub related: Vec<RelatedFinding>,
}

/// A place in another file, already resolved to a location.
#[derive(Debug, Clone)]
pub struct RelatedFinding {
    pub file: usize,
    pub location: Option<Location>,
    pub message: String,
}

impl Finding {
    pub fn new(rule: &'static Rule, span: Option<Span>, message: impl Into<String>) -> Finding {
        Finding {
            rule,
            severity: None,
            span,
            message: message.into(),
            help: None,
            labels: Vec::new(),
            related: Vec::new(),
        }
    }

    pub fn help(&mut self, help: impl Into<String>) -> &mut Finding {
        self.help = Some(help.into());
        self
    }

    pub fn label(&mut self, span: Span, message: impl Into<String>) -> &mut Finding {
        self.labels.push((span, message.into()));
        self
    }

    /// Overrides the rule's default severity for this finding (a rule whose findings
    /// differ in weight, such as a namespace that is or is not ignorable).
    pub fn severity(&mut self, severity: Severity) -> &mut Finding {
        self.severity = Some(severity);
        self
    }

    pub fn related(&mut self, file: usize, location: Option<Location>, message: impl Into<String>) -> &mut Finding {
        self.related.push(RelatedFinding { file, location, message: message.into() });
        self
    }
}

/// What a file rule reports into.
pub struct Ctx<'a> {
    pub rule: &'static Rule,
    pub source: &'a SourceText,
    pub findings: &'a mut Vec<Finding>,
}

impl Ctx<'_> {
    pub fn report(&mut self, span: Span, message: impl Into<String>) -> &mut Finding {
        self.findings.push(Finding::new(self.rule, Some(span), message));
        self.findings.last_mut().expect("just pushed")
    }
}

/// A finding of a set rule, for one file of the run.
pub struct SetFinding {
    pub file: usize,
    pub location: Option<Location>,
    pub finding: Finding,
}

/// What a set rule reports into.
pub struct SetCtx<'a> {
    pub rule: &'static Rule,
    pub findings: &'a mut Vec<SetFinding>,
}

impl SetCtx<'_> {
    pub fn report(&mut self, file: usize, location: Option<Location>, message: impl Into<String>) -> &mut Finding {
        self.findings.push(SetFinding { file, location, finding: Finding::new(self.rule, None, message) });
        &mut self.findings.last_mut().expect("just pushed").finding
    }
}

/// Helpers shared by rules.
pub mod util {
    use crate::manifest::{El, Manifest, NsId};

    /// The help line for a missing capability: the element to add, with the namespace
    /// declaration when the manifest lacks one.
    pub fn add_capability_help(m: &Manifest<'_>, ns: NsId, name: &str) -> String {
        let declared = m.doc().ns_decls.iter().any(|d| d.element == m.root.id && d.ns == ns);
        let prefix = m.prefix_for(ns);
        let el = if prefix.is_empty() { "Capability".to_string() } else { format!("{prefix}:Capability") };
        let mut help = format!("add <{el} Name=\"{name}\"/> to <Capabilities>");
        if !declared && ns != NsId::FOUNDATION {
            help.push_str(&format!(
                " and declare xmlns:{}=\"{}\" on <Package>",
                ns.usual_prefix(),
                ns.info().map_or("", |i| i.uri)
            ));
        }
        help
    }

    /// A label pointing at a same-named capability declared in the wrong namespace.
    pub fn misplaced_capability<'a>(m: &Manifest<'a>, name: &str, right: NsId) -> Option<El<'a>> {
        m.capabilities.iter().find(|c| c.name() == name && c.el.ns() != right).map(|c| c.el)
    }

    /// A value for a message, shortened when it is long: `Contoso…Server`.
    pub fn shorten(value: &str) -> String {
        const MAX: usize = 60;
        if value.chars().count() <= MAX {
            return value.to_string();
        }
        let head: String = value.chars().take(MAX - 12).collect();
        let tail: String = value.chars().rev().take(10).collect::<Vec<_>>().into_iter().rev().collect();
        format!("{head}…{tail}")
    }

    /// Human description of where an element sits: `Application "App"` or `the package`.
    pub fn owner_description(m: &Manifest<'_>, el: El<'_>) -> String {
        for app in &m.applications {
            if app.el.full_span().contains(el.full_span()) {
                return match app.id {
                    Some(id) => format!("application `{}`", id.value()),
                    None => "the application".to_string(),
                };
            }
        }
        "the package".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_read() {
        let m = Meta::parse(
            "---\nname: a-b\ncode: AX001\nseverity: warning\nsummary: Hi: there\nsource: x\nsource: y\n---\n# body\n",
        );
        assert_eq!(m.name, "a-b");
        assert_eq!(m.code, "AX001");
        assert_eq!(m.severity, Some(Severity::Warning));
        assert_eq!(m.summary, "Hi: there");
        assert_eq!(m.sources, ["x", "y"]);
        assert_eq!(Meta::body("---\nname: a\n---\n\n# body\n"), "# body\n");
    }
}
