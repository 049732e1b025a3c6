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

/// Colour for a terminal, unless `NO_COLOR` is set (and not empty) or the terminal is dumb.
fn wants_colour() -> bool {
    use std::io::IsTerminal;
    let set = |name| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    std::io::stdout().is_terminal()
        && !set("NO_COLOR")
        && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
}

pub fn run(env: &Env, args: ValidateArgs) -> Outcome {
    let paths = paths_or_workspace(args.paths, env)?;
    let v = validate_paths(&paths, env.today, &GitHistory::new())?;
    let errors = v.errors();
    let mut out = String::new();
    match args.format {
        ValidateFormat::Text => {
            let colour = wants_colour();
            // Rendering is a tenth of a large folder's work: on every core too, a chunk at
            // a time so that the rendered copies never outnumber a chunk.
            for chunk in v.diagnostics.chunks(4096) {
                let rendered = accord::par::on_all_cores(chunk, 64, |d| {
                    if colour {
                        d.render_text_styled()
                    } else {
                        d.render_text()
                    }
                });
                for r in rendered {
                    out.push_str(&r.expect("a rendering thread panicked"));
                    out.push('\n');
                }
            }
            out.push_str(&summary(&v.diagnostics, v.files.len()));
            out.push('\n');
            if colour {
                // The renderer sanitized every part taken from a file; only its own
                // colour escapes remain, which `print` would show as text.
                use std::io::Write;
                let mut stdout = std::io::stdout().lock();
                let _ = stdout.write_all(out.as_bytes());
                let _ = stdout.flush();
                return Ok(if errors > 0 { exit::FOUND } else { exit::OK });
            }
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
