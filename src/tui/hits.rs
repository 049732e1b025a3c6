//! What the mouse can reach on the frame just drawn. `ui::render` returns it, built from the
//! layout it drew with, and a click looks its target up here: no screen works out its geometry
//! a second time, so what is clicked is what was seen.

use accord::checkin::Step as CheckinStep;
use ratatui::layout::{Position, Rect};

use super::action::Cmd;
use super::app::{App, Screen};
use super::checkin::{CheckinState, render as checkin_render};
use super::history::{self, HistoryState};
use super::keymap;
use super::teams::{self, TeamsState};
use super::theme::Theme;
use super::ui::{self, Shell};
use super::wizard::{self, Step as WizardStep, Wizard};

/// What a click at one place means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A key shown in the footer: the same as pressing it.
    Key(Cmd),
    TeamRow(usize),
    HistoryRow(usize),
    WizardTab(WizardStep),
    /// A row of the wizard's list (members, rituals, norms, questions).
    WizardRow(usize),
    /// A field of the wizard's form.
    WizardField(usize),
    /// A choice for a topic of the wizard's "Parked last time" panel.
    CarriedChoice(usize, accord::session::Choice),
    CheckinTab(CheckinStep),
    /// A row of the check-in step's table (or a field of the period).
    CheckinRow(usize),
    /// A win or a trial due on the check-in's summary.
    CheckinSummary(checkin_render::SummaryLine),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct HitMap {
    targets: Vec<(Rect, Target)>,
    /// How far the screen's scrolling text could go on this frame (the check-in summary), so
    /// scrolling stops at its last line rather than running on unseen.
    pub scroll_max: Option<u16>,
}

impl HitMap {
    /// The target under (x, y), if any.
    pub fn at(&self, x: u16, y: u16) -> Option<Target> {
        self.targets
            .iter()
            .find(|(r, _)| r.contains(Position { x, y }))
            .map(|(_, t)| *t)
    }

    /// Every target with its place (tests read the frame under each).
    #[cfg(test)]
    pub fn targets(&self) -> impl Iterator<Item = (Rect, Target)> + '_ {
        self.targets.iter().copied()
    }

    fn push(&mut self, r: Rect, t: Target) {
        if r.width > 0 && r.height > 0 {
            self.targets.push((r, t));
        }
    }
}

/// The frame's targets: the footer's keys, and the rows, tabs and fields of the screen when no
/// overlay covers it.
pub fn of(app: &App, s: &Shell, theme: &Theme) -> HitMap {
    let mut m = HitMap::default();
    footer(app, s.footer, &mut m);
    if app.help.is_some() || app.dialog.is_some() {
        return m;
    }
    match app.screen() {
        Some(Screen::Teams(t)) => team_rows(t, s.body, &mut m),
        Some(Screen::History(h)) => history_rows(h, s.body, &mut m),
        Some(Screen::Wizard(w)) => wizard_targets(w, s.body, theme, &mut m),
        Some(Screen::Checkin(c)) => checkin_targets(app, c, s.body, theme, &mut m),
        _ => {}
    }
    m
}

fn footer(app: &App, area: Rect, m: &mut HitMap) {
    let items = app.footer();
    let offset = ui::footer_offset(app);
    for (a, b, item) in keymap::footer_layout(&items, area.width.saturating_sub(offset)) {
        let x = area.x + offset + a;
        m.push(
            Rect::new(x, area.y, b.saturating_sub(a), 1),
            Target::Key(item.cmd),
        );
    }
}

/// One-line rows from `first` up to (not including) `end`, the `offset`-th item at the top.
fn rows(
    m: &mut HitMap,
    x: u16,
    width: u16,
    (first, end): (u16, u16),
    offset: usize,
    count: usize,
    target: fn(usize) -> Target,
) {
    for (k, y) in (first..end).enumerate() {
        let i = offset + k;
        if i >= count {
            break;
        }
        m.push(Rect::new(x, y, width, 1), target(i));
    }
}

fn team_rows(t: &TeamsState, body: Rect, m: &mut HitMap) {
    let table = teams::table_area(body);
    let visible = table.height.saturating_sub(3) as usize;
    let span = (table.y + 2, table.y + table.height.saturating_sub(1));
    let offset = teams::offset(t, visible);
    rows(
        m,
        table.x,
        table.width,
        span,
        offset,
        t.rows.len(),
        Target::TeamRow,
    );
}

