//! The topics parked last time, in the wizard: a panel that opens with the wizard when there
//! are any (and again with a key from any step) where the lead takes each up, keeps it parked
//! or drops it. Choices are undoable and autosaved like every other change.

use accord::session::Choice;
use chrono::NaiveDateTime;

use super::Wizard;
use crate::tui::action::{Cmd, Out};

/// The choices in the order the panel shows them.
pub const CHOICES: [Choice; 3] = [Choice::TakeUp, Choice::KeepParked, Choice::Drop];

/// Opens the panel on its first topic (or says there is nothing to choose).
pub fn open(w: &mut Wizard) -> Out {
    if w.carried.is_empty() {
        return Out::info("Nothing was parked at the last adoption or check-in");
    }
    w.carried_open = Some(0);
    Out::default()
}

/// A key while the panel is open: it takes every command but quitting.
pub fn command(w: &mut Wizard, cmd: Cmd, now: NaiveDateTime) -> Out {
    let n = w.carried.topics().len();
    let at = w.carried_open.unwrap_or(0).min(n.saturating_sub(1));
    match cmd {
        Cmd::Up => w.carried_open = Some(at.saturating_sub(1)),
        Cmd::Down => w.carried_open = Some((at + 1).min(n.saturating_sub(1))),
        Cmd::TakeUp => return choose(w, at, Choice::TakeUp, now),
        Cmd::KeepParked => return choose(w, at, Choice::KeepParked, now),
        Cmd::DropTopic => return choose(w, at, Choice::Drop, now),
        Cmd::Right | Cmd::Left => {
            let Some(t) = w.carried.topics().get(at) else {
                return Out::default();
            };
            let i = CHOICES.iter().position(|c| *c == t.choice).unwrap_or(1);
            let next = if cmd == Cmd::Right { i + 1 } else { i + 2 };
            return choose(w, at, CHOICES[next % CHOICES.len()], now);
        }
        Cmd::Undo => {
            return Out::info(if w.undo(now) {
                "Undone (U redoes)"
            } else {
                "Nothing to undo"
            });
        }
        Cmd::Redo => {
            return Out::info(if w.redo(now) {
                "Redone"
            } else {
                "Nothing to redo"
            });
        }
        Cmd::Back | Cmd::Open | Cmd::ParkedLastTime => {
            w.carried_open = None;
            return Out::info(summary(w));
        }
        Cmd::Quit => return super::update::quit(w),
        _ => {}
    }
    Out::default()
}

/// Chooses `c` for the `i`-th topic (a key or a click) and selects it.
pub fn choose(w: &mut Wizard, i: usize, c: Choice, now: NaiveDateTime) -> Out {
    let before = w.snapshot();
    if !w.carried.set(i, c) {
        return Out::default();
    }
    w.carried_open = Some(i);
    w.changed(before, now);
    let topic = &w.carried.topics()[i].topic;
    Out::info(format!(
        "“{}”: {}",
        accord::report::text::shorten(topic, 50),
        c.label()
    ))
}

/// What closing the panel says: the choices in one line, and how to come back.
fn summary(w: &Wizard) -> String {
    let count = |c: Choice| w.carried.topics().iter().filter(|t| t.choice == c).count();
    format!(
        "Parked last time: {} taken up, {} kept parked, {} dropped (L shows them again)",
        count(Choice::TakeUp),
        count(Choice::KeepParked),
        count(Choice::Drop)
    )
}
