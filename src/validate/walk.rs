//! `accord validate PATH...`: find the files under the paths, check each, and
//! check every check-in against the agreement version it names.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::NaiveDate;

use super::{VersionLookup, agreement_rules, checkin_rules, settings_rules, unsafe_text};
use crate::adherence::MinResponses;
use crate::diag::Diagnostic;
use crate::model::{Agreement, CheckIn, FileKind, Settings, Slug};
use crate::parse::{parse, parse_all};
use crate::source::Source;
use crate::store::layout::AGREEMENT_FILE;
use crate::store::quick;
use crate::store::workspace::walk;

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

/// The files named by `paths`: Accord's files found under folders by the folder walker
/// ([`crate::store::workspace::walk`]), plus files named directly (which may not be Accord's:
/// the caller reports those), and a diagnostic for each entry the walker refused.
/// A missing path is the `Err`.
pub fn files_under(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<Diagnostic>), Diagnostic> {
    let mut files = Vec::new();
    let mut refused = Vec::new();
    for p in paths {
        let meta = std::fs::symlink_metadata(p);
        if meta.as_ref().is_ok_and(|m| m.is_dir()) {
            let w = walk(p)?;
            files.extend(w.files);
            refused.extend(w.refused);
        } else if meta.is_ok() {
            // Named directly: reading it checks what it is (symlink, FIFO, device).
            files.push(p.clone());
        } else {
            return Err(Diagnostic::error(
                "no-such-path",
                format!("{} does not exist", p.display()),
            )
            .with_hint("name a folder of agreements or a file in one"));
        }
    }
    // One folder walked comes out sorted, without duplicates: only more paths need the sort.
    if paths.len() > 1 {
        crate::store::workspace::sort_paths(&mut files);
        files.dedup();
    }
    Ok((files, refused))
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
///
/// Files are checked on every core: reading and parsing tens of thousands of small files is
/// the whole cost. Diagnostics come out in file order whatever the threads did.
pub fn validate_paths(
    paths: &[PathBuf],
    today: NaiveDate,
    history: &(dyn HistoryLookup + Sync),
) -> Result<Validation, Diagnostic> {
    let (files, refused) = files_under(paths)?;
    // What several files share is read once (and in parallel), keyed by folders borrowed from
    // the file list: the files come sorted, so a folder's files are consecutive and each
    // folder is met once in a row. The current agreement of each team with check-ins:
    let checkins = || {
        files
            .iter()
            .filter(|p| classify(p) == Some(FileKind::CheckIn))
    };
    let needed = once_each(checkins().filter_map(|p| team_dir(p)));
    let parsed = on_all_cores(&needed, |team| {
        Source::read(&team.join(AGREEMENT_FILE))
            .ok()
            .and_then(|s| parse::<Agreement>(&s).ok())
    });
    let agreements: Shared<Option<Agreement>> = needed.into_iter().zip(parsed).collect();
    // The privacy threshold of each agreements folder with check-ins, read once.
    let thresholds: Shared<MinResponses> =
        once_each(checkins().filter_map(|p| p.ancestors().nth(3)))
            .into_iter()
            .map(|f| (f, crate::pulse::threshold_of(f)))
            .collect();
    // Each team's check-ins, read only when a rule across files needs them (a follow-up,
    // a trial that has passed), and then once.
    let teams: Shared<OnceLock<Vec<CheckIn>>> = once_each(files.iter().filter_map(|p| team_dir(p)))
        .into_iter()
        .map(|t| (t, OnceLock::new()))
        .collect();
    let known = Known {
        agreements: &agreements,
        thresholds: &thresholds,
        teams: &teams,
    };
    let found = on_all_cores(&files, |path| {
        if classify(path).is_none() {
            vec![not_accord_file(path)]
        } else {
            check_file(path, today, history, &known)
        }
    });
    let mut diagnostics = refused;
    diagnostics.extend(found.into_iter().flatten());
    Ok(Validation { files, diagnostics })
}

/// `f` over `items` on every core, in order ([`crate::par::on_all_cores`]), in batches of
/// 32 files. A panic is a bug; let it surface as one rather than lose files silently.
fn on_all_cores<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    crate::par::on_all_cores(items, 32, f)
        .into_iter()
        .map(|r| r.expect("a worker thread panicked"))
        .collect()
}

/// The agreement a check-in is checked against: `TEAM/agreement.toml` for `TEAM/checkins/X.toml`.
fn agreement_of(checkin: &Path) -> PathBuf {
    checkin
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new("."))
        .join(AGREEMENT_FILE)
}

/// Folders of the sorted file list, each once: a folder's files are consecutive.
fn once_each<'p>(folders: impl Iterator<Item = &'p Path>) -> Vec<&'p Path> {
    let mut v: Vec<&Path> = folders.collect();
    v.dedup_by(|a, b| a.as_os_str() == b.as_os_str());
    v
}

/// What is read once for all files, by folder.
type Shared<'p, T> = crate::hash::Map<&'p Path, T>;

