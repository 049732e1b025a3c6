//! The three themes on one screen, colours included: a snapshot of each cell's style (runs of
//! equal style per row), so a change of colour shows in review like a change of text.

use std::fmt::Write;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};

use super::*;
use crate::tui::theme::Palette;

/// "row 3: 0-1 default/default · 2-20 Blue/White BOLD …" for every row of the buffer.
fn style_runs(buf: &Buffer) -> String {
    let mut out = String::new();
    let name = |c: Color| match c {
        Color::Reset => "default".to_string(),
        c => format!("{c:?}"),
    };
    for y in 0..buf.area.height {
        let mut runs = Vec::new();
        let mut x = 0;
        while x < buf.area.width {
            let s = buf[(x, y)].style();
            let mut end = x;
            while end + 1 < buf.area.width && buf[(end + 1, y)].style() == s {
                end += 1;
            }
            let m = if s.add_modifier.is_empty() {
                String::new()
            } else {
                format!(" {:?}", s.add_modifier)
            };
            let fg = name(s.fg.unwrap_or(Color::Reset));
            let bg = name(s.bg.unwrap_or(Color::Reset));
            runs.push(format!("{x}-{end} {fg}/{bg}{m}"));
            x = end + 1;
        }
        let _ = writeln!(out, "row {y:2}: {}", runs.join(" · "));
    }
    out
}

fn teams_in(palette: Palette, no_color: bool) -> App {
    let mut app = fixture(Start::Teams);
    app.ctx.palette = palette;
    app.ctx.no_color = no_color;
    app
}

#[test]
fn each_theme_on_the_teams_screen() {
    for p in Palette::ALL {
        let app = teams_in(p, false);
        let t = frame(&app, 80, 24);
        let buf = t.backend().buffer();
        insta::assert_snapshot!(format!("theme-{}", p.name()), style_runs(buf));
        let bg = match p {
            Palette::Dark => None,
            Palette::Light => Some(Color::White),
            Palette::HighContrast => Some(Color::Black),
        };
        for cell in &buf.content {
            // Reverse video (the selection) swaps the two, so the pair is still the theme's.
            assert_eq!(cell.bg, bg.unwrap_or(Color::Reset), "{p:?}: {cell:?}");
        }
        if p == Palette::Light {
            assert!(
                buf.content
                    .iter()
                    .all(|c| !matches!(c.fg, Color::Yellow | Color::LightYellow | Color::White)),
                "no light text on the light background"
            );
        }
    }
    // The text is the same in every theme: only colours change.
    let text_of = |p| text(&teams_in(p, false), 80, 24);
    assert_eq!(text_of(Palette::Light), text_of(Palette::Dark));
}

#[test]
fn no_color_wins_over_every_theme() {
    for p in Palette::ALL {
        for workshop in [false, true] {
            let mut app = if workshop {
                fixture(new_team("orbit", None, true))
            } else {
                teams_in(p, true)
            };
            app.ctx.palette = p;
            app.ctx.no_color = true;
            let t = frame(&app, 80, 24);
            for cell in &t.backend().buffer().content {
                assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{p:?}");
            }
            let selected = t
                .backend()
                .buffer()
                .content
                .iter()
                .any(|c| c.modifier.contains(Modifier::REVERSED));
            assert!(selected, "the selection still shows: {p:?}");
        }
    }
}

#[test]
fn ctrl_t_cycles_the_theme_and_says_which() {
    let mut app = fixture(Start::Teams);
    assert_eq!(app.theme().palette, Palette::Dark);
    ctrl(&mut app, 't');
    assert_eq!(app.theme().palette, Palette::Light);
    assert!(text(&app, 80, 24).contains("Theme: light"));
    ctrl(&mut app, 't');
    assert_eq!(app.theme().palette, Palette::HighContrast);
    ctrl(&mut app, 't');
    assert_eq!(app.theme().palette, Palette::Dark);
    // The key works on every screen, the wizard too, and workshop mode skips the look it
    // already shows (dark is drawn as high contrast there).
    let mut w = fixture(new_team("orbit", None, true));
    assert_eq!(w.theme().palette, Palette::HighContrast);
    ctrl(&mut w, 't');
    assert_eq!(w.theme().palette, Palette::Light);
    ctrl(&mut w, 't');
    assert_eq!(w.theme().palette, Palette::HighContrast);
    // Typing into a field is not disturbed: 't' is a letter there.
    press(&mut w, KeyCode::Enter);
    assert_eq!(w.theme().palette, Palette::HighContrast);
}
