//! `accord report`: adherence per check-in, per team and across teams, and what needs
//! attention. Built once, rendered as text, Markdown or JSON; every rendering goes through
//! [`PulseResult`](crate::adherence::PulseResult) and [`Aggregate`], so a withheld pulse stays
//! withheld in all of them.

pub mod json;
pub mod markdown;
pub mod text;

use std::path::Path;

use chrono::NaiveDate;

use crate::adherence::{
    Aggregate, Categories, Category, MinResponses, TeamAdherence, Versions, aggregate, mean,
};
use crate::diag::Diagnostic;
use crate::model::{Agreement, CheckIn, Status};
use crate::parse::parse;
use crate::source::{MAX_FILE_BYTES, Source};
use crate::store::layout::AGREEMENT_FILE;
use crate::store::{Workspace, quick};
use crate::validate::HistoryLookup;

/// A team with an active agreement but no check-in for this many days needs attention.
pub const STALE_DAYS: i64 = 60;

/// The whole report.
#[derive(Debug, Clone)]
pub struct Report {
    pub today: NaiveDate,
    pub min: MinResponses,
    /// Teams with a readable agreement, by slug.
    pub teams: Vec<TeamAdherence>,
    /// Across teams; `None` when the report is about one team.
    pub across: Option<Across>,
    pub attention: Attention,
    /// Files that could not be read (they are left out of the figures).
    pub problems: Vec<Diagnostic>,
}

/// The latest check-in of every team, together.
#[derive(Debug, Clone, PartialEq)]
pub struct Across {
    pub teams: usize,
    pub teams_with_checkins: usize,
    /// Means of the teams' latest category scores (teams without data for one are left out of it).
    pub latest: Categories,
    /// The teams' latest pulses together, withheld when it would reveal a withheld team.
    pub pulse: Aggregate,
}

/// What a reader should look at.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attention {
    /// Active agreements past `review_by`: (team, review_by).
    pub review_overdue: Vec<(String, NaiveDate)>,
    /// Team folders without an active agreement: (team, why).
    pub no_agreement: Vec<(String, String)>,
    /// Active agreements, adopted more than [`STALE_DAYS`] ago, without a check-in in the last
    /// [`STALE_DAYS`] days: (team, latest check-in).
    pub no_recent_checkin: Vec<(String, Option<NaiveDate>)>,
}

/// Builds the report for the folder, or for one team (`only`, already resolved).
pub fn build(
    ws: &Workspace,
    only: Option<&str>,
    today: NaiveDate,
    history: &(dyn HistoryLookup + Sync),
) -> Result<Report, Diagnostic> {
    let min = MinResponses::of(&ws.settings()?);
    let folders = match only {
        Some(t) => vec![t.to_string()],
        None => team_folders(ws)?,
    };
    let loaded = load_all(ws, &folders, today, min, history);
    let mut report = Report {
        today,
        min,
        teams: Vec::new(),
        across: None,
        attention: Attention::default(),
        problems: Vec::new(),
    };
    for (slug, team) in folders.iter().zip(loaded) {
        report.problems.extend(team.problems);
        let Some(t) = team.adherence else {
            report
                .attention
                .no_agreement
                .push((slug.clone(), team.why_none));
            continue;
        };
        match t.status {
            Some(Status::Active) => {}
            Some(s) => report
                .attention
                .no_agreement
                .push((slug.clone(), format!("the agreement is {s}"))),
            None => {}
        }
        if t.status == Some(Status::Active) {
            if let Some(r) = t.review.filter(|r| r.days < 0) {
                report.attention.review_overdue.push((slug.clone(), r.date));
            }
            let cutoff = today - chrono::Duration::days(STALE_DAYS);
            let recent = t.last_checkin().is_some_and(|d| d > cutoff);
            let settled = t.adopted.is_none_or(|d| d <= cutoff);
            if !recent && settled {
                report
                    .attention
                    .no_recent_checkin
                    .push((slug.clone(), t.last_checkin()));
            }
        }
        report.teams.push(t);
    }
    if only.is_none() {
        report.across = Some(across(&report.teams, min));
    }
    Ok(report)
}

fn across(teams: &[TeamAdherence], min: MinResponses) -> Across {
    let latest: Vec<_> = teams.iter().filter_map(TeamAdherence::latest).collect();
    let cat = |c: Category| mean(latest.iter().filter_map(|s| c.of(s)));
    Across {
        teams: teams.len(),
        teams_with_checkins: latest.len(),
        latest: Categories {
            presence: cat(Category::Presence),
            rituals: cat(Category::Rituals),
            norms: cat(Category::Norms),
            overall: cat(Category::Overall),
        },
        pulse: aggregate(latest.iter().map(|s| &s.pulse), min),
    }
}

