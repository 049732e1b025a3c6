//! `accord validate PATH...`: find the files under the paths, check each, and
//! check every check-in against the agreement version it names.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{VersionLookup, agreement_rules, checkin_rules, settings_rules};
use crate::adherence::MinResponses;
use crate::diag::Diagnostic;
use crate::model::{Agreement, CheckIn, FileKind, Settings, Slug};
use crate::parse::parse;
use crate::source::Source;
use crate::store::layout::AGREEMENT_FILE;

/// Finds older versions of an agreement; git history provides them.
pub trait HistoryLookup {
    fn agreement_at_version(&self, agreement_path: &Path, version: u32) -> Option<Agreement>;
    /// The file as first committed: the commit (short id) and its text; `None` without history.
    fn first_committed(&self, _path: &Path) -> Option<(String, String)> {
        None
    }
}

/// No history: only the current agreement file is known.
pub struct NoHistory;

impl HistoryLookup for NoHistory {
    fn agreement_at_version(&self, _: &Path, _: u32) -> Option<Agreement> {
        None
    }
}

/// A file that parsed, with what it holds.
#[derive(Debug, Clone)]
pub enum Checked {
    Agreement(Agreement),
    CheckIn(CheckIn),
    Settings(Settings),
}

/// The outcome of validating some paths.
#[derive(Debug, Default)]
pub struct Validation {
    pub files: Vec<PathBuf>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Validation {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// What a path holds: a file Accord knows by its place, or `None`.
pub fn classify(path: &Path) -> Option<FileKind> {
    FileKind::of_path(path)
}

/// The files named by `paths`: Accord's files found under folders, plus files named directly
/// (which may not be Accord's: the caller reports those). A missing path is the `Err`.
pub fn files_under(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            collect(p, &mut files).map_err(|e| {
                Diagnostic::error(
                    "unreadable",
                    format!("cannot read folder {}: {e}", p.display()),
                )
                .with_hint("check the path and permissions")
            })?;
        } else if p.is_file() {
            files.push(p.clone());
        } else {
            return Err(Diagnostic::error(
                "no-such-path",
                format!("{} does not exist", p.display()),
            )
            .with_hint("name a folder of agreements or a file in one"));
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

/// The error for a file named directly that Accord does not know.
pub fn not_accord_file(p: &Path) -> Diagnostic {
    Diagnostic::error("not-accord-file", "not an Accord file")
        .at_file(p)
        .with_hint(
            "Accord reads accord.toml, TEAM/agreement.toml and TEAM/checkins/YYYY-MM-DD.toml",
        )
}

/// Validates files and folders. A path that does not exist is the `Err` (validate could not run).
pub fn validate_paths(
    paths: &[PathBuf],
    today: NaiveDate,
    history: &dyn HistoryLookup,
) -> Result<Validation, Diagnostic> {
    let files = files_under(paths)?;
    let mut out = Validation::default();
    let mut agreements: HashMap<PathBuf, Option<Agreement>> = HashMap::new();
    for path in &files {
        if classify(path).is_none() {
            out.diagnostics.push(not_accord_file(path));
        } else {
            out.diagnostics
                .extend(check_file(path, today, history, &mut agreements));
        }
    }
    out.files = files;
    Ok(out)
}

/// Accord's files under `dir`; hidden folders (such as .git) are skipped.
fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            collect(&path, out)?;
        } else if classify(&path).is_some() {
            out.push(path);
        }
    }
    Ok(())
}

fn check_file(
    path: &Path,
    today: NaiveDate,
    history: &dyn HistoryLookup,
    agreements: &mut HashMap<PathBuf, Option<Agreement>>,
) -> Vec<Diagnostic> {
    let src = match Source::read(path) {
        Ok(s) => s,
        Err(d) => return vec![d],
    };
    match classify(path) {
        Some(FileKind::Settings) => match parse::<Settings>(&src) {
            Ok(s) => settings_rules(&src, &s),
            Err(d) => vec![d],
        },
        Some(FileKind::Agreement) => {
            let mut out = team_folder(path);
            match parse::<Agreement>(&src) {
                Ok(a) => out.extend(agreement_rules(&src, &a, today)),
                Err(d) => out.push(d),
            }
            out
        }
        Some(FileKind::CheckIn) => {
            let mut out = checkin_file(&src, path, history, agreements);
            super::redact_pulse(&src.text, &mut out);
            out
        }
        None => Vec::new(),
    }
}

