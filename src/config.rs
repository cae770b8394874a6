//! Configuration files: `appxlint.toml` or `.appxlint.toml`.
//!
//! For each linted file, the closest configuration file wins: appxlint looks in the file's
//! folder, then in each parent folder up to the root of the file system, and uses the
//! first one it finds, alone (files are not merged). `--config FILE` uses one file for
//! every input; `--no-config` uses none. Globs in a file are matched against paths
//! relative to the folder of that file.
//!
//! The file is parsed with spans, so every mistake (an unknown key, an unknown rule, a bad
//! severity or glob) is reported with the file, the line and the place, and stops the run
//! with exit status 2 before anything is linted.
//!
//! ```toml
//! select = ["ALL"]                 # rules to run (names or codes; default: every rule)
//! extend-select = ["AX101"]        # added to `select`
//! ignore = ["namespace-newer-than-max-tested"]
//! fail-on = "warning"              # error | warning | info
//! include = ["*.xml.in"]           # also lint these files when walking folders
//! exclude = ["samples/**"]         # skip these files and folders when walking
//!
//! [severity]
//! loopback-without-private-network = "warning"
//!
//! [per-file-ignores]
//! "legacy/**" = ["oop-server-name-invalid"]
//! ```

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::discover::{self, Input, Origin, Scope};
use crate::lint::Policy;
use crate::rules::{self, RULES, Rule};
use crate::source::LineIndex;

/// The names of a configuration file, in the order they are looked for.
pub const FILE_NAMES: [&str; 2] = ["appxlint.toml", ".appxlint.toml"];

/// Rules that report inputs appxlint cannot read or parse: they always run, whatever the
/// configuration says, because a gate that skips unreadable files passes when it should
/// not.
pub const ALWAYS_ON: [&str; 4] = ["io-error", "internal-error", "xml-encoding", "xml-malformed"];

/// Selects every rule in `select`, `extend-select` and `ignore`.
pub const ALL: &str = "ALL";

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    select: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    extend_select: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    fail_on: Option<Spanned<String>>,
    #[serde(default)]
    include: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    per_file_ignores: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
}

/// A set of globs, with the patterns kept for display.
#[derive(Clone, Debug, Default)]
pub struct Globs {
    pub patterns: Vec<String>,
    set: Option<GlobSet>,
}

impl Globs {
    /// A glob without `/` matches the name alone, anywhere; one with `/` matches the
    /// relative path. Globs ignore case.
    pub fn is_match(&self, rel: &str) -> bool {
        let Some(set) = &self.set else { return false };
        let name = rel.rsplit('/').next().unwrap_or(rel);
        set.is_match(rel) || set.is_match(name)
    }
}

/// A per-file-ignores entry.
#[derive(Clone, Debug)]
pub struct PerFileIgnore {
    pub pattern: String,
    pub globs: Globs,
    pub rules: Vec<&'static Rule>,
}

/// A configuration file, validated.
#[derive(Debug)]
pub struct Config {
    /// The file as shown to users (relative to the working folder when under it).
    pub display: String,
    /// The absolute, normalized folder of the file: the base of its globs.
    pub dir: PathBuf,
    pub select: Option<Vec<&'static Rule>>,
    pub extend_select: Vec<&'static Rule>,
    pub ignore: Vec<&'static Rule>,
    pub fail_on: Option<Severity>,
    pub include: Globs,
    pub exclude: Globs,
    pub severity: Vec<(&'static Rule, Severity)>,
    pub per_file_ignores: Vec<PerFileIgnore>,
}

/// One mistake in a configuration file.
#[derive(Clone, Debug)]
pub struct Problem {
    /// Byte range in the file, when the mistake has a place.
    pub span: Option<Range<usize>>,
    pub message: String,
    pub help: Option<String>,
}

/// Every mistake found in one configuration file (or the reason it cannot be read).
#[derive(Clone, Debug)]
pub struct ConfigError {
    pub path: String,
    pub text: Option<Arc<String>>,
    pub problems: Vec<Problem>,
}

impl ConfigError {
    fn whole(path: String, message: String) -> ConfigError {
        ConfigError { path, text: None, problems: vec![Problem { span: None, message, help: None }] }
    }