/// What is read once for all files: each team's current agreement (by team folder), each
/// agreements folder's threshold, each team's check-ins (when needed).
struct Known<'a, 'p> {
    agreements: &'a Shared<'p, Option<Agreement>>,
    thresholds: &'a Shared<'p, MinResponses>,
    teams: &'a Shared<'p, OnceLock<Vec<CheckIn>>>,
}

impl Known<'_, '_> {
    /// The check-ins of the team that `path` (its agreement or one of its check-ins) belongs to.
    fn team(&self, path: &Path) -> &[CheckIn] {
        match team_dir(path).and_then(|t| self.teams.get(t).map(|c| (t, c))) {
            Some((t, cell)) => cell.get_or_init(|| team_checkins(t)),
            None => &[],
        }
    }

    /// The current agreement of the team a check-in belongs to, if it was read.
    fn agreement(&self, checkin: &Path) -> Option<&Agreement> {
        self.agreements.get(team_dir(checkin)?)?.as_ref()
    }
}

/// The team folder of an agreement or a check-in.
fn team_dir(path: &Path) -> Option<&Path> {
    match classify(path)? {
        FileKind::Agreement => path.parent(),
        FileKind::CheckIn => path.parent()?.parent(),
        FileKind::Settings => None,
    }
}

/// Every check-in of a team that reads, whether or not it was named: a follow-up may name an
/// action of a check-in that is not being validated. Files that do not read are left out
/// (validating them reports why).
fn team_checkins(team: &Path) -> Vec<CheckIn> {
    let Ok(w) = walk(&team.join(crate::store::layout::CHECKINS_DIR)) else {
        return Vec::new();
    };
    w.files
        .iter()
        .filter(|p| classify(p) == Some(FileKind::CheckIn))
        .filter_map(|p| {
            let src = Source::read(p).ok()?;
            quick::checkin(&src.text).or_else(|| parse::<CheckIn>(&src).ok())
        })
        .collect()
}

fn check_file(
    path: &Path,
    today: NaiveDate,
    history: &dyn HistoryLookup,
    known: &Known<'_, '_>,
) -> Vec<Diagnostic> {
    let src = match Source::read(path) {
        Ok(s) => s,
        Err(d) => return vec![d],
    };
    // A file that does not parse still has its text checked for escapes.
    let broken = |mut out: Vec<Diagnostic>| {
        out.extend(unsafe_text(&src));
        out
    };
    let mut out = match classify(path) {
        Some(FileKind::Settings) => match parse_all::<Settings>(&src) {
            Ok(s) => settings_rules(&src, &s),
            Err(d) => broken(d),
        },
        Some(FileKind::Agreement) => {
            let mut out = team_folder(path);
            match parse_all::<Agreement>(&src) {
                Ok(a) => {
                    out.extend(agreement_rules(&src, &a, today));
                    if super::team::has_passed_trial(&a, today) {
                        out.extend(super::trial_rules(&src, &a, known.team(path), today));
                    }
                }
                Err(d) => out.extend(broken(d)),
            }
            out
        }
        Some(FileKind::CheckIn) => {
            let mut out = checkin_file(&src, path, history, known);
            // Most check-ins have nothing to say: no line scan then.
            if !out.is_empty() {
                super::redact_pulse(&src.text, &mut out);
            }
            out
        }
        None => Vec::new(),
    };
    super::in_file_order(&mut out);
    out
}

/// A check-in's diagnostics: against the agreement version it names, under the privacy
/// threshold of its folder, and against the pulse as first committed.
fn checkin_file(
    src: &Source,
    path: &Path,
    history: &dyn HistoryLookup,
    known: &Known<'_, '_>,
) -> Vec<Diagnostic> {
    // Check-ins in canonical form take the one-pass reader the report uses (it reads exactly
    // what the full parser would, and declines anything else).
    let parsed = quick::checkin(&src.text)
        .map(Ok)
        .unwrap_or_else(|| parse_all::<CheckIn>(src));
    match parsed {
        Ok(c) => {
            let current = known.agreement(path);
            let older;
            let lookup = match current {
                Some(a) if a.version == c.agreement_version => VersionLookup::Found(a),
                Some(a) if c.agreement_version < a.version => {
                    older = history.agreement_at_version(&agreement_of(path), c.agreement_version);
                    match &older {
                        Some(o) => VersionLookup::Found(o),
                        None => VersionLookup::Missing { current: a.version },
                    }
                }
                Some(a) => VersionLookup::Missing { current: a.version },
                None => VersionLookup::NoAgreement,
            };
            let stem = path.file_stem().and_then(|s| s.to_str());
            let min = path
                .ancestors()
                .nth(3)
                .and_then(|f| known.thresholds.get(f).copied())
                .unwrap_or_default();
            let mut out = checkin_rules(src, &c, stem, lookup, min);
            if !c.followups.is_empty() {
                out.extend(super::followup_rules(src, &c, known.team(path)));
            }
            out.extend(pulse_final(src, &c, path, history));
            out
        }
        // A file that does not parse still has its text checked for escapes.
        Err(mut out) => {
            out.extend(unsafe_text(src));
            out
        }
    }
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
