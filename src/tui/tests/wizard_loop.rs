//! The wizard and the loop: a new ritual or norm starts on a 30-day trial (shown, changed and
//! removed in its form, marked in the lists), every item's dimension is shown — derived or
//! named — and set with ←→, and the Review step says which dimensions the agreement covers,
//! warning when only one.

use accord::model::Dimension;
use ratatui::crossterm::event::KeyCode;

use super::*;
use crate::tui::wizard::fields::Field;
use crate::tui::wizard::{Step, Wizard};

fn wizard(app: &App) -> &Wizard {
    app.wizard().expect("the wizard is open")
}

fn go_to(app: &mut App, step: Step) {
    while wizard(app).step != step {
        let c = if wizard(app).step < step {
            Cmd::NextStep
        } else {
            Cmd::PrevStep
        };
        cmd(app, c);
    }
}

/// Moves the form's focus down to `f`.
fn focus(app: &mut App, f: Field) {
    for _ in 0..20 {
        if wizard(app).focused_field() == Some(f) {
            return;
        }
        press(app, KeyCode::Down);
    }
    panic!("{f:?} not reached: {:?}", wizard(app).focused_field());
}

fn line<'a>(t: &'a str, what: &str) -> &'a str {
    t.lines()
        .find(|l| l.contains(what))
        .unwrap_or_else(|| panic!("{what:?} missing:\n{t}"))
}

