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

mod app_service_duplicate;
mod app_service_entry_point;
mod app_service_multiple_instances;
mod app_service_name_invalid;
mod application_activation;
mod application_id_duplicate;
mod application_id_invalid;
mod architecture_invalid;
mod broad_file_system_access_with_libraries;
mod bundle_identity_invalid;
mod capability_count;
mod capability_duplicate;
mod capability_names;
mod capability_order;
mod capability_redundant;
mod capability_removed;
mod capability_required;
mod capability_unknown;
mod capability_wrong_namespace;
mod claims;
mod com_class_duplicate;
mod com_class_id_invalid;
mod com_exe_server_executable;
mod com_progid_reference;
mod com_server_without_full_trust;
mod com_surrogate_server;
mod custom_capability_invalid;
mod device_family_unknown;
mod extension_category_invalid;
mod extension_child_mismatch;
mod full_trust_process_structure;
mod full_trust_process_without_full_trust;
mod identity_rules;
mod ignorable_namespace_undeclared;
mod ipc;
mod legacy_manifest;
mod loopback_family_name_invalid;
mod loopback_rule_count;
mod loopback_rule_duplicate;
mod loopback_rule_not_reciprocated;
mod loopback_rule_self;
mod loopback_without_private_network;
mod manifest_root_invalid;
mod min_version_above_max_tested;
mod named_objects_isolation_invalid;
mod namespace_bound_twice;
mod namespace_newer_than_max_tested;
mod namespace_newer_than_min_version;
mod namespace_unknown;
mod namespace_uri_misspelled;
mod namespace_usage;
mod oop_server;
mod oop_server_class_count;
mod oop_server_name_invalid;
mod oop_server_structure;
mod oop_server_without_full_trust;
mod package_name_invalid;
mod package_type_content;
mod placeholder_malformed;
mod protocol_duplicate;
mod protocol_name_invalid;
mod protocol_name_reserved;
mod protocol_return_results_invalid;
mod publisher_cache_folder_count;
mod publisher_cache_folder_duplicate;
mod publisher_cache_folder_name_invalid;
mod publisher_cache_folders_placement;
mod publisher_invalid;
pub mod requirements;
mod resource_id_invalid;
mod schema_dangling_reference;
mod schema_duplicate_value;
mod schema_element_misplaced;
mod schema_invalid_value;
mod schema_missing_attribute;
mod schema_missing_element;
mod schema_rules;
mod schema_text_not_allowed;
mod schema_too_many_elements;
mod schema_unknown_attribute;
mod schema_unknown_element;
mod version_invalid;

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
    /// The kinds of manifests the rule looks at (`applies:` in the front matter, a
    /// space-separated list of `package`, `legacy`, `bundle`, `other`); Windows 10/11
    /// package manifests only when absent.
    pub applies: Vec<String>,
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
                "applies" => m.applies = v.split_whitespace().map(str::to_string).collect(),
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

    /// True when the rule looks at manifests of this kind.
    pub fn applies_to(&self, kind: crate::manifest::Kind) -> bool {
        let name = match kind {
            crate::manifest::Kind::Package => "package",
            crate::manifest::Kind::Legacy => "legacy",
            crate::manifest::Kind::Bundle => "bundle",
            crate::manifest::Kind::Other => "other",
        };
        if self.meta.applies.is_empty() { name == "package" } else { self.meta.applies.iter().any(|a| a == name) }
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
    "legacy-manifest" => Check::File(legacy_manifest::check),
    "placeholder-malformed" => Check::File(placeholder_malformed::check),
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
    "capability-required" => Check::File(capability_required::check),
    // Capabilities.
    "capability-unknown" => Check::File(capability_unknown::check),
    "capability-wrong-namespace" => Check::File(capability_wrong_namespace::check),
    "capability-duplicate" => Check::File(capability_duplicate::check),
    "capability-order" => Check::File(capability_order::check),
    "capability-count" => Check::File(capability_count::check),
    "capability-redundant" => Check::File(capability_redundant::check),
    "capability-removed" => Check::File(capability_removed::check),
    "custom-capability-invalid" => Check::File(custom_capability_invalid::check),
    "broad-file-system-access-with-libraries" => Check::File(broad_file_system_access_with_libraries::check),
    // Identity.
    "package-name-invalid" => Check::File(package_name_invalid::check),
    "publisher-invalid" => Check::File(publisher_invalid::check),
    "version-invalid" => Check::File(version_invalid::check),
    "architecture-invalid" => Check::File(architecture_invalid::check),
    "resource-id-invalid" => Check::File(resource_id_invalid::check),
    "package-type-content" => Check::File(package_type_content::check),
    // Applications and extensions.
    "application-id-invalid" => Check::File(application_id_invalid::check),
    "application-id-duplicate" => Check::File(application_id_duplicate::check),
    "application-activation" => Check::File(application_activation::check),
    "extension-category-invalid" => Check::File(extension_category_invalid::check),
    "extension-child-mismatch" => Check::File(extension_child_mismatch::check),
    // Loopback.
    "loopback-without-private-network" => Check::File(loopback_without_private_network::check),
    "loopback-rule-not-reciprocated" => Check::Set(loopback_rule_not_reciprocated::check),
    "loopback-family-name-invalid" => Check::File(loopback_family_name_invalid::check),
    // Out-of-process servers.
    "oop-server-name-invalid" => Check::File(oop_server_name_invalid::check),
    "oop-server-class-count" => Check::File(oop_server_class_count::check),
    "oop-server-structure" => Check::File(oop_server_structure::check),
    // IPC mechanisms.
    "app-service-name-invalid" => Check::File(app_service_name_invalid::check),
    "app-service-duplicate" => Check::File(app_service_duplicate::check),
    "app-service-multiple-instances" => Check::File(app_service_multiple_instances::check),
    "app-service-entry-point" => Check::File(app_service_entry_point::check),
    "com-class-id-invalid" => Check::File(com_class_id_invalid::check),
    "com-class-duplicate" => Check::File(com_class_duplicate::check),
    "com-exe-server-executable" => Check::File(com_exe_server_executable::check),
    "com-surrogate-server" => Check::File(com_surrogate_server::check),
    "com-progid-reference" => Check::File(com_progid_reference::check),
    "publisher-cache-folders-placement" => Check::File(publisher_cache_folders_placement::check),
    "publisher-cache-folder-count" => Check::File(publisher_cache_folder_count::check),
    "publisher-cache-folder-name-invalid" => Check::File(publisher_cache_folder_name_invalid::check),
    "publisher-cache-folder-duplicate" => Check::File(publisher_cache_folder_duplicate::check),
    "full-trust-process-structure" => Check::File(full_trust_process_structure::check),
    "protocol-name-invalid" => Check::File(protocol_name_invalid::check),
    "protocol-name-reserved" => Check::File(protocol_name_reserved::check),
    "protocol-return-results-invalid" => Check::File(protocol_return_results_invalid::check),
    "protocol-duplicate" => Check::File(protocol_duplicate::check),
    "loopback-rule-count" => Check::File(loopback_rule_count::check),
    "loopback-rule-duplicate" => Check::File(loopback_rule_duplicate::check),
    "loopback-rule-self" => Check::File(loopback_rule_self::check),
    "named-objects-isolation-invalid" => Check::File(named_objects_isolation_invalid::check),
    // Versions.
    "namespace-newer-than-min-version" => Check::File(namespace_newer_than_min_version::check),
    "namespace-newer-than-max-tested" => Check::File(namespace_newer_than_max_tested::check),
    "namespace-unknown" => Check::File(namespace_unknown::check),
    "namespace-uri-misspelled" => Check::File(namespace_uri_misspelled::check),
    "device-family-unknown" => Check::File(device_family_unknown::check),
    "min-version-above-max-tested" => Check::File(min_version_above_max_tested::check),
    "ignorable-namespace-undeclared" => Check::File(ignorable_namespace_undeclared::check),
    "namespace-bound-twice" => Check::File(namespace_bound_twice::check),
    // The schema: structure, values, uniqueness, references.
    "schema-unknown-element" => Check::File(schema_unknown_element::check),
    "schema-element-misplaced" => Check::File(schema_element_misplaced::check),
    "schema-too-many-elements" => Check::File(schema_too_many_elements::check),
    "schema-missing-element" => Check::File(schema_missing_element::check),
    "schema-unknown-attribute" => Check::File(schema_unknown_attribute::check),
    "schema-missing-attribute" => Check::File(schema_missing_attribute::check),
    "schema-invalid-value" => Check::File(schema_invalid_value::check),
    "schema-text-not-allowed" => Check::File(schema_text_not_allowed::check),
    "schema-duplicate-value" => Check::File(schema_duplicate_value::check),
    "schema-dangling-reference" => Check::File(schema_dangling_reference::check),
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
    /// Findings of one rule with the same group key are one finding told once: after
    /// suppressions apply, the first one left stands for the others, with
    /// " (and N more uses)" inserted into its message at `insert_at` (a byte offset).
    pub group: Option<(String, usize)>,
    /// The primary and label spans resolved to locations, when the file's text is
    /// dropped before the report is assembled (`lint::Policy::keep_text`).
    pub resolved: Option<(Option<Location>, Vec<Location>)>,
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
            group: None,
            resolved: None,
        }
    }

    /// Puts the finding in a group of uses of one thing (see [`Finding::group`]).
    pub fn grouped(&mut self, key: impl Into<String>, insert_at: usize) -> &mut Finding {
        self.group = Some((key.into(), insert_at));
        self
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

    /// How a help line writes an element or attribute of the known namespace `ns`: the
    /// prefix to use, and what to do on `<Package>` first when the manifest does not bind
    /// `ns` there (`declare xmlns:uap4="..." on <Package>`). The prefix is the one the
    /// manifest binds to `ns`, else the usual one; when the usual prefix is already bound to
    /// a mistyped URI of `ns`, the fix is to correct that URI, not to declare the prefix
    /// twice; when it is bound to an unrelated namespace, another prefix is chosen.
    pub fn ns_binding(m: &Manifest<'_>, ns: NsId) -> (String, Option<String>) {
        if ns == NsId::FOUNDATION || m.doc().ns_decls.iter().any(|d| d.element == m.root.id && d.ns == ns) {
            return (m.prefix_for(ns), None);
        }
        let uri = ns.info().map_or("", |i| i.uri);
        let bound_to = |prefix: &str| {
            m.doc()
                .ns_decls
                .iter()
                .find(|d| d.element == m.root.id && d.prefix.is_some_and(|p| m.tree.slice(p) == prefix))
        };
        let usual = ns.usual_prefix();
        match bound_to(usual) {
            None => (usual.to_string(), Some(format!("declare xmlns:{usual}=\"{uri}\" on <Package>"))),
            Some(d) if crate::manifest::ns::near_miss(m.doc().ns_uri(d.ns)) == Some(ns) => {
                (usual.to_string(), Some(format!("correct xmlns:{usual} on <Package> to \"{uri}\"")))
            }
            Some(_) => {
                let free =
                    (1..).map(|n| format!("{usual}_{n}")).find(|p| bound_to(p).is_none()).expect("some prefix is free");
                let declare = format!("declare xmlns:{free}=\"{uri}\" on <Package>");
                (free, Some(declare))
            }
        }
    }

    /// `prefix:local`, or `local` for the default namespace.
    pub fn qualify(prefix: &str, local: &str) -> String {
        if prefix.is_empty() { local.to_string() } else { format!("{prefix}:{local}") }
    }

    /// The help line for a missing capability: the element to add, with the namespace
    /// declaration when the manifest lacks one.
    pub fn add_capability_help(m: &Manifest<'_>, ns: NsId, name: &str) -> String {
        let (prefix, declare) = ns_binding(m, ns);
        let el = qualify(&prefix, "Capability");
        // Written as it should be, but its prefix is bound to a mistyped URI: only the
        // binding needs fixing.
        if let Some(declare) = &declare
            && m.capabilities.iter().any(|c| c.name() == name && c.el.qname() == el && c.el.ns() != ns)
        {
            return format!("{declare}; the <{el} Name=\"{name}\"/> already there then counts");
        }
        let mut help = format!("add <{el} Name=\"{name}\"/> to <Capabilities>");
        if let Some(declare) = declare {
            help.push_str(&format!(" and {declare}"));
        }
        help
    }

    /// A label pointing at a same-named capability declared in the wrong namespace.
    pub fn misplaced_capability<'a>(m: &Manifest<'a>, name: &str, right: NsId) -> Option<El<'a>> {
        m.capabilities.iter().find(|c| c.name() == name && c.el.ns() != right).map(|c| c.el)
    }

    /// The label at a capability declared under the wrong element: what it is declared as,
    /// and what it should be. When both print the same name (`rescap:Capability`, with
    /// `rescap` bound to a mistyped URI), the namespace URIs tell them apart.
    pub fn misplaced_label(m: &Manifest<'_>, cap: El<'_>, name: &str, right: NsId) -> String {
        let (prefix, _) = ns_binding(m, right);
        let want = qualify(&prefix, cap.local());
        if cap.qname() == want {
            format!(
                "{name} is declared here as `<{}>` in `{}`, not in `{}`",
                cap.qname(),
                cap.ns_uri(),
                right.info().map_or("", |i| i.uri)
            )
        } else {
            format!("{name} is declared here, but not as {want}")
        }
    }

    /// Edit distance between two strings, compared without case.
    pub fn distance(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.to_lowercase().chars().collect();
        let b: Vec<char> = b.to_lowercase().chars().collect();
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut cur = vec![i + 1; b.len() + 1];
            for (j, cb) in b.iter().enumerate() {
                let cost = usize::from(ca != cb);
                cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            }
            prev = cur;
        }
        prev[b.len()]
    }

    /// The candidate closest to `word`, when it is close enough to be a likely typo.
    pub fn did_you_mean<'c>(word: &str, candidates: impl Iterator<Item = &'c str>) -> Option<&'c str> {
        let limit = (word.chars().count() / 3).clamp(1, 3);
        candidates
            .filter(|c| *c != word)
            .map(|c| (distance(word, c.rsplit(':').next().unwrap_or(c)), c))
            .filter(|(d, _)| *d <= limit)
            .min_by_key(|(d, c)| (*d, *c))
            .map(|(_, c)| c)
    }

    /// For each item whose key was met before, `(index, index of the first item with that
    /// key)`, in order; items without a key take no part. One pass with a map, so that the
    /// duplicate rules stay linear on manifests with thousands of items.
    pub fn repeats<K: std::hash::Hash + Eq>(keys: impl IntoIterator<Item = Option<K>>) -> Vec<(usize, usize)> {
        let mut firsts: std::collections::HashMap<K, usize> = std::collections::HashMap::new();
        let mut out = Vec::new();
        for (i, key) in keys.into_iter().enumerate() {
            let Some(key) = key else { continue };
            let first = *firsts.entry(key).or_insert(i);
            if first != i {
                out.push((i, first));
            }
        }
        out
    }

    /// Why a name of `min` to `max` characters is too short or too long: the wording shared
    /// by the name rules.
    pub fn length_problem(name: &str, min: usize, max: usize) -> Option<String> {
        let n = name.chars().count();
        if n < min {
            let noun = if n < 2 { "character" } else { "characters" };
            return Some(format!("has {n} {noun}; at least {min} are required"));
        }
        (n > max).then(|| format!("has {n} characters; at most {max} are allowed"))
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