    /// `path:line:column` of a problem, or the path alone.
    pub fn place(&self, p: &Problem) -> String {
        match (&self.text, &p.span) {
            (Some(text), Some(span)) => {
                let pos = LineIndex::new(text).pos(text, span.start);
                format!("{}:{}:{}", self.path, pos.line, pos.column)
            }
            _ => self.path.clone(),
        }
    }

    /// The errors as miette reports them: message with file, line and column, the lines of
    /// the file with the place underlined, and a help line.
    pub fn render(&self, color: bool, width: usize) -> String {
        use miette::{GraphicalReportHandler, GraphicalTheme};
        let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
        let handler = GraphicalReportHandler::new_themed(theme).with_width(width).with_links(false);
        let mut out = String::new();
        for p in &self.problems {
            let d = ProblemView {
                message: format!("{}: {}", self.place(p), p.message),
                help: p.help.clone(),
                source: self.text.as_ref().map(|t| miette::NamedSource::new(&self.path, t.to_string())),
                span: p.span.clone().filter(|_| self.text.is_some()),
            };
            let mut s = String::new();
            if handler.render_report(&mut s, &d).is_err() {
                s = format!("error: {}\n", d.message);
            }
            out.push_str(&s);
        }
        out
    }
}

#[derive(Debug)]
struct ProblemView {
    message: String,
    help: Option<String>,
    source: Option<miette::NamedSource<String>>,
    span: Option<Range<usize>>,
}

impl std::fmt::Display for ProblemView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ProblemView {}

impl miette::Diagnostic for ProblemView {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new("error[config]"))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let span = self.span.clone()?;
        self.source.as_ref()?;
        Some(Box::new(std::iter::once(miette::LabeledSpan::new_primary_with_span(None, span))))
    }
}

/// Distance between two names, for "did you mean" hints.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(row[j + 1] + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// The help for a name that is not a rule: the closest rule name, if one is close.
pub fn unknown_rule_help(name: &str) -> String {
    let best = RULES.iter().map(|r| (distance(name, r.name), r.name)).min();
    match best {
        Some((d, n)) if d <= 3.max(name.len() / 4) => format!("did you mean `{n}`? `appxlint rules` lists every rule"),
        _ => "name rules by name or code, as `appxlint rules` lists them".to_string(),
    }
}

/// Rules named by a list: names, codes, or `ALL`.
pub fn parse_rule_list(names: &[String]) -> Result<Vec<&'static Rule>, String> {
    let mut out = Vec::new();
    for n in names {
        resolve_name(n, &mut out).map_err(|help| format!("`{n}` is not an appxlint rule; {help}"))?;
    }
    Ok(out)
}

fn resolve_name(n: &str, out: &mut Vec<&'static Rule>) -> Result<(), String> {
    if n == ALL {
        out.extend(RULES.iter());
        return Ok(());
    }
    match rules::find(n) {
        Some(r) => {
            out.push(r);
            Ok(())
        }
        None => Err(unknown_rule_help(n)),
    }
}

fn glob_set(patterns: &[Spanned<String>], problems: &mut Vec<Problem>) -> Globs {
    if patterns.is_empty() {
        return Globs::default();
    }
    let mut b = GlobSetBuilder::new();
    let mut kept = Vec::new();
    for p in patterns {
        match GlobBuilder::new(p.get_ref()).case_insensitive(true).literal_separator(false).build() {
            Ok(g) => {
                b.add(g);
                kept.push(p.get_ref().clone());
            }
            Err(e) => problems.push(Problem {
                span: Some(p.span()),
                message: format!("invalid glob `{}`: {}", p.get_ref(), e.kind()),
                help: None,
            }),
        }
    }
    match b.build() {
        Ok(set) => Globs { patterns: kept, set: Some(set) },
        Err(e) => {
            problems.push(Problem { span: None, message: e.to_string(), help: None });
            Globs::default()
        }
    }
}

