//! The one place state changes: `update(app, action)` returns the IO to perform. Keys become
//! commands through the key table; mouse clicks through the same geometry the screens draw with.

use ratatui::crossterm::event::{KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};

use super::action::{Action, Cmd, Committed, Effect, Nav, Out, WriteFailure};
use super::app::{App, Dialog, Env, Pick, PickFor, PickItem, Picker, Prompt, PromptFor, Screen};
use super::hits::Target;
use super::keymap::Scope;
use super::wizard::update::{self as wiz, Leave};
use super::wizard::{Wizard, consent, draft};
use super::{history, report, teams, viewer, week};

pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Resize(w, h) => {
            app.size = (w, h);
            Vec::new()
        }
        Action::Tick(now) => {
            app.ctx.now = now;
            match app.screen_mut() {
                Some(Screen::Wizard(w)) => wiz::tick(w, now),
                Some(Screen::Checkin(c)) => super::checkin::update::tick(c, now),
                _ => Vec::new(),
            }
        }
        Action::Key(k) => key(app, k),
        Action::Paste(text) => paste(app, &text),
        Action::Mouse(m) => mouse(app, m),
        Action::Cmd(c) => command(app, c),
        Action::TeamsLoaded(Ok(rows)) => {
            // Screens showing a team's agreement follow the file as it is now (when it still reads).
            let fresh = |slug: &str| {
                rows.iter()
                    .find(|r| r.slug == slug)
                    .and_then(|r| r.agreement.clone().ok())
            };
            for s in &mut app.stack {
                match s {
                    Screen::Teams(t) => {
                        let keep = t.selected_row().map(|r| r.slug.clone());
                        t.rows = rows.clone();
                        t.selected = keep
                            .and_then(|k| t.find(&k))
                            .unwrap_or(0)
                            .min(t.rows.len().saturating_sub(1));
                    }
                    Screen::Viewer(v) => {
                        if let Some(a) = fresh(&v.slug) {
                            v.agreement = a;
                        }
                    }
                    Screen::Week(w) => {
                        if let Some(a) = fresh(&w.slug) {
                            w.agreement = a;
                        }
                    }
                    Screen::Wizard(_)
                    | Screen::History(_)
                    | Screen::Report(_)
                    | Screen::Dashboard(_)
                    | Screen::Checkin(_) => {}
                }
            }
            Vec::new()
        }
        Action::TeamsLoaded(Err(d)) => {
            app.error(diagnostic_text(&d));
            Vec::new()
        }
        Action::WizardReady(Ok(init)) => {
            let offer = init.offer.clone();
            let notice = init.notice.clone();
            let suggested = super::wizard::load::opening_notice(&init);
            let mut w = Wizard::new(*init, app.ctx.today);
            w.commit = app.ctx.commit;
            let name = w.title();
            app.stack.push(Screen::Wizard(Box::new(w)));
            app.status = None;
            if let Some(s) = suggested {
                app.info(s);
            }
            if let Some(n) = notice {
                app.error(n);
            }
            if let Some(o) = offer {
                app.dialog = Some(Dialog::Recover {
                    team: name,
                    saved_at: o.saved_at,
                    text: o.text,
                });
            }
            Vec::new()
        }
        Action::WizardReady(Err(d)) => {
            app.error(diagnostic_text(&d));
            Vec::new()
        }
        Action::DraftSaved(r) => {
            let now = app.ctx.now;
            match r {
                Ok(()) => {
                    if let Some(w) = app.wizard_mut() {
                        w.draft_saved_at = Some(now);
                    }
                }
                Err(e) => app.error(format!("The draft could not be kept: {e}")),
            }
            Vec::new()
        }
        Action::Written(r) => {
            let Some(w) = app.wizard_mut() else {
                return Vec::new();
            };
            match r {
                Ok(()) => {
                    let out = wiz::saved(w);
                    carry_out(app, out)
                }
                Err(WriteFailure::ChangedOnDisk) => {
                    w.saving = None;
                    app.dialog = Some(Dialog::ChangedOnDisk);
                    Vec::new()
                }
                Err(WriteFailure::Io { message, hint }) => {
                    w.saving = None;
                    app.error(format!("{message} ({hint})"));
                    Vec::new()
                }
            }
        }
        Action::Checkin(ev) => super::checkin::update::event(app, ev),
        Action::Shared(r) => super::share::done(app, r),
        Action::ReportLoaded(result) => {
            for s in &mut app.stack {
                if let Screen::Report(r) = s {
                    r.doc = Some(result.clone());
                }
            }
            Vec::new()
        }
        Action::HistoryLoaded { team, result } => {
            for s in &mut app.stack {
                if let Screen::History(h) = s
                    && h.slug == team
                {
                    h.selected = 0;
                    h.revisions = Some(result.clone());
                }
            }
            Vec::new()
        }
        Action::Committed(c) => {
            committed(app, c);
            Vec::new()
        }
        Action::DashboardLoaded { team, result } => {
            super::dashboard::command::loaded(app, &team, result);
            Vec::new()
        }
        Action::Reloaded(r) => {
            let now = app.ctx.now;
            match (r, app.wizard_mut()) {
                (Ok(loaded), Some(w)) => {
                    let (text, a) = *loaded;
                    let out = wiz::reloaded(w, text, a, now);
                    carry_out(app, out)
                }
                (Err(d), _) => {
                    app.error(diagnostic_text(&d));
                    Vec::new()
                }
                _ => Vec::new(),
            }
        }
    }
}