/// Sub-folders of the agreements folder named like a team (hidden ones skipped), sorted.
pub fn team_folders(ws: &Workspace) -> Result<Vec<String>, Diagnostic> {
    ws.check_exists()?;
    let entries = std::fs::read_dir(&ws.root).map_err(|e| {
        Diagnostic::error(
            "unreadable",
            format!("cannot list {}: {e}", ws.root.display()),
        )
        .with_hint("check the folder's permissions")
    })?;
    let mut teams: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| crate::model::Slug::problem(n).is_none())
        .collect();
    teams.sort();
    Ok(teams)
}

struct Loaded {
    adherence: Option<TeamAdherence>,
    why_none: String,
    problems: Vec<Diagnostic>,
}

/// Loads and scores every team, on as many threads as there are cores: reading and parsing
/// thousands of small files is the whole cost of a report.
fn load_all(
    ws: &Workspace,
    folders: &[String],
    today: NaiveDate,
    min: MinResponses,
    history: &(dyn HistoryLookup + Sync),
) -> Vec<Loaded> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(folders.len().max(1));
    if threads <= 1 {
        return folders
            .iter()
            .map(|t| load_team(ws, t, today, min, history))
            .collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut slots: Vec<Option<Loaded>> = (0..folders.len()).map(|_| None).collect();
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(team) = folders.get(i) else { break };
                        done.push((i, load_team(ws, team, today, min, history)));
                    }
                    done
                })
            })
            .collect();
        for w in workers {
            // A worker that panicked lost its teams; the panic hook has already said so.
            for (i, l) in w.join().unwrap_or_default() {
                slots[i] = Some(l);
            }
        }
    });
    slots
        .into_iter()
        .map(|l| {
            l.unwrap_or(Loaded {
                adherence: None,
                why_none: "could not be read".into(),
                problems: Vec::new(),
            })
        })
        .collect()
}

fn load_team(
    ws: &Workspace,
    team: &str,
    today: NaiveDate,
    min: MinResponses,
    history: &dyn HistoryLookup,
) -> Loaded {
    let path = ws.agreement_path(team);
    let mut problems = Vec::new();
    let agreement = if path.is_file() {
        match read_agreement(&path) {
            Ok(a) => Some(a),
            Err(d) => {
                problems.push(d);
                return Loaded {
                    adherence: None,
                    why_none: format!("{AGREEMENT_FILE} does not parse"),
                    problems,
                };
            }
        }
    } else {
        None
    };
    let Some(agreement) = agreement else {
        return Loaded {
            adherence: None,
            why_none: format!("no {AGREEMENT_FILE}"),
            problems,
        };
    };
    let mut versions = Versions::new(path, Some(agreement), history);
    let mut buf = Vec::new();
    let checkins =
        checkin_files(ws, team)
            .into_iter()
            .filter_map(|p| match read_checkin(&p, &mut buf) {
                Ok(c) => Some(c),
                Err(d) => {
                    problems.push(d);
                    None
                }
            });
    let adherence = TeamAdherence::build(team, &mut versions, checkins, min, today);
    Loaded {
        adherence: Some(adherence),
        why_none: String::new(),
        problems,
    }
}

/// Reads a check-in: the quick reader for files in canonical form, else the full parser (which
/// also gives the located diagnostic when the file is broken). `buf` is reused across files.
fn read_checkin(path: &Path, buf: &mut Vec<u8>) -> Result<CheckIn, Diagnostic> {
    read_into(path, buf)?;
    if let Some(c) = std::str::from_utf8(buf).ok().and_then(quick::checkin) {
        return Ok(c);
    }
    parse(&Source::from_bytes(path, std::mem::take(buf))?)
}

fn read_agreement(path: &Path) -> Result<Agreement, Diagnostic> {
    let mut buf = Vec::new();
    read_into(path, &mut buf)?;
    parse(&Source::from_bytes(path, buf)?)
}

/// Reads the file into `buf`; refuses (before reading) what is too large to be an Accord file.
fn read_into(path: &Path, buf: &mut Vec<u8>) -> Result<(), Diagnostic> {
    use std::io::Read;
    let fail = |e: std::io::Error| {
        Diagnostic::error("unreadable", format!("cannot read: {e}"))
            .at_file(path)
            .with_hint("check the path and permissions")
    };
    let mut f = std::fs::File::open(path).map_err(fail)?;
    let len = f.metadata().map_err(fail)?.len();
    if len > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            "too-large",
            format!("file is {len} bytes, more than the {MAX_FILE_BYTES} an Accord file can be"),
        )
        .at_file(path)
        .with_hint("agreement and check-in files are a few kilobytes: is this the right file?"));
    }
    buf.clear();
    buf.reserve(len as usize + 1);
    f.read_to_end(buf).map_err(fail)?;
    Ok(())
}

/// Check-in files of a team in date order. Sorting names as strings, not as paths, is what
/// keeps listing 13,000 files cheap.
fn checkin_files(ws: &Workspace, team: &str) -> Vec<std::path::PathBuf> {
    let dir = ws.checkins_dir(team);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file() || t.is_symlink()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort_unstable();
    names.into_iter().map(|n| dir.join(n)).collect()
}