impl Config {
    /// Parses and validates a configuration file's text.
    pub fn parse(text: &str, display: &str, dir: PathBuf) -> Result<Config, ConfigError> {
        let error = |problems: Vec<Problem>| ConfigError {
            path: display.to_string(),
            text: Some(Arc::new(text.to_string())),
            problems,
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let message = e.message().trim_end().to_string();
            let help = Some("docs/configuration.md describes every key".to_string());
            error(vec![Problem { span: e.span(), message, help }])
        })?;
        let mut problems = Vec::new();
        let rule_list = |list: &[Spanned<String>], can_disable: bool, problems: &mut Vec<Problem>| {
            let mut out = Vec::new();
            for n in list {
                match resolve_name(n.get_ref(), &mut out) {
                    Err(help) => problems.push(Problem {
                        span: Some(n.span()),
                        message: format!("`{}` is not an appxlint rule", n.get_ref()),
                        help: Some(help),
                    }),
                    Ok(())
                        if !can_disable
                            && ALWAYS_ON.iter().any(|a| rules::find(n.get_ref()).is_some_and(|r| r.name == *a)) =>
                    {
                        problems.push(Problem {
                            span: Some(n.span()),
                            message: format!("`{}` cannot be turned off", n.get_ref()),
                            help: Some("a file appxlint cannot read or parse is always reported".into()),
                        })
                    }
                    Ok(()) => {}
                }
            }
            out
        };
        let select = raw.select.as_ref().map(|s| rule_list(s, true, &mut problems));
        let extend_select = rule_list(&raw.extend_select, true, &mut problems);
        let ignore = rule_list(&raw.ignore, false, &mut problems);
        let fail_on = raw.fail_on.as_ref().and_then(|f| match Severity::parse(f.get_ref()) {
            Some(s) => Some(s),
            None => {
                problems.push(Problem {
                    span: Some(f.span()),
                    message: format!("`{}` is not a severity", f.get_ref()),
                    help: Some("write error, warning or info".into()),
                });
                None
            }
        });
        let mut severity = Vec::new();
        for (name, value) in &raw.severity {
            let rule = match rules::find(name.get_ref()) {
                Some(r) => r,
                None => {
                    problems.push(Problem {
                        span: Some(name.span()),
                        message: format!("`{}` is not an appxlint rule", name.get_ref()),
                        help: Some(unknown_rule_help(name.get_ref())),
                    });
                    continue;
                }
            };
            if ALWAYS_ON.contains(&rule.name) {
                problems.push(Problem {
                    span: Some(name.span()),
                    message: format!("the severity of `{}` cannot be changed", rule.name),
                    help: Some("a file appxlint cannot read or parse is always an error".into()),
                });
                continue;
            }
            match Severity::parse(value.get_ref()) {
                Some(s) => severity.push((rule, s)),
                None => problems.push(Problem {
                    span: Some(value.span()),
                    message: format!("`{}` is not a severity", value.get_ref()),
                    help: Some("write error, warning or info; to turn a rule off, add it to `ignore`".into()),
                }),
            }
        }
        let mut per_file_ignores = Vec::new();
        for (pattern, list) in &raw.per_file_ignores {
            let globs = glob_set(std::slice::from_ref(pattern), &mut problems);
            let rules = rule_list(list, false, &mut problems);
            per_file_ignores.push(PerFileIgnore { pattern: pattern.get_ref().clone(), globs, rules });
        }
        let include = glob_set(&raw.include, &mut problems);
        let exclude = glob_set(&raw.exclude, &mut problems);
        if !problems.is_empty() {
            problems.sort_by_key(|p| p.span.as_ref().map_or(0, |s| s.start));
            return Err(error(problems));
        }
        Ok(Config {
            display: display.to_string(),
            dir,
            select,
            extend_select,
            ignore,
            fail_on,
            include,
            exclude,
            severity,
            per_file_ignores,
        })
    }

    /// Reads and validates a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let abs = normalize(path);
        let display = display(&abs);
        let text = std::fs::read_to_string(path).map_err(|e| {
            ConfigError::whole(display.clone(), format!("cannot read {display}: {}", discover::describe_io(&e)))
        })?;
        let dir = abs.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("/"));
        Config::parse(&text, &display, dir)
    }

    /// The path of `abs` relative to the folder of this file, with forward slashes (the
    /// whole path when it is outside that folder).
    pub fn relative(&self, abs: &Path) -> String {
        discover::display_path(abs.strip_prefix(&self.dir).unwrap_or(abs))
    }
}

