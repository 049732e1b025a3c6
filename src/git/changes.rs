//! Which teams' files differ between two revisions (or a revision and the work tree):
//! what a pull-request bot reports with `accord diff --all`.

use std::collections::BTreeMap;
use std::path::Path;

use super::history::read_agreement;
use super::repo::Repo;
use super::walk::Walker;
use crate::diag::Diagnostic;
use crate::diff::{AgreementDiff, diff_agreements};
use crate::model::Agreement;
use crate::source::Source;
use crate::store::layout::{AGREEMENT_FILE, CHECKINS_DIR, SETTINGS_FILE};

/// One side of a comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Side {
    /// Anything git understands as a revision.
    Rev(String),
    /// The files on disk.
    WorkTree,
}

impl Side {
    /// `None` stands for the working tree, as on the command line.
    pub fn from_arg(rev: Option<&str>) -> Side {
        rev.map_or(Side::WorkTree, |r| Side::Rev(r.to_string()))
    }

    pub fn label(&self) -> &str {
        match self {
            Side::Rev(r) => r,
            Side::WorkTree => "the working tree",
        }
    }
}

impl Repo {
    /// A file's text on one side; `None` when that side does not have it.
    pub fn source_on(&self, side: &Side, path: &Path) -> Result<Option<Source>, Diagnostic> {
        match side {
            Side::Rev(rev) => self.file_at(rev, path),
            Side::WorkTree if path.exists() => Source::read(path).map(Some),
            Side::WorkTree => Ok(None),
        }
    }
}

/// A team folder's files on one side.
#[derive(Debug, Clone, Default)]
struct TeamFiles {
    agreement: Option<Vec<u8>>,
    /// Check-in file name → contents.
    checkins: BTreeMap<String, Vec<u8>>,
}

/// A team whose files differ.
#[derive(Debug, Clone)]
pub struct TeamChange {
    /// The team's folder name on the newer side (the older side's when it was removed).
    pub team: String,
    /// The folder's name on the older side, when the team folder was renamed.
    pub renamed_from: Option<String>,
    /// The agreement on each side: `None` when the side has none, `Err` when it does not parse.
    pub old: Option<Result<Agreement, Diagnostic>>,
    pub new: Option<Result<Agreement, Diagnostic>>,
    /// Whether the agreement file's text differs (its meaning may not: see `diff`).
    pub agreement_changed: bool,
    /// The semantic diff, when the agreement changed and both sides parse.
    pub diff: Option<AgreementDiff>,
    /// Check-in file names (dates) added, removed and changed.
    pub checkins_added: Vec<String>,
    pub checkins_removed: Vec<String>,
    pub checkins_changed: Vec<String>,
}

impl TeamChange {
    /// Whether any of the team's files differ (a renamed folder may hold the same files).
    pub fn changed(&self) -> bool {
        self.agreement_changed
            || !self.checkins_added.is_empty()
            || !self.checkins_removed.is_empty()
            || !self.checkins_changed.is_empty()
    }

    /// The team's display name, from the newer side when it parses.
    pub fn name(&self) -> Option<&str> {
        [&self.new, &self.old]
            .into_iter()
            .flatten()
            .find_map(|a| a.as_ref().ok())
            .map(|a| a.team.as_str())
    }
}

/// Every team under the agreements folder `root` whose files differ between `from` and `to`,
/// sorted by folder name, and whether the folder's `accord.toml` differs.
pub fn changed_teams(
    repo: &Repo,
    root: &Path,
    from: &Side,
    to: &Side,
) -> Result<(Vec<TeamChange>, bool), Diagnostic> {
    let root_rel = repo.relative(root)?;
    let (old, old_settings) = snapshot(repo, root, &root_rel, from)?;
    let (new, new_settings) = snapshot(repo, root, &root_rel, to)?;
    let mut out = Vec::new();
    let mut added: Vec<String> = Vec::new();
    let mut removed: Vec<String> = Vec::new();
    for (team, n) in &new {
        match old.get(team) {
            Some(o) => {
                let c = compare(team, None, Some(o), Some(n), from, to);
                if c.changed() {
                    out.push(c);
                }
            }
            None => added.push(team.clone()),
        }
    }
    for team in old.keys() {
        if !new.contains_key(team) {
            removed.push(team.clone());
        }
    }
    // A removed team whose agreement reappears, (nearly) the same, under a new folder name was renamed.
    for team in added {
        let n = &new[&team];
        let source = removed
            .iter()
            .filter_map(|r| {
                let ratio = similarity(old[r].agreement.as_deref(), n.agreement.as_deref());
                (ratio >= 0.5).then_some((ratio, r.clone()))
            })
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, r)| r);
        match source {
            Some(r) => {
                removed.retain(|x| x != &r);
                let mut c = compare(&team, Some(&r), old.get(&r), Some(n), from, to);
                c.renamed_from = Some(r);
                out.push(c);
            }
            None => out.push(compare(&team, None, None, Some(n), from, to)),
        }
    }
    for team in removed {
        out.push(compare(&team, None, old.get(&team), None, from, to));
    }
    out.sort_by(|a, b| a.team.cmp(&b.team));
    Ok((out, old_settings != new_settings))
}

