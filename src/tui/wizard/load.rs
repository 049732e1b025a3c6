//! Preparing the wizard: the preset or the agreement on disk, the last check-in's decisions, and a
//! draft left from an earlier session. Reads files, so it runs before the first frame or on the
//! worker thread, never while a key waits.

use std::path::PathBuf;

use accord::describe::title_from_slug;
use accord::diag::Diagnostic;
use accord::model::{Agreement, CheckIn, Decision, PRESENCE_ITEM, Slug};
use accord::presets::Preset;
use accord::session::Carried;
use accord::session::Settled;
use accord::store::Workspace;
use accord::store::drafts::{DraftKind, Drafts};
use chrono::{NaiveDate, NaiveDateTime};

/// What the command line (or a key in the app) asks the wizard for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WizardRequest {
    pub team: String,
    /// A new team (`accord new`), else a revision (`accord edit`).
    pub new: bool,
    pub preset: Option<String>,
    /// Display name of a new team.
    pub name: Option<String>,
    pub workshop: bool,
}

/// Opens the wizard on a team's agreement to propose a revision, from any screen; the worker
/// prepares it (files, last check-in, draft).
pub fn open_revision(team: String) -> crate::tui::action::Out {
    crate::tui::action::Out {
        info: Some(format!("Opening the wizard for {team}…")),
        ..crate::tui::action::Out::effect(crate::tui::action::Effect::OpenWizard(WizardRequest {
            team,
            new: false,
            preset: None,
            name: None,
            workshop: false,
        }))
    }
}