/// The absolute form of a path, with `.` and `..` resolved by their names (symbolic links
/// are not followed), so that parent folders can be walked.
pub fn normalize(path: &Path) -> PathBuf {
    // Most paths are relative and plain (`a/b/AppxManifest.xml`): joined to the working
    // folder as text, they are already normal, which spares walking their components.
    #[cfg(unix)]
    if let (Some(s), Some(cwd)) = (path.to_str(), working_dir().and_then(Path::to_str))
        && is_plain_relative(s)
    {
        let mut out = String::with_capacity(cwd.len() + 1 + s.len());
        out.push_str(cwd);
        if !cwd.ends_with('/') {
            out.push('/');
        }
        out.push_str(s);
        return PathBuf::from(out);
    }
    normalize_components(path)
}

/// [`normalize`], component by component.
fn normalize_components(path: &Path) -> PathBuf {
    let abs = match (path.is_absolute(), working_dir()) {
        (false, Some(cwd)) => cwd.join(path),
        _ => path.to_path_buf(),
    };
    let mut out = PathBuf::with_capacity(abs.as_os_str().len());
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// True for a relative path whose components are all names: no `.` or `..`, no empty
/// component (`a//b`, a trailing `/`).
#[cfg(unix)]
fn is_plain_relative(s: &str) -> bool {
    !s.is_empty() && s.split('/').all(|c| !c.is_empty() && c != "." && c != "..")
}

/// The working folder, asked once: appxlint never changes it, and a run asks for it once
/// per file and folder otherwise (30,000 system calls for 10,000 manifests).
fn working_dir() -> Option<&'static Path> {
    static CWD: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    CWD.get_or_init(|| std::env::current_dir().ok()).as_deref()
}

/// A path as shown to users: relative to the working folder when it is under it.
pub fn display(abs: &Path) -> String {
    let cwd = working_dir().map(normalize);
    match cwd.as_deref().and_then(|c| abs.strip_prefix(c).ok()) {
        Some(rel) if !rel.as_os_str().is_empty() => discover::display_path(rel),
        _ => discover::display_path(abs),
    }
}

/// Where configuration comes from.
#[derive(Clone, Debug)]
pub enum Source {
    /// The closest `appxlint.toml` / `.appxlint.toml` of each file.
    Discover,
    /// One file for every input (`--config`).
    File(PathBuf),
    /// Built-in defaults only (`--no-config`).
    Off,
}

/// Settings given on the command line: they override every configuration file.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub select: Option<Vec<&'static Rule>>,
    pub extend_select: Vec<&'static Rule>,
    pub ignore: Vec<&'static Rule>,
    pub fail_on: Option<Severity>,
}

/// What applies to one file.
#[derive(Clone, Debug)]
pub struct FileSettings {
    pub config: Option<Arc<Config>>,
    pub policy: Arc<Policy>,
    pub fail_on: Severity,
    /// The per-file-ignores patterns that match this file.
    pub per_file_ignores: Vec<PerFileIgnore>,
}

