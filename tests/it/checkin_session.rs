//! The check-in session: default period, pre-filling, drafts, the pulse round, saving.

use crate::common::{date, examples};
use accord::checkin::{PeriodChoice, Session, Step};
use accord::model::{Decision, Rating};
use accord::pulse::Answer;
use accord::store::Workspace;
use accord::store::drafts::{DraftKind, Drafts};
use accord::validate::{NoHistory, validate_paths};

/// One person's answer to the one (default) question of the example agreement.
fn answer(score: u8, comment: &str) -> Answer {
    Answer {
        scores: vec![score],
        comment: comment.into(),
        groups: vec![],
    }
}

fn start(ws: &Workspace, drafts: Option<&Drafts>, today: &str) -> Session {
    Session::start(ws, "payments", drafts, date(today), PeriodChoice::default()).unwrap()
}

#[test]
fn default_period_follows_the_last_check_in_and_prefills_presence_days() {
    let (_tmp, root) = examples();
    let ws = Workspace::new(&root);
    let s = start(&ws, None, "2026-11-30");
    // The last check-in ended on 2026-11-16; up to yesterday.
    assert_eq!(s.period().from, date("2026-11-17"));
    assert_eq!(s.period().to, date("2026-11-29"));
    // Tuesdays and Thursdays; five of six members are not remote.
    let days: Vec<(String, u32, u32)> = s
        .presence_days()
        .iter()
        .map(|d| (d.date.to_string(), d.present, d.expected))
        .collect();
    assert_eq!(
        days,
        [
            ("2026-11-17".to_string(), 0, 5),
            ("2026-11-19".to_string(), 0, 5),
            ("2026-11-24".to_string(), 0, 5),
            ("2026-11-26".to_string(), 0, 5),
        ]
    );
    let planned: Vec<(&str, u32)> = s
        .rituals()
        .iter()
        .map(|r| (r.ritual.id.as_str(), r.planned))
        .collect();
    // Thursdays 19 and 26; biweekly Tuesday from Sep 1: Nov 24; first Tuesday of Nov (3rd) is out.
    assert_eq!(
        planned,
        [
            ("weekly-demo", 2),
            ("team-lunch", 2),
            ("retro", 1),
            ("belonging-check-in", 0)
        ]
    );
    assert_eq!(s.norms().len(), 4);
    assert_eq!(
        s.steps(),
        [
            // The earlier check-ins left actions open: they come first.
            Step::Followups,
            Step::Period,
            Step::Presence,
            Step::Rituals,
            Step::Norms,
            Step::Pulse,
            Step::Decisions,
            Step::Summary
        ]
    );
}

#[test]
fn without_check_ins_the_period_starts_at_adoption_and_an_empty_one_is_refused() {
    let (_tmp, root) = examples();
    std::fs::remove_dir_all(root.join("payments/checkins")).unwrap();
    let ws = Workspace::new(&root);
    let s = start(&ws, None, "2026-09-10");
    assert_eq!(s.period().from, date("2026-09-01"));
    assert_eq!(s.period().to, date("2026-09-09"));
    let e = Session::start(
        &ws,
        "payments",
        None,
        date("2026-09-01"),
        PeriodChoice::default(),
    )
    .unwrap_err();
    assert_eq!(e.code, "empty-period");
    let e = Session::start(
        &ws,
        "data-platform",
        None,
        date("2026-12-01"),
        PeriodChoice::default(),
    )
    .unwrap_err();
    assert_eq!(e.code, "not-active");
}