/// The status line after a commit: appended to the "Saved …" line the write left there.
fn committed(app: &mut App, c: Committed) {
    let saved = app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    let join = |s: &str| {
        if saved.is_empty() {
            s.to_string()
        } else {
            format!("{saved} · {s}")
        }
    };
    if c.refused() {
        app.error(join(&c.status()));
    } else {
        app.info(join(&c.status()));
    }
}

fn diagnostic_text(d: &accord::diag::Diagnostic) -> String {
    match &d.hint {
        Some(h) => format!("{} ({h})", d.message),
        None => d.message.clone(),
    }
}

fn key(app: &mut App, ev: KeyEvent) -> Vec<Effect> {
    if ev.kind == KeyEventKind::Release {
        return Vec::new();
    }
    app.status = None;
    let keymap = app.keymap.clone();
    if app.help.is_some() {
        return match keymap.resolve(&[Scope::Help], &ev) {
            Some(c) => command(app, c),
            None => Vec::new(),
        };
    }
    if let Some(d) = &mut app.dialog {
        let scope = d.scope();
        if let Some(c) = keymap.resolve(&[scope], &ev) {
            return command(app, c);
        }
        match d {
            Dialog::Picker(p) => {
                // A changed filter starts the choice again from the top.
                p.selected = if p.filter.input(ev) { 0 } else { p.selected };
            }
            Dialog::Prompt(p) => {
                p.input.input(ev);
                p.error = None;
            }
            _ => {}
        }
        return Vec::new();
    }
    if let Some(Screen::Checkin(_)) = app.screen() {
        return super::checkin::update::key(app, ev);
    }
    let now = app.ctx.now;
    if let Some(w) = app.wizard_mut()
        && w.editing.is_some()
    {
        return match keymap.resolve(&[Scope::Editing], &ev) {
            Some(Cmd::Open) => {
                wiz::commit_edit(w);
                Vec::new()
            }
            Some(c @ (Cmd::Down | Cmd::Up)) => {
                wiz::next_field(w, c == Cmd::Down);
                Vec::new()
            }
            Some(Cmd::Back) => {
                wiz::cancel_edit(w, now);
                Vec::new()
            }
            Some(c) => {
                wiz::commit_edit(w);
                command(app, c)
            }
            None => {
                wiz::edit_key(w, ev, now);
                Vec::new()
            }
        };
    }
    match keymap.resolve(&app.scopes(), &ev) {
        Some(c) => command(app, c),
        None => Vec::new(),
    }
}