/// Equal policies shared as one: the inputs under one configuration get one `Arc`, from
/// any thread.
#[derive(Default)]
pub struct Policies(Mutex<Vec<Arc<Policy>>>);

impl Policies {
    /// `policy`, or the equal one given before.
    pub fn share(&self, policy: Arc<Policy>) -> Arc<Policy> {
        let mut distinct = self.0.lock().expect("not poisoned");
        match distinct.iter().find(|p| ***p == *policy) {
            Some(p) => p.clone(),
            None => {
                distinct.push(policy.clone());
                policy
            }
        }
    }
}

/// The configuration that applies in a folder, if any, or why it cannot be read.
type Lookup = Result<Option<Arc<Config>>, ConfigError>;

/// Finds the configuration of each file, loading each configuration file once.
pub struct Resolver {
    source: Source,
    overrides: Overrides,
    explicit: Option<Arc<Config>>,
    /// Folder -> the configuration that applies to files in it (or why it cannot be read).
    /// Keyed by the normalized path's bytes: `Path`'s own hash walks its components.
    cache: Mutex<HashMap<std::ffi::OsString, Lookup, crate::hash::FxBuild>>,
    /// Mistakes found while discovering (reported once the walk is over).
    errors: Mutex<Vec<ConfigError>>,
}

impl Resolver {
    pub fn new(source: Source, overrides: Overrides) -> Result<Resolver, ConfigError> {
        let explicit = match &source {
            Source::File(path) => Some(Arc::new(Config::load(path)?)),
            _ => None,
        };
        Ok(Resolver {
            source,
            overrides,
            explicit,
            cache: Mutex::new(HashMap::default()),
            errors: Mutex::new(Vec::new()),
        })
    }

    /// The configuration for files in folder `dir` (absolute, normalized).
    pub fn config_for_dir(&self, dir: &Path) -> Lookup {
        match &self.source {
            Source::Off => return Ok(None),
            Source::File(_) => return Ok(self.explicit.clone()),
            Source::Discover => {}
        }
        if let Some(hit) = self.cache.lock().expect("not poisoned").get(dir.as_os_str()) {
            return hit.clone();
        }
        let found: Vec<PathBuf> = FILE_NAMES.iter().map(|n| dir.join(n)).filter(|p| p.is_file()).collect();
        let result = match found.as_slice() {
            [] => match dir.parent() {
                Some(parent) => self.config_for_dir(parent),
                None => Ok(None),
            },
            [one] => Config::load(one).map(|c| Some(Arc::new(c))),
            _ => Err(ConfigError::whole(
                display(&found[0]),
                format!(
                    "both {} and {} exist in {}; keep one",
                    FILE_NAMES[0],
                    FILE_NAMES[1],
                    display(dir).trim_end_matches('/')
                ),
            )),
        };
        self.cache.lock().expect("not poisoned").insert(dir.as_os_str().to_owned(), result.clone());
        result
    }

    /// The settings of one input: a file's by its path, stdin's by `stdin_filename`.
    pub fn settings_for_input(&self, input: &Input, stdin_filename: Option<&str>) -> Result<FileSettings, ConfigError> {
        let path = match &input.origin {
            Origin::File(p) => p.clone(),
            Origin::Stdin(_) => PathBuf::from(stdin_filename.unwrap_or("<stdin>")),
            Origin::Unreadable(_) => PathBuf::from(&input.display),
        };
        self.settings_for(&path)
    }

    /// The settings of every input, by display path, once discovery is over; or every
    /// configuration error met (each file once), which stops the run.
    pub fn settings_for_inputs(
        &self,
        inputs: &[Input],
        stdin_filename: Option<&str>,
    ) -> Result<HashMap<String, FileSettings>, Vec<ConfigError>> {
        let mut settings = HashMap::new();
        let mut errors = Vec::new();
        let policies = Policies::default();
        for input in inputs {
            match self.settings_for_input(input, stdin_filename) {
                Ok(mut s) => {
                    s.policy = policies.share(s.policy);
                    settings.insert(input.display.clone(), s);
                }
                Err(e) => errors.push(e),
            }
        }
        let errors = self.errors_with(errors);
        if errors.is_empty() {
            return Ok(settings);
        }
        Err(errors)
    }

