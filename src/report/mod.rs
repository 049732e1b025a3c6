//! `accord report`: adherence per check-in, per team and across teams, and what needs
//! attention. Built once, rendered as text, Markdown or JSON; every rendering goes through
//! [`PulseResult`](crate::adherence::PulseResult) and [`Aggregate`], so a withheld pulse stays
//! withheld in all of them.

pub mod json;
pub mod markdown;
pub mod share;
pub mod text;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;

use crate::adherence::{
    Aggregate, Categories, Category, CheckinScores, MinResponses, TeamAdherence, Versions,
    aggregate, mean,
};
use crate::diag::Diagnostic;
use crate::git::Parked;
use crate::model::{Agreement, CheckIn, Status};
use crate::parse::parse;
use crate::source::Source;
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
    /// Per team that decided any action to follow: its loop, in team order.
    pub actions: Vec<TeamActions>,
}

/// One team's actions in the cross-team report: open now, done on time, and the trend.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TeamActions {
    pub team: String,
    pub open: usize,
    pub overdue: usize,
    /// See [`crate::follow::Loop::done_on_time`].
    pub done_on_time: Option<f64>,
    /// Per check-in, in date order.
    pub trend: Vec<crate::follow::LoopPoint>,
}

impl TeamActions {
    fn of(t: &TeamAdherence, today: NaiveDate) -> Option<TeamActions> {
        let f = &t.follow;
        (!f.actions.is_empty()).then(|| TeamActions {
            team: t.team.clone(),
            open: f.open().count(),
            overdue: f.overdue().count(),
            done_on_time: f.done_on_time(today),
            trend: f.trend.clone(),
        })
    }
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
    let mut teams = Vec::new();
    let mut report = Plan::new(ws, only, history)?.run(today, &mut |t| teams.push(t));
    report.teams = teams;
    Ok(report)
}

/// What a report covers, read before any team is scored: the settings and the team folders.
/// [`Plan::run`] then scores the teams one by one, so a caller that writes each team out as
/// it comes (`report --format json` on 65,000 check-ins) never holds them all.
pub struct Plan<'a> {
    ws: &'a Workspace,
    only: bool,
    min: MinResponses,
    folders: Vec<String>,
    refused: Vec<Diagnostic>,
    history: &'a (dyn HistoryLookup + Sync),
    /// Per team folder: the topics parked at its last adoption and check-in (from git).
    parked: BTreeMap<String, Parked>,
}

/// Teams are read and scored this many at a time, the next batch while the last is handed on.
const BATCH: usize = 16;

impl<'a> Plan<'a> {
    pub fn new(
        ws: &'a Workspace,
        only: Option<&str>,
        history: &'a (dyn HistoryLookup + Sync),
    ) -> Result<Self, Diagnostic> {
        let min = MinResponses::of(&ws.settings()?);
        let (folders, refused) = match only {
            Some(t) => (vec![t.to_string()], Vec::new()),
            None => team_folders(ws)?,
        };
        let parked = parked(ws, &folders);
        Ok(Plan {
            ws,
            only: only.is_some(),
            min,
            folders,
            refused,
            history,
            parked,
        })
    }

    /// Scores the teams in folder order, handing each to `each`; the report returned has every
    /// figure but the teams themselves (`teams` is empty).
    pub fn run(self, today: NaiveDate, each: &mut dyn FnMut(TeamAdherence)) -> Report {
        let Plan {
            ws,
            only,
            min,
            folders,
            refused,
            history,
            mut parked,
        } = self;
        let mut report = Report {
            today,
            min,
            teams: Vec::new(),
            across: None,
            attention: Attention::default(),
            problems: refused,
        };
        let (mut teams, mut latest, mut actions) = (0, Vec::new(), Vec::new());
        std::thread::scope(|s| {
            let (tx, rx) = std::sync::mpsc::sync_channel(1);
            let folders = &folders;
            let loader = s.spawn(move || {
                for batch in folders.chunks(BATCH) {
                    if tx.send(load_all(ws, batch, today, min, history)).is_err() {
                        break;
                    }
                }
            });
            let loaded = rx.into_iter().flatten();
            for (slug, team) in folders.iter().zip(loaded) {
                if let Some(mut t) = note(&mut report, slug, team) {
                    t.parked = parked.remove(slug).unwrap_or_default();
                    teams += 1;
                    latest.extend(t.latest().cloned());
                    actions.extend(TeamActions::of(&t, today));
                    each(t);
                }
            }
            // Joined, not left to the scope: the scope returns once the closure is done, but
            // the thread's thread-locals (the folder cache) are freed only when it has exited.
            let _ = loader.join();
        });
        if !only {
            report.across = Some(across(teams, &latest, min, actions));
        }
        report
    }
}