/// A paste goes into the text being typed, as text; where nothing is typed into, it is refused
/// (its letters would otherwise run as commands).
fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    let now = app.ctx.now;
    if app.help.is_some() {
        return Vec::new();
    }
    match &mut app.dialog {
        Some(Dialog::Picker(p)) => {
            if p.filter.paste(text) {
                p.selected = 0;
            }
            return Vec::new();
        }
        Some(Dialog::Prompt(p)) => {
            p.input.paste(text);
            p.error = None;
            return Vec::new();
        }
        Some(_) => return Vec::new(),
        None => {}
    }
    let taken = match app.screen_mut() {
        Some(Screen::Checkin(c)) => super::checkin::update::paste(c, text),
        Some(Screen::Wizard(w)) => wiz::paste(w, text, now),
        _ => false,
    };
    if !taken {
        app.info("Not pasted: a paste goes into a text field (Enter on one, then paste)");
    }
    Vec::new()
}

pub fn command(app: &mut App, cmd: Cmd) -> Vec<Effect> {
    if let Some(scroll) = app.help {
        match cmd {
            Cmd::Up => app.help = Some(scroll.saturating_sub(1)),
            Cmd::Down => app.help = Some(scroll + 1),
            Cmd::Quit => {
                app.help = None;
                return command(app, Cmd::Quit);
            }
            _ => app.help = None,
        }
        return Vec::new();
    }
    if cmd == Cmd::Theme {
        app.next_theme();
        return Vec::new();
    }
    if app.dialog.is_some() {
        return dialog(app, cmd);
    }
    if cmd == Cmd::Help {
        app.help = Some(0);
        return Vec::new();
    }
    let now = app.ctx.now;
    match app.screen_mut() {
        Some(Screen::Wizard(w)) => {
            let out = wiz::command(w, cmd, now);
            carry_out(app, out)
        }
        // The flow asks before leaving with entered data, on Ctrl-C too.
        Some(Screen::Checkin(_)) => screen_update(app, cmd),
        // Back on the home screen leaves too (only `q` is shown for it there).
        Some(Screen::Teams(_)) if cmd == Cmd::Back => {
            app.quit = true;
            Vec::new()
        }
        Some(_) if cmd != Cmd::Quit => screen_update(app, cmd),
        _ => {
            app.quit = true;
            Vec::new()
        }
    }
}

/// The screens that follow the contract: their update gets its state and the world, and
/// returns what it asks of the app.
pub fn screen_update(app: &mut App, cmd: Cmd) -> Vec<Effect> {
    let env = Env {
        ctx: &app.ctx,
        size: app.size,
        theme: app.theme(),
        scroll_max: app.hits.scroll_max,
    };
    let out = match app.stack.last_mut() {
        Some(Screen::Teams(t)) => teams::update(t, cmd, &env),
        Some(Screen::Viewer(v)) => viewer::update(v, cmd, &env),
        Some(Screen::History(h)) => history::update(h, cmd, &env),
        Some(Screen::Dashboard(d)) => super::dashboard::command::update(d, cmd, &env),
        Some(Screen::Checkin(c)) => super::checkin::update::update(c, cmd, &env),
        Some(Screen::Week(w)) => week::update(w, cmd, &env),
        Some(Screen::Report(r)) => report::update(r, cmd, &env),
        _ => Out::none(),
    };
    carry_out(app, out)
}

/// Carries out what a screen asked for.
pub fn carry_out(app: &mut App, out: Out) -> Vec<Effect> {
    let mut effects = out.effects;
    if let Some(i) = out.info {
        app.info(i);
    }
    if let Some(e) = out.error {
        app.error(e);
    }
    if let Some(d) = out.dialog {
        app.dialog = Some(d);
    }
    match out.nav {
        Some(Nav::Back) => {
            let depth = app.stack.len();
            leave_screen(app, depth);
            if app.quit {
                // Nothing is left to refresh.
                effects.retain(|e| !matches!(e, Effect::LoadTeams));
            }
        }
        Some(Nav::Quit) => app.quit = true,
        Some(Nav::Leave(how)) => effects.extend(leave(app, how)),
        Some(Nav::Push(s)) => app.stack.push(*s),
        None => {}
    }
    effects
}