    /// The configuration errors recorded while walking, with `more`, each file once and
    /// sorted by path.
    pub fn errors_with(&self, mut more: Vec<ConfigError>) -> Vec<ConfigError> {
        let mut errors = std::mem::take(&mut *self.errors.lock().expect("not poisoned"));
        errors.append(&mut more);
        errors.sort_by(|a, b| a.path.cmp(&b.path));
        errors.dedup_by(|a, b| a.path == b.path);
        errors
    }

    fn config_for_file(&self, path: &Path) -> Result<(PathBuf, Option<Arc<Config>>), ConfigError> {
        let abs = normalize(path);
        let dir = abs.parent().map(Path::to_path_buf).unwrap_or_else(|| abs.clone());
        let config = self.config_for_dir(&dir)?;
        Ok((abs, config))
    }

    /// The settings for a file (which need not exist).
    pub fn settings_for(&self, path: &Path) -> Result<FileSettings, ConfigError> {
        let (abs, config) = self.config_for_file(path)?;
        Ok(self.settings(config, Some(&abs)))
    }

    /// The settings for files in a folder, before per-file-ignores.
    pub fn settings_for_dir(&self, dir: &Path) -> Result<FileSettings, ConfigError> {
        let config = self.config_for_dir(&normalize(dir))?;
        Ok(self.settings(config, None))
    }

    fn settings(&self, config: Option<Arc<Config>>, file: Option<&Path>) -> FileSettings {
        let mut policy = Policy::default();
        let mut matched = Vec::new();
        let set_all = |policy: &mut Policy, list: &[&'static Rule], on: bool| {
            for r in list {
                policy.set_enabled(r, on);
            }
        };
        if let Some(c) = &config {
            if let Some(select) = &c.select {
                policy.select_only(select);
            }
            set_all(&mut policy, &c.extend_select, true);
            set_all(&mut policy, &c.ignore, false);
        }
        let o = &self.overrides;
        if let Some(select) = &o.select {
            policy.select_only(select);
        }
        set_all(&mut policy, &o.extend_select, true);
        set_all(&mut policy, &o.ignore, false);
        if let (Some(c), Some(file)) = (&config, file) {
            let rel = c.relative(file);
            for p in &c.per_file_ignores {
                if p.globs.is_match(&rel) {
                    set_all(&mut policy, &p.rules, false);
                    matched.push(p.clone());
                }
            }
        }
        for name in ALWAYS_ON {
            policy.set_enabled(rules::get(name), true);
        }
        if let Some(c) = &config {
            for (rule, s) in &c.severity {
                policy.set_severity(rule, *s);
            }
        }
        let fail_on = o.fail_on.or(config.as_ref().and_then(|c| c.fail_on)).unwrap_or(Severity::Error);
        FileSettings { config, policy: Arc::new(policy), fail_on, per_file_ignores: matched }
    }

    fn record(&self, e: ConfigError) {
        self.errors.lock().expect("not poisoned").push(e);
    }
}

/// Folder walks honour the `include` and `exclude` of the configuration that applies to
/// each file and folder.
impl Scope for Resolver {
    fn excluded(&self, path: &Path, _is_dir: bool) -> bool {
        let abs = normalize(path);
        let Some(dir) = abs.parent() else { return false };
        match self.config_for_dir(dir) {
            Ok(Some(c)) => c.exclude.is_match(&c.relative(&abs)),
            Ok(None) => false,
            Err(e) => {
                self.record(e);
                false
            }
        }
    }