/// A check-in's diagnostics: against the agreement version it names, under the privacy
/// threshold of its folder, and against the pulse as first committed.
fn checkin_file(
    src: &Source,
    path: &Path,
    history: &dyn HistoryLookup,
    agreements: &mut HashMap<PathBuf, Option<Agreement>>,
) -> Vec<Diagnostic> {
    match parse::<CheckIn>(src) {
        Ok(c) => {
            let team_dir = path
                .parent()
                .and_then(Path::parent)
                .unwrap_or(Path::new("."));
            let agreement_path = team_dir.join(AGREEMENT_FILE);
            let current = agreements.entry(agreement_path.clone()).or_insert_with(|| {
                Source::read(&agreement_path)
                    .ok()
                    .and_then(|s| parse::<Agreement>(&s).ok())
            });
            let older;
            let lookup = match current {
                Some(a) if a.version == c.agreement_version => VersionLookup::Found(a),
                Some(a) if c.agreement_version < a.version => {
                    older = history.agreement_at_version(&agreement_path, c.agreement_version);
                    match &older {
                        Some(o) => VersionLookup::Found(o),
                        None => VersionLookup::Missing { current: a.version },
                    }
                }
                Some(a) => VersionLookup::Missing { current: a.version },
                None => VersionLookup::NoAgreement,
            };
            let stem = path.file_stem().and_then(|s| s.to_str());
            let min = threshold(team_dir);
            let mut out = checkin_rules(src, &c, stem, lookup, min);
            out.extend(pulse_final(src, &c, path, history));
            out
        }
        Err(d) => vec![d],
    }
}

/// The privacy threshold of the folder a team folder sits in (`accord.toml`, else the default).
fn threshold(team_dir: &Path) -> MinResponses {
    let settings = team_dir.parent().map(|d| d.join("accord.toml"));
    settings
        .and_then(|p| Source::read(&p).ok())
        .and_then(|s| parse::<Settings>(&s).ok())
        .map(|s| MinResponses::of(&s))
        .unwrap_or_default()
}

/// A committed pulse is final: answers that changed since the file was first committed would
/// be revealed by the diff (a late answer, with `git log` naming who added it).
fn pulse_final(
    src: &Source,
    c: &CheckIn,
    path: &Path,
    history: &dyn HistoryLookup,
) -> Option<Diagnostic> {
    let now = c.pulse.as_ref()?;
    let (commit, first) = history.first_committed(path)?;
    let first: CheckIn = parse(&Source::new(path, first)).ok()?;
    // What a reader can see: a withheld pulse shows nothing, so only answers shown now and
    // not shown at the first commit are a change (an upgrade to schema 2 is none).
    let shown = |p: &crate::model::Pulse| {
        (!p.withheld).then(|| {
            let mut qs: Vec<(String, Vec<u8>)> = p
                .question_scores()
                .into_iter()
                .map(|(id, s)| (id.to_string(), s.to_vec()))
                .collect();
            qs.iter_mut().for_each(|(_, s)| s.sort_unstable());
            let mut comments = p.comments.clone();
            comments.sort();
            (qs, comments, p.groups.clone())
        })
    };
    let now = shown(now)?;
    if first.pulse.as_ref().and_then(shown).as_ref() == Some(&now) {
        return None;
    }
    let span = crate::locate::Locator::new(&src.text).key(&[crate::locate::Seg::Key("pulse")]);
    Some(
        Diagnostic::error(
            "pulse-changed",
            format!("the pulse changed after this check-in was first committed ({commit})"),
        )
        .at(src, span)
        .with_hint("a committed pulse is final: restore it as first committed (a late answer would be revealed by the diff)"),
    )
}

/// The team folder's name is the team's slug: nothing else is accepted.
fn team_folder(agreement: &Path) -> Vec<Diagnostic> {
    let Some(name) = agreement
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
    else {
        return Vec::new();
    };
    match Slug::problem(name) {
        None => Vec::new(),
        Some(p) => {
            let fix = Slug::from_text(name)
                .map(|s| format!(": rename it to \"{s}\""))
                .unwrap_or_default();
            vec![
                Diagnostic::error(
                    "team-folder",
                    format!("team folder \"{name}\" is not a slug: it {p}"),
                )
                .at_file(agreement)
                .with_hint(format!(
                    "team folders use lower-case letters, digits and '-'{fix}"
                )),
            ]
        }
    }
}
