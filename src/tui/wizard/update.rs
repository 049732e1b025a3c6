//! What keys do in the wizard. Returns what the app around it must do (effects, a dialog, a
//! message, leaving); never performs IO.

use accord::describe;
use accord::model::{Date, FileKind, Member};
use chrono::{Days, NaiveDateTime};
use ratatui::crossterm::event::KeyEvent;

use super::fields::{Field, Kind};
use super::library;
use super::{Editing, Pane, Saved, Step, Wizard, consent, questions};
use crate::tui::action::{Cmd, Effect, Nav, Out};
use crate::tui::app::{Dialog, Pick, PickFor, PickItem, Picker, Prompt, PromptFor};
use crate::tui::keymap::Scope;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// How the wizard is left (`Nav::Leave`): the app pops it and keeps or drops its draft.
pub enum Leave {
    /// Nothing unsaved.
    Clean,
    KeepDraft,
    DiscardDraft,
}

pub fn scopes(w: &Wizard) -> Vec<Scope> {
    if w.editing.is_some() {
        return vec![Scope::Editing];
    }
    if w.carried_open.is_some() {
        return vec![Scope::WizardCarried];
    }
    let field_scope = |w: &Wizard| {
        w.focused_field().map(|f| match f.kind() {
            Kind::Text => Scope::FieldText,
            Kind::Choice => Scope::FieldChoice,
            Kind::Days => Scope::FieldDays,
        })
    };
    let mut s = Vec::new();
    match w.step {
        Step::Team | Step::Rituals | Step::Norms | Step::Pulse if w.pane == Pane::List => {
            s.push(Scope::WizardList)
        }
        Step::Team | Step::Rituals | Step::Norms | Step::Pulse => {
            s.extend(field_scope(w));
            s.push(Scope::FormBesideList);
            s.push(Scope::Form);
        }
        Step::Presence => {
            s.extend(field_scope(w));
            s.push(Scope::Form);
        }
        Step::Review => s.push(Scope::Review),
        Step::Consent => s.push(Scope::Consent),
        Step::Save => s.push(Scope::SaveStep),
    }
    s.push(Scope::Wizard);
    s
}

/// The clock moved: step timers, and the autosave when a change is old enough.
pub fn tick(w: &mut Wizard, now: NaiveDateTime) -> Vec<Effect> {
    w.elapsed[w.step.index()] += w.clock.tick(now);
    // Not while a save is in flight: a draft written after it would outlive the save.
    if w.autosave.due(now, w.unsaved && w.saving.is_none()) {
        vec![autosave(w)]
    } else {
        Vec::new()
    }
}

pub fn autosave(w: &Wizard) -> Effect {
    Effect::SaveDraft {
        team: w.team.clone(),
        text: w.draft_text(),
    }
}

/// Leaving asks first when there is unsaved work.
pub fn quit(w: &Wizard) -> Out {
    if w.unsaved {
        Out::dialog(Dialog::ConfirmQuit)
    } else {
        Out {
            nav: Some(Nav::Leave(Leave::Clean)),
            ..Out::default()
        }
    }
}

pub fn go(w: &mut Wizard, step: Step) {
    if let Some(e) = w.editing.take() {
        finish_edit(w, e);
    }
    w.step = step;
    w.pane = if step.has_list() {
        Pane::List
    } else {
        Pane::Form
    };
    w.field = 0;
    w.review_scroll = 0;
    if step == Step::Consent {
        w.back_to_consent = false;
        consent::enter(w);
    }
    w.clamp();
}

