//! What keys do on the dashboard, opening it, and taking in the worker's figures.

use accord::diag::Diagnostic;
use ratatui::layout::Rect;

use super::doc;
use super::render::{content_area, max_scroll};
use super::state::{Dashboard, DashboardState, Data};
use crate::tui::action::{Cmd, Effect, Out};
use crate::tui::app::{App, Screen};

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

pub fn command(app: &mut App, cmd: Cmd) -> Vec<Effect> {
    let (w, h) = app.size;
    let theme = app.theme();
    let today = app.ctx.today;
    let Some(Screen::Dashboard(d)) = app.screen_mut() else {
        return Vec::new();
    };
    // The same geometry as drawing: the body between header and status line, inside the border.
    let view = content_area(Rect::new(0, 1, w, h.saturating_sub(3)));
    let doc = doc::build(d, view.width, &theme);
    let max = max_scroll(&doc, view.height);
    let page = view.height.saturating_sub(1).max(1);
    d.scroll = d.scroll.min(max);
    if let Some(at) = cmd.scrolled(d.scroll, page, max) {
        d.scroll = at;
        return Vec::new();
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
        }
        Cmd::Edit => {
            let team = d.team.clone();
            let out = crate::tui::wizard::load::open_revision(team);
            return crate::tui::update::carry_out(app, out);
        }
        Cmd::Reload => {
            let team = d.team.clone();
            app.info("Reading the check-ins again…");
            return vec![Effect::LoadDashboard { team, today }];
        }
        _ => {}
    }
    Vec::new()
}
