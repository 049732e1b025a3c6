//! The share summary of one check-in, as `accord report --team T --checkin DATE` prints it and
//! the app writes it to a file: one path for both, so the bytes are the same.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::Plan;
use crate::diag::Diagnostic;
use crate::doc::{Document, share_doc};
use crate::store::{WriteError, write_if_unchanged};

/// The summary of `team`'s check-in of `date`, with the problems met scoring the team (the
/// command prints them and exits non-zero; a summary built is still good, and when there is
/// none they often say why).
pub struct Shared {
    pub doc: Result<Document, Diagnostic>,
    pub problems: Vec<Diagnostic>,
}

/// Scores `team` (the plan's only team) as of `today` and builds its check-in's summary.
pub fn summary(plan: Plan<'_>, team: &str, date: NaiveDate, today: NaiveDate) -> Shared {
    let root = plan.ws.root.clone();
    let mut teams = Vec::new();
    let r = plan.run(today, &mut |t| teams.push(t));
    Shared {
        doc: build(&teams, &root, team, date),
        problems: r.problems,
    }
}

fn build(
    teams: &[crate::adherence::TeamAdherence],
    root: &Path,
    team: &str,
    date: NaiveDate,
) -> Result<Document, Diagnostic> {
    let Some(t) = teams.first() else {
        return Err(Diagnostic::error(
            "no-agreement",
            format!("{team} has no readable agreement, so it has no share summary"),
        )
        .with_hint(format!("run `accord validate {team}` to see why")));
    };
    let Some(doc) = share_doc(t, date) else {
        let dates: Vec<String> = t.checkins.iter().map(|c| c.date.to_string()).collect();
        let hint = if dates.is_empty() {
            format!("{team} has no check-ins yet; `accord checkin {team}` records one")
        } else {
            format!("its check-ins: {}", dates.join(", "))
        };
        return Err(
            Diagnostic::error("no-checkin", format!("{team} has no check-in on {date}"))
                .at_file(&root.join(team).join("checkins"))
                .with_hint(hint),
        );
    };
    Ok(doc)
}

/// The Markdown as the command prints it (terminal-safe: what reaches a file is what a
/// terminal may show).
pub fn markdown(doc: &Document) -> String {
    crate::render::terminal::sanitize_document(&crate::render::markdown::render(doc)).into_owned()
}

/// `TEAM-checkin-DATE.md`: the file name the app offers.
pub fn file_name(team: &str, date: NaiveDate) -> String {
    format!("{team}-checkin-{date}.md")
}

/// Where the app offers to write the summary: `TEAM-checkin-DATE.md` in the current directory
/// `cwd` (a relative name, as typed), unless `cwd` lies inside the agreements folder `root`,
/// where `accord validate` and `fmt` would meet the file; then in the folder that holds `root`.
pub fn default_path(cwd: &Path, root: &Path, team: &str, date: NaiveDate) -> PathBuf {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (dir, root) = (abs(cwd), abs(root));
    let name = file_name(team, date);
    match root.parent() {
        Some(holder) if dir.starts_with(&root) => holder.join(name),
        _ => PathBuf::from(name),
    }
}

/// Writes the summary atomically. An existing file is left alone unless `overwrite` (the
/// user said so); then it is replaced whole, never half-written.
pub fn write(path: &Path, text: &str, overwrite: bool) -> Result<(), WriteError> {
    let current = if overwrite {
        std::fs::read(path)
            .ok()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
    } else {
        None
    };
    write_if_unchanged(path, current.as_deref(), text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_file_is_never_inside_the_agreements_folder() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let name = "payments-checkin-2026-11-30.md";
        assert_eq!(
            default_path(
                Path::new("/work/repo"),
                Path::new("/work/repo/agreements"),
                "payments",
                d
            ),
            PathBuf::from(name)
        );
        assert_eq!(
            default_path(
                Path::new("/work/repo/agreements/payments"),
                Path::new("/work/repo/agreements"),
                "payments",
                d
            ),
            Path::new("/work/repo").join(name)
        );
    }

    #[test]
    fn an_existing_file_is_replaced_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.md");
        write(&p, "one", false).unwrap();
        assert!(matches!(
            write(&p, "two", false),
            Err(WriteError::ChangedOnDisk { .. })
        ));
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "one");
        write(&p, "two", true).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "two");
    }
}