pub fn command(w: &mut Wizard, cmd: Cmd, now: NaiveDateTime) -> Out {
    if w.carried_open.is_some() {
        return super::carried::command(w, cmd, now);
    }
    match cmd {
        Cmd::NextStep if w.back_to_consent && w.step != Step::Consent => {
            w.back_to_consent = false;
            go(w, Step::Consent);
            Out::default()
        }
        Cmd::NextStep => {
            if let Some(s) = w.step.next() {
                go(w, s);
            }
            Out::default()
        }
        Cmd::PrevStep => {
            if let Some(s) = w.step.prev() {
                go(w, s);
            }
            Out::default()
        }
        Cmd::Undo => {
            if w.undo(now) {
                Out::info("Undone (U redoes)")
            } else {
                Out::info("Nothing to undo")
            }
        }
        Cmd::Redo => {
            if w.redo(now) {
                Out::info("Redone")
            } else {
                Out::info("Nothing to redo")
            }
        }
        Cmd::Workshop => {
            w.workshop = !w.workshop;
            w.autosave.changed(now);
            Out::info(if w.workshop {
                "Workshop mode: one step at a time, large and high-contrast (w leaves it)"
            } else {
                "Workshop mode off"
            })
        }
        Cmd::ParkedLastTime => super::carried::open(w),
        Cmd::Park => Out::dialog(Dialog::Prompt(Prompt::new(
            PromptFor::ParkTopic,
            "Park a topic to come back to",
        ))),
        Cmd::Quit | Cmd::Back => quit(w),
        _ => match w.step {
            Step::Review => review(w, cmd, now),
            Step::Consent => consent_cmd(w, cmd, now),
            Step::Save => save_cmd(w, cmd),
            _ if w.step.has_list() && w.pane == Pane::List => list(w, cmd, now),
            _ => form(w, cmd, now),
        },
    }
}

fn list(w: &mut Wizard, cmd: Cmd, now: NaiveDateTime) -> Out {
    let n = w.list_len();
    let sel = w.selected();
    match cmd {
        Cmd::Up => w.set_selected(sel.saturating_sub(1)),
        Cmd::Down => w.set_selected((sel + 1).min(n.saturating_sub(1))),
        Cmd::Open | Cmd::SwitchPane => {
            if w.form_fields().is_empty() {
                return Out::info("Nothing to edit yet: press a to add one");
            }
            w.pane = Pane::Form;
            w.field = 0;
        }
        Cmd::Add => return add(w, now),
        Cmd::Delete => return delete(w, now),
        _ => {}
    }
    Out::default()
}

fn add(w: &mut Wizard, now: NaiveDateTime) -> Out {
    match w.step {
        Step::Team => {
            let _ = w.apply(now, |a| {
                a.members.push(Member {
                    name: String::new(),
                    role: None,
                    mode: None,
                    timezone: None,
                    working_hours: None,
                });
                Ok(())
            });
            let n = w.draft.members.len();
            w.set_selected(n);
            w.pane = Pane::Form;
            begin_edit(w, Field::MemberName(n - 1));
            Out::default()
        }
        Step::Rituals => {
            let mut items: Vec<PickItem> = library::rituals(w.preset.as_deref(), &w.draft)
                .into_iter()
                .map(|s| PickItem {
                    label: s.item.name.clone(),
                    detail: format!("{} · {} preset", describe::schedule(&s.item), s.preset),
                    pick: Pick::Ritual(Box::new(s.item)),
                })
                .collect();
            items.push(PickItem {
                label: "Your own ritual…".into(),
                detail: "start from an empty ritual and fill it in".into(),
                pick: Pick::OwnRitual,
            });
            Out::dialog(Dialog::Picker(Picker::new(
                "Add a ritual (type to filter)",
                items,
                PickFor::AddRitual,
            )))
        }
        Step::Norms => {
            let mut items: Vec<PickItem> = library::norms(w.preset.as_deref(), &w.draft)
                .into_iter()
                .map(|s| PickItem {
                    label: s.item.text.clone(),
                    detail: format!(
                        "{} · {} preset",
                        s.item.area.map_or("other".into(), |a| a.to_string()),
                        s.preset
                    ),
                    pick: Pick::Norm(Box::new(s.item)),
                })
                .collect();
            items.push(PickItem {
                label: "Your own norm…".into(),
                detail: "write it in one sentence".into(),
                pick: Pick::OwnNorm,
            });
            Out::dialog(Dialog::Picker(Picker::new(
                "Add a norm (type to filter)",
                items,
                PickFor::AddNorm,
            )))
        }
        Step::Pulse => Out::dialog(Dialog::Picker(question_picker(w))),
        _ => Out::default(),
    }
}

