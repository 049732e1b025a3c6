//! The teams list tells an agreement that breaks a rule from an ordinary draft, and marks every
//! kind of draft waiting for a team.

use accord::store::drafts::{DraftKind, Drafts};

use super::*;
use crate::tui::app::Screen;

fn select(app: &mut App, slug: &str) {
    let Some(Screen::Teams(t)) = app.screen_mut() else {
        panic!("the teams list")
    };
    t.selected = t.find(slug).unwrap();
}

fn row<'a>(t: &'a str, name: &str) -> &'a str {
    t.lines().find(|l| l.contains(name)).unwrap()
}

#[test]
fn an_agreement_that_breaks_a_rule_is_marked_invalid_not_draft() {
    let s = Scratch::new();
    let file = s.root().join("data-platform/agreement.toml");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str(
        "\n[[consent]]\nitem = \"nothing-like-this\"\nagree = 1\nconcerns = 0\nobjections = 0\n",
    );
    std::fs::write(&file, text).unwrap();
    let mut app = s.app(Start::Teams);
    let t = text_of(&app);
    let line = row(&t, "Data Platform");
    assert!(line.contains("invalid"), "{line}");
    assert!(!line.contains("draft"), "{line}");
    assert!(row(&t, "Payments").contains("active"));
    select(&mut app, "data-platform");
    let t = text_of(&app);
    assert!(t.contains("✗ consent for \"nothing-like-this\""), "{t}");
}

#[test]
fn a_check_in_draft_is_marked_and_explained() {
    let s = Scratch::new();
    let drafts = Drafts::new(&s.data(), &s.root());
    drafts
        .save("payments", DraftKind::CheckIn, "team = \"payments\"\n")
        .unwrap();
    let mut app = s.app(Start::Teams);
    let t = text_of(&app);
    assert!(row(&t, "Payments").contains('✎'), "{t}");
    assert!(!row(&t, "Atlas").contains('✎'), "{t}");
    select(&mut app, "payments");
    let t = text_of(&app);
    assert!(
        t.contains("an unsaved check-in draft waits for this team: c offers it back"),
        "{t}"
    );
}

fn text_of(app: &App) -> String {
    text(app, 80, 24)
}

/// The Actions column counts what the library's loop says is open and overdue, per team; a
/// check-in that does not read makes the count unknown ("?"), said under the table.
#[test]
fn open_and_overdue_actions_per_team() {
    let s = Scratch::new();
    let app = s.app(Start::Teams);
    let rows = |app: &App| match app.screen() {
        Some(Screen::Teams(t)) => t.rows.clone(),
        _ => panic!("the teams list"),
    };
    let counts: Vec<_> = rows(&app)
        .iter()
        .map(|r| (r.slug.clone(), r.actions.map(|a| (a.open, a.overdue))))
        .collect();
    assert!(
        counts.contains(&("atlas".into(), Some((3, 1)))),
        "{counts:?}"
    );
    assert!(
        counts.contains(&("payments".into(), Some((5, 0)))),
        "{counts:?}"
    );
    assert!(
        counts.contains(&("data-platform".into(), Some((0, 0)))),
        "{counts:?}"
    );
    let t = text_of(&app);
    assert!(row(&t, "Atlas").contains("3 ⚠1"), "{t}");
    assert!(row(&t, "Data Platform").contains("—"), "{t}");
    // A check-in that does not parse: the count is unknown, not a wrong number.
    std::fs::write(
        s.root().join("payments/checkins/2026-11-17.toml"),
        "date = 2026-11-17\nthis is not toml\n",
    )
    .unwrap();
    let mut app2 = s.app(Start::Teams);
    select(&mut app2, "payments");
    let t = text_of(&app2);
    assert!(row(&t, "Payments").contains(" ? "), "{t}");
    assert!(t.contains("its open actions are not counted"), "{t}");
}
