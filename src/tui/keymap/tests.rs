use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use Scope as S;

/// The scope lists the app's states produce (`App::screen_scopes`), one per kind of state.
pub const STATES: &[&[Scope]] = &[
    &[S::Teams, S::Global],
    &[S::Viewer, S::Global],
    &[S::Dashboard, S::Global],
    &[S::History, S::Global],
    &[S::HistoryDiff, S::Global],
    &[S::Week, S::Global],
    &[S::Report, S::Global],
    &[S::WizardList, S::Wizard, S::Global],
    &[S::WizardCarried, S::Global],
    &[
        S::FieldText,
        S::FormBesideList,
        S::Form,
        S::Wizard,
        S::Global,
    ],
    &[
        S::FieldChoice,
        S::FormBesideList,
        S::Form,
        S::Wizard,
        S::Global,
    ],
    &[S::FieldDays, S::Form, S::Wizard, S::Global],
    &[S::FieldText, S::Form, S::Wizard, S::Global],
    &[S::Review, S::Wizard, S::Global],
    &[S::Consent, S::Wizard, S::Global],
    &[S::SaveStep, S::Wizard, S::Global],
    &[S::Editing],
    &[S::Picker],
    &[S::Prompt],
    &[S::Help],
    &[S::Recover],
    &[S::RecoverDiscard],
    &[S::ConfirmQuit],
    &[S::ChangedOnDisk],
    &[S::Objection],
    &[S::CheckinPeriod, S::Checkin, S::Global],
    &[S::CheckinNumbers, S::CheckinPresence, S::Checkin, S::Global],
    &[S::CheckinNumbers, S::CheckinRituals, S::Checkin, S::Global],
    &[S::CheckinChoice, S::Checkin, S::Global],
    &[S::CheckinPulse, S::Checkin, S::Global],
    &[S::CheckinSummary, S::Checkin, S::Global],
    &[S::CheckinDecisions, S::CheckinChoice, S::Checkin, S::Global],
    &[S::CheckinWins, S::CheckinSummary, S::Checkin, S::Global],
    &[S::CheckinPulseEntry],
    &[S::ConfirmEmpty],
];

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::from(code)
}

#[test]
fn no_key_means_two_things_in_one_scope() {
    let map = Keymap::default();
    for (i, a) in map.rows.iter().enumerate() {
        for b in &map.rows[i + 1..] {
            for k in &a.keys {
                assert!(
                    !(a.scope == b.scope && b.keys.contains(k)),
                    "{:?}: {} means both {:?} and {:?}",
                    a.scope,
                    k.shown(),
                    a.cmd,
                    b.cmd
                );
            }
        }
    }
}

#[test]
fn the_specific_scope_wins_and_ctrl_and_digits_resolve() {
    let map = Keymap::default();
    let esc = key(KeyCode::Esc);
    assert_eq!(
        map.resolve(&[S::FormBesideList, S::Form, S::Global], &esc),
        Some(Cmd::SwitchPane)
    );
    assert_eq!(map.resolve(&[S::Form, S::Global], &esc), Some(Cmd::Back));
    let ctrl_z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert_eq!(map.resolve(&[S::Wizard], &ctrl_z), Some(Cmd::Undo));
    let shift_u = KeyEvent::new(KeyCode::Char('U'), KeyModifiers::SHIFT);
    assert_eq!(map.resolve(&[S::Wizard], &shift_u), Some(Cmd::Redo));
    assert_eq!(
        map.resolve(&[S::Consent], &key(KeyCode::Char('7'))),
        Some(Cmd::Digit(7))
    );
}

#[test]
fn q_quits_from_home_only_and_goes_back_elsewhere() {
    let map = Keymap::default();
    let q = key(KeyCode::Char('q'));
    assert_eq!(map.resolve(&[S::Teams, S::Global], &q), Some(Cmd::Quit));
    for scopes in STATES
        .iter()
        .filter(|s| s.last() == Some(&S::Global) && s[0] != S::Teams)
    {
        assert_eq!(map.resolve(scopes, &q), Some(Cmd::Back), "{scopes:?}");
    }
}

#[test]
fn every_footer_fits_80_columns_and_shows_esc_except_home() {
    let map = Keymap::default();
    for scopes in STATES {
        let items = map.footer(scopes);
        // Typing footers start after " typing —".
        let width = if matches!(scopes[0], S::Editing | S::Picker | S::Prompt) {
            80 - 9
        } else {
            80
        };
        let laid = footer_layout(&items, width);
        let shown: Vec<String> = laid
            .iter()
            .map(|(_, _, i)| format!("{} {}", i.keys, i.label))
            .collect();
        assert_eq!(laid.len(), items.len(), "{scopes:?}: cut to {shown:?}");
        let esc = shown.iter().any(|s| s.starts_with("Esc "));
        if scopes[0] == S::Teams {
            assert!(!esc && shown.iter().any(|s| s == "q quit"), "{shown:?}");
        } else {
            assert!(esc, "{scopes:?} has no Esc: {shown:?}");
        }
    }
}

#[test]
fn every_help_line_fits_the_help_box() {
    let map = Keymap::default();
    for scopes in STATES {
        for (_, rows) in map.help(scopes) {
            for (keys, label) in rows {
                let line = format!("  {keys:<12}{label}");
                assert!(
                    unicode_width::UnicodeWidthStr::width(line.as_str())
                        <= crate::tui::ui::HELP_TEXT_WIDTH as usize,
                    "too wide for the help: {line:?}"
                );
            }
        }
    }
}

#[test]
fn the_users_keys_replace_a_commands_keys_everywhere_and_show() {
    let mut o = BTreeMap::new();
    o.insert(
        Cmd::Save,
        vec![Key::parse("ctrl-s").unwrap(), Key::parse("F2").unwrap()],
    );
    let map = Keymap::with_overrides(&o);
    let scopes = [S::SaveStep, S::Wizard, S::Global];
    let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(map.resolve(&scopes, &ctrl_s), Some(Cmd::Save));
    assert_eq!(map.resolve(&scopes, &key(KeyCode::F(2))), Some(Cmd::Save));
    assert_eq!(map.resolve(&scopes, &key(KeyCode::Char('s'))), None);
    let summary = [S::CheckinSummary, S::Checkin, S::Global];
    assert_eq!(map.resolve(&summary, &key(KeyCode::F(2))), Some(Cmd::Save));
    let footer = map.footer(&scopes);
    assert!(
        footer
            .iter()
            .any(|i| i.keys == "Ctrl-S" && i.label == "save"),
        "{footer:?}"
    );
    let help = map.help(&scopes);
    assert!(
        help.iter()
            .flat_map(|(_, r)| r)
            .any(|(k, _)| k == "Ctrl-S F2")
    );
}
