//! Command dispatch: each sub-command in its own file, all errors through one exit path.

mod app;
mod args;
mod blame;
mod checkin;
mod completions;
mod diff;
mod edit;
mod fmt;
mod history;
mod import_presence;
mod init;
mod new;
mod overview;
mod pulse_import;
mod report;
mod show;
mod validate;
mod week;

use std::path::PathBuf;
use std::process::ExitCode;

use accord::diag::Diagnostic;
use accord::store::{Workspace, resolve_dir};
use chrono::NaiveDate;
use clap::Parser;

pub use args::Cli;
use args::{Command, PulseCommand};

/// Exit codes scripts can rely on.
pub mod exit {
    pub const OK: u8 = 0;
    /// validate found errors; fmt --check found files to reformat.
    pub const FOUND: u8 = 1;
    /// Could not run: bad arguments, missing files, unknown team.
    pub const CANNOT: u8 = 2;
}

/// Why a command stopped: what to print (to stderr) and the exit code.
pub struct Failure {
    pub diagnostics: Vec<Diagnostic>,
    pub code: u8,
}

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Self {
        Failure {
            diagnostics: vec![d],
            code: exit::CANNOT,
        }
    }
}

pub type Outcome = Result<u8, Failure>;

/// What every command may need from the outside world, read once here.
pub struct Env {
    pub workspace: Workspace,
    pub today: NaiveDate,
}

impl Env {
    fn from_process(dir: Option<PathBuf>) -> Result<Env, Failure> {
        let root = resolve_dir(dir.as_deref(), std::env::var("ACCORD_DIR").ok().as_deref());
        Ok(Env {
            workspace: Workspace::new(root),
            today: today()?,
        })
    }
}

/// Today's date: `ACCORD_TODAY` (YYYY-MM-DD) when set, for reproducible runs; else the local date.
fn today() -> Result<NaiveDate, Failure> {
    match std::env::var("ACCORD_TODAY") {
        Ok(s) if !s.is_empty() => NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| {
            Diagnostic::error("bad-env", format!("ACCORD_TODAY=\"{s}\" is not a date"))
                .with_hint("write it as YYYY-MM-DD, or unset it")
                .into()
        }),
        _ => Ok(chrono::Local::now().date_naive()),
    }
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = Env::from_process(cli.dir.clone()).and_then(|env| dispatch(cli, &env));
    match result {
        Ok(code) => ExitCode::from(code),
        Err(f) => {
            for d in &f.diagnostics {
                eprint!("{}", d.render_text());
            }
            ExitCode::from(f.code)
        }
    }
}

fn dispatch(cli: Cli, env: &Env) -> Outcome {
    match cli.command {
        None if app::interactive() => app::run(env, crate::tui::Start::Teams, cli.theme),
        None => overview::run(env),
        Some(Command::Init(a)) => init::run(env, a),
        Some(Command::New(a)) => new::run(env, a),
        Some(Command::Edit(a)) => edit::run(env, a),
        Some(Command::Show(a)) => show::show(env, a),
        Some(Command::Week(a)) => week::run(env, a),
        Some(Command::Export(a)) => show::export(env, a),
        Some(Command::Validate(a)) => validate::run(env, a),
        Some(Command::Fmt(a)) => fmt::run(env, a),
        Some(Command::History(a)) => history::run(env, a),
        Some(Command::Diff(a)) => diff::run(env, a),
        Some(Command::Blame(a)) => blame::run(env, a),
        Some(Command::Report(a)) => report::run(env, a),
        Some(Command::ImportPresence(a)) => import_presence::run(env, a),
        Some(Command::Checkin(a)) => checkin::run(env, a),
        Some(Command::Pulse(PulseCommand::Import(a))) => pulse_import::run(env, a),
        Some(Command::Completions(a)) => completions::completions(a),
        Some(Command::Man(a)) => completions::man(a),
    }
}

/// The paths a command was given, or the agreements folder.
fn paths_or_workspace(paths: Vec<PathBuf>, env: &Env) -> Result<Vec<PathBuf>, Failure> {
    if !paths.is_empty() {
        return Ok(paths);
    }
    env.workspace.check_exists()?;
    Ok(vec![env.workspace.root.clone()])
}

/// The repository the agreements folder is in.
fn repo(env: &Env) -> Result<accord::git::Repo, Failure> {
    env.workspace.check_exists()?;
    Ok(accord::git::Repo::discover(&env.workspace.root)?)
}

/// The repository for `--commit`, checked before anything is written so a refusal changes nothing.
fn repo_for_commit(env: &Env, commit: bool) -> Result<Option<accord::git::Repo>, Failure> {
    if !commit {
        return Ok(None);
    }
    let r = repo(env)?;
    r.can_commit()?;
    Ok(Some(r))
}

/// Commits files Accord has just written; the line to print, or why the files are written but not committed.
fn commit_written(
    repo: &accord::git::Repo,
    files: &[PathBuf],
    message: &str,
) -> Result<String, Failure> {
    match repo.commit(files, message) {
        Ok(id) => Ok(format!(
            "Committed {}: {}\n",
            &id[..id.len().min(7)],
            message.lines().next().unwrap_or("")
        )),
        Err(d) if d.code == "nothing-to-commit" => {
            Ok("Nothing to commit: the files are as in the last commit.\n".into())
        }
        Err(mut d) => {
            d.message = format!("saved, but not committed: {}", d.message);
            Err(d.into())
        }
    }
}

/// Prints to stdout, ignoring a closed pipe (`accord show x | head`). Every renderer has
/// escaped its text already; this pass guarantees nothing unsafe reaches the terminal even
/// if one missed a string (it changes nothing in a correct document).
fn print(s: &str) {
    use std::io::Write;
    let s = accord::render::terminal::sanitize_document(s);
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}