    fn listed(&self, abs_dir: &Path, has: &dyn Fn(&str) -> bool) -> bool {
        let lookup = match &self.source {
            Source::Off => return false,
            Source::File(_) => Ok(self.explicit.clone()),
            Source::Discover => {
                if FILE_NAMES.iter().any(|f| has(f)) {
                    self.config_for_dir(abs_dir)
                } else {
                    // No configuration file here: the folder's is its parent's, and the
                    // listing spares a look for each name.
                    let inherited = match abs_dir.parent() {
                        Some(parent) => self.config_for_dir(parent),
                        None => Ok(None),
                    };
                    self.cache.lock().expect("not poisoned").insert(abs_dir.as_os_str().to_owned(), inherited.clone());
                    inherited
                }
            }
        };
        match lookup {
            Ok(Some(c)) => c.include.set.is_some() || c.exclude.set.is_some(),
            Ok(None) => false,
            // Asked about each entry, the scope records the error.
            Err(_) => true,
        }
    }

    fn included(&self, path: &Path) -> bool {
        let abs = normalize(path);
        let Some(dir) = abs.parent() else { return false };
        match self.config_for_dir(dir) {
            Ok(Some(c)) => c.include.is_match(&c.relative(&abs)),
            Ok(None) => false,
            Err(e) => {
                self.record(e);
                false
            }
        }
    }
}