/// The preset's questions, the behaviour library, and a question of the team's own.
pub fn question_picker(w: &Wizard) -> Picker {
    let mut items: Vec<PickItem> = questions::suggestions(w.preset.as_deref(), &w.draft)
        .into_iter()
        .map(|s| PickItem {
            label: s.question.text.clone(),
            detail: format!("{} · {}", s.question.scale(), s.from),
            pick: Pick::Question(Box::new(s.question)),
        })
        .collect();
    items.push(PickItem {
        label: "Your own question…".into(),
        detail: "about a behaviour people can observe, answered 1 to 5".into(),
        pick: Pick::OwnQuestion,
    });
    Picker::new(
        "Add a pulse question (type to filter)",
        items,
        PickFor::AddQuestion,
    )
}

fn delete(w: &mut Wizard, now: NaiveDateTime) -> Out {
    let sel = w.selected();
    let removed = match w.step {
        Step::Team if sel == 0 => {
            return Out::info("The team itself stays: select a member to delete");
        }
        Step::Pulse if sel == 0 => {
            return Out::info(
                "The subgroups are switched off in their fields: select a question to delete",
            );
        }
        Step::Pulse => w.draft.questions.get(sel - 1).map(|q| q.text.clone()),
        Step::Team => w.draft.members.get(sel - 1).map(|m| m.name.clone()),
        Step::Rituals => w.draft.rituals.get(sel).map(|r| r.name.clone()),
        Step::Norms => w.draft.norms.get(sel).map(|n| n.text.clone()),
        _ => None,
    };
    let Some(name) = removed else {
        return Out::default();
    };
    let step = w.step;
    let mut gone_id = None;
    let _ = w.apply(now, |a| {
        match step {
            Step::Team => {
                a.members.remove(sel - 1);
            }
            Step::Pulse => {
                a.questions.remove(sel - 1);
            }
            Step::Rituals => gone_id = Some(a.rituals.remove(sel).id.to_string()),
            _ => gone_id = Some(a.norms.remove(sel).id.to_string()),
        }
        if let Some(id) = &gone_id {
            a.consent.retain(|c| &c.item != id);
            // A question about it is about nothing in particular now.
            for q in a
                .questions
                .iter_mut()
                .filter(|q| q.about.as_ref() == Some(id))
            {
                q.about = None;
            }
        }
        Ok(())
    });
    if let Some(id) = gone_id {
        w.basis.remove(&id);
    }
    w.raw.clear();
    w.clamp();
    w.recheck();
    let deleted = format!(
        "Deleted “{}” (u undoes it)",
        short(&accord::text::sanitize_line(&name), 40)
    );
    // A member who owned rituals leaves them without an owner: say which, at once.
    let owned: Vec<String> = if step == Step::Team {
        w.draft
            .rituals
            .iter()
            .filter(|r| r.owner.as_deref() == Some(name.as_str()))
            .map(|r| accord::text::sanitize_line(&r.name).into_owned())
            .collect()
    } else {
        Vec::new()
    };
    if owned.is_empty() {
        Out::info(deleted)
    } else {
        Out::error(format!(
            "{deleted} · they owned {}: give it another owner in Rituals",
            owned.join(", ")
        ))
    }
}

fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}

fn form(w: &mut Wizard, cmd: Cmd, now: NaiveDateTime) -> Out {
    let n = w.form_fields().len();
    let Some(field) = w.focused_field() else {
        if cmd == Cmd::SwitchPane {
            w.pane = Pane::List;
        }
        return Out::default();
    };
    match cmd {
        Cmd::Up => w.field = w.field.saturating_sub(1),
        Cmd::Down => w.field = (w.field + 1).min(n.saturating_sub(1)),
        Cmd::SwitchPane => w.pane = Pane::List,
        Cmd::Open => match field.kind() {
            Kind::Text => begin_edit(w, field),
            Kind::Choice => return Out::dialog(Dialog::Picker(choice_picker(w, field))),
            Kind::Days => toggle_day(w, now),
        },
        Cmd::Toggle if field.kind() == Kind::Days => toggle_day(w, now),
        Cmd::Left | Cmd::Right => match field.kind() {
            Kind::Choice => {
                if let Err(e) = w.apply(now, |a| field.cycle(a, cmd == Cmd::Right)) {
                    return Out::error(e);
                }
            }
            Kind::Days => {
                w.day_cursor = if cmd == Cmd::Right {
                    (w.day_cursor + 1) % 7
                } else {
                    (w.day_cursor + 6) % 7
                }
            }
            Kind::Text => {}
        },
        _ => {}
    }
    Out::default()
}

