//! Wizard defects from the workshop issue, key by key.

use super::*;
use crate::tui::app::Tone;

#[test]
fn deleting_a_member_who_owns_a_ritual_warns_and_names_it() {
    let mut app = fixture(edit("payments"));
    cmd(&mut app, Cmd::Down);
    cmd(&mut app, Cmd::Delete);
    let st = app.status.clone().expect("a status line");
    assert_eq!(st.tone, Tone::Error, "{st:?}");
    assert!(st.text.contains("Deleted “Sofie Claes”"), "{st:?}");
    assert!(st.text.contains("they owned Retrospective"), "{st:?}");
    assert!(st.text.contains("another owner"), "{st:?}");
    // A member who owns nothing is deleted with the plain note.
    let mut app = fixture(edit("payments"));
    cmd(&mut app, Cmd::Down);
    cmd(&mut app, Cmd::Down);
    cmd(&mut app, Cmd::Delete);
    let st = app.status.clone().expect("a status line");
    assert_eq!(st.tone, Tone::Info, "{st:?}");
    assert!(!st.text.contains("owned"), "{st:?}");
}

fn git(dir: &std::path::Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Sofie Claes")
        .env("GIT_AUTHOR_EMAIL", "sofie@example.com")
        .env("GIT_COMMITTER_NAME", "Sofie Claes")
        .env("GIT_COMMITTER_EMAIL", "sofie@example.com")
        .env("GIT_AUTHOR_DATE", "2026-10-01T10:00:00+02:00")
        .env("GIT_COMMITTER_DATE", "2026-10-01T10:00:00+02:00")
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

fn wizard_mut(app: &mut App) -> &mut crate::tui::wizard::Wizard {
    app.wizard_mut().expect("the wizard is open")
}

#[test]
fn a_revision_writes_each_biweekly_start_and_consent_still_holds() {
    use accord::model::recurrence::on_or_after;
    use accord::model::{Cadence, RitualDay};
    let s = Scratch::new();
    let mut app = s.app(edit("payments"));
    let w = wizard_mut(&mut app);
    let retro = w
        .draft
        .rituals
        .iter()
        .position(|r| r.id.as_str() == "retro");
    let retro = retro.expect("payments holds a biweekly retro");
    assert_eq!(w.draft.rituals[retro].cadence, Cadence::Biweekly);
    assert_eq!(w.draft.rituals[retro].start, None, "the fixture has none");
    // A real revision (the purpose, and a new biweekly ritual).
    w.draft.purpose = Some("We ship calmly, together.".into());
    let mut new = w.draft.rituals[retro].clone();
    new.id = "pairing".parse().unwrap();
    new.name = "Pairing afternoon".into();
    new.day = Some(RitualDay::Weekday(accord::model::Weekday::Fri));
    w.draft.rituals.push(new);
    let f = w.finalised();
    let rituals = &f.agreement.rituals;
    let adopted = w.loaded.as_ref().unwrap().adopted.unwrap().0;
    // Its fortnights count from the adoption of the version it ran under: they do not move.
    assert_eq!(
        rituals[retro].start.map(|d| d.0),
        Some(on_or_after(adopted, accord::model::Weekday::Tue))
    );
    let pairing = rituals.iter().find(|r| r.id.as_str() == "pairing").unwrap();
    assert_eq!(
        pairing.start.map(|d| d.0),
        Some(on_or_after(today(), accord::model::Weekday::Fri))
    );
    assert!(
        f.agreement.consent.iter().any(|c| c.item == "retro"),
        "writing the start it already had keeps the retro's consent"
    );
}

#[test]
fn a_proposals_review_date_uses_the_interval_of_the_last_adopted_version() {
    let s = Scratch::new();
    let dir = s.dir.path();
    git(dir, &["init", "-q", "-b", "main"]);
    git(dir, &["add", "agreements"]);
    git(dir, &["commit", "-q", "-m", "payments v3"]);
    // v3: adopted 2026-09-01, review by 2026-12-15: 105 days. v4 is proposed: no adoption date.
    let file = s.root().join("payments/agreement.toml");
    let original = std::fs::read_to_string(&file).unwrap();
    let proposed = original
        .replacen("version = 3", "version = 4", 1)
        .replacen("status = \"active\"", "status = \"proposed\"", 1)
        .replacen("adopted = 2026-09-01\n", "", 1);
    std::fs::write(&file, proposed).unwrap();
    git(dir, &["commit", "-q", "-am", "payments: propose v4"]);
    let mut app = s.app(edit("payments"));
    let w = wizard_mut(&mut app);
    assert_eq!(w.review_days, 105, "from history, not the six-week default");
    let f = w.finalised();
    assert_eq!(f.agreement.status, accord::model::Status::Active);
    assert_eq!(
        f.agreement.review_by.map(|d| d.0),
        today().checked_add_days(chrono::Days::new(105))
    );
    // And the Review step says so.
    while app.wizard().unwrap().step != crate::tui::wizard::Step::Review {
        cmd(&mut app, Cmd::NextStep);
    }
    let t = text(&app, 160, 48);
    assert!(t.contains("15 weeks"), "{t}");
}
