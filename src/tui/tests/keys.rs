//! The key table as the user meets it: footers at 80×24, `q` and Esc, the user's config file.

use ratatui::crossterm::event::KeyCode;

use super::*;
use crate::tui::Start;
use crate::tui::wizard::Step;

fn footer_line(app: &App) -> String {
    text(app, 80, 24).lines().nth(23).unwrap().to_string()
}

#[test]
fn every_footer_at_80x24_ends_with_help_and_shows_esc_back_except_home() {
    let home = fixture(Start::Teams);
    let line = footer_line(&home);
    assert!(
        line.contains("q quit") && line.trim_end().ends_with("? help"),
        "{line}"
    );
    assert!(line.contains("c check-in"), "no entry dropped: {line}");
    assert!(!line.contains("Esc"), "{line}");
    let mut screens = vec![
        fixture(Start::Viewer("payments".into())),
        fixture(edit("payments")),
    ];
    let wizard_at = |step| {
        let mut app = fixture(edit("payments"));
        crate::tui::wizard::update::go(app.wizard_mut().unwrap(), step);
        app
    };
    for step in [Step::Rituals, Step::Review, Step::Consent, Step::Save] {
        screens.push(wizard_at(step));
    }
    for app in &screens {
        let line = footer_line(app);
        assert!(line.contains("Esc back"), "{line}");
        assert!(line.trim_end().ends_with("? help"), "{line}");
        // Every entry the table gives is on the line.
        for item in app.footer() {
            assert!(
                line.contains(&format!("{} {}", item.keys, item.label)),
                "{item:?} cut from {line}"
            );
        }
    }
}

#[test]
fn q_goes_back_from_the_viewer_and_quits_only_from_home() {
    let mut app = fixture(Start::Viewer("payments".into()));
    assert_eq!(app.stack.len(), 2);
    press(&mut app, KeyCode::Char('q'));
    assert!(!app.quit, "q in the viewer does not quit the app");
    assert_eq!(app.stack.len(), 1);
    press(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
}

#[test]
fn the_last_wizard_step_promises_no_next_step() {
    let mut app = fixture(edit("payments"));
    assert!(footer_line(&app).contains("n next"));
    crate::tui::wizard::update::go(app.wizard_mut().unwrap(), Step::Save);
    let line = footer_line(&app);
    assert!(!line.contains("n next"), "{line}");
    assert!(line.contains("s save"), "{line}");
}

fn config_file(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("config.toml");
    std::fs::write(&p, text).unwrap();
    (dir, p)
}

#[test]
fn the_users_config_rebinds_keys_and_names_its_theme() {
    let (_d, p) = config_file("theme = \"high-contrast\"\n[keys]\nnext_step = [\"F2\"]\n");
    let mut app = fixture(edit("payments"));
    crate::tui::with_config(&mut app, Some(p.into_os_string()));
    assert!(app.status.is_none() || !app.status.as_ref().unwrap().text.contains("config"));
    assert_eq!(
        app.theme_name,
        Some(crate::tui::config::ThemeName::HighContrast)
    );
    assert!(
        footer_line(&app).contains("F2 next"),
        "{}",
        footer_line(&app)
    );
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(
        app.wizard().unwrap().step,
        Step::Team,
        "n is no longer next step"
    );
    press(&mut app, KeyCode::F(2));
    assert_eq!(app.wizard().unwrap().step, Step::Presence);
}

#[test]
fn the_config_files_theme_is_drawn_unless_the_command_line_names_one() {
    use crate::tui::theme::Palette;
    let (_d, p) = config_file("theme = \"light\"\n");
    let mut app = fixture(edit("payments"));
    crate::tui::with_config(&mut app, Some(p.clone().into_os_string()));
    crate::tui::config_theme(&mut app, None);
    assert_eq!(app.ctx.palette, Palette::Light);
    let mut app = fixture(edit("payments"));
    crate::tui::with_config(&mut app, Some(p.into_os_string()));
    crate::tui::config_theme(&mut app, Some(Palette::HighContrast));
    assert_eq!(app.ctx.palette, Palette::HighContrast, "--theme wins");
}

#[test]
fn a_bad_config_keeps_the_defaults_and_says_which_line_at_start() {
    let (_d, p) = config_file("theme = \"dark\"\n[keys]\nnext_step = [\"F2\", \"hyper-n\"]\n");
    let mut app = fixture(edit("payments"));
    crate::tui::with_config(&mut app, Some(p.into_os_string()));
    let status = app.status.clone().unwrap();
    assert_eq!(status.tone, crate::tui::app::Tone::Error);
    assert!(status.text.contains("config.toml:3:20"), "{}", status.text);
    assert!(
        status.text.contains("`hyper-n` is not a key"),
        "{}",
        status.text
    );
    assert!(app.theme_name.is_none(), "nothing of a bad file is used");
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.wizard().unwrap().step, Step::Presence, "the default n");
}