fn toggle_day(w: &mut Wizard, now: NaiveDateTime) {
    let day = accord::model::Weekday::ALL[w.day_cursor];
    let _ = w.apply(now, |a| {
        let mut days = a
            .presence
            .as_ref()
            .map(|p| p.days.clone())
            .unwrap_or_default();
        if let Some(i) = days.iter().position(|d| *d == day) {
            days.remove(i);
        } else {
            days.push(day);
            days.sort();
        }
        let text: Vec<&str> = days.iter().map(|d| d.as_str()).collect();
        Field::Days.set(a, &text.join(" "))
    });
}

fn choice_picker(w: &Wizard, field: Field) -> Picker {
    let current = field.value(&w.draft);
    let items: Vec<PickItem> = field
        .choices(&w.draft)
        .into_iter()
        .map(|c| PickItem {
            label: c.label,
            detail: String::new(),
            pick: Pick::Value(c.value),
        })
        .collect();
    let selected = items
        .iter()
        .position(|i| i.pick == Pick::Value(current.clone()))
        .unwrap_or(0);
    let mut p = Picker::new(
        format!("{} (type to filter)", field.label()),
        items,
        PickFor::Field(field),
    );
    p.selected = selected;
    p
}

/// Starts typing into a text field, the cursor at the end.
pub fn begin_edit(w: &mut Wizard, field: Field) {
    let text = w
        .raw
        .get(&field)
        .map(|(t, _)| t.clone())
        .unwrap_or_else(|| accord::text::sanitize_line(&field.value(&w.draft)).into_owned());
    let area = crate::tui::widgets::text_field::TextField::new(&text);
    if let Some(i) = w.form_fields().iter().position(|f| *f == field) {
        w.field = i;
    }
    w.editing = Some(Editing {
        field,
        area,
        before: w.snapshot(),
    });
}

/// A key while typing: the field's text changes, and the model with it when the text is valid.
pub fn edit_key(w: &mut Wizard, ev: KeyEvent, now: NaiveDateTime) {
    let Some(mut e) = w.editing.take() else {
        return;
    };
    if e.area.input(ev) {
        let text = e.area.text();
        set_text(w, e.field, &text, now);
    }
    w.editing = Some(e);
}

/// A paste: inserted as text into the field being typed into (or the focused text field, which
/// starts typing), one change to the model, never replayed as keys. False when no text field is
/// there to take it.
pub fn paste(w: &mut Wizard, pasted: &str, now: NaiveDateTime) -> bool {
    if w.editing.is_none() {
        match w.focused_field() {
            Some(f) if f.kind() == Kind::Text => begin_edit(w, f),
            _ => return false,
        }
    }
    let Some(mut e) = w.editing.take() else {
        return false;
    };
    if e.area.paste(pasted) {
        let text = e.area.text();
        set_text(w, e.field, &text, now);
    }
    w.editing = Some(e);
    true
}

/// Tab / Shift-Tab while typing: keep what was typed, and go on typing in the next (previous)
/// field of the form. A choice (mode, time zone…) is typed too, its value checked like any
/// text (←→ and Enter still choose when not typing); the week grid is not typed: typing ends
/// there, as past the last (first) field, and the footer says so.
pub fn next_field(w: &mut Wizard, forward: bool) {
    commit_edit(w);
    let n = w.form_fields().len();
    let at = w.field;
    let to = if forward {
        (at + 1).min(n.saturating_sub(1))
    } else {
        at.saturating_sub(1)
    };
    if to == at {
        return;
    }
    w.field = to;
    if let Some(f) = w.focused_field()
        && matches!(f.kind(), Kind::Text | Kind::Choice)
    {
        begin_edit(w, f);
    }
}

/// Writes typed text to the field: into the model when valid, else kept aside with its message.
pub fn set_text(w: &mut Wizard, field: Field, text: &str, now: NaiveDateTime) {
    let mut next = w.draft.clone();
    match field.set(&mut next, text) {
        Ok(()) => {
            follow_name(&w.draft, &mut next, field);
            w.draft = next;
            w.raw.remove(&field);
        }
        Err(msg) => {
            w.raw.insert(field, (text.to_string(), msg));
        }
    }
    w.touch(now);
}

