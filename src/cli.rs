//! The command line: arguments parsed by clap, turned into validated settings, run.
//!
//! Exit status: 0 when no finding reaches the failure threshold, 1 when one does, 2 for
//! usage errors and inputs that cannot be read. stdout carries only the report; messages
//! about the run itself go to stderr.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::analyze::render::AnalyzeFormat;
use crate::config::{self, ConfigError, Overrides, Resolver, Source};
use crate::diagnostic::{Report, Severity};
use crate::discover::{self, Filters, Input, Origin};
use crate::lint;
use crate::progress::{self, Progress};
use crate::render::{self, Format};
use crate::rules::{self, RULES};

#[derive(Parser, Debug)]
#[command(
    name = "appxlint",
    version,
    about = "Linter and capability analyzer for Windows app package manifests",
    long_about = "appxlint checks AppxManifest.xml and Package.appxmanifest files against the documented \
                  manifest rules, including the rules that span several packages (loopback, IPC), and \
                  reports for people, CI systems and editors.",
    arg_required_else_help = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Print the documentation of a rule and exit (same as `appxlint rule NAME`).
    #[arg(long, value_name = "RULE", global = true)]
    pub explain: Option<String>,

    /// When to use colors in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Lint manifests: files, folders (walked recursively) or `-` for stdin.
    Check(CheckArgs),
    /// What each package may do (trust, capabilities, extensions, IPC) and which channels
    /// connect the packages analyzed together.
    Analyze(AnalyzeArgs),
    /// List every rule with its code, default severity and summary.
    Rules {
        /// `text` for a table, `json` for programs, `markdown` for the docs index.
        #[arg(long, short = 'f', value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
    /// Print the documentation of one rule.
    Rule {
        /// Rule name or code.
        name: String,
    },
    /// Print the settings in force for a file or folder: which configuration file, the
    /// rules enabled and their severities, the failure threshold.
    Config(ConfigArgs),
    /// Print a shell completion script (source it from the shell's startup file).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) of appxlint.
    Manpage,
}

#[derive(Args, Debug, Clone)]
pub struct ConfigArgs {
    /// The file or folder to show the settings of.
    #[arg(value_name = "PATH", default_value = ".")]
    pub path: PathBuf,

    #[command(flatten)]
    pub settings: SettingsArgs,
}

/// Where settings come from, and the ones the command line overrides.
#[derive(Args, Debug, Clone, Default)]
pub struct SettingsArgs {
    /// Use this configuration file for every input instead of looking for the closest
    /// appxlint.toml or .appxlint.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Use no configuration file.
    #[arg(long)]
    pub no_config: bool,

    /// Run only these rules (names or codes, comma-separated, or ALL); replaces the
    /// configuration's `select`.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub select: Option<Vec<String>>,

    /// Also run these rules.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub extend_select: Vec<String>,

    /// Do not run these rules.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// Exit with status 1 when a finding has this severity or a higher one
    /// [default: error, or the configuration's `fail-on`].
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    pub fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

impl SettingsArgs {
    /// The validated command-line overrides and the configuration source.
    pub fn resolve(&self) -> Result<(Source, Overrides), String> {
        let source = match (&self.config, self.no_config) {
            (Some(path), _) => Source::File(path.clone()),
            (None, true) => Source::Off,
            (None, false) => Source::Discover,
        };
        let overrides = Overrides {
            select: self.select.as_deref().map(config::parse_rule_list).transpose()?,
            extend_select: config::parse_rule_list(&self.extend_select)?,
            ignore: config::parse_rule_list(&self.ignore)?,
            fail_on: self.fail_on.map(FailOn::severity),
        };
        for name in &self.ignore {
            if let Some(r) = rules::find(name).filter(|r| config::ALWAYS_ON.contains(&r.name)) {
                return Err(format!(
                    "`{}` cannot be turned off: a file appxlint cannot read or parse is always reported",
                    r.name
                ));
            }
        }
        Ok((source, overrides))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Args, Debug, Clone)]
pub struct CheckArgs {
    /// Files and folders to lint; `-` reads one manifest from stdin.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Write the report to a file instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Also write the report in another format to a file, from the same run (repeatable):
    /// `--report sarif=appxlint.sarif --report github=annotations.txt`.
    #[arg(long, value_name = "FORMAT=FILE", value_parser = parse_report)]
    pub report: Vec<(Format, PathBuf)>,

    /// Also lint files matching this glob when walking folders (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,

