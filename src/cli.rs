//! The command line: arguments parsed by clap, turned into validated settings, run.
//!
//! Exit status: 0 when no finding reaches the failure threshold, 1 when one does, 2 for
//! usage errors and inputs that cannot be read. stdout carries only the report; messages
//! about the run itself go to stderr.

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::discover::{self, Filters, Input, Origin};
use crate::lint::{self, Policy};
use crate::progress::{self, Progress};
use crate::render::{self, Format};
use crate::rules::{self, Meta, RULES};

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
        return explain(name);
    }
    match cli.command {
        None => Err("no command given; try `appxlint check .` or `appxlint --help`".into()),
        Some(Command::Rules { format }) => {
            print_rules(format)?;
            Ok(0)
        }
        Some(Command::Rule { name }) => explain(&name),
        Some(Command::Check(args)) => check(args, cli.color),
    }
}

fn explain(name: &str) -> Result<u8, String> {
    let rule =
        rules::find(name).ok_or_else(|| format!("`{name}` is not an appxlint rule; `appxlint rules` lists them"))?;
    let mut out = String::new();
    out.push_str(&format!("{} ({}, {} by default)\n\n", rule.name, rule.code(), rule.default_severity()));
    out.push_str(Meta::body(rule.doc));
    if !out.ends_with('\n') {
        out.push('\n');
    }
    write_stdout(&out)?;
    Ok(0)
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

fn check(args: CheckArgs, color: ColorChoice) -> Result<u8, String> {
    let filters = Filters::new(&args.include, &args.exclude)?;
    let stdin_count = args.paths.iter().filter(|p| p.as_os_str() == "-").count();
    if stdin_count > 1 {
        return Err("`-` (stdin) can be given only once".into());
    }
    if args.stdin_filename.is_some() && stdin_count == 0 {
        return Err("--stdin-filename needs `-` among the paths".into());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.into())
        .thread_name(|i| format!("appxlint-{i}"))
        .stack_size(8 * 1024 * 1024)
        .build()
        .map_err(|e| format!("cannot start {} threads: {e}", args.threads))?;
    let file_paths: Vec<PathBuf> = args.paths.iter().filter(|p| p.as_os_str() != "-").cloned().collect();
    let mut inputs: Vec<Input> = pool.install(|| discover::discover(&file_paths, &filters));
    if stdin_count == 1 {
        let display = args
            .stdin_filename
            .clone()
            .map(|s| discover::display_path(std::path::Path::new(&s)))
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

    let progress = if progress::wanted(args.format, std::io::stderr().is_terminal()) {
        Progress::start(inputs.len(), Box::new(std::io::stderr()), progress::Timing::DEFAULT)
    } else {
        Progress::off()
    };
    let policy = Arc::new(Policy::default());
    let report = pool.install(|| lint::run_with(inputs, &move |_| policy.clone(), &|| progress.tick()));
    progress.finish();

    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let opts = render::Options {
        color: !args.format.is_machine() && args.output.is_none() && use_color(color, to_terminal, &env_var),
        width: terminal_width(),
        show_suppressed: args.show_suppressed,
    };
    let text = render::render(&report, args.format, &opts);
    match &args.output {
        Some(path) => std::fs::write(path, text.as_bytes())
            .map_err(|e| format!("cannot write {}: {}", path.display(), discover::describe_io(&e)))?,
        None => write_stdout(&text)?,
    }

    let s = report.summary();
    Ok(if report.has_input_errors() {
        2
    } else if s.errors > 0 {
        1
    } else {
        0
    })
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