fn unchanged(team: &str) -> TeamChange {
    TeamChange {
        team: team.to_string(),
        renamed_from: None,
        old: None,
        new: None,
        agreement_changed: false,
        diff: None,
        checkins_added: Vec::new(),
        checkins_removed: Vec::new(),
        checkins_changed: Vec::new(),
    }
}

fn compare(
    team: &str,
    old_name: Option<&str>,
    old: Option<&TeamFiles>,
    new: Option<&TeamFiles>,
    from: &Side,
    to: &Side,
) -> TeamChange {
    let empty = TeamFiles::default();
    let (o, n) = (old.unwrap_or(&empty), new.unwrap_or(&empty));
    let parse = |bytes: &Option<Vec<u8>>, side: &Side, folder: &str| {
        bytes.as_ref().map(|b| {
            let label = format!("{}:{folder}/{AGREEMENT_FILE}", side.label());
            Source::from_bytes(Path::new(&label), b.clone()).and_then(|s| read_agreement(&s))
        })
    };
    let mut c = unchanged(team);
    c.agreement_changed = o.agreement != n.agreement;
    c.old = parse(&o.agreement, from, old_name.unwrap_or(team));
    c.new = parse(&n.agreement, to, team);
    if c.agreement_changed {
        c.diff = match (&c.old, &c.new) {
            (Some(Ok(a)), Some(Ok(b))) => Some(diff_agreements(a, b)),
            (None, Some(Ok(b))) => Some(AgreementDiff::created(b)),
            (Some(Ok(a)), None) => Some(AgreementDiff::removed(a)),
            _ => None,
        };
    }
    for (name, bytes) in &n.checkins {
        match o.checkins.get(name) {
            None => c.checkins_added.push(stem(name)),
            Some(b) if b != bytes => c.checkins_changed.push(stem(name)),
            Some(_) => {}
        }
    }
    for name in o.checkins.keys() {
        if !n.checkins.contains_key(name) {
            c.checkins_removed.push(stem(name));
        }
    }
    c
}

fn stem(name: &str) -> String {
    name.strip_suffix(".toml").unwrap_or(name).to_string()
}

fn similarity(a: Option<&[u8]>, b: Option<&[u8]>) -> f32 {
    match (a, b) {
        (Some(a), Some(b)) if a == b => 1.0,
        (Some(a), Some(b)) => similar::TextDiff::from_lines(
            String::from_utf8_lossy(a).as_ref(),
            String::from_utf8_lossy(b).as_ref(),
        )
        .ratio(),
        _ => 0.0,
    }
}

type Snapshot = (BTreeMap<String, TeamFiles>, Option<Vec<u8>>);

/// The team folders (with an agreement or check-ins) under the agreements folder on one side.
fn snapshot(repo: &Repo, root: &Path, root_rel: &str, side: &Side) -> Result<Snapshot, Diagnostic> {
    let join = |a: &str, b: &str| {
        if a.is_empty() {
            b.to_string()
        } else {
            format!("{a}/{b}")
        }
    };
    let mut teams = BTreeMap::new();
    match side {
        Side::WorkTree => {
            // The folder walker decides what is read, as for every other command.
            use crate::store::workspace::{checkin_files, read_into, team_folders};
            let read = |p: &Path| {
                let mut buf = Vec::new();
                read_into(p, root, &mut buf).ok().map(|()| buf)
            };
            let settings = read(&root.join(SETTINGS_FILE));
            let Ok((folders, _)) = team_folders(root) else {
                return Ok((teams, settings));
            };
            for t in folders {
                let mut files = TeamFiles {
                    agreement: t.agreement.as_deref().and_then(read),
                    ..TeamFiles::default()
                };
                for c in checkin_files(root, &t.name).0 {
                    let n = c
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    files.checkins.insert(n, read(&c).unwrap_or_default());
                }
                if files.agreement.is_some() || !files.checkins.is_empty() {
                    teams.insert(t.name, files);
                }
            }
            Ok((teams, settings))
        }
        Side::Rev(rev) => {
            let commit = repo.resolve(rev)?;
            let mut w = Walker::new(repo);
            let missing = |d: Diagnostic| {
                if repo.is_shallow() {
                    repo.shallow_missing(rev)
                } else {
                    d
                }
            };
            let tree = w.tree_of(commit).map_err(missing)?;
            let settings = match w.blob_at(tree, &join(root_rel, SETTINGS_FILE)) {
                Some(b) => Some(w.read_blob(b).map_err(missing)?),
                None => None,
            };
            for name in w.folders(tree, root_rel) {
                let dir = join(root_rel, &name);
                let mut files = TeamFiles::default();
                if let Some(b) = w.blob_at(tree, &join(&dir, AGREEMENT_FILE)) {
                    files.agreement = Some(w.read_blob(b).map_err(missing)?);
                }
                for (n, b) in w.files(tree, &join(&dir, CHECKINS_DIR)) {
                    if n.ends_with(".toml") {
                        files.checkins.insert(n, w.read_blob(b).map_err(missing)?);
                    }
                }
                if files.agreement.is_some() || !files.checkins.is_empty() {
                    teams.insert(name, files);
                }
            }
            Ok((teams, settings))
        }
    }
}