/// Back from a screen: to the one under it, or out of the app when it is the only one.
fn leave_screen(app: &mut App, depth: usize) -> Vec<Effect> {
    if depth > 1 {
        app.stack.pop();
    } else {
        app.quit = true;
    }
    Vec::new()
}

fn leave(app: &mut App, how: Leave) -> Vec<Effect> {
    let Some(Screen::Wizard(w)) = app.stack.pop() else {
        return Vec::new();
    };
    let mut effects = match how {
        Leave::Clean => Vec::new(),
        Leave::KeepDraft => vec![wiz::autosave(&w)],
        Leave::DiscardDraft => vec![Effect::RemoveDraft {
            team: w.team.clone(),
        }],
    };
    if app.stack.is_empty() {
        app.quit = true;
    } else {
        effects.push(Effect::LoadTeams);
    }
    // Back on a dashboard: a saved revision changes what its check-ins are scored against.
    if let Some(Screen::Dashboard(d)) = app.screen() {
        effects.push(Effect::LoadDashboard {
            team: d.team.clone(),
            today: app.ctx.today,
        });
    }
    effects
}

fn dialog(app: &mut App, cmd: Cmd) -> Vec<Effect> {
    let Some(d) = app.dialog.take() else {
        return Vec::new();
    };
    let now = app.ctx.now;
    match (d, cmd) {
        (Dialog::Recover { text, .. }, Cmd::Yes) => {
            let Some(w) = app.wizard_mut() else {
                return Vec::new();
            };
            match draft::decode(&text, &w.path) {
                Ok((meta, a)) => {
                    w.recover(meta, a, now);
                    app.info("Recovered the draft: you are where you stopped");
                }
                Err(e) => {
                    let where_ = app
                        .ctx
                        .drafts
                        .as_ref()
                        .zip(app.wizard())
                        .map(|(d, w)| {
                            d.path(&w.team, accord::store::drafts::DraftKind::Agreement)
                                .display()
                                .to_string()
                        })
                        .unwrap_or_default();
                    app.error(format!(
                        "The draft could not be read ({e}); it stays in {where_}"
                    ));
                }
            }
            Vec::new()
        }
        (
            Dialog::Recover {
                team,
                saved_at,
                text,
            },
            Cmd::Discard,
        ) => {
            app.dialog = Some(Dialog::DiscardDraft {
                team,
                saved_at,
                text,
            });
            Vec::new()
        }
        (Dialog::Recover { .. }, Cmd::Back) => {
            app.info("The draft is kept until you change something here (that change replaces it)");
            Vec::new()
        }
        (
            Dialog::DiscardDraft {
                team,
                saved_at,
                text,
            },
            Cmd::Back,
        ) => {
            app.dialog = Some(Dialog::Recover {
                team,
                saved_at,
                text,
            });
            Vec::new()
        }
        (Dialog::DiscardDraft { .. }, Cmd::Discard) => {
            let Some(w) = app.wizard() else {
                return Vec::new();
            };
            let team = w.team.clone();
            app.info("Discarded the old draft");
            vec![Effect::RemoveDraft { team }]
        }
        (Dialog::Recover { .. } | Dialog::DiscardDraft { .. }, Cmd::Quit) => {
            // Leaving without an answer keeps the draft for next time.
            app.quit = true;
            Vec::new()
        }
        (Dialog::EmptyCheckin, Cmd::Yes) => super::checkin::update::save_anyway(app),
        (Dialog::OverwriteShare(req), Cmd::Yes) => super::share::overwrite(req),
        (Dialog::OverwriteShare(req), Cmd::Back | Cmd::No) => {
            app.info(format!(
                "Not written: {} is kept as it was",
                accord::text::sanitize_line(&req.path.display().to_string())
            ));
            Vec::new()
        }
        (Dialog::ConfirmQuit, Cmd::Keep) => leave(app, Leave::KeepDraft),
        (Dialog::ConfirmQuit, Cmd::Discard) => leave(app, Leave::DiscardDraft),
        (Dialog::ChangedOnDisk, Cmd::Reload) => match app.wizard() {
            Some(w) => vec![Effect::ReloadAgreement {
                path: w.path.clone(),
            }],
            None => Vec::new(),
        },
        (Dialog::ChangedOnDisk, Cmd::Keep) => {
            app.info("Still editing; the file on disk is untouched");
            Vec::new()
        }
        (Dialog::Objection { item, title }, Cmd::EditItem) => {
            if let Some(w) = app.wizard_mut() {
                consent::edit_item(w, &item);
                w.back_to_consent = true;
            }
            app.info(format!(
                "Change “{title}” until the objection is met, then n leads back to the consent round"
            ));
            Vec::new()
        }
        (Dialog::Objection { item, title }, Cmd::ParkItem) => {
            if let Some(w) = app.wizard_mut() {
                consent::park_item(w, &item, now);
            }
            app.info(format!("Parked “{title}” (u undoes it)"));
            Vec::new()
        }
        (Dialog::Picker(p), Cmd::Open) => choose(app, p),
        (Dialog::Picker(mut p), c @ (Cmd::Up | Cmd::Down | Cmd::PageUp | Cmd::PageDown)) => {
            let n = p.visible().len();
            p.selected = match c {
                Cmd::Up => p.selected.saturating_sub(1),
                Cmd::Down => p.selected + 1,
                Cmd::PageUp => p.selected.saturating_sub(10),
                _ => p.selected + 10,
            }
            .min(n.saturating_sub(1));
            app.dialog = Some(Dialog::Picker(p));
            Vec::new()
        }
        (Dialog::Prompt(p), Cmd::Open) => prompt_done(app, p),
        (Dialog::Picker(_) | Dialog::Prompt(_) | Dialog::OverwriteShare(_), Cmd::Quit) => {
            command(app, Cmd::Quit)
        }
        (
            Dialog::Picker(_)
            | Dialog::Prompt(_)
            | Dialog::ConfirmQuit
            | Dialog::Objection { .. }
            | Dialog::EmptyCheckin,
            Cmd::Back | Cmd::No,
        ) => Vec::new(),
        (d, _) => {
            app.dialog = Some(d);
            Vec::new()
        }
    }
}

