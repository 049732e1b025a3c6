//! Keys to commands: the embedded table (`table.rs`) with the user's overrides merged over it.
//! Key handling, the footer and the `?` help all read the same `Keymap`, so they cannot disagree.

mod key;
mod table;

use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

pub use key::{KEY_NAMES, Key};
pub use table::{Foot, Scope};

use super::action::Cmd;

/// One row of the table as it applies now: the default keys, or the user's.
#[derive(Debug, Clone)]
struct Bound {
    scope: Scope,
    cmd: Cmd,
    keys: Vec<Key>,
    label: &'static str,
    foot: Foot,
    /// The user's keys: tried before the defaults of the same scope, and shown as written.
    custom: bool,
}

#[derive(Debug, Clone)]
pub struct Keymap {
    rows: Vec<Bound>,
}

impl Default for Keymap {
    fn default() -> Self {
        let rows = table::TABLE
            .iter()
            .flat_map(|(scope, groups)| {
                groups.iter().flat_map(|g| g.iter()).map(|r| Bound {
                    scope: *scope,
                    cmd: r.cmd,
                    keys: key::parse_all(r.keys),
                    label: r.label,
                    foot: r.foot,
                    custom: false,
                })
            })
            .collect();
        Keymap { rows }
    }
}

/// One entry of the footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FooterItem {
    pub keys: String,
    pub label: &'static str,
    pub cmd: Cmd,
}

impl Keymap {
    /// The defaults with these commands' keys replaced, wherever the command is bound.
    pub fn with_overrides(overrides: &BTreeMap<Cmd, Vec<Key>>) -> Keymap {
        let mut map = Keymap::default();
        for row in &mut map.rows {
            if let Some(keys) = overrides.get(&row.cmd) {
                row.keys = keys.clone();
                row.custom = true;
            }
        }
        map
    }

    /// Every command some key means.
    #[cfg(test)]
    pub fn commands(&self) -> Vec<Cmd> {
        let mut all: Vec<Cmd> = self.rows.iter().map(|b| b.cmd).collect();
        all.sort();
        all.dedup();
        all
    }

    /// The rows of one scope, the user's first.
    fn scope(&self, s: Scope) -> impl Iterator<Item = &Bound> {
        let of = move |custom: bool| {
            self.rows
                .iter()
                .filter(move |b| b.scope == s && b.custom == custom)
        };
        of(true).chain(of(false))
    }

    /// The command a key means in these scopes (most specific scope first).
    pub fn resolve(&self, scopes: &[Scope], ev: &KeyEvent) -> Option<Cmd> {
        scopes.iter().find_map(|s| {
            self.scope(*s)
                .find(|b| b.keys.iter().any(|k| k.matches(ev)))
                .map(|b| match (b.cmd, ev.code) {
                    (Cmd::Digit(_), KeyCode::Char(c)) => {
                        Cmd::Digit(c.to_digit(10).map_or(0, |d| d as u8))
                    }
                    (cmd, _) => cmd,
                })
        })
    }

    /// Whether a more specific scope than `scopes[at]` already takes every key of `b`.
    fn shadowed(&self, scopes: &[Scope], at: usize, b: &Bound) -> bool {
        b.keys.iter().all(|k| {
            scopes[..at]
                .iter()
                .any(|s| self.scope(*s).any(|o| o.keys.contains(k)))
        })
    }

    /// The footer of these scopes: each command once, the most specific scope first (so `Esc
    /// back` and `? help` come last), no key a more specific scope has taken.
    pub fn footer(&self, scopes: &[Scope]) -> Vec<FooterItem> {
        let mut out: Vec<FooterItem> = Vec::new();
        for (at, s) in scopes.iter().enumerate() {
            for b in self.scope(*s) {
                let (keys, label) = match b.foot {
                    Foot::No => continue,
                    Foot::As(shown, label) if !b.custom => (shown.to_string(), label),
                    Foot::As(_, label) => (first_key(b), label),
                    Foot::Yes => (first_key(b), b.label),
                };
                if b.keys.is_empty()
                    || out.iter().any(|i| i.cmd == b.cmd)
                    || self.shadowed(scopes, at, b)
                {
                    continue;
                }
                out.push(FooterItem {
                    keys,
                    label,
                    cmd: b.cmd,
                });
            }
        }
        // Leaving and help close the line, where every footer has them.
        let last = |i: &FooterItem| match i.cmd {
            Cmd::Help => 2,
            _ if i.keys == "Esc" => 1,
            _ => 0,
        };
        out.sort_by_key(last);
        out
    }

    /// The help: every row of these scopes a more specific one does not hide, by scope.
    pub fn help(&self, scopes: &[Scope]) -> Vec<(Scope, Vec<(String, &'static str)>)> {
        let mut out: Vec<(Scope, Vec<(String, &'static str)>)> = Vec::new();
        for (at, s) in scopes.iter().enumerate() {
            let rows: Vec<(String, &str)> = self
                .scope(*s)
                .filter(|b| !b.keys.is_empty() && !self.shadowed(scopes, at, b))
                .map(|b| (shown_keys(b), b.label))
                .collect();
            if rows.is_empty() {
                continue;
            }
            match out.iter_mut().find(|(t, _)| t.title() == s.title()) {
                Some((_, existing)) => existing.extend(rows),
                None => out.push((*s, rows)),
            }
        }
        out
    }
}

fn first_key(b: &Bound) -> String {
    b.keys.first().map(Key::shown).unwrap_or_default()
}

/// The keys of a row for the help: "u Ctrl-Z"; the ten digits as "0-9".
fn shown_keys(b: &Bound) -> String {
    if matches!(b.cmd, Cmd::Digit(_)) && !b.custom {
        return "0-9".into();
    }
    b.keys.iter().map(Key::shown).collect::<Vec<_>>().join(" ")
}

/// The cells one footer entry takes.
pub fn cell_width(i: &FooterItem) -> u16 {
    use unicode_width::UnicodeWidthStr;
    (i.keys.width() + 1 + i.label.width()) as u16
}

/// The footer laid out on one line of `width` cells: each item with its column range. The items
/// are written to fit 80 columns (a test holds every footer to it); should a user's longer key
/// names not fit, entries from the middle are dropped, never the last two (`Esc back`, `? help`).
/// Rendering and mouse clicks both use this.
pub fn footer_layout(items: &[FooterItem], width: u16) -> Vec<(u16, u16, FooterItem)> {
    const GAP: u16 = 2;
    let pinned = items.len().saturating_sub(2);
    let tail: u16 = items[pinned..].iter().map(|i| cell_width(i) + GAP).sum();
    let mut x = 1u16;
    let mut out = Vec::new();
    for (idx, item) in items.iter().enumerate() {
        let w = cell_width(item);
        let room = if idx >= pinned {
            width
        } else {
            width.saturating_sub(tail)
        };
        if x + w > room {
            continue;
        }
        out.push((x, x + w, item.clone()));
        x += w + GAP;
    }
    out
}

#[cfg(test)]
mod tests;
