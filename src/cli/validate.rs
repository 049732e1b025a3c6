use std::path::Path;

use accord::diag::{Severity, summary};
use accord::git::GitHistory;
use accord::validate::validate_paths;
use serde::Serialize;

use super::args::{ValidateArgs, ValidateFormat};
use super::{Env, Outcome, exit, paths_or_workspace, print};

/// `accord validate --format json`.
#[derive(Serialize)]
struct Report<'a> {
    format: u32,
    files: usize,
    errors: usize,
    warnings: usize,
    diagnostics: &'a [accord::diag::Diagnostic],
}

pub fn run(env: &Env, args: ValidateArgs) -> Outcome {
    let paths = paths_or_workspace(args.paths, env)?;
    let v = validate_paths(&paths, env.today, &GitHistory::new())?;
    let errors = v.errors();
    let mut out = String::new();
    match args.format {
        ValidateFormat::Text => {
            for d in &v.diagnostics {
                out.push_str(&d.render_text());
                out.push('\n');
            }
            out.push_str(&summary(&v.diagnostics, v.files.len()));
            out.push('\n');
        }
        ValidateFormat::Github => {
            for d in &v.diagnostics {
                out.push_str(&d.render_github());
                out.push('\n');
            }
        }
        ValidateFormat::Gitlab => {
            // Paths relative to the repository root, wherever in it Accord runs.
            let repo = accord::git::Repo::discover(Path::new(".")).ok();
            let relative = |p: &Path| repo.as_ref().and_then(|r| r.relative(p).ok());
            out = accord::diag::gitlab::report(&v.diagnostics, relative);
        }
        ValidateFormat::Json => {
            let report = Report {
                format: accord::render::json::FORMAT,
                files: v.files.len(),
                errors,
                warnings: v
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Warning)
                    .count(),
                diagnostics: &v.diagnostics,
            };
            out = accord::render::json::to_string_pretty(&report);
            out.push('\n');
        }
    }
    print(&out);
    Ok(if errors > 0 { exit::FOUND } else { exit::OK })
}
