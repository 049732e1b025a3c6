//! Keys, commands and worker results for the check-in flow. The app's `update` hands over
//! everything that happens while the flow is the current screen.

use accord::checkin::Step;
use chrono::NaiveDateTime;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::io::{CheckinEffect, CheckinEvent};
use super::render::SummaryLine;
use super::{CheckinState, steps};
use crate::tui::action::{Cmd, Effect, Out};
use crate::tui::app::{App, Env, Screen};
use crate::tui::hits::Target;
use crate::tui::keymap::Scope;

fn state(app: &mut App) -> Option<&mut CheckinState> {
    match app.screen_mut() {
        Some(Screen::Checkin(c)) => Some(c),
        _ => None,
    }
}

/// A key while the flow is shown (after the help and app dialogs had their turn).
pub fn key(app: &mut App, ev: KeyEvent) -> Vec<Effect> {
    let now = app.ctx.now;
    let keymap = app.keymap.clone();
    let Some(c) = state(app) else {
        return Vec::new();
    };
    if c.typing.is_some() {
        return match keymap.resolve(&[Scope::Editing], &ev) {
            Some(c2 @ (Cmd::Down | Cmd::Up)) => {
                steps::next_field(c, c2 == Cmd::Down, now);
                Vec::new()
            }
            Some(Cmd::Open) => {
                steps::finish_typing(c, now);
                Vec::new()
            }
            Some(Cmd::Back) => {
                c.typing = None;
                Vec::new()
            }
            Some(cmd) => command(app, cmd),
            None => {
                if let Some(t) = &mut c.typing {
                    t.area.input(ev);
                }
                Vec::new()
            }
        };
    }
    if let Some(entry) = &mut c.entry {
        return match keymap.resolve(&[Scope::CheckinPulseEntry], &ev) {
            Some(cmd) => command(app, cmd),
            None => {
                if let KeyCode::Char(ch) = ev.code
                    && !ev.modifiers.contains(KeyModifiers::CONTROL)
                    && !ev.modifiers.contains(KeyModifiers::ALT)
                {
                    entry.type_char(ch);
                }
                Vec::new()
            }
        };
    }
    // Through the app's command: it opens the help before handing the rest back here.
    match keymap.resolve(&app.scopes(), &ev) {
        Some(cmd) => crate::tui::update::command(app, cmd),
        None => Vec::new(),
    }
}

/// A paste into the note, date or topic being typed; false when nothing is typed into (the
/// hidden pulse entry takes keys one by one, never a paste).
pub fn paste(c: &mut CheckinState, text: &str) -> bool {
    match &mut c.typing {
        Some(t) => {
            t.area.paste(text);
            true
        }
        None => false,
    }
}

/// A command on the flow (from a key, a click or a test), through the app.
pub fn command(app: &mut App, cmd: Cmd) -> Vec<Effect> {
    crate::tui::update::screen_update(app, cmd)
}

