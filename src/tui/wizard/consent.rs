//! The consent round: one item at a time, three counts, no names. An objection sends the item
//! back to be changed or to the parking lot.

use accord::model::{Consent, ItemRef, PRESENCE_ITEM};
use accord::session::adopt::{Counts, check_team_size};
use chrono::NaiveDateTime;

use super::save::fingerprint;
use super::{Pane, Step, Wizard};

/// The three counts, in the order they are shown.
pub const COUNTS: [&str; 3] = ["Agree", "Concerns", "Objections"];

/// An item of the round as the screen lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: String,
    pub kind: &'static str,
    pub title: String,
    pub counts: Option<[u32; 3]>,
    /// Counts were given to an earlier wording of the item.
    pub stale: bool,
}

pub fn items(w: &Wizard) -> Vec<Item> {
    w.draft
        .items()
        .map(|it| {
            let id = it.id().to_string();
            let entry = w.draft.consent_for(&id);
            let current = fingerprint(&w.draft, &id);
            let stale = entry.is_some() && w.basis.get(&id) != current.as_ref();
            Item {
                kind: it.kind(),
                title: title(&it),
                counts: entry.map(|c| [c.agree, c.concerns, c.objections]),
                stale,
                id,
            }
        })
        .collect()
}

fn title(it: &ItemRef) -> String {
    let t = accord::text::sanitize_line(it.title()).into_owned();
    if t.trim().is_empty() {
        format!("({})", it.id())
    } else {
        t
    }
}

/// Whether an item needs (another) round: no counts, stale counts, or an objection.
fn open(i: &Item) -> bool {
    match i.counts {
        None => true,
        Some([a, c, o]) => i.stale || o > 0 || a + c + o == 0,
    }
}

/// Entering the step: start at the first item that still needs counts.
pub fn enter(w: &mut Wizard) {
    let list = items(w);
    w.consent_item = list.iter().position(open).unwrap_or(0);
    w.consent_count = 0;
    w.consent_typing = false;
}

pub fn current(w: &Wizard) -> Option<Item> {
    items(w).into_iter().nth(w.consent_item)
}

/// How many items still need counts.
pub fn remaining(w: &Wizard) -> usize {
    items(w).iter().filter(|i| open(i)).count()
}

/// Sets one count of the current item; the counts then hold for the item as it reads now.
/// Refused, with the reason, when the counts would add up to more voices than members.
pub fn set_count(
    w: &mut Wizard,
    which: usize,
    value: u32,
    now: NaiveDateTime,
) -> Result<(), String> {
    let Some(item) = current(w) else {
        return Ok(());
    };
    let mut v = item.counts.unwrap_or([0; 3]);
    v[which] = value.min(999);
    let counts = Counts {
        agree: v[0],
        concerns: v[1],
        objections: v[2],
    };
    if let Err(d) = check_team_size(&w.draft, &item.title, counts) {
        return Err(match &d.hint {
            Some(h) => format!("{}: {h}", d.message),
            None => d.message,
        });
    }
    let _ = w.apply(now, |a| {
        let idx = match a.consent.iter().position(|c| c.item == item.id) {
            Some(i) => i,
            None => {
                a.consent.push(Consent {
                    item: item.id.clone(),
                    agree: 0,
                    concerns: 0,
                    objections: 0,
                });
                a.consent.len() - 1
            }
        };
        let c = &mut a.consent[idx];
        (c.agree, c.concerns, c.objections) = (v[0], v[1], v[2]);
        Ok(())
    });
    if let Some(fp) = fingerprint(&w.draft, &item.id) {
        // Part of the same change: the basis is in the snapshot undo restores.
        w.basis.insert(item.id, fp);
        w.recheck();
    }
    Ok(())
}

pub fn get_count(w: &Wizard, which: usize) -> u32 {
    current(w).and_then(|i| i.counts).map_or(0, |c| c[which])
}

pub fn adjust(w: &mut Wizard, delta: i64, now: NaiveDateTime) -> Result<(), String> {
    let which = w.consent_count;
    let v = (i64::from(get_count(w, which)) + delta).max(0) as u32;
    w.consent_typing = false;
    set_count(w, which, v, now)
}

pub fn digit(w: &mut Wizard, d: u8, now: NaiveDateTime) -> Result<(), String> {
    let which = w.consent_count;
    let v = if w.consent_typing {
        get_count(w, which).saturating_mul(10) + u32::from(d)
    } else {
        u32::from(d)
    };
    w.consent_typing = true;
    let set = set_count(w, which, v, now);
    // After a refused digit the next one starts a new number, not "59".
    w.consent_typing = set.is_ok();
    set
}

pub fn backspace(w: &mut Wizard, now: NaiveDateTime) -> Result<(), String> {
    let which = w.consent_count;
    let v = get_count(w, which) / 10;
    w.consent_typing = true;
    set_count(w, which, v, now)
}

pub fn move_item(w: &mut Wizard, forward: bool) {
    let n = items(w).len();
    if n == 0 {
        return;
    }
    w.consent_item = if forward {
        (w.consent_item + 1).min(n - 1)
    } else {
        w.consent_item.saturating_sub(1)
    };
    w.consent_count = 0;
    w.consent_typing = false;
}

/// Sends the item with an objection back to its step, selected, to be changed.
pub fn edit_item(w: &mut Wizard, id: &str) {
    if id == PRESENCE_ITEM {
        w.step = Step::Presence;
        w.pane = Pane::Form;
        w.field = 0;
        return;
    }
    if let Some(i) = w.draft.rituals.iter().position(|r| r.id.as_str() == id) {
        w.step = Step::Rituals;
        w.record[1] = i;
    } else if let Some(i) = w.draft.norms.iter().position(|n| n.id.as_str() == id) {
        w.step = Step::Norms;
        w.record[2] = i;
    }
    w.pane = Pane::Form;
    w.field = 0;
}

/// Takes the item out of this agreement and notes it in the parking lot.
pub fn park_item(w: &mut Wizard, id: &str, now: NaiveDateTime) {
    let Some(item) = items(w).into_iter().find(|i| i.id == id) else {
        return;
    };
    let note = format!(
        "{} ({}): objection in the consent round, taken out for now",
        item.title, item.kind
    );
    let before = w.snapshot();
    let a = &mut w.draft;
    if id == PRESENCE_ITEM {
        a.presence = None;
    }
    a.rituals.retain(|r| r.id.as_str() != id);
    a.norms.retain(|n| n.id.as_str() != id);
    a.consent.retain(|c| c.item != id);
    w.basis.remove(id);
    w.parked.park(&note);
    w.changed(before, now);
    w.clamp();
    w.consent_count = 0;
}
