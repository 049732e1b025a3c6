//! The shell around every screen: a header that keeps the date with a long team name, a status
//! line that keeps the part of a message that explains.

use super::*;
use crate::tui::wizard::load::WizardRequest;

fn long_named() -> App {
    fixture(Start::Wizard(WizardRequest {
        team: "orbit".into(),
        new: true,
        preset: None,
        name: Some("The Interplanetary Payments and Settlements Platform Team of Ghent".into()),
        workshop: true,
    }))
}

#[test]
fn a_long_team_name_is_cut_and_the_date_stays() {
    let app = long_named();
    let t = text(&app, 80, 24);
    let header = t.lines().next().unwrap();
    assert!(header.ends_with("Fri 20 Nov 2026 "), "{header:?}");
    assert!(header.contains('…'), "{header:?}");
    assert!(
        header.contains("New agreement: The Interplanetary"),
        "{header:?}"
    );
}

#[test]
fn a_long_status_wraps_and_keeps_its_end() {
    let mut app = fixture(Start::Teams);
    app.error(
        "Saved agreements/payments/agreement.toml · saved, but not committed: git could not \
         lock .git/index (another git process seems to be running; remove .git/index.lock if \
         none is)",
    );
    let t = text(&app, 80, 24);
    assert!(t.contains("saved, but not committed"), "{t}");
    assert!(t.contains("remove .git/index.lock if"), "{t}");
    assert!(t.contains("none is)"), "{t}");
    // The footer is still the last line.
    let last = t.lines().last().unwrap();
    assert!(last.contains("help"), "{last:?}");
    // A short message keeps the one line it had.
    let mut short = fixture(Start::Teams);
    short.info("Saved");
    let rows = |a: &App| crate::tui::ui::shell(a, ratatui::layout::Rect::new(0, 0, 80, 24));
    assert_eq!(rows(&short).status.height, 1);
    assert!((2..=3).contains(&rows(&app).status.height));
}

#[test]
fn a_new_team_name_with_accents_gets_a_suggestion_shown_whole() {
    let mut app = fixture(Start::Teams);
    cmd(&mut app, Cmd::New);
    typed(&mut app, "Équipe 2");
    cmd(&mut app, Cmd::Open);
    let t = text(&app, 80, 24);
    assert!(t.contains("try \"equipe-2\""), "{t}");
    assert!(t.contains("invalid name \"Équipe 2\""), "{t}");
    // Still in the prompt, with the text kept to correct.
    assert!(t.contains("Équipe 2"), "{t}");
    assert!(t.contains("Enter done"), "{t}");
}
