//! What keys do on the dashboard, opening it, and taking in the worker's figures.

use accord::diag::Diagnostic;
use ratatui::layout::Rect;

use super::doc;
use super::render::{content_area, max_scroll};
use super::state::{Dashboard, DashboardState, Data};
use crate::tui::action::{Cmd, Effect, Out};
use crate::tui::app::{App, Env, Screen};

/// Opens the dashboard of `team` on top of the current screen; the worker loads its figures.
pub fn open(team: String, today: chrono::NaiveDate) -> Out {
    Out::push(
        Screen::Dashboard(Box::new(DashboardState::loading(team.clone()))),
        vec![Effect::LoadDashboard { team, today }],
    )
}

/// The worker's answer, for the dashboard of `team` if it is still open.
pub fn loaded(app: &mut App, team: &str, result: Result<Box<Dashboard>, Diagnostic>) {
    let mut found = false;
    for s in app.stack.iter_mut() {
        if let Screen::Dashboard(d) = s
            && d.team == team
        {
            found = true;
            d.data = match &result {
                Ok(data) => Data::Ready(data.clone()),
                Err(e) => Data::Failed {
                    message: e.message.clone(),
                    hint: e.hint.clone(),
                },
            };
        }
    }
    if found && matches!(app.screen(), Some(Screen::Dashboard(_))) {
        app.status = None;
    }
}

/// A command on the dashboard (from a key, a click or a test).
pub fn update(d: &mut DashboardState, cmd: Cmd, env: &Env) -> Out {
    let (w, h) = env.size;
    // The same geometry as drawing: the body between header and status line, inside the border.
    let view = content_area(Rect::new(0, 1, w, h.saturating_sub(3)));
    let doc = doc::build(d, view.width, &env.theme);
    let max = max_scroll(&doc, view.height);
    let page = view.height.saturating_sub(1).max(1);
    d.scroll = d.scroll.min(max);
    if let Some(at) = cmd.scrolled(d.scroll, page, max) {
        d.scroll = at;
        return Out::none();
    }
    match cmd {
        Cmd::SwitchPane => {
            let next = doc
                .sections
                .iter()
                .copied()
                .find(|s| *s > d.scroll)
                // At the end already: round to the top.
                .filter(|_| d.scroll < max)
                .unwrap_or(0);
            d.scroll = next.min(max);
            Out::none()
        }
        Cmd::Edit => crate::tui::wizard::load::open_revision(d.team.clone()),
        Cmd::Share => match &d.data {
            Data::Ready(data) => match data.adherence.checkins.iter().map(|c| c.date).max() {
                Some(date) => Out::dialog(crate::tui::share::prompt(
                    &d.team,
                    date,
                    &env.ctx.workspace.root,
                )),
                None => Out::info("No check-in yet: nothing to share"),
            },
            _ => Out::info("The dashboard is still loading"),
        },
        Cmd::Reload => Out::info("Reading the check-ins again…").and(Effect::LoadDashboard {
            team: d.team.clone(),
            today: env.ctx.today,
        }),
        Cmd::Back => Out::back(),
        _ => Out::none(),
    }
}