    /// Skip files and folders matching this glob when walking folders (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// The path to show for the manifest read from stdin.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<String>,

    /// Also show findings silenced by suppression comments.
    #[arg(long)]
    pub show_suppressed: bool,

    /// Exit with status 0 even when findings reach the failure threshold (status 2 for
    /// usage, configuration and I/O errors stays).
    #[arg(long)]
    pub exit_zero: bool,

    /// Exit with status 1 when there are more than N warnings.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,

    /// Apply the exclusions (`--exclude`, configuration `exclude`) to files named on the
    /// command line too, as pre-commit hooks need.
    #[arg(long)]
    pub force_exclude: bool,

    /// Inputs processed in parallel; 0 (the default) uses every CPU core. The report is the
    /// same for any number.
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0, value_parser = clap::value_parser!(u16).range(0..=256))]
    pub threads: u16,

    #[command(flatten)]
    pub settings: SettingsArgs,
}

fn parse_report(s: &str) -> Result<(Format, PathBuf), String> {
    let (format, path) = s.split_once('=').ok_or("expected FORMAT=FILE, such as sarif=appxlint.sarif")?;
    let format = Format::from_str(format, true).map_err(|_| {
        let names: Vec<String> = Format::value_variants()
            .iter()
            .filter_map(|f| f.to_possible_value())
            .map(|v| v.get_name().to_string())
            .collect();
        format!("unknown format `{format}`; the formats are {}", names.join(", "))
    })?;
    if path.is_empty() {
        return Err("the file name is missing after `=`".into());
    }
    Ok((format, PathBuf::from(path)))
}

#[derive(Args, Debug, Clone)]
pub struct AnalyzeArgs {
    /// Files and folders to analyze; `-` reads one manifest from stdin.
    #[arg(value_name = "PATH", default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = AnalyzeFormat::Text)]
    pub format: AnalyzeFormat,

    /// Write the analysis to a file instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Also analyze files matching this glob when walking folders (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,

    /// Skip files and folders matching this glob when walking folders (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// The path to show for the manifest read from stdin.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<String>,

    /// Use this configuration file (its include/exclude globs and rule selection, which
    /// decide the findings counted per package) instead of the closest appxlint.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Use no configuration file.
    #[arg(long)]
    pub no_config: bool,

    /// Exit with 1 when a connection between the packages is blocked (an end lacks a
    /// capability the channel needs) or one-sided (only one end declares it).
    #[arg(long)]
    pub fail_on_broken: bool,

    /// Inputs processed in parallel; 0 (the default) uses every CPU core. The report is the
    /// same for any number.
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0, value_parser = clap::value_parser!(u16).range(0..=256))]
    pub threads: u16,
}

/// Decides whether to color output written to a stream.
///
/// `--color always|never` wins; then `NO_COLOR` (any non-empty value) turns colors off;
/// then `CLICOLOR_FORCE` (non-empty, not `0`) turns them on; then `CLICOLOR=0` or
/// `TERM=dumb` turn them off; otherwise colors are used when the stream is a terminal.
pub fn use_color(choice: ColorChoice, is_terminal: bool, env: &dyn Fn(&str) -> Option<String>) -> bool {
    match choice {
        ColorChoice::Always => return true,
        ColorChoice::Never => return false,
        ColorChoice::Auto => {}
    }
    let set = |k: &str| env(k).filter(|v| !v.is_empty());
    if set("NO_COLOR").is_some() {
        return false;
    }
    if set("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
        return true;
    }
    if set("CLICOLOR").is_some_and(|v| v == "0") || set("TERM").is_some_and(|v| v == "dumb") {
        return false;
    }
    is_terminal
}

fn env_var(k: &str) -> Option<String> {
    std::env::var(k).ok()
}

/// Runs appxlint with the process's arguments.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("appxlint: error: {message}");
            ExitCode::from(2)
        }
    }
}

pub fn run(cli: Cli) -> Result<u8, String> {
    if let Some(name) = &cli.explain {
        return explain(name, cli.color);
    }
    match cli.command {
        None => Err("no command given; try `appxlint check .` or `appxlint --help`".into()),
        Some(Command::Rules { format }) => {
            print_rules(format)?;
            Ok(0)
        }
        Some(Command::Rule { name }) => explain(&name, cli.color),
        Some(Command::Check(args)) => check(args, cli.color),
        Some(Command::Analyze(args)) => analyze(args, cli.color),
        Some(Command::Config(args)) => show_config(args, cli.color),
        Some(Command::Completions { shell }) => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "appxlint", &mut buf);
            write_stdout(&String::from_utf8(buf).map_err(|e| e.to_string())?)?;
            Ok(0)
        }
        Some(Command::Manpage) => {
            write_stdout(&manpage())?;
            Ok(0)
        }
    }
}