/// A decision of the last check-in about one item.
#[derive(Debug, Clone, PartialEq)]
pub struct Decided {
    pub item: String,
    pub title: String,
    pub decision: Decision,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CheckinNotes {
    pub date: NaiveDate,
    pub decisions: Vec<Decided>,
}

/// A draft found on disk, offered back.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftOffer {
    /// Local time of its last write.
    pub saved_at: Option<NaiveDateTime>,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct WizardInit {
    pub team: String,
    pub path: PathBuf,
    pub new: bool,
    pub preset: Option<String>,
    /// The file's text as read; none for a new team.
    pub base: Option<String>,
    /// The agreement as read; none for a new team.
    pub loaded: Option<Agreement>,
    /// Where drafting starts: the preset, or the file minus what the check-in dropped.
    pub start: Agreement,
    pub checkin: Option<CheckinNotes>,
    /// Said once when the wizard opens (e.g. a check-in that could not be read).
    pub notice: Option<String>,
    pub offer: Option<DraftOffer>,
    pub workshop: bool,
    /// Days from adoption to review for a revision adopted now (see [`review_days_of`]).
    pub review_days: u64,
    /// The topics parked at the team's last adoption and check-in (from git; none for a new
    /// team or outside a repository), each to take up, keep parked or drop.
    pub carried: Carried,
    /// Trials a check-in decided on (kept ones are permanent in `start`), as `accord edit
    /// --from` settles them.
    pub settled: Vec<Settled>,
}

/// The review interval a revision adopted now gets: the file's own (adoption to review date),
/// or for a proposal, which has no adoption date, the last adopted version's from history.
pub fn review_days_of(a: &Agreement, path: &std::path::Path) -> u64 {
    use accord::session::revision::review_interval;
    if a.adopted.is_none() && a.version > 1 {
        let history = accord::git::GitHistory::new();
        let revisions = accord::checkin::Revisions::from_history(a.clone(), path, &history);
        if let Some(last) = revisions.last_adopted() {
            return review_interval(Some(last));
        }
    }
    review_interval(Some(a))
}

pub fn prepare(
    ws: &Workspace,
    drafts: Option<&Drafts>,
    req: &WizardRequest,
    today: chrono::NaiveDate,
) -> Result<WizardInit, Diagnostic> {
    if let Err(e) = req.team.parse::<Slug>() {
        let (msg, hint) = accord::text::split_hint(&e);
        return Err(
            Diagnostic::error("bad-slug", msg.replace("invalid id", "invalid team name"))
                .with_hint(format!(
                    "{}; a team's name on the command line is its folder name",
                    hint.unwrap_or("")
                )),
        );
    }
    ws.check_exists()?;
    let offer = drafts
        .and_then(|d| d.load(&req.team, DraftKind::Agreement))
        .map(|d| DraftOffer {
            saved_at: d
                .saved_at
                .map(|t| t.with_timezone(&chrono::Local).naive_local()),
            text: d.text,
        });
    if req.new {
        let path = ws.agreement_path(&req.team);
        if path.exists() {
            return Err(Diagnostic::error(
                "team-exists",
                format!("team \"{}\" already has an agreement", req.team),
            )
            .at_file(&path)
            .with_hint(format!(
                "propose a revision with `accord edit {}`, or choose another name",
                req.team
            )));
        }
        let mut start = match &req.preset {
            Some(p) => Preset::find(p)?.agreement_on(today),
            None => Agreement::draft(""),
        };
        start.team = req
            .name
            .clone()
            .unwrap_or_else(|| title_from_slug(&req.team));
        return Ok(WizardInit {
            team: req.team.clone(),
            path,
            new: true,
            preset: req.preset.clone(),
            base: None,
            loaded: None,
            start,
            checkin: None,
            notice: None,
            offer,
            workshop: req.workshop,
            review_days: accord::session::revision::review_interval(None),
            carried: Carried::default(),
            settled: Vec::new(),
        });
    }
    let team = ws.team(&req.team)?;
    let loaded = ws.agreement(&team).map_err(|d| {
        d.with_hint(
            "fix the file first (`accord validate` shows where), then run `accord edit` again",
        )
    })?;
    let mut start = loaded.value.clone();
    let (checkin, notice) = match ws.checkin_paths(&team).last() {
        None => (None, None),
        Some(p) => match accord::store::load::<CheckIn>(p) {
            Ok(c) => (Some(apply_checkin(&mut start, &c.value)), None),
            Err(d) => (
                None,
                Some(format!(
                    "The last check-in ({}) could not be read, so its decisions are not applied: {}",
                    p.display(),
                    d.message
                )),
            ),
        },
    };
    // A trial kept at a check-in becomes permanent in this revision (one undo brings it back).
    let checkins: Vec<CheckIn> = ws
        .checkin_paths(&team)
        .iter()
        .filter_map(|p| accord::store::load::<CheckIn>(p).ok().map(|l| l.value))
        .collect();
    let settled = accord::session::settle_trials(&mut start, &checkins);
    let review_days = review_days_of(&loaded.value, &loaded.source.path);
    Ok(WizardInit {
        settled,
        carried: Carried::for_team(&ws.root, &team),
        review_days,
        path: ws.agreement_path(&team),
        team,
        new: false,
        preset: None,
        base: Some(loaded.source.text),
        loaded: Some(loaded.value),
        start,
        checkin: checkin.filter(|c| !c.decisions.is_empty()),
        notice,
        offer,
        workshop: req.workshop,
    })
}

/// The one-line notice the wizard opens with: what the last check-in suggested, and the topics
/// parked last time (their panel is open).
pub fn opening_notice(init: &WizardInit) -> Option<String> {
    let mut parts: Vec<String> = init
        .checkin
        .as_ref()
        .and_then(suggested)
        .into_iter()
        .collect();
    parts.extend(settled_notice(&init.settled));
    let n = init.carried.topics().len();
    if n > 0 {
        parts.push(format!(
            "{} parked last time (L shows them)",
            super::save::count(n, "topic")
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// What the check-ins decided about trials, for the opening notice: kept ones are permanent
/// now, adjusted ones stay on trial, dropped ones are for the team to remove.
fn settled_notice(settled: &[Settled]) -> Option<String> {
    let (mut kept, mut adjusted, mut dropped) = (Vec::new(), 0, Vec::new());
    for s in settled {
        match s {
            Settled::Permanent { item, .. } => kept.push(item.as_str()),
            Settled::StillOnTrial { .. } => adjusted += 1,
            Settled::ProposeRemoval { item, .. } => dropped.push(item.as_str()),
        }
    }
    let mut parts = Vec::new();
    if !kept.is_empty() {
        parts.push(format!("trial kept, now permanent: {}", kept.join(", ")));
    }
    if adjusted > 0 {
        parts.push(format!(
            "{} adjusted, still on trial",
            super::save::count(adjusted, "trial")
        ));
    }
    if !dropped.is_empty() {
        parts.push(format!("trial dropped, remove: {}", dropped.join(", ")));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// The one-line notice the wizard opens with when the last check-in decided to drop or adjust
/// items: what was taken out (one undo away) and how the items to adjust are marked.
pub fn suggested(c: &CheckinNotes) -> Option<String> {
    let dropped: Vec<&Decided> = c
        .decisions
        .iter()
        .filter(|d| d.decision == Decision::Drop)
        .collect();
    let adjust = c
        .decisions
        .iter()
        .filter(|d| d.decision == Decision::Adjust)
        .count();
    let mut parts = Vec::new();
    match dropped.as_slice() {
        [] => {}
        [one] => parts.push(format!(
            "dropped “{}” (u undoes)",
            accord::report::text::shorten(&one.title, 28)
        )),
        many => parts.push(format!("dropped {} items (u undoes)", many.len())),
    }
    if adjust > 0 {
        parts.push(format!(
            "{} to adjust, marked ⚑",
            super::save::count(adjust, "item")
        ));
    }
    (!parts.is_empty()).then(|| format!("Check-in of {}: {}", c.date, parts.join(" · ")))
}

/// Takes out what the check-in dropped and lists what it asked to adjust.
pub fn apply_checkin(a: &mut Agreement, c: &CheckIn) -> CheckinNotes {
    let mut decisions = Vec::new();
    for act in &c.actions {
        if act.decision == Decision::Keep {
            continue;
        }
        let Some(title) = a.item(&act.item).map(|i| i.title().to_string()) else {
            continue;
        };
        if act.decision == Decision::Drop {
            if act.item == PRESENCE_ITEM {
                a.presence = None;
            }
            a.rituals.retain(|r| r.id.as_str() != act.item);
            a.norms.retain(|n| n.id.as_str() != act.item);
            a.consent.retain(|x| x.item != act.item);
        }
        decisions.push(Decided {
            item: act.item.clone(),
            title,
            decision: act.decision,
            note: act.note.clone().filter(|n| !n.trim().is_empty()),
        });
    }
    CheckinNotes {
        date: c.date.0,
        decisions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::tests::today;

    fn ws() -> Workspace {
        Workspace::new(concat!(env!("CARGO_MANIFEST_DIR"), "/agreements"))
    }

    fn req(team: &str, new: bool) -> WizardRequest {
        WizardRequest {
            team: team.into(),
            new,
            preset: Some("hybrid".into()),
            name: None,
            workshop: false,
        }
    }

    #[test]
    fn edit_applies_the_last_checkins_drop_and_adjust() {
        let init = prepare(&ws(), None, &req("ward-7", false), today()).unwrap();
        let notes = init.checkin.expect("ward-7's last check-in decides");
        assert!(!notes.decisions.is_empty());
        for d in &notes.decisions {
            let present = init.start.item(&d.item).is_some();
            assert_eq!(present, d.decision != Decision::Drop, "{d:?}");
        }
    }

    #[test]
    fn the_suggestions_are_announced_in_one_line() {
        let init = prepare(&ws(), None, &req("payments", false), today()).unwrap();
        let notes = init
            .checkin
            .expect("payments' last check-in drops the lunch");
        assert_eq!(
            suggested(&notes).as_deref(),
            Some("Check-in of 2026-11-17: dropped “Thursday lunch” (u undoes)")
        );
        let init = prepare(&ws(), None, &req("ward-7", false), today()).unwrap();
        assert_eq!(
            suggested(&init.checkin.unwrap()).as_deref(),
            Some("Check-in of 2026-11-19: 1 item to adjust, marked ⚑")
        );
        let none = CheckinNotes {
            date: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            decisions: Vec::new(),
        };
        assert_eq!(suggested(&none), None);
    }

    #[test]
    fn new_refuses_an_existing_team_and_names_a_new_one() {
        let e = prepare(&ws(), None, &req("payments", true), today()).unwrap_err();
        assert_eq!(e.code, "team-exists");
        let init = prepare(&ws(), None, &req("data-science", true), today()).unwrap();
        assert_eq!(init.start.team, "Data science");
        assert!(init.base.is_none());
        assert!(!init.start.rituals.is_empty());
        let tried = Some(today() + chrono::Duration::days(accord::follow::TRIAL_DAYS));
        assert!(
            init.start.items().any(|i| i.trial_until() == tried),
            "preset trials run from today"
        );
    }

    /// A copy of the examples where payments' check-in of 2026-12-01 kept the belonging
    /// check-in's trial (it ran to 2026-11-30).
    fn kept_trial() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let from = ws().root.clone();
        let to = dir.path().join("agreements");
        std::fs::create_dir_all(to.join("payments/checkins")).unwrap();
        std::fs::copy(from.join("accord.toml"), to.join("accord.toml")).unwrap();
        let team = from.join("payments");
        std::fs::copy(
            team.join("agreement.toml"),
            to.join("payments/agreement.toml"),
        )
        .unwrap();
        let last = std::fs::read_to_string(team.join("checkins/2026-11-17.toml")).unwrap();
        let next = last.replacen("date = 2026-11-17", "date = 2026-12-01", 1)
            + "\n[[actions]]\nitem = \"belonging-check-in\"\ndecision = \"keep\"\n";
        std::fs::write(to.join("payments/checkins/2026-12-01.toml"), next).unwrap();
        dir
    }

    #[test]
    fn a_trial_kept_at_a_check_in_is_permanent_in_the_revision_and_said() {
        let trial = "belonging-check-in";
        let before = prepare(&ws(), None, &req("payments", false), today()).unwrap();
        assert!(before.start.item(trial).unwrap().trial_until().is_some());
        assert!(before.settled.is_empty());

        let dir = kept_trial();
        let ws = Workspace::new(dir.path().join("agreements"));
        let init = prepare(&ws, None, &req("payments", false), today()).unwrap();
        assert_eq!(init.start.item(trial).unwrap().trial_until(), None);
        assert!(
            init.loaded
                .as_ref()
                .unwrap()
                .item(trial)
                .unwrap()
                .trial_until()
                .is_some(),
            "the file is unchanged: undo brings the trial back"
        );
        let notice = opening_notice(&init).unwrap();
        assert!(
            notice.contains("trial kept, now permanent: belonging-check-in"),
            "{notice}"
        );
    }
}