#[test]
fn a_full_check_in_saves_a_valid_file_once() {
    let (_tmp, root) = examples();
    let ws = Workspace::new(&root);
    let data = tempfile::tempdir().unwrap();
    let drafts = Drafts::new(data.path(), &root);
    let mut s = start(&ws, Some(&drafts), "2026-11-30");
    for (d, p) in [
        ("2026-11-17", 5),
        ("2026-11-19", 4),
        ("2026-11-24", 3),
        ("2026-11-26", 4),
    ] {
        s.set_presence(date(d), p, 5).unwrap();
    }
    s.set_held("weekly-demo", 2).unwrap();
    s.set_held("team-lunch", 0).unwrap();
    s.set_ritual_note("team-lunch", "Dropped, as decided.")
        .unwrap();
    s.set_held("retro", 1).unwrap();
    s.set_held("belonging-check-in", 0).unwrap();
    s.rate("own-device", Rating::Kept, "").unwrap();
    s.rate("first-voice", Rating::Partly, "Once.").unwrap();
    assert_eq!(s.unanswered().norms, ["decision-notes", "together-work"]);
    s.rate("decision-notes", Rating::Kept, "").unwrap();
    s.rate("together-work", Rating::Broken, "").unwrap();
    assert!(s.unanswered().is_empty());
    s.decide("team-lunch", Decision::Drop, "Replace with breakfast.")
        .unwrap();
    assert!(s.decide("no-such-item", Decision::Keep, "").is_err());
    let round = s.open_pulse().unwrap();
    for (score, comment) in [(5, "great"), (2, ""), (4, "ok"), (4, ""), (3, "")] {
        round.answer(&answer(score, comment)).unwrap();
    }
    assert_eq!(
        s.save(&ws, Some(&drafts)).unwrap_err().code,
        "pulse-open",
        "an open round must not be lost"
    );
    let pulse = s.close_pulse();
    assert_eq!(pulse.mean(), Some(3.6));
    let scores = s.scores();
    // presence 3 of 4 days at 80%; rituals (2+0+1+0)/(2+2+1+0); norms (1+0.5+1+0)/4.
    assert_eq!(scores.categories.presence, Some(0.75));
    assert_eq!(scores.categories.rituals, Some(0.6));
    assert_eq!(scores.categories.norms, Some(0.625));
    s.save_draft(&drafts).unwrap();
    let path = s.save(&ws, Some(&drafts)).unwrap();
    assert_eq!(path, root.join("payments/checkins/2026-11-30.toml"));
    assert!(drafts.load("payments", DraftKind::CheckIn).is_none());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("scores = [2, 3, 4, 4, 5]"), "{text}");
    assert!(text.contains("comments = [\"great\", \"ok\"]"), "{text}");
    let v = validate_paths(std::slice::from_ref(&path), date("2026-11-30"), &NoHistory).unwrap();
    assert!(v.diagnostics.is_empty(), "{:?}", v.diagnostics);
    // Saving again never overwrites.
    std::fs::write(&path, "edited by hand\n").unwrap();
    assert_eq!(s.save(&ws, None).unwrap_err().code, "checkin-exists");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited by hand\n");
}

#[test]
fn drafts_keep_what_was_entered_and_never_an_open_round() {
    let (_tmp, root) = examples();
    let ws = Workspace::new(&root);
    let data = tempfile::tempdir().unwrap();
    let drafts = Drafts::new(data.path(), &root);
    let mut s = start(&ws, Some(&drafts), "2026-11-30");
    s.set_presence(date("2026-11-19"), 4, 5).unwrap();
    s.set_held("retro", 1).unwrap();
    s.rate("own-device", Rating::Kept, "fine").unwrap();
    s.open_pulse()
        .unwrap()
        .answer(&answer(5, "hidden"))
        .unwrap();
    let text = s.draft_text();
    assert!(!text.contains("pulse"), "{text}");
    let draft: accord::model::CheckIn = toml::from_str(&text).unwrap();
    let days: Vec<String> = draft.presence.iter().map(|d| d.date.to_string()).collect();
    assert_eq!(days, ["2026-11-19"], "pre-filled days are not answers");
    let rituals: Vec<&str> = draft.rituals.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(rituals, ["retro"]);
    s.save_draft(&drafts).unwrap();

    // A new session (after a crash) starts from the draft.
    let again = start(&ws, Some(&drafts), "2026-11-30");
    assert!(again.is_entered(date("2026-11-19")));
    assert!(!again.is_entered(date("2026-11-17")));
    assert_eq!(again.presence_days().len(), 4);
    let retro = again
        .rituals()
        .into_iter()
        .find(|r| r.ritual.id.as_str() == "retro")
        .unwrap();
    assert_eq!((retro.held, retro.entered), (1, true));
    assert_eq!(again.checkin().norms.len(), 1);
    assert!(again.checkin().pulse.is_none());
}