/// The settings in force for a path, as `appxlint config` prints them.
pub fn describe(path: &str, is_dir: bool, s: &FileSettings) -> String {
    let mut out = String::new();
    let what = if is_dir { "files in" } else { "file" };
    out.push_str(&format!("Settings for {what} {path}\n\n"));
    let origin = match &s.config {
        Some(c) => c.display.clone(),
        None => "none (built-in defaults)".to_string(),
    };
    out.push_str(&format!("config file:  {origin}\n"));
    out.push_str(&format!("fail-on:      {}\n", s.fail_on));
    let list = |g: &Globs| if g.patterns.is_empty() { "(none)".to_string() } else { g.patterns.join(", ") };
    if let Some(c) = &s.config {
        out.push_str(&format!("include:      {}\n", list(&c.include)));
        out.push_str(&format!("exclude:      {}\n", list(&c.exclude)));
        if is_dir {
            for p in &c.per_file_ignores {
                let names: Vec<&str> = p.rules.iter().map(|r| r.name).collect();
                out.push_str(&format!("per-file-ignores: \"{}\" = {}\n", p.pattern, names.join(", ")));
            }
        }
    }
    if !is_dir {
        for p in &s.per_file_ignores {
            let names: Vec<&str> = p.rules.iter().map(|r| r.name).collect();
            out.push_str(&format!("per-file-ignores matching: \"{}\" = {}\n", p.pattern, names.join(", ")));
        }
    }
    let enabled = RULES.iter().filter(|r| s.policy.enabled(r)).count();
    out.push_str(&format!("\nrules: {enabled} of {} enabled\n", RULES.len()));
    let width = RULES.iter().map(|r| r.name.len()).max().unwrap_or(0);
    for r in RULES.iter() {
        let on = s.policy.enabled(r);
        let severity = s.policy.severity_override(r).unwrap_or(r.default_severity());
        let note = if !on {
            ""
        } else if s.policy.severity_override(r).is_some() {
            "  (severity from config)"
        } else {
            ""
        };
        out.push_str(&format!(
            "  {:<3}  {:<width$}  {:<5}  {}{note}\n",
            if on { "on" } else { "off" },
            r.name,
            r.code(),
            if on { severity.as_str() } else { "-" },
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn plain_relative_paths_normalize_as_their_components_do() {
        for p in [
            "a",
            "a/b/AppxManifest.xml",
            "target/bench-corpus/lint/x-1/Package.appxmanifest",
            "a b/ü/c.msix",
            "./a",
            "a/./b",
            "a/../b",
            "a//b",
            "a/",
            "..",
            "../a",
            "/abs/a",
            "/",
            ".",
            "a/..",
            "...",
            ".a/b.",
        ] {
            let path = Path::new(p);
            assert_eq!(normalize(path), normalize_components(path), "{p}");
        }
    }

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, "appxlint.toml", PathBuf::from("/repo"))
    }

    fn first(e: &ConfigError) -> (String, String) {
        (e.place(&e.problems[0]), e.problems[0].message.clone())
    }

    #[test]
    fn a_full_file_is_read() {
        let c = parse(
            r#"
select = ["ALL"]
extend-select = ["AX101"]
ignore = ["namespace-newer-than-max-tested"]
fail-on = "warning"
include = ["*.xml.in"]
exclude = ["samples/**"]

[severity]
loopback-without-private-network = "info"

[per-file-ignores]
"legacy/**" = ["oop-server-name-invalid", "AX303"]
"#,
        )
        .unwrap();
        assert_eq!(c.select.as_ref().unwrap().len(), RULES.len());
        assert_eq!(c.extend_select[0].name, "com-server-without-full-trust");
        assert_eq!(c.fail_on, Some(Severity::Warning));
        assert!(c.include.is_match("templates/AppxManifest.xml.in"));
        assert!(c.exclude.is_match("samples/a/Package.appxmanifest"));
        assert!(!c.exclude.is_match("src/Package.appxmanifest"));
        assert_eq!(c.severity, [(rules::get("loopback-without-private-network"), Severity::Info)]);
        let p = &c.per_file_ignores[0];
        assert_eq!(
            p.rules.iter().map(|r| r.name).collect::<Vec<_>>(),
            ["oop-server-name-invalid", "oop-server-structure"]
        );
        assert!(p.globs.is_match("legacy/x/Package.appxmanifest"));
    }

    #[test]
    fn mistakes_name_the_line_and_column() {
        let e = parse("select = []\nfail-onn = \"error\"\n").unwrap_err();
        let (place, message) = first(&e);
        assert_eq!(place, "appxlint.toml:2:1");
        assert!(message.contains("unknown field `fail-onn`"), "{message}");
        let e = parse("ignore = [\"AX101\", \"loopback-rule-not-reciprocatd\"]\n").unwrap_err();
        assert_eq!(
            first(&e),
            ("appxlint.toml:1:20".into(), "`loopback-rule-not-reciprocatd` is not an appxlint rule".into())
        );
        assert!(e.problems[0].help.as_deref().unwrap().contains("did you mean `loopback-rule-not-reciprocated`"));
        let e = parse("[severity]\nAX101 = \"fatal\"\nnope = \"error\"\n").unwrap_err();
        assert_eq!(e.problems.len(), 2);
        assert_eq!(e.place(&e.problems[0]), "appxlint.toml:2:9");
        assert_eq!(e.place(&e.problems[1]), "appxlint.toml:3:1");
        let e = parse("[per-file-ignores]\n\"a/[\" = [\"xml-malformed\"]\n").unwrap_err();
        let msgs: Vec<&str> = e.problems.iter().map(|p| p.message.as_str()).collect();
        assert!(msgs[0].starts_with("invalid glob `a/[`"), "{msgs:?}");
        assert_eq!(msgs[1], "`xml-malformed` cannot be turned off");
        let e = parse("fail-on = 3\n").unwrap_err();
        assert_eq!(e.place(&e.problems[0]), "appxlint.toml:1:11");
        let e = parse("select = [\n").unwrap_err();
        assert!(e.problems[0].span.is_some());
    }

    #[test]
    fn rendered_errors_show_the_file_and_line() {
        let e = parse("\n\nselec = [\"AX101\"]\n").unwrap_err();
        let out = e.render(false, 100);
        assert!(out.contains("appxlint.toml:3:1: unknown field `selec`"), "{out}");
        assert!(out.contains("selec = [\"AX101\"]"), "{out}");
    }

    #[test]
    fn distances() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "ab"), 2);
        assert_eq!(distance("ab", "ab"), 0);
    }
}
