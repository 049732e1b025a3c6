//! The hit map is what was drawn: each target's place on the frame holds the row, tab, field or
//! key it stands for, and a click where nothing is drawn does nothing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{click, edit, fixture};
use crate::tui::Start;
use crate::tui::app::{App, Screen};
use crate::tui::hits::{HitMap, Target};

/// Draws the app at 80×24 and returns the frame with its hit map.
fn drawn(app: &App) -> (Buffer, HitMap) {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    let mut hits = None;
    t.draw(|f| hits = Some(crate::tui::ui::render(app, f)))
        .unwrap();
    (t.backend().buffer().clone(), hits.unwrap())
}

fn text_in(b: &Buffer, r: Rect) -> String {
    let mut s = String::new();
    for y in r.y..r.y + r.height {
        for x in r.x..r.x + r.width {
            s.push_str(b[(x, y)].symbol());
        }
    }
    s
}

#[test]
fn team_rows_and_footer_keys_are_where_they_are_drawn() {
    let app = fixture(Start::Teams);
    let (buf, hits) = drawn(&app);
    let Some(Screen::Teams(t)) = app.screen() else {
        panic!("teams");
    };
    let mut rows = 0;
    let mut keys = Vec::new();
    for (r, target) in hits.targets() {
        match target {
            Target::TeamRow(i) => {
                rows += 1;
                let shown = text_in(&buf, r);
                let name = t.rows[i]
                    .agreement
                    .as_ref()
                    .map_or(t.rows[i].slug.clone(), |a| a.team.clone());
                assert!(shown.contains(&name), "row {i} at {r:?} shows {shown:?}");
            }
            Target::Key(cmd) => keys.push((cmd, text_in(&buf, r))),
            other => panic!("{other:?} on the teams screen"),
        }
    }
    assert_eq!(rows, t.rows.len(), "every team is reachable at 80×24");
    assert!(
        keys.iter().any(|(_, label)| label.contains("? help")),
        "{keys:?}"
    );
    // A footer key's place shows its key and label: the help key opens the help.
    let (_, help) = keys.iter().find(|(_, l)| l.contains("? help")).unwrap();
    assert!(!help.trim().is_empty());
}

#[test]
fn wizard_tabs_rows_and_fields_are_where_they_are_drawn() {
    let app = fixture(edit("payments"));
    let (buf, hits) = drawn(&app);
    let w = app.wizard().unwrap();
    let mut seen = (0, 0, 0);
    for (r, target) in hits.targets() {
        let shown = text_in(&buf, r);
        match target {
            Target::WizardTab(step) => {
                seen.0 += 1;
                let n = crate::tui::wizard::Step::ALL
                    .iter()
                    .position(|s| *s == step)
                    .unwrap()
                    + 1;
                assert!(shown.contains(&n.to_string()), "tab {step:?}: {shown:?}");
            }
            Target::WizardRow(i) => {
                seen.1 += 1;
                assert!(i < w.list_len());
            }
            Target::WizardField(_) => seen.2 += 1,
            Target::Key(_) => {}
            other => panic!("{other:?} in the wizard"),
        }
    }
    assert_eq!(seen.0, crate::tui::wizard::Step::ALL.len(), "every tab");
    assert!(seen.1 >= 2 && seen.2 >= 2, "{seen:?}");
}

#[test]
fn a_click_where_nothing_is_drawn_does_nothing_and_a_row_click_selects_it() {
    let mut app = fixture(Start::Teams);
    let (_, hits) = drawn(&app);
    let (r, _) = hits
        .targets()
        .find(|(_, t)| *t == Target::TeamRow(1))
        .expect("a second team");
    // The header line holds no target.
    assert_eq!(hits.at(0, 0), None);
    assert!(click(&mut app, 0, 0).is_empty());
    let Some(Screen::Teams(t)) = app.screen() else {
        panic!()
    };
    assert_eq!(t.selected, 0);
    click(&mut app, r.x + 1, r.y);
    let Some(Screen::Teams(t)) = app.screen() else {
        panic!()
    };
    assert_eq!(t.selected, 1);
}

#[test]
fn too_small_a_frame_has_nothing_to_click() {
    let app = fixture(Start::Teams);
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(40, 10)).unwrap();
    let mut hits = None;
    t.draw(|f| hits = Some(crate::tui::ui::render(&app, f)))
        .unwrap();
    assert_eq!(hits.unwrap(), HitMap::default());
}