/// A command on the flow: the flow's own state, and what it asks of the app.
pub fn update(c: &mut CheckinState, cmd: Cmd, env: &Env) -> Out {
    let now = env.ctx.now;
    if c.leaving {
        return match cmd {
            Cmd::Keep => leave(c, true),
            Cmd::Discard => leave(c, false),
            Cmd::No | Cmd::Back => {
                c.leaving = false;
                Out::none()
            }
            _ => Out::none(),
        };
    }
    if c.entry.is_some() {
        steps::pulse_entry(c, cmd);
        return if cmd == Cmd::Quit {
            update(c, Cmd::Quit, env)
        } else {
            Out::none()
        };
    }
    match cmd {
        Cmd::Quit | Cmd::Back => {
            if c.typing.take().is_some() && cmd == Cmd::Back {
                return Out::none();
            }
            if c.session.pulse_open() || c.unsaved() {
                c.entry = None;
                c.leaving = true;
                return Out::none();
            }
            if cmd == Cmd::Quit {
                return Out::quit();
            }
            Out::back().and(Effect::LoadTeams)
        }
        Cmd::NextStep => {
            steps::go(c, 1);
            Out::none()
        }
        Cmd::PrevStep => {
            steps::go(c, -1);
            Out::none()
        }
        Cmd::Save => save(c, &env.ctx.workspace, false),
        // The summary of the check-in as saved: what `accord report --checkin` reads back.
        Cmd::Share => match &c.saved {
            Some(_) => Out::dialog(crate::tui::share::prompt(
                c.team(),
                c.session.checkin().date.0,
                &env.ctx.workspace.root,
            )),
            None if c.step == Step::Summary => {
                c.message = Some(
                    "Save the check-in first (s): the share summary is of a saved check-in".into(),
                );
                Out::none()
            }
            None => Out::none(),
        },
        Cmd::Up | Cmd::Down => {
            steps::command(c, cmd, now);
            // No further than the summary's last line as drawn, so Up moves at once.
            if let Some(max) = env.scroll_max {
                c.scroll = c.scroll.min(max);
            }
            Out::none()
        }
        _ if c.saved.is_some() => {
            // The file is written (and maybe committed): a change here would be lost silently.
            c.message = Some(
                "This check-in is saved: change the file itself now, then run `accord validate`"
                    .into(),
            );
            Out::none()
        }
        other => {
            steps::command(c, other, now);
            Out::none()
        }
    }
}

/// `y` on "save an empty check-in?": saves it as it is.
pub fn save_anyway(app: &mut App) -> Vec<Effect> {
    let ws = app.ctx.workspace.clone();
    let out = match state(app) {
        Some(c) => save(c, &ws, true),
        None => Out::none(),
    };
    crate::tui::update::carry_out(app, out)
}

/// Asks the worker to write the check-in, after the checks `accord validate` makes. With nothing
/// entered it asks first (`asked`: the user said yes).
fn save(c: &mut CheckinState, ws: &accord::store::Workspace, asked: bool) -> Out {
    if c.step != Step::Summary || c.saving {
        return Out::none();
    }
    if let Some(s) = &c.saved {
        return Out::info(format!("Already saved in {}", s.path.display()));
    }
    if c.session.pulse_open() {
        c.message = Some("The pulse round is still open: close or cancel it first".into());
        return Out::none();
    }
    if !asked && nothing_entered(&c.session) {
        return Out::dialog(crate::tui::app::Dialog::EmptyCheckin);
    }
    match c.session.to_save(ws) {
        Err(e) => {
            c.message = Some(format!("Not saved: {}", diagnostic_text(&e)));
            Out::none()
        }
        Ok(file) => {
            c.saving = true;
            Out::effect(Effect::Checkin(CheckinEffect::Save(file)))
        }
    }
}

/// No presence day, ritual or norm has been entered: saving would record a period of zeros.
fn nothing_entered(s: &accord::checkin::Session) -> bool {
    let u = s.unanswered();
    u.presence_days.len() == s.presence_days().len()
        && u.rituals.len() == s.agreement().rituals.len()
        && u.norms.len() == s.agreement().norms.len()
}

/// Leaves the flow, keeping its draft or not.
fn leave(c: &CheckinState, keep: bool) -> Out {
    let team = c.team().to_string();
    Out::back()
        .and(Effect::Checkin(if keep {
            CheckinEffect::SaveDraft {
                team,
                text: c.session.draft_text(),
            }
        } else {
            CheckinEffect::RemoveDraft { team }
        }))
        .and(Effect::LoadTeams)
}

/// The clock moved on: the step timer, and the draft kept a moment after a change.
pub fn tick(c: &mut CheckinState, now: NaiveDateTime) -> Vec<Effect> {
    c.elapsed[CheckinState::slot(c.step)] += c.clock.tick(now);
    // Never while someone answers the pulse: a file changing after each answer would tell
    // who answered when (and the draft never holds an open round anyway). Nor while the
    // check-in is being saved: a draft written after the save removed it would be offered
    // back as unsaved work.
    let allowed = c.entry.is_none() && c.saved.is_none() && !c.saving;
    if c.autosave.due(now, allowed) {
        vec![draft(c)]
    } else {
        Vec::new()
    }
}