/// The id of a ritual or norm follows its name or text while it is made up (a placeholder, or
/// derived from the previous name), so files read well; an id set by hand stays.
fn follow_name(old: &accord::model::Agreement, a: &mut accord::model::Agreement, field: Field) {
    if let Field::QuestionText(i) = field {
        return follow_question(old, a, i);
    }
    let (i, id_field, fallback) = match field {
        Field::RitualName(i) => (i, Field::RitualId(i), "ritual"),
        Field::NormText(i) => (i, Field::NormId(i), "norm"),
        _ => return,
    };
    let text_of = |a: &accord::model::Agreement| match field {
        Field::RitualName(_) => a.rituals.get(i).map(|r| (r.id.to_string(), r.name.clone())),
        _ => a.norms.get(i).map(|n| (n.id.to_string(), n.text.clone())),
    };
    let without = |a: &accord::model::Agreement| {
        let mut o = a.clone();
        match field {
            Field::RitualName(_) => drop(o.rituals.remove(i)),
            _ => drop(o.norms.remove(i)),
        }
        o
    };
    let (Some((id, old_text)), Some((_, new_text))) = (text_of(old), text_of(a)) else {
        return;
    };
    let others = without(old);
    let derived = library::id_from_text(&others, &old_text, fallback);
    if !library::is_placeholder_id(&id) && derived.as_str() != id {
        return;
    }
    let next = library::id_from_text(&others, &new_text, fallback);
    let _ = id_field.set(a, next.as_str());
}

/// A question's id follows its text the same way, among the other questions.
fn follow_question(old: &accord::model::Agreement, a: &mut accord::model::Agreement, i: usize) {
    let (Some(before), Some(now)) = (old.questions.get(i), a.questions.get(i)) else {
        return;
    };
    let mut others = old.clone();
    others.questions.remove(i);
    let derived = questions::id_from_text(&others, &before.text);
    let id = before.id.as_str();
    if !questions::is_placeholder_id(id) && derived.as_str() != id {
        return;
    }
    let next = questions::id_from_text(&others, &now.text);
    let _ = Field::QuestionId(i).set(a, next.as_str());
}

/// Enter: keep what was typed.
pub fn commit_edit(w: &mut Wizard) {
    if let Some(e) = w.editing.take() {
        finish_edit(w, e);
    }
}

fn finish_edit(w: &mut Wizard, e: Editing) {
    if e.before != w.snapshot() {
        w.undo.push(e.before);
        w.redo.clear();
    }
}

/// Esc: put the field back as it was.
pub fn cancel_edit(w: &mut Wizard, now: NaiveDateTime) {
    if let Some(e) = w.editing.take() {
        w.raw.remove(&e.field);
        if e.before != w.snapshot() {
            w.draft = e.before.draft;
            w.parked = e.before.parked;
            w.carried = e.before.carried;
            w.basis = e.before.basis;
            w.touch(now);
        }
    }
}

/// A new ritual or norm is tried for about a month by default ("try for 30 days"), then the
/// first check-in on or after the date decides keep, adjust or drop; the form's "On trial
/// until" field changes or removes it.
fn trial_end(today: chrono::NaiveDate) -> accord::model::Date {
    accord::model::Date(today + chrono::Duration::days(accord::follow::TRIAL_DAYS))
}

