use accord::diag::Diagnostic;
use accord::git::message;
use accord::model::{Agreement, CheckIn, FileKind, Settings};
use accord::parse::parse;
use accord::source::Source;
use accord::store::canonical::format;
use accord::store::write_if_unchanged;
use accord::validate::{classify, files_under, not_accord_file};

use super::args::FmtArgs;
use super::{
    Env, Failure, Outcome, commit_written, exit, paths_or_workspace, print, repo_for_commit,
};

pub fn run(env: &Env, args: FmtArgs) -> Outcome {
    let paths = paths_or_workspace(args.paths, env)?;
    let (files, refused) = files_under(&paths)?;
    let repo = repo_for_commit(env, args.commit)?;
    let mut problems: Vec<Diagnostic> = refused;
    let mut changed = Vec::new();
    for path in &files {
        let Some(kind) = classify(path) else {
            problems.push(not_accord_file(path));
            continue;
        };
        let src = match Source::read(path) {
            Ok(s) => s,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        // Only a file that parses has a canonical form.
        let parsed = match kind {
            FileKind::Agreement => parse::<Agreement>(&src).map(drop),
            FileKind::CheckIn => parse::<CheckIn>(&src).map(drop),
            FileKind::Settings => parse::<Settings>(&src).map(drop),
        };
        if let Err(d) = parsed {
            problems.push(d);
            continue;
        }
        // Formatting writes the file, and Accord upgrades older check-ins when it writes them.
        let upgraded = match kind {
            FileKind::CheckIn => accord::pulse::upgrade_checkin_text(
                &src.text,
                accord::pulse::folder_threshold(path),
            ),
            _ => None,
        };
        let text = upgraded.as_deref().unwrap_or(&src.text);
        let formatted = format(text, kind).map_err(|e| {
            Diagnostic::error("syntax", e.message().to_string()).at(&src, e.span().unwrap_or(0..0))
        });
        let formatted = match formatted {
            Ok(f) => f,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        if formatted == src.text {
            continue;
        }
        if !args.check {
            write_if_unchanged(path, Some(&src.text), formatted.as_bytes()).map_err(|e| {
                let hint = e.hint();
                Failure::from(
                    Diagnostic::error("write", e.to_string())
                        .at_file(path)
                        .with_hint(hint),
                )
            })?;
        }
        changed.push((path.clone(), kind, formatted));
    }
    let mut out = String::new();
    for (p, ..) in &changed {
        let verb = if args.check {
            "would reformat"
        } else {
            "formatted"
        };
        out.push_str(&format!(
            "{verb} {}\n",
            accord::text::sanitize(&p.display().to_string())
        ));
    }
    print(&out);
    if let Some(repo) = repo
        && !changed.is_empty()
    {
        let facts: Vec<message::Formatted> = changed
            .iter()
            .map(|(p, kind, text)| formatted(&repo, p, *kind, text))
            .collect();
        let paths: Vec<_> = changed.iter().map(|(p, ..)| p.clone()).collect();
        print(&commit_written(&repo, &paths, &message::format(&facts))?);
    }
    if !problems.is_empty() {
        for d in &problems {
            eprint!("{}", d.render_text());
        }
        eprintln!(
            "{} file(s) could not be formatted: fix the errors above (`accord validate` lists them all)",
            problems.len()
        );
        return Ok(exit::FOUND);
    }
    Ok(if args.check && !changed.is_empty() {
        exit::FOUND
    } else {
        exit::OK
    })
}

/// What committing a formatted file changes: its values compared with the last commit's
/// (as TOML values, so form does not count), and an agreement's version for the trailer.
fn formatted(
    repo: &accord::git::Repo,
    path: &std::path::Path,
    kind: FileKind,
    text: &str,
) -> message::Formatted {
    let now = toml::from_str::<toml::Table>(text).ok();
    let before = repo
        .file_at("HEAD", path)
        .ok()
        .flatten()
        .and_then(|s| toml::from_str::<toml::Table>(&s.text).ok());
    let agreement_version = match kind {
        FileKind::Agreement => toml::from_str::<Agreement>(text).ok().map(|a| a.version),
        _ => None,
    };
    message::Formatted {
        path: path.to_path_buf(),
        values_changed: before.is_none() || before != now,
        agreement_version,
    }
}
