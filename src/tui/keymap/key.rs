//! One key as the keymap file and the footer write it ("ctrl-s", "F2", "pgdn", "?"), and whether a
//! terminal key event is that key.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key code and whether Ctrl is held (Shift is part of the character: 'U', or BackTab).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

/// Named keys, as written in the table and the keymap file (lower case), and as shown.
const NAMES: &[(&str, KeyCode, &str)] = &[
    ("enter", KeyCode::Enter, "Enter"),
    ("esc", KeyCode::Esc, "Esc"),
    ("tab", KeyCode::Tab, "Tab"),
    ("backtab", KeyCode::BackTab, "Shift-Tab"),
    ("backspace", KeyCode::Backspace, "Bksp"),
    ("delete", KeyCode::Delete, "Del"),
    ("insert", KeyCode::Insert, "Ins"),
    ("up", KeyCode::Up, "↑"),
    ("down", KeyCode::Down, "↓"),
    ("left", KeyCode::Left, "←"),
    ("right", KeyCode::Right, "→"),
    ("home", KeyCode::Home, "Home"),
    ("end", KeyCode::End, "End"),
    ("pgup", KeyCode::PageUp, "PgUp"),
    ("pgdn", KeyCode::PageDown, "PgDn"),
    ("space", KeyCode::Char(' '), "Space"),
];

/// What a key may be, for the message about one that is not.
pub const KEY_NAMES: &str = "write one character (`a`, `?`), a name (enter, esc, tab, \
    shift-tab, up, down, left, right, home, end, pgup, pgdn, backspace, space, F1…F12), or \
    ctrl- before one of them";

/// Other spellings people write in keymap files.
const ALIASES: &[(&str, &str)] = &[
    ("return", "enter"),
    ("escape", "esc"),
    ("shift-tab", "backtab"),
    ("bksp", "backspace"),
    ("del", "delete"),
    ("ins", "insert"),
    ("pageup", "pgup"),
    ("pagedown", "pgdn"),
];

impl Key {
    /// Reads "ctrl-s", "F2", "enter", "shift-tab", "?", "U". The error says what is accepted.
    pub fn parse(text: &str) -> Result<Key, String> {
        let lower = text.trim().to_ascii_lowercase();
        let lower = ALIASES
            .iter()
            .find(|(a, _)| *a == lower)
            .map_or(lower.as_str(), |(_, n)| n);
        let (ctrl, rest) = match lower.strip_prefix("ctrl-") {
            Some(r) if !r.is_empty() => (true, r),
            _ => (false, lower),
        };
        let original_rest = &text.trim()[text.trim().len() - rest.len()..];
        let code = if let Some((_, code, _)) = NAMES.iter().find(|(n, _, _)| *n == rest) {
            *code
        } else if let Some(n) = rest.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
            if !(1..=12).contains(&n) {
                return Err(format!(
                    "`{text}` is not a key: function keys are F1 to F12"
                ));
            }
            KeyCode::F(n)
        } else {
            let mut chars = original_rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if !c.is_control() => {
                    KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c })
                }
                _ => return Err(format!("`{text}` is not a key")),
            }
        };
        Ok(Key { code, ctrl })
    }

    /// As the footer and the help show it: "Ctrl-S", "F2", "↑", "PgDn", "q".
    pub fn shown(&self) -> String {
        let base = match self.code {
            KeyCode::F(n) => format!("F{n}"),
            KeyCode::Char(c) if c != ' ' && self.ctrl => c.to_ascii_uppercase().to_string(),
            KeyCode::Char(c) if c != ' ' => c.to_string(),
            code => NAMES
                .iter()
                .find(|(_, k, _)| *k == code)
                .map_or_else(|| format!("{code:?}"), |(_, _, s)| (*s).to_string()),
        };
        if self.ctrl {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }

    pub fn matches(&self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let code = match ev.code {
            // Shift is part of the character itself ('U'), except for BackTab.
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            c => c,
        };
        code == self.code && ctrl == self.ctrl
    }
}

/// The keys of a table row: names separated by spaces ("up k").
pub fn parse_all(text: &str) -> Vec<Key> {
    text.split_whitespace()
        .map(|k| Key::parse(k).unwrap_or_else(|e| panic!("the key table: {e}")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_bad_names_say_what_works() {
        let k = Key::parse("ctrl-S").unwrap();
        assert_eq!(
            k,
            Key {
                code: KeyCode::Char('s'),
                ctrl: true
            }
        );
        assert_eq!(k.shown(), "Ctrl-S");
        assert_eq!(Key::parse("F2").unwrap().code, KeyCode::F(2));
        assert_eq!(Key::parse("shift-tab").unwrap().code, KeyCode::BackTab);
        assert_eq!(Key::parse("PageDown").unwrap().shown(), "PgDn");
        assert_eq!(Key::parse("U").unwrap().code, KeyCode::Char('U'));
        assert_eq!(Key::parse("?").unwrap().shown(), "?");
        let e = Key::parse("ctrl-alt-banana").unwrap_err();
        assert!(e.contains("`ctrl-alt-banana` is not a key"), "{e}");
        assert!(Key::parse("F13").unwrap_err().contains("F1 to F12"));
    }

    #[test]
    fn ctrl_matters_and_shift_is_in_the_character() {
        let ctrl_z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
        assert!(Key::parse("ctrl-z").unwrap().matches(&ctrl_z));
        assert!(!Key::parse("z").unwrap().matches(&ctrl_z));
        let shift_u = KeyEvent::new(KeyCode::Char('U'), KeyModifiers::SHIFT);
        assert!(Key::parse("U").unwrap().matches(&shift_u));
    }
}