fn history_rows(h: &HistoryState, body: Rect, m: &mut HitMap) {
    if h.diff.is_some() {
        return;
    }
    let [table, _] = history::areas(body);
    let span = (table.y + 2, table.y + table.height.saturating_sub(1));
    let offset = history::offset(h, table);
    rows(
        m,
        table.x,
        table.width,
        span,
        offset,
        h.revs().len(),
        Target::HistoryRow,
    );
}

fn wizard_targets(w: &Wizard, body: Rect, theme: &Theme, m: &mut HitMap) {
    // The panel covers the steps: only its choices answer a click.
    if let Some(p) = wizard::carried_panel::panel(body, w) {
        for (i, _, cells) in p.rows {
            for (r, c) in cells {
                m.push(r, Target::CarriedChoice(i, c));
            }
        }
        return;
    }
    let a = wizard::render::areas(body, w);
    if let Some(tabs) = a.tabs {
        for (x0, x1, step) in wizard::render::tabs(tabs) {
            m.push(
                Rect::new(x0, tabs.y, x1.saturating_sub(x0), tabs.height),
                Target::WizardTab(step),
            );
        }
    }
    if let Some(list) = a.list {
        let (inner, offset) = wizard::render::list_geometry(list, w);
        let span = (inner.y, inner.y + inner.height.saturating_sub(1));
        rows(
            m,
            list.x,
            list.width,
            span,
            offset,
            w.list_len(),
            Target::WizardRow,
        );
    }
    if w.step.has_form() && !w.form_fields().is_empty() {
        let (inner, fl, offset) = wizard::render::form_geometry(a.main, w, theme);
        let shown = offset..offset + inner.height as usize;
        for (i, (s, e)) in fl.starts.iter().enumerate() {
            let (top, bottom) = ((*s).max(shown.start), (*e).min(shown.end));
            if top < bottom {
                let y = inner.y + (top - offset) as u16;
                let r = Rect::new(a.main.x, y, a.main.width, (bottom - top) as u16);
                m.push(r, Target::WizardField(i));
            }
        }
    }
}

fn checkin_targets(app: &App, c: &CheckinState, body: Rect, theme: &Theme, m: &mut HitMap) {
    if c.leaving || c.entry.is_some() {
        return;
    }
    let [tabs, main, _] = checkin_render::areas(body, c);
    for (x0, x1, step) in checkin_render::step_ranges(c, body.width) {
        m.push(
            Rect::new(x0, tabs.y, x1.saturating_sub(x0), 1),
            Target::CheckinTab(step),
        );
    }
    let inner = checkin_render::content(main);
    if c.step == CheckinStep::Summary {
        let ws = &app.ctx.workspace;
        m.scroll_max = Some(checkin_render::summary_scroll_max(inner, c, ws, theme));
        for (r, line) in checkin_render::summary_lines_at(inner, c, ws, theme) {
            m.push(r, Target::CheckinSummary(line));
        }
    }
    let first = match c.step {
        // The period's fields have no header row.
        CheckinStep::Period => inner.y,
        CheckinStep::Followups
        | CheckinStep::Presence
        | CheckinStep::Rituals
        | CheckinStep::Norms
        | CheckinStep::Decisions => inner.y + 1,
        CheckinStep::Pulse | CheckinStep::Summary => return,
    };
    // Under each table: 2 lines of help, or 4 with the selected row's whole text.
    let below = match c.step {
        CheckinStep::Followups | CheckinStep::Norms => 4,
        // The decisions table has the owner and trials panel under it too.
        CheckinStep::Decisions => {
            4 + checkin_render::decisions_panel_height(c, inner.width, inner.height)
        }
        _ => 2,
    };
    let end = inner.y + inner.height.saturating_sub(below);
    // Tables keep the selection in view the same way (see render::steps::draw).
    let visible = end.saturating_sub(first) as usize;
    let offset = if c.step == CheckinStep::Period {
        0
    } else {
        c.row.saturating_sub(visible.saturating_sub(1))
    };
    rows(
        m,
        inner.x,
        inner.width,
        (first, end),
        offset,
        c.rows(),
        Target::CheckinRow,
    );
}