/// What a picker's choice does in the wizard.
pub fn picked(w: &mut Wizard, purpose: PickFor, pick: Pick, now: NaiveDateTime) -> Out {
    match (purpose, pick) {
        (PickFor::Field(f), Pick::Value(v)) => {
            if let Err(e) = w.apply(now, |a| f.set(a, &v)) {
                return Out::error(e);
            }
        }
        (PickFor::AddRitual, Pick::Ritual(r)) => {
            let mut r = *r;
            r.trial_until = Some(trial_end(w.today));
            let _ = w.apply(now, |a| {
                r.id = library::unique_id(a, r.id.as_str());
                r.owner = r.owner.filter(|o| a.member(o).is_some());
                a.rituals.push(r);
                Ok(())
            });
            w.set_selected(w.draft.rituals.len() - 1);
            w.pane = Pane::Form;
        }
        (PickFor::AddRitual, Pick::OwnRitual) => {
            let until = trial_end(w.today);
            let _ = w.apply(now, |a| {
                let mut r = library::own_ritual(a);
                r.trial_until = Some(until);
                a.rituals.push(r);
                Ok(())
            });
            w.set_selected(w.draft.rituals.len() - 1);
            w.pane = Pane::Form;
            begin_edit(w, Field::RitualName(w.draft.rituals.len() - 1));
        }
        (PickFor::AddNorm, Pick::Norm(n)) => {
            let mut n = *n;
            n.trial_until = Some(trial_end(w.today));
            let _ = w.apply(now, |a| {
                n.id = library::unique_id(a, n.id.as_str());
                a.norms.push(n);
                Ok(())
            });
            w.set_selected(w.draft.norms.len() - 1);
            w.pane = Pane::Form;
        }
        (PickFor::AddNorm, Pick::OwnNorm) => {
            let until = trial_end(w.today);
            let _ = w.apply(now, |a| {
                let mut n = library::own_norm(a);
                n.trial_until = Some(until);
                a.norms.push(n);
                Ok(())
            });
            w.set_selected(w.draft.norms.len() - 1);
            w.pane = Pane::Form;
            begin_edit(w, Field::NormText(w.draft.norms.len() - 1));
        }
        (PickFor::AddQuestion, Pick::Question(q)) => {
            let mut q = *q;
            let _ = w.apply(now, |a| {
                q.id = questions::unique_id(a, q.id.as_str());
                q.about = q
                    .about
                    .filter(|id| a.ritual(id).is_some() || a.norm(id).is_some());
                a.questions.push(q);
                Ok(())
            });
            w.set_selected(w.draft.questions.len());
            w.pane = Pane::Form;
        }
        (PickFor::AddQuestion, Pick::OwnQuestion) => {
            let _ = w.apply(now, |a| {
                let q = questions::own_question(a);
                a.questions.push(q);
                Ok(())
            });
            let n = w.draft.questions.len();
            w.set_selected(n);
            w.pane = Pane::Form;
            begin_edit(w, Field::QuestionText(n - 1));
        }
        _ => {}
    }
    Out::default()
}

pub fn park_topic(w: &mut Wizard, text: &str, now: NaiveDateTime) -> Out {
    let text = text.trim();
    if text.is_empty() {
        return Out::default();
    }
    let before = w.snapshot();
    if !w.parked.park(text) {
        return Out::info(format!("Already parked: {}", short(text, 60)));
    }
    w.changed(before, now);
    Out::info(format!("Parked: {}", short(text, 60)))
}

fn review(w: &mut Wizard, cmd: Cmd, now: NaiveDateTime) -> Out {
    match cmd {
        Cmd::Up => w.review_scroll = w.review_scroll.saturating_sub(1),
        Cmd::Down => w.review_scroll = w.review_scroll.saturating_add(1),
        Cmd::PageUp => w.review_scroll = w.review_scroll.saturating_sub(10),
        Cmd::PageDown => w.review_scroll = w.review_scroll.saturating_add(10),
        Cmd::Left | Cmd::Right => {
            let today = w.today;
            let _ = w.apply(now, |a| {
                let current = a.review_by.map_or(today, |d| d.0);
                let next = if cmd == Cmd::Right {
                    current.checked_add_days(Days::new(7))
                } else {
                    current.checked_sub_days(Days::new(7))
                };
                let next = next.unwrap_or(current).max(today + Days::new(1));
                a.review_by = Some(Date(next));
                Ok(())
            });
        }
        Cmd::Open => begin_edit(w, Field::ReviewBy),
        _ => {}
    }
    Out::default()
}