#[test]
fn parked_topics_ride_in_the_draft_and_survive_the_import() {
    let (_tmp, root) = examples();
    let ws = Workspace::new(&root);
    let data = tempfile::tempdir().unwrap();
    let drafts = Drafts::new(data.path(), &root);
    let mut s = start(&ws, Some(&drafts), "2026-11-30");
    assert!(s.park("  Lunch\tbudget "));
    assert!(!s.park("Lunch budget"), "the same topic once");
    assert!(!s.park("   "), "an empty topic is no topic");
    assert!(s.park("Quotes \" and \u{1b} escapes"));
    let text = s.draft_text();
    // Still a check-in file for any reader: the topics ride on a comment line.
    let draft: accord::model::CheckIn = toml::from_str(&text).unwrap();
    assert_eq!(draft.date.to_string(), "2026-11-30");
    s.save_draft(&drafts).unwrap();
    // A later session, and a session that rewrites the draft (as `import-presence` does).
    let mut again = start(&ws, Some(&drafts), "2026-11-30");
    assert_eq!(
        again.parked(),
        ["Lunch budget", "Quotes \" and \u{1b} escapes"]
    );
    again.set_presence(date("2026-11-19"), 4, 5).unwrap();
    again.save_draft(&drafts).unwrap();
    let third = start(&ws, Some(&drafts), "2026-11-30");
    assert_eq!(third.parked().len(), 2);
    assert!(third.is_entered(date("2026-11-19")));
    // The wizard and the check-in share one state line.
    assert!(
        third
            .draft_text()
            .starts_with("# accord-draft {\"parked\":[\"Lunch budget\","),
        "{}",
        third.draft_text()
    );
    // A damaged line loses the topics with a note, never the rest of the draft (the line as
    // drafts wrote it before the shared state line is still read).
    let body = third.draft_text();
    let body = body.split_once('\n').unwrap().1;
    let damaged = format!("# accord-parked [\"unclosed\n{body}");
    let mut fourth = start(&ws, None, "2026-11-30");
    fourth.merge_draft(&damaged, "d.toml".into()).unwrap();
    assert!(fourth.parked().is_empty());
    assert!(
        fourth
            .notes()
            .iter()
            .any(|n| n.message.contains("parked topics were not read"))
    );
}

#[test]
fn changing_the_period_keeps_entered_days_inside_it() {
    let (_tmp, root) = examples();
    let ws = Workspace::new(&root);
    let mut s = start(&ws, None, "2026-11-30");
    s.set_presence(date("2026-11-19"), 4, 5).unwrap();
    s.set_presence(date("2026-11-26"), 2, 5).unwrap();
    s.set_period(date("2026-11-17"), date("2026-11-22"))
        .unwrap();
    let days: Vec<(String, u32)> = s
        .presence_days()
        .iter()
        .map(|d| (d.date.to_string(), d.present))
        .collect();
    assert_eq!(
        days,
        [("2026-11-17".to_string(), 0), ("2026-11-19".to_string(), 4)]
    );
    s.set_period(date("2026-11-17"), date("2026-11-29"))
        .unwrap();
    assert_eq!(s.presence_days().len(), 4);
    assert!(
        !s.is_entered(date("2026-11-26")),
        "dropped with the shorter period"
    );
    assert!(
        s.set_period(date("2026-11-17"), date("2026-12-01"))
            .is_err()
    );
    assert!(s.set_presence(date("2026-12-01"), 1, 5).is_err());
    s.remove_presence_day(date("2026-11-24"));
    assert_eq!(s.presence_days().len(), 3);
}

/// Answers from outside the room (a tally here) wait in the draft as pooled counts while the
/// round is open; the room's answers never reach it; closing the round leaves only what may
/// be kept.
#[test]
fn answers_from_outside_the_room_wait_in_the_draft_until_the_round_closes() {
    let (_tmp, root) = examples();
    let ws = Workspace::new(&root);
    let data = tempfile::tempdir().unwrap();
    let drafts = Drafts::new(data.path(), &root);
    let mut s = start(&ws, Some(&drafts), "2026-11-30");
    let qs = s.questions().into_owned();
    let tally = accord::pulse::parse_tally(&qs, ["0,0,1,1,0"]).unwrap();
    s.add_outside(&tally).unwrap();
    assert_eq!(s.outside_answers(), 2);
    let over = accord::pulse::parse_tally(&qs, ["0,0,5,0,0"]).unwrap();
    assert!(
        s.add_outside(&over)
            .unwrap_err()
            .contains("more than the 6 members")
    );
    let round = s.open_pulse().unwrap();
    assert_eq!(round.answered(), 2);
    round.answer(&answer(5, "from the room")).unwrap();
    let text = s.draft_text();
    assert!(text.starts_with("# accord-draft {\"outside\":"), "{text}");
    assert!(
        !text.contains("from the room") && !text.contains("[pulse]"),
        "{text}"
    );
    // After a crash the next session has the tally, not the room's answer.
    s.save_draft(&drafts).unwrap();
    let mut again = start(&ws, Some(&drafts), "2026-11-30");
    assert_eq!(again.outside_answers(), 2);
    again.cancel_pulse();
    assert_eq!(again.open_pulse().unwrap().answered(), 2);
    again.pulse_round().unwrap().answer(&answer(1, "")).unwrap();
    assert!(again.close_pulse().is_withheld());
    let text = again.draft_text();
    assert!(!text.contains("accord-draft"), "{text}");
    assert!(text.contains("count = 3\nwithheld = true\n"), "{text}");
}