/// The topics each team parked, read in one walk of the history of the repository holding the
/// folder; none outside a repository or when the history cannot be read (the report goes on).
fn parked(ws: &Workspace, folders: &[String]) -> BTreeMap<String, Parked> {
    let Ok(repo) = crate::git::Repo::discover(&ws.root) else {
        return BTreeMap::new();
    };
    let slugs: Vec<&str> = folders.iter().map(String::as_str).collect();
    repo.parked(&slugs).unwrap_or_default()
}

/// Takes a team's problems and what needs attention into the report; the team's figures
/// when its agreement is readable.
fn note(report: &mut Report, slug: &str, team: Loaded) -> Option<TeamAdherence> {
    let today = report.today;
    report.problems.extend(team.problems);
    let Some(t) = team.adherence else {
        report
            .attention
            .no_agreement
            .push((slug.to_string(), team.why_none));
        return None;
    };
    match t.status {
        Some(Status::Active) => {}
        Some(s) => report
            .attention
            .no_agreement
            .push((slug.to_string(), format!("the agreement is {s}"))),
        None => {}
    }
    if t.status == Some(Status::Active) {
        if let Some(r) = t.review.filter(|r| r.days < 0) {
            report
                .attention
                .review_overdue
                .push((slug.to_string(), r.date));
        }
        let cutoff = today - chrono::Duration::days(STALE_DAYS);
        let recent = t.last_checkin().is_some_and(|d| d > cutoff);
        let settled = t.adopted.is_none_or(|d| d <= cutoff);
        if !recent && settled {
            report
                .attention
                .no_recent_checkin
                .push((slug.to_string(), t.last_checkin()));
        }
    }
    Some(t)
}

/// Across `teams` teams, from the latest check-in of those that have one (in team order).
fn across(
    teams: usize,
    latest: &[CheckinScores],
    min: MinResponses,
    actions: Vec<TeamActions>,
) -> Across {
    let cat = |c: Category| mean(latest.iter().filter_map(|s| c.of(s)));
    Across {
        teams,
        teams_with_checkins: latest.len(),
        latest: Categories {
            presence: cat(Category::Presence),
            rituals: cat(Category::Rituals),
            norms: cat(Category::Norms),
            overall: cat(Category::Overall),
        },
        pulse: aggregate(latest.iter().map(|s| &s.pulse), min),
        actions,
    }
}

/// The team folders the walker finds ([`crate::store::workspace::team_folders`]) named like a
/// team, with or without an agreement, and the entries it refused.
pub fn team_folders(ws: &Workspace) -> Result<(Vec<String>, Vec<Diagnostic>), Diagnostic> {
    ws.check_exists()?;
    let (folders, refused) = crate::store::workspace::team_folders(&ws.root)?;
    let teams = folders
        .into_iter()
        .map(|t| t.name)
        .filter(|n| crate::model::Slug::problem(n).is_none())
        .collect();
    Ok((teams, refused))
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
    // One team per hand-out: a team is a hundred files or more.
    crate::par::on_all_cores(folders, 1, |t| load_team(ws, t, today, min, history))
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
    let agreement = if std::fs::symlink_metadata(&path).is_ok() {
        match read_agreement(&path, &ws.root) {
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
    let (files, refused) = crate::store::workspace::checkin_files(&ws.root, team);
    problems.extend(refused);
    let checkins = files
        .into_iter()
        .filter_map(|p| match read_checkin(&p, &ws.root, &mut buf) {
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
pub fn read_checkin(path: &Path, root: &Path, buf: &mut Vec<u8>) -> Result<CheckIn, Diagnostic> {
    crate::store::workspace::read_into(path, root, buf)?;
    if let Some(c) = std::str::from_utf8(buf).ok().and_then(quick::checkin) {
        return Ok(c);
    }
    parse(&Source::from_bytes(path, std::mem::take(buf))?)
}

fn read_agreement(path: &Path, root: &Path) -> Result<Agreement, Diagnostic> {
    parse(&Source::read_in(path, root)?)
}