fn consent_cmd(w: &mut Wizard, cmd: Cmd, now: NaiveDateTime) -> Out {
    match cmd {
        Cmd::Up => {
            w.consent_count = w.consent_count.saturating_sub(1);
            w.consent_typing = false;
        }
        Cmd::Down => {
            w.consent_count = (w.consent_count + 1).min(2);
            w.consent_typing = false;
        }
        Cmd::Increase | Cmd::Decrease | Cmd::Digit(_) | Cmd::Backspace => {
            let set = match cmd {
                Cmd::Increase => consent::adjust(w, 1, now),
                Cmd::Decrease => consent::adjust(w, -1, now),
                Cmd::Digit(d) => consent::digit(w, d, now),
                _ => consent::backspace(w, now),
            };
            if let Err(why) = set {
                return Out::error(why);
            }
        }
        Cmd::NextItem => consent::move_item(w, true),
        Cmd::PrevItem => consent::move_item(w, false),
        Cmd::Record => {
            let Some(item) = consent::current(w) else {
                return Out::info("No items to consent to: add presence days, rituals or norms");
            };
            let counts = item.counts.unwrap_or([0; 3]);
            if counts.iter().sum::<u32>() == 0 {
                return Out::error("Enter the counts first: how many agree, have concerns, object");
            }
            if counts[2] > 0 {
                return Out::dialog(Dialog::Objection {
                    item: item.id,
                    title: item.title,
                });
            }
            let last = w.consent_item + 1 >= consent::items(w).len();
            consent::move_item(w, true);
            if last {
                let left = consent::remaining(w);
                return Out::info(if left == 0 {
                    "Every item has its counts: n goes on to Save".to_string()
                } else {
                    format!("{left} still without counts (PgUp goes back)")
                });
            }
        }
        _ => {}
    }
    Out::default()
}

fn save_cmd(w: &mut Wizard, cmd: Cmd) -> Out {
    if cmd != Cmd::Save {
        return Out::default();
    }
    if w.saving.is_some() {
        return Out::info("Saving…");
    }
    if !w.raw.is_empty() {
        return Out::error(format!(
            "{} not valid yet (marked ✗): fix them before saving",
            super::save::count(w.raw.len(), "field")
        ));
    }
    let errors = w.check.errors();
    if errors > 0 {
        return Out::error(format!(
            "{} stop the save: see the Review step",
            super::save::count(errors, "problem")
        ));
    }
    let f = w.finalised();
    let text =
        accord::store::canonical::render(&f.agreement, FileKind::Agreement, w.base.as_deref());
    w.saving = Some(text.clone());
    Out {
        effects: vec![Effect::WriteAgreement {
            path: w.path.clone(),
            expected: w.base.clone(),
            text,
        }],
        info: Some("Saving…".into()),
        ..Out::default()
    }
}

/// The file is written: the wizard now stands on it.
pub fn saved(w: &mut Wizard) -> Out {
    let Some(text) = w.saving.take() else {
        return Out::default();
    };
    let f = w.finalised();
    let previous = w.loaded.take();
    let info = Saved {
        version: f.agreement.version,
        status: f.agreement.status,
    };
    w.basis = f
        .agreement
        .consent
        .iter()
        .filter_map(|c| {
            Some((
                c.item.clone(),
                super::save::fingerprint(&f.agreement, &c.item)?,
            ))
        })
        .collect();
    let mut effects = vec![Effect::RemoveDraft {
        team: w.team.clone(),
    }];
    // Worked out before `loaded` moves on: the preview on the Save step showed this text.
    let message = super::save::commit_message(
        &w.team,
        previous.as_ref(),
        &f.agreement,
        &w.lot(),
        &w.carried,
    );
    effects.extend(super::save::after_save(&w.path, message));
    w.draft = f.agreement.clone();
    w.loaded = Some(f.agreement);
    w.base = Some(text);
    w.unsaved = false;
    w.autosave.clear();
    w.saved = Some(info.clone());
    w.recheck();
    Out {
        effects,
        info: Some(format!(
            "Saved {}: version {}, {}",
            w.path.display(),
            info.version,
            info.status
        )),
        ..Out::default()
    }
}

/// The file on disk replaces the draft; the draft stays one undo away.
pub fn reloaded(
    w: &mut Wizard,
    text: String,
    a: accord::model::Agreement,
    now: NaiveDateTime,
) -> Out {
    let before = w.snapshot();
    w.basis = a
        .consent
        .iter()
        .filter_map(|c| Some((c.item.clone(), super::save::fingerprint(&a, &c.item)?)))
        .collect();
    w.draft = a.clone();
    w.loaded = Some(a);
    w.base = Some(text);
    w.raw.clear();
    w.undo.push(before);
    w.redo.clear();
    w.clamp();
    w.touch(now);
    Out::info("Reloaded the file as it is on disk; your version is one undo (u) away")
}