fn choose(app: &mut App, p: Picker) -> Vec<Effect> {
    let Some(item) = p.chosen().cloned() else {
        app.dialog = Some(Dialog::Picker(p));
        return Vec::new();
    };
    let now = app.ctx.now;
    if p.purpose == PickFor::NewTeamPreset {
        let preset = match item.pick {
            Pick::Value(v) if !v.is_empty() => Some(v),
            _ => None,
        };
        app.info(format!("Opening the wizard for {}…", p.context));
        return vec![Effect::OpenWizard(super::wizard::load::WizardRequest {
            team: p.context.clone(),
            new: true,
            preset,
            name: None,
            workshop: false,
        })];
    }
    match app.wizard_mut() {
        Some(w) => {
            let out = wiz::picked(w, p.purpose, item.pick, now);
            carry_out(app, out)
        }
        None => Vec::new(),
    }
}

fn prompt_done(app: &mut App, mut p: Prompt) -> Vec<Effect> {
    let text = p.text();
    let now = app.ctx.now;
    match p.purpose {
        PromptFor::Share(date) => super::share::prompt_done(app, p, date),
        PromptFor::ParkTopic => match app.wizard_mut() {
            Some(w) => {
                let out = wiz::park_topic(w, &text, now);
                carry_out(app, out)
            }
            None => Vec::new(),
        },
        PromptFor::NewTeam => {
            let slug = text.trim().to_string();
            if let Err(e) = slug.parse::<accord::model::Slug>() {
                p.error = Some(accord::text::one_line(
                    &e.replace("invalid id", "invalid name"),
                ));
                app.dialog = Some(Dialog::Prompt(p));
                return Vec::new();
            }
            let exists = app.stack.iter().any(|s| match s {
                Screen::Teams(t) => t.find(&slug).is_some(),
                _ => false,
            });
            if exists {
                p.error = Some(format!(
                    "{slug} already has an agreement: e on its row edits it"
                ));
                app.dialog = Some(Dialog::Prompt(p));
                return Vec::new();
            }
            let mut items: Vec<PickItem> = accord::presets::PRESETS
                .iter()
                .map(|pr| PickItem {
                    label: pr.name.to_string(),
                    detail: pr.summary(),
                    pick: Pick::Value(pr.name.to_string()),
                })
                .collect();
            items.push(PickItem {
                label: "No preset".into(),
                detail: "start from an empty agreement".into(),
                pick: Pick::Value(String::new()),
            });
            let mut picker = Picker::new(
                format!("Start {slug} from a preset"),
                items,
                PickFor::NewTeamPreset,
            );
            picker.context = slug;
            app.dialog = Some(Dialog::Picker(picker));
            Vec::new()
        }
    }
}