/// The manual page of appxlint, in roff.
pub fn manpage() -> String {
    let mut buf = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut buf).expect("writing to memory");
    String::from_utf8(buf).expect("clap_mangen writes UTF-8")
}

fn explain(name: &str, color: ColorChoice) -> Result<u8, String> {
    let rule = rules::find(name)
        .ok_or_else(|| format!("`{name}` is not an appxlint rule; {}", config::unknown_rule_help(name)))?;
    let color = use_color(color, std::io::stdout().is_terminal(), &env_var);
    write_stdout(&render::page::render(rule, color))?;
    Ok(0)
}

/// Prints configuration errors to stderr; the run stops with status 2.
fn config_errors(errors: &[ConfigError], color: ColorChoice) -> u8 {
    let color = use_color(color, std::io::stderr().is_terminal(), &env_var);
    let mut out = String::new();
    for e in errors {
        out.push_str(&e.render(color, terminal_width()));
    }
    let _ = std::io::stderr().write_all(out.as_bytes());
    2
}

fn show_config(args: ConfigArgs, color: ColorChoice) -> Result<u8, String> {
    let (source, overrides) = args.settings.resolve()?;
    let resolver = match Resolver::new(source, overrides) {
        Ok(r) => r,
        Err(e) => return Ok(config_errors(&[e], color)),
    };
    if !args.path.exists() {
        return Err(format!("{}: no such file or folder", args.path.display()));
    }
    let is_dir = args.path.is_dir();
    let settings = if is_dir { resolver.settings_for_dir(&args.path) } else { resolver.settings_for(&args.path) };
    match settings {
        Ok(s) => {
            write_stdout(&config::describe(&discover::display_path(&args.path), is_dir, &s))?;
            Ok(0)
        }
        Err(e) => Ok(config_errors(&[e], color)),
    }
}

fn print_rules(format: RulesFormat) -> Result<(), String> {
    let out = match format {
        RulesFormat::Text => {
            let mut out = String::new();
            let width = RULES.iter().map(|r| r.name.len()).max().unwrap_or(0);
            for r in RULES.iter() {
                out.push_str(&format!(
                    "{:<width$}  {:<6} {:<8} {}\n",
                    r.name,
                    r.code(),
                    r.default_severity().as_str(),
                    r.summary()
                ));
            }
            out
        }
        RulesFormat::Markdown => rules::index_markdown(),
        RulesFormat::Json => {
            let list: Vec<serde_json::Value> = RULES
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "name": r.name,
                        "code": r.code(),
                        "severity": r.default_severity().as_str(),
                        "category": r.meta().category,
                        "summary": r.summary(),
                        "url": r.url(),
                        "sources": r.meta().sources,
                    })
                })
                .collect();
            let mut s = serde_json::to_string_pretty(&list).expect("serializes");
            s.push('\n');
            s
        }
    };
    write_stdout(&out)
}