#[test]
fn a_new_ritual_is_tried_for_30_days_and_the_date_can_change_or_go() {
    let mut app = fixture(edit("payments"));
    go_to(&mut app, Step::Rituals);
    let n = wizard(&app).draft.rituals.len();
    press(&mut app, KeyCode::Char('a'));
    typed(&mut app, "your own");
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "Friday wins");
    press(&mut app, KeyCode::Enter);
    let until = |app: &App| {
        wizard(app).draft.rituals[n]
            .trial_until
            .map(|d| d.0.to_string())
    };
    // Today is 2026-11-20 in the tests.
    assert_eq!(until(&app).as_deref(), Some("2026-12-20"));
    let t = text(&app, 160, 48);
    assert!(line(&t, "On trial until").contains("2026-12-20"), "{t}");
    // Typed over: another date.
    focus(&mut app, Field::RitualTrial(n));
    press(&mut app, KeyCode::Enter);
    for _ in 0.."2026-12-20".len() {
        press(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "2027-01-15");
    press(&mut app, KeyCode::Enter);
    assert_eq!(until(&app).as_deref(), Some("2027-01-15"));
    // Emptied: permanent.
    press(&mut app, KeyCode::Enter);
    for _ in 0.."2027-01-15".len() {
        press(&mut app, KeyCode::Backspace);
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(until(&app), None);
    assert!(line(&text(&app, 160, 48), "On trial until").contains("— (permanent)"));
}

#[test]
fn a_norm_from_the_library_is_tried_for_30_days_too() {
    let mut app = fixture(edit("payments"));
    go_to(&mut app, Step::Norms);
    let n = wizard(&app).draft.norms.len();
    press(&mut app, KeyCode::Char('a'));
    press(&mut app, KeyCode::Enter);
    let norm = &wizard(&app).draft.norms[n];
    assert_eq!(
        norm.trial_until.map(|d| d.0.to_string()).as_deref(),
        Some("2026-12-20"),
        "{norm:?}"
    );
}

#[test]
fn each_items_dimension_is_shown_derived_or_named_and_cycles() {
    let mut app = fixture(edit("payments"));
    go_to(&mut app, Step::Rituals);
    let demo = wizard(&app)
        .draft
        .rituals
        .iter()
        .position(|r| r.id.as_str() == "weekly-demo")
        .unwrap();
    for _ in 0..demo {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    let t = text(&app, 160, 48);
    // Payments' demo is hybrid and names no dimension.
    assert!(
        line(&t, "Dimension").contains("ways of working (from its mode)"),
        "{t}"
    );
    focus(&mut app, Field::RitualDimension(demo));
    press(&mut app, KeyCode::Right);
    assert_eq!(
        wizard(&app).draft.rituals[demo].dimension,
        Some(Dimension::WaysOfWorking)
    );
    press(&mut app, KeyCode::Right);
    assert_eq!(
        wizard(&app).draft.rituals[demo].dimension,
        Some(Dimension::Place)
    );
    assert!(line(&text(&app, 160, 48), "Dimension").contains("place"));
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Left);
    assert_eq!(
        wizard(&app).draft.rituals[demo].dimension,
        None,
        "derived again"
    );
    // The presence form and the norms form show theirs.
    go_to(&mut app, Step::Presence);
    assert!(line(&text(&app, 160, 48), "Dimension").contains("(from its space)"));
    go_to(&mut app, Step::Norms);
    press(&mut app, KeyCode::Enter);
    assert!(line(&text(&app, 160, 48), "Dimension").contains("(from its area)"));
}

#[test]
fn review_says_which_dimensions_are_covered_and_warns_when_one() {
    let mut app = fixture(edit("payments"));
    go_to(&mut app, Step::Review);
    let t = text(&app, 160, 48);
    assert!(
        line(&t, "Covers").contains("ways of working (6) · place (1) · digital (1)"),
        "{t}"
    );
    assert!(!t.contains("! Only"), "{t}");
    // Every item named "place": one dimension only.
    let w = app.wizard_mut().unwrap();
    for r in &mut w.draft.rituals {
        r.dimension = Some(Dimension::Place);
    }
    for n in &mut w.draft.norms {
        n.dimension = Some(Dimension::Place);
    }
    if let Some(p) = &mut w.draft.presence {
        p.dimension = Some(Dimension::Place);
    }
    let t = text(&app, 160, 48);
    assert!(line(&t, "Covers").contains("place (8)"), "{t}");
    assert!(
        t.contains("! Only place: add an item for the others"),
        "{t}"
    );
}

/// The time-zone warnings of `accord validate` show live in the form, under the field they
/// concern: Piotr moved to Tokyo makes the 15:00 Brussels demo 23:00 for him.
#[test]
fn a_ritual_outside_a_members_day_is_warned_under_its_time_as_you_edit() {
    let mut app = fixture(edit("payments"));
    let now = now();
    app.wizard_mut()
        .unwrap()
        .apply(now, |a| {
            let piotr = a
                .members
                .iter_mut()
                .find(|m| m.name == "Piotr Nowak")
                .unwrap();
            piotr.timezone = Some("Asia/Tokyo".parse()?);
            Ok(())
        })
        .unwrap();
    go_to(&mut app, Step::Rituals);
    assert_eq!(wizard(&app).draft.rituals[0].id.as_str(), "weekly-demo");
    press(&mut app, KeyCode::Enter);
    let t = text(&app, 160, 48);
    let lines: Vec<&str> = t.lines().collect();
    let time = lines.iter().position(|l| l.contains("Time   ")).unwrap();
    let below = lines[time..time + 4].join("\n");
    assert!(
        below.contains("23:00") && below.contains("Piotr Nowak"),
        "{t}"
    );
    assert!(below.contains("outside their working hours"), "{t}");
}

#[test]
fn the_lists_mark_items_on_trial_and_trials_ended() {
    let mut app = fixture(edit("ward-7"));
    {
        let w = app.wizard_mut().unwrap();
        let d = |s: &str| Some(accord::model::Date(s.parse().unwrap()));
        // Today is 2026-11-20 in the tests.
        w.draft.rituals[0].trial_until = d("2026-12-31");
        w.draft.rituals[1].trial_until = d("2026-11-19");
        w.draft.rituals[2].trial_until = d("2026-11-20");
    }
    go_to(&mut app, Step::Rituals);
    insta::assert_snapshot!("wizard-rituals-trials@80x24", frame(&app, 80, 24).backend());
    let screen = text(&app, 80, 24);
    assert!(screen.contains("◷ 12-31"), "{screen}");
    assert!(screen.contains("◷ ended"), "{screen}");
    assert!(
        screen.contains("◷ 11-20"),
        "on its last day a trial still runs:\n{screen}"
    );
}