fn mouse(app: &mut App, m: MouseEvent) -> Vec<Effect> {
    if app.too_small() {
        return Vec::new();
    }
    match m.kind {
        MouseEventKind::ScrollUp => command(app, Cmd::Up),
        MouseEventKind::ScrollDown => command(app, Cmd::Down),
        MouseEventKind::Down(MouseButton::Left) => click(app, m.column, m.row),
        _ => Vec::new(),
    }
}

/// A click, by what was drawn there on the last frame (`hits::HitMap`).
fn click(app: &mut App, x: u16, y: u16) -> Vec<Effect> {
    let now = app.ctx.now;
    let hit = app.hits.at(x, y);
    if let Some(Target::Key(c)) = hit {
        return update(app, Action::Cmd(c));
    }
    if app.help.is_some() {
        app.help = None;
        return Vec::new();
    }
    if app.dialog.is_some() {
        return Vec::new();
    }
    match (app.screen_mut(), hit) {
        (Some(Screen::Teams(t)), Some(Target::TeamRow(i))) => {
            if i == t.selected {
                return command(app, Cmd::Open);
            }
            t.selected = i;
            Vec::new()
        }
        (Some(Screen::History(_)), Some(Target::HistoryRow(i))) => history::click(app, i),
        (Some(Screen::Wizard(w)), hit) => {
            if w.editing.is_some() {
                wiz::commit_edit(w);
            }
            match hit {
                Some(Target::CarriedChoice(i, c)) => {
                    let out = super::wizard::carried::choose(w, i, c, now);
                    return carry_out(app, out);
                }
                _ if w.carried_open.is_some() => {}
                Some(Target::WizardTab(step)) => wiz::go(w, step),
                Some(Target::WizardRow(i)) if i < w.list_len() => {
                    let again = i == w.selected() && w.pane == super::wizard::Pane::List;
                    w.pane = super::wizard::Pane::List;
                    w.set_selected(i);
                    if again {
                        return command(app, Cmd::Open);
                    }
                }
                Some(Target::WizardField(i)) => {
                    let again = w.pane == super::wizard::Pane::Form && w.field == i;
                    w.pane = super::wizard::Pane::Form;
                    w.field = i;
                    if again {
                        return command(app, Cmd::Open);
                    }
                }
                _ => {}
            }
            Vec::new()
        }
        (Some(Screen::Checkin(_)), Some(t)) => super::checkin::update::click(app, t),
        _ => Vec::new(),
    }
}
