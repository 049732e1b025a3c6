//! Where files live: `ROOT/accord.toml`, `ROOT/TEAM/agreement.toml`, `ROOT/TEAM/checkins/DATE.toml`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::load::{Loaded, load};
use crate::diag::Diagnostic;
use crate::model::{Agreement, CheckIn, Settings, Slug};

pub const SETTINGS_FILE: &str = "accord.toml";
pub const AGREEMENT_FILE: &str = "agreement.toml";
pub const CHECKINS_DIR: &str = "checkins";
pub const DEFAULT_DIR: &str = "agreements";

/// The agreements folder named by `--dir`, then `ACCORD_DIR`, then `./agreements`.
pub fn resolve_dir(flag: Option<&Path>, env: Option<&str>) -> PathBuf {
    flag.map(Path::to_path_buf)
        .or_else(|| env.filter(|s| !s.is_empty()).map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from(DEFAULT_DIR))
}

/// One agreements folder: many teams, one repository.
#[derive(Debug, Clone)]
pub struct Workspace {
    pub root: PathBuf,
}

impl Workspace {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Workspace { root: root.into() }
    }

    pub fn settings_path(&self) -> PathBuf {
        self.root.join(SETTINGS_FILE)
    }

    pub fn team_dir(&self, team: &str) -> PathBuf {
        self.root.join(team)
    }

    pub fn agreement_path(&self, team: &str) -> PathBuf {
        self.team_dir(team).join(AGREEMENT_FILE)
    }

    pub fn checkins_dir(&self, team: &str) -> PathBuf {
        self.team_dir(team).join(CHECKINS_DIR)
    }

    pub fn checkin_path(&self, team: &str, date: NaiveDate) -> PathBuf {
        self.checkins_dir(team)
            .join(format!("{}.toml", date.format("%Y-%m-%d")))
    }

    /// A clear error when the folder is missing, so every command can say what to do.
    pub fn check_exists(&self) -> Result<(), Diagnostic> {
        if self.root.is_dir() {
            Ok(())
        } else {
            Err(Diagnostic::error(
                "no-folder",
                format!("no agreements folder at {}", self.root.display()),
            )
            .with_hint(
                "run `accord init` to create one, or point to it with --dir PATH or ACCORD_DIR",
            ))
        }
    }

    /// Team slugs: team folders ([`super::workspace::team_folders`]) named like a slug and
    /// holding an agreement.toml Accord may read, sorted.
    pub fn teams(&self) -> Result<Vec<String>, Diagnostic> {
        Ok(self.team_folders()?.0)
    }

    /// Like [`Workspace::teams`], with a diagnostic for each entry the walker refused.
    pub fn team_folders(&self) -> Result<(Vec<String>, Vec<Diagnostic>), Diagnostic> {
        self.check_exists()?;
        let (folders, refused) = super::workspace::team_folders(&self.root)?;
        let teams = folders
            .into_iter()
            .filter(|t| t.agreement.is_some() && Slug::problem(&t.name).is_none())
            .map(|t| t.name)
            .collect();
        Ok((teams, refused))
    }

    /// Resolves a team named on the command line, suggesting the closest when it is unknown.
    pub fn team(&self, name: &str) -> Result<String, Diagnostic> {
        let teams = self.teams()?;
        if teams.iter().any(|t| t == name) {
            return Ok(name.to_string());
        }
        let hint = match crate::suggest::closest(name, teams.iter().map(String::as_str)) {
            Some(best) => format!("did you mean \"{best}\"?"),
            None if teams.is_empty() => "create one with `accord new TEAM`".into(),
            None => format!("teams here: {}", teams.join(", ")),
        };
        Err(Diagnostic::error(
            "unknown-team",
            format!("no team \"{name}\" in {}", self.root.display()),
        )
        .with_hint(hint))
    }

    /// Check-in files of a team, oldest first, as the walker finds them
    /// ([`super::workspace::checkin_files`]).
    pub fn checkin_paths(&self, team: &str) -> Vec<PathBuf> {
        super::workspace::checkin_files(&self.root, team).0
    }

    /// The repository settings; the defaults when there is no accord.toml.
    pub fn settings(&self) -> Result<Settings, Diagnostic> {
        let path = self.settings_path();
        if std::fs::symlink_metadata(&path).is_err() {
            return Ok(Settings {
                schema: 1,
                privacy: None,
            });
        }
        load::<Settings>(&path).map(|l| l.value)
    }

    pub fn agreement(&self, team: &str) -> Result<Loaded<Agreement>, Diagnostic> {
        super::load::load_in(&self.agreement_path(team), &self.root)
    }

    /// All check-ins of a team, oldest first; the first unreadable one is the error.
    pub fn checkins(&self, team: &str) -> Result<Vec<Loaded<CheckIn>>, Diagnostic> {
        self.checkin_paths(team)
            .iter()
            .map(|p| super::load::load_in(p, &self.root))
            .collect()
    }
}
