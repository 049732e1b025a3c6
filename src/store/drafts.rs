//! Unsaved work kept in the user's data directory, so that a killed terminal or a
//! crash loses nothing: wizard drafts and check-in drafts, one file per team and kind.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::atomic::{WriteError, write_atomic};

/// What a draft is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftKind {
    /// An agreement being drafted or revised in the wizard.
    Agreement,
    /// A check-in being recorded (also filled by `import-presence`).
    CheckIn,
}

impl DraftKind {
    fn suffix(self) -> &'static str {
        match self {
            DraftKind::Agreement => "agreement",
            DraftKind::CheckIn => "checkin",
        }
    }
}

/// A draft found on disk.
#[derive(Debug, Clone)]
pub struct Draft {
    pub path: PathBuf,
    pub text: String,
    /// When it was last written (file modification time).
    pub saved_at: Option<DateTime<Utc>>,
}

/// The drafts of one agreements folder. Folders are told apart by a hash of their absolute
/// path, so two repositories with a team of the same name never share a draft.
#[derive(Debug, Clone)]
pub struct Drafts {
    dir: PathBuf,
}

impl Drafts {
    /// Drafts under `base` (the data directory) for the agreements folder `root`.
    pub fn new(base: &Path, root: &Path) -> Self {
        let abs = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let name = abs
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("agreements");
        let safe: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        Drafts {
            dir: base.join("drafts").join(format!(
                "{safe}-{:016x}",
                fnv1a(abs.to_string_lossy().as_bytes())
            )),
        }
    }

    /// The data directory: `ACCORD_DATA_DIR` when set (tests, portable installs), else the platform's
    /// (`~/.local/share/accord` on Linux).
    pub fn data_dir(env_override: Option<&str>) -> Option<PathBuf> {
        if let Some(d) = env_override.filter(|s| !s.is_empty()) {
            return Some(PathBuf::from(d));
        }
        directories::ProjectDirs::from("", "", "accord").map(|p| p.data_dir().to_path_buf())
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path(&self, team: &str, kind: DraftKind) -> PathBuf {
        self.dir.join(format!("{team}.{}.toml", kind.suffix()))
    }

    pub fn save(&self, team: &str, kind: DraftKind, text: &str) -> Result<(), WriteError> {
        write_atomic(&self.path(team, kind), text.as_bytes())
    }

    pub fn load(&self, team: &str, kind: DraftKind) -> Option<Draft> {
        let path = self.path(team, kind);
        let text = std::fs::read_to_string(&path).ok()?;
        let saved_at = std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .ok()
            .map(DateTime::<Utc>::from);
        Some(Draft {
            path,
            text,
            saved_at,
        })
    }

    /// Forgets a draft once its work is saved (or discarded on purpose).
    pub fn remove(&self, team: &str, kind: DraftKind) -> std::io::Result<()> {
        match std::fs::remove_file(self.path(team, kind)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Teams with a draft of `kind`, sorted.
    pub fn teams_with(&self, kind: DraftKind) -> Vec<String> {
        let suffix = format!(".{}.toml", kind.suffix());
        let mut teams: Vec<String> = std::fs::read_dir(&self.dir)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().into_string().ok())
            .filter_map(|n| n.strip_suffix(&suffix).map(str::to_string))
            .collect();
        teams.sort();
        teams
    }
}

/// A small stable hash (FNV-1a): the same folder maps to the same drafts across runs and builds.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The first line of every draft, the wizard's and the check-in's: `# accord-draft {JSON}`, the
/// session's state (parked topics, step, answers waiting for the pulse round…). A comment, so
/// the rest stays a file any TOML reader takes; JSON, so any text fits on one line.
pub const HEADER: &str = "# accord-draft ";

/// A draft's text: the state line, then the file.
pub fn envelope(state: &serde_json::Value, body: &str) -> String {
    format!("{HEADER}{state}\n{body}")
}

/// A draft's state line (its JSON, when the first line is one) and the file after it.
pub fn open_envelope(text: &str) -> (Option<&str>, &str) {
    match text.split_once('\n') {
        Some((first, rest)) if first.starts_with(HEADER) => (first.strip_prefix(HEADER), rest),
        None if text.starts_with(HEADER) => (text.strip_prefix(HEADER), ""),
        _ => (None, text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_round_trip_per_folder() {
        let base = tempfile::tempdir().unwrap();
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let da = Drafts::new(base.path(), a.path());
        let db = Drafts::new(base.path(), b.path());
        da.save("payments", DraftKind::Agreement, "schema = 1\n")
            .unwrap();
        assert_eq!(
            da.load("payments", DraftKind::Agreement).unwrap().text,
            "schema = 1\n"
        );
        assert!(db.load("payments", DraftKind::Agreement).is_none());
        assert!(da.load("payments", DraftKind::CheckIn).is_none());
        assert_eq!(da.teams_with(DraftKind::Agreement), vec!["payments"]);
        da.remove("payments", DraftKind::Agreement).unwrap();
        da.remove("payments", DraftKind::Agreement).unwrap();
        assert!(da.load("payments", DraftKind::Agreement).is_none());
    }
}