/// The write that keeps the check-in as it stands (the open pulse round never goes in it).
pub fn draft(c: &CheckinState) -> Effect {
    Effect::Checkin(CheckinEffect::SaveDraft {
        team: c.team().to_string(),
        text: c.session.draft_text(),
    })
}

/// A result from the worker.
pub fn event(app: &mut App, ev: CheckinEvent) -> Vec<Effect> {
    let now = app.ctx.now;
    match ev {
        CheckinEvent::Ready(Ok(init)) => {
            let init = *init;
            app.stack.push(Screen::Checkin(Box::new(CheckinState::new(
                init.session,
                init.workshop,
                init.notices,
            ))));
            app.status = None;
        }
        CheckinEvent::Ready(Err(d)) => app.error(diagnostic_text(&d)),
        CheckinEvent::DraftSaved(Ok(())) => {
            if let Some(c) = state(app) {
                c.draft_saved_at = Some(now);
            }
        }
        CheckinEvent::DraftSaved(Err(e)) => {
            app.error(format!("The check-in draft could not be kept: {e}"))
        }
        CheckinEvent::Saved(r) => {
            let Some(c) = state(app) else {
                return Vec::new();
            };
            c.saving = false;
            match r {
                Ok(saved) => {
                    let file = saved.path.display().to_string();
                    let text = format!("Saved {file} · {}", saved.commit.status());
                    let refused = saved.commit.refused();
                    c.autosave.clear();
                    c.saved = Some(saved);
                    if refused {
                        app.error(text);
                    } else {
                        app.info(text);
                    }
                }
                Err(d) => {
                    c.message = Some(format!("Not saved: {}", diagnostic_text(&d)));
                    app.error(diagnostic_text(&d));
                }
            }
        }
    }
    Vec::new()
}

/// A click on the summary: a win is chosen (a second click edits it, as e does); a trial due
/// opens the decisions step on its item.
fn summary_click(c: &mut CheckinState, line: SummaryLine, now: NaiveDateTime) {
    match line {
        SummaryLine::Win(i) if i == c.row => {
            if c.saved.is_some() {
                c.message = Some(
                    "This check-in is saved: change the file itself now, then run `accord validate`"
                        .into(),
                );
            } else {
                steps::command(c, Cmd::Edit, now);
            }
        }
        SummaryLine::Win(i) => c.row = i,
        SummaryLine::Trial(at) => {
            let by = c
                .steps()
                .iter()
                .position(|s| *s == Step::Decisions)
                .unwrap_or(0) as isize
                - c.index() as isize;
            steps::go(c, by);
            if c.step == Step::Decisions {
                c.row = at;
            }
        }
    }
}

pub fn diagnostic_text(d: &accord::diag::Diagnostic) -> String {
    let msg = accord::text::sanitize_line(&d.message).into_owned();
    match &d.hint {
        Some(h) => format!("{msg} ({})", accord::text::sanitize_line(h)),
        None => msg,
    }
}

/// A left click inside the body: a step on the step line, a row of the step (a second click on
/// the selected row acts on it, as Enter or the next choice would).
pub fn click(app: &mut App, target: Target) -> Vec<Effect> {
    let now = app.ctx.now;
    let Some(c) = state(app) else {
        return Vec::new();
    };
    if c.leaving || c.entry.is_some() {
        return Vec::new();
    }
    if c.typing.is_some() {
        steps::finish_typing(c, now);
    }
    match target {
        Target::CheckinTab(step) => {
            let by = c.steps().iter().position(|s| *s == step).unwrap_or(0) as isize
                - c.index() as isize;
            steps::go(c, by);
        }
        Target::CheckinSummary(line) => summary_click(c, line, now),
        Target::CheckinRow(i) if i < c.rows() => {
            if i == c.row {
                let cmd = match c.step {
                    Step::Followups | Step::Norms | Step::Decisions => Cmd::Right,
                    Step::Presence | Step::Summary => return Vec::new(),
                    _ => Cmd::Open,
                };
                steps::command(c, cmd, now);
            } else {
                c.row = i;
                c.digits = false;
            }
        }
        _ => {}
    }
    Vec::new()
}