fn write_stdout(s: &str) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(s.as_bytes()).and_then(|_| stdout.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`appxlint ... | head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write to stdout: {e}")),
    }
}

/// Writes a report file, creating its folder when needed.
fn write_file(path: &std::path::Path, text: &str) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("cannot write {}: {}", path.display(), discover::describe_io(&e));
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(fail)?;
    }
    std::fs::write(path, text.as_bytes()).map_err(fail)
}

fn write_output(text: &str, output: Option<&PathBuf>) -> Result<(), String> {
    match output {
        Some(path) => write_file(path, text),
        None => write_stdout(text),
    }
}

/// What selects the inputs of a run.
struct InputArgs<'a> {
    paths: &'a [PathBuf],
    include: &'a [String],
    exclude: &'a [String],
    stdin_filename: Option<&'a str>,
    force_exclude: bool,
}

/// The pool that walks folders and lints inputs: `threads` workers (0: one per core).
fn thread_pool(threads: u16) -> Result<rayon::ThreadPool, String> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.into())
        .thread_name(|i| format!("appxlint-{i}"))
        .stack_size(8 * 1024 * 1024)
        .build()
        .map_err(|e| format!("cannot start {threads} threads: {e}"))
}

/// The inputs named on the command line (files, walked folders, stdin), with the
/// configuration files' include and exclude globs applied while walking.
fn collect_inputs(args: &InputArgs<'_>, resolver: &Resolver, pool: &rayon::ThreadPool) -> Result<Vec<Input>, String> {
    let filters = Filters::new(args.include, args.exclude)?;
    let stdin_count = args.paths.iter().filter(|p| p.as_os_str() == "-").count();
    if stdin_count > 1 {
        return Err("`-` (stdin) can be given only once".into());
    }
    if args.stdin_filename.is_some() && stdin_count == 0 {
        return Err("--stdin-filename needs `-` among the paths".into());
    }
    let file_paths: Vec<PathBuf> = args.paths.iter().filter(|p| p.as_os_str() != "-").cloned().collect();
    let mut inputs: Vec<Input> =
        pool.install(|| discover::discover_scoped(&file_paths, &filters, resolver, args.force_exclude));
    if stdin_count == 1 {
        let display = args
            .stdin_filename
            .map(|s| discover::display_path(std::path::Path::new(s)))
            .unwrap_or_else(|| "<stdin>".into());
        let name = display.rsplit('/').next().unwrap_or("");
        let max = if crate::package::is_package_name(name) {
            lint::MAX_STDIN_PACKAGE_BYTES
        } else {
            lint::MAX_MANIFEST_BYTES
        };
        let mut bytes = Vec::new();
        std::io::stdin().take(max + 1).read_to_end(&mut bytes).map_err(|e| format!("cannot read stdin: {e}"))?;
        let origin = if bytes.len() as u64 > max {
            Origin::Unreadable(format!(
                "stdin holds more than {} MiB, the most appxlint reads here",
                max / (1024 * 1024)
            ))
        } else {
            Origin::Stdin(Arc::new(bytes))
        };
        inputs.push(Input { display, origin });
    }
    Ok(inputs)
}

fn analyze(args: AnalyzeArgs, color: ColorChoice) -> Result<u8, String> {
    let source = match (&args.config, args.no_config) {
        (Some(path), _) => Source::File(path.clone()),
        (None, true) => Source::Off,
        (None, false) => Source::Discover,
    };
    let resolver = match Resolver::new(source, Overrides::default()) {
        Ok(r) => r,
        Err(e) => return Ok(config_errors(&[e], color)),
    };
    let input_args = InputArgs {
        paths: &args.paths,
        include: &args.include,
        exclude: &args.exclude,
        stdin_filename: args.stdin_filename.as_deref(),
        force_exclude: false,
    };
    let pool = thread_pool(args.threads)?;
    let inputs = collect_inputs(&input_args, &resolver, &pool)?;
    if inputs.is_empty() {
        warn_no_inputs(&args.paths);
    }
    let settings = match resolver.settings_for_inputs(&inputs, args.stdin_filename.as_deref()) {
        Ok(s) => s,
        Err(errors) => return Ok(config_errors(&errors, color)),
    };
    // The analyzer reads the package facts the lint run keeps for it.
    let policies = adjust_policies(&settings, |p| p.keep_facts = true);
    let report = pool.install(|| lint::run(inputs, &|input: &Input| policies[input.display.as_str()].clone()));
    let analysis = crate::analyze::analyze(&report);
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let colored =
        args.format == AnalyzeFormat::Text && args.output.is_none() && use_color(color, to_terminal, &env_var);
    write_output(&crate::analyze::render::render(&analysis, args.format, colored), args.output.as_ref())?;
    let broken = analysis.connections.iter().any(|c| c.status.is_problem());
    Ok(if report.has_input_errors() || analysis.skipped.iter().any(|s| s.error) {
        2
    } else if args.fail_on_broken && broken {
        1
    } else {
        0
    })
}

/// The policy of each input with `change` applied; inputs that share a policy (one
/// configuration file) share the changed one too.
fn adjust_policies(
    settings: &std::collections::HashMap<String, config::FileSettings>,
    change: impl Fn(&mut lint::Policy),
) -> std::collections::HashMap<&str, Arc<lint::Policy>> {
    let mut changed: std::collections::HashMap<*const lint::Policy, Arc<lint::Policy>> = Default::default();
    settings
        .iter()
        .map(|(path, s)| {
            let policy = changed
                .entry(Arc::as_ptr(&s.policy))
                .or_insert_with(|| {
                    let mut p = (*s.policy).clone();
                    change(&mut p);
                    Arc::new(p)
                })
                .clone();
            (path.as_str(), policy)
        })
        .collect()
}

/// A run that finds nothing to lint says so on stderr: a CI step pointed at the wrong
/// folder should not pass unnoticed.
fn warn_no_inputs(paths: &[PathBuf]) {
    let names: Vec<String> = paths.iter().map(|p| format!("`{}`", discover::display_path(p))).collect();
    eprintln!(
        "appxlint: warning: no manifest found in {} (folders are searched for AppxManifest.xml and *.appxmanifest; --include GLOB adds other names)",
        names.join(", ")
    );
}

/// Two outputs of one run must not overwrite each other.
fn check_output_paths(output: Option<&PathBuf>, reports: &[(Format, PathBuf)]) -> Result<(), String> {
    let key = |p: &PathBuf| std::fs::canonicalize(p).or_else(|_| std::path::absolute(p)).unwrap_or_else(|_| p.clone());
    let mut seen: Vec<(PathBuf, &PathBuf)> = Vec::new();
    for p in output.into_iter().chain(reports.iter().map(|(_, p)| p)) {
        let k = key(p);
        if let Some((_, first)) = seen.iter().find(|(q, _)| *q == k) {
            return Err(format!(
                "{} and {} name the same file: each report needs its own",
                first.display(),
                p.display()
            ));
        }
        seen.push((k, p));
    }
    Ok(())
}

fn check(args: CheckArgs, color: ColorChoice) -> Result<u8, String> {
    check_output_paths(args.output.as_ref(), &args.report)?;
    let (source, overrides) = args.settings.resolve()?;
    let resolver = match Resolver::new(source, overrides) {
        Ok(r) => r,
        Err(e) => return Ok(config_errors(&[e], color)),
    };
    let input_args = InputArgs {
        paths: &args.paths,
        include: &args.include,
        exclude: &args.exclude,
        stdin_filename: args.stdin_filename.as_deref(),
        force_exclude: args.force_exclude,
    };
    let pool = thread_pool(args.threads)?;
    // Only the human report shows source snippets: for the others, files keep positions,
    // not their text.
    let snippets = args.format == Format::Human || args.report.iter().any(|(f, _)| *f == Format::Human);
    let show_progress = progress::wanted(args.format, std::io::stderr().is_terminal());
    let (report, settings) = match streamed_folder(&args, show_progress) {
        Some(folder) => match lint_streaming(folder, &args, &resolver, &pool, snippets)? {
            Ok(done) => done,
            Err(errors) => return Ok(config_errors(&errors, color)),
        },
        None => {
            let inputs = collect_inputs(&input_args, &resolver, &pool)?;
            if inputs.is_empty() && !args.force_exclude {
                warn_no_inputs(&args.paths);
            }
            // Settings of every input, resolved before linting: a configuration error
            // stops the run.
            let settings = match resolver.settings_for_inputs(&inputs, args.stdin_filename.as_deref()) {
                Ok(s) => s,
                Err(errors) => return Ok(config_errors(&errors, color)),
            };
            let progress = if show_progress {
                Progress::start(inputs.len(), Box::new(std::io::stderr()), progress::Timing::DEFAULT)
            } else {
                Progress::off()
            };
            let policies = adjust_policies(&settings, |p| p.keep_text = snippets);
            let report = pool.install(|| {
                lint::run_with(inputs, &|input: &Input| policies[input.display.as_str()].clone(), &|| progress.tick())
            });
            progress.finish();
            (report, settings)
        }
    };

    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let opts = render::Options {
        color: !args.format.is_machine() && args.output.is_none() && use_color(color, to_terminal, &env_var),
        width: terminal_width(),
        show_suppressed: args.show_suppressed,
    };
    // Rendered on the pool: the JSON report serializes its files in parallel.
    let text = pool.install(|| render::render(&report, args.format, &opts));
    write_output(&text, args.output.as_ref())?;
    for (format, path) in &args.report {
        let opts = render::Options { color: false, ..opts };
        write_file(path, &pool.install(|| render::render(&report, *format, &opts)))?;
    }

    let gate = Gate { exit_zero: args.exit_zero, max_warnings: args.max_warnings };
    let status = gate.status(&report, &|path| settings.get(path).map_or(Severity::Error, |s| s.fail_on));
    // The process ends next and its memory goes back with it: the report and settings of
    // thousands of files are not freed one allocation at a time first.
    std::mem::forget(report);
    std::mem::forget(settings);
    Ok(status)
}

/// The one folder a `check` run names, when its inputs can be linted while the folder is
/// still being walked: one path, a folder, and no progress line (which needs the number
/// of inputs before it starts).
fn streamed_folder(args: &CheckArgs, show_progress: bool) -> Option<&std::path::Path> {
    match args.paths.as_slice() {
        [one] if !show_progress && args.stdin_filename.is_none() && one.as_os_str() != "-" && one.is_dir() => Some(one),
        _ => None,
    }
}

type Linted = (Report, std::collections::HashMap<String, config::FileSettings>);

/// Lints the inputs of one folder as the walk finds them, each with its settings, which
/// the walk has already looked up for its folder. Gives the configuration errors met
/// instead, if any: they stop the run as they do when inputs are collected first.
fn lint_streaming(
    folder: &std::path::Path,
    args: &CheckArgs,
    resolver: &Resolver,
    pool: &rayon::ThreadPool,
    snippets: bool,
) -> Result<Result<Linted, Vec<ConfigError>>, String> {
    let filters = Filters::new(&args.include, &args.exclude)?;
    let settings = std::sync::Mutex::new(std::collections::HashMap::new());
    let errors = std::sync::Mutex::new(Vec::new());
    let policies = config::Policies::default();
    let policy_for = |input: &Input| -> Option<Arc<lint::Policy>> {
        match resolver.settings_for_input(input, None) {
            Ok(mut s) => {
                let mut policy = (*s.policy).clone();
                policy.keep_text = snippets;
                s.policy = policies.share(Arc::new(policy));
                let policy = s.policy.clone();
                settings.lock().expect("not poisoned").insert(input.display.clone(), s);
                Some(policy)
            }
            Err(e) => {
                errors.lock().expect("not poisoned").push(e);
                None
            }
        }
    };
    let report = pool.install(|| {
        lint::run_streaming(&|emit| discover::walk_streaming(folder, &filters, resolver, emit), &policy_for)
    });
    let errors = resolver.errors_with(errors.into_inner().expect("not poisoned"));
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    if report.files.is_empty() && !args.force_exclude {
        warn_no_inputs(&args.paths);
    }
    Ok(Ok((report, settings.into_inner().expect("not poisoned"))))
}

/// What decides the exit status of `check`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Gate {
    pub exit_zero: bool,
    pub max_warnings: Option<usize>,
}

impl Gate {
    /// 2 when an input could not be read or processed; otherwise 1 when a finding (not
    /// suppressed) reaches its file's failure threshold or there are more warnings than
    /// allowed, unless `exit_zero`; otherwise 0.
    pub fn status(&self, report: &Report, fail_on: &dyn Fn(&str) -> Severity) -> u8 {
        if report.has_input_errors() {
            return 2;
        }
        if self.exit_zero {
            return 0;
        }
        let failing = report.active().any(|(f, d)| d.severity >= fail_on(&f.path));
        let too_many = self.max_warnings.is_some_and(|max| report.summary().warnings > max);
        u8::from(failing || too_many)
    }
}

fn terminal_width() -> usize {
    env_var("COLUMNS").and_then(|c| c.parse().ok()).filter(|w: &usize| *w >= 40).unwrap_or(100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    }

    #[test]
    fn color_precedence() {
        assert!(use_color(ColorChoice::Always, false, &env(&[("NO_COLOR", "1")])));
        assert!(!use_color(ColorChoice::Never, true, &env(&[("CLICOLOR_FORCE", "1")])));
        assert!(!use_color(ColorChoice::Auto, true, &env(&[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")])));
        assert!(use_color(ColorChoice::Auto, true, &env(&[("NO_COLOR", "")])));
        assert!(use_color(ColorChoice::Auto, false, &env(&[("CLICOLOR_FORCE", "1")])));
        assert!(!use_color(ColorChoice::Auto, false, &env(&[("CLICOLOR_FORCE", "0")])));
        assert!(!use_color(ColorChoice::Auto, true, &env(&[("CLICOLOR", "0")])));
        assert!(!use_color(ColorChoice::Auto, true, &env(&[("TERM", "dumb")])));
        assert!(use_color(ColorChoice::Auto, true, &env(&[])));
        assert!(!use_color(ColorChoice::Auto, false, &env(&[])));
    }
}
