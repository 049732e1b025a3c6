//! A member's week: this week's presence days and ritual occurrences, in the agreement's time
//! zone and, on the right, in the viewer's — the local zone, or a member's, chosen with a key.

use accord::export;
use accord::export::week::WeekLayout;
use accord::model::Agreement;
use accord::text::sanitize_line as clean;
use accord::week::week_of;
use chrono::{Days, NaiveDate};
use chrono_tz::Tz;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, TableState, Wrap};

use super::action::{Cmd, Out};
use super::app::Env;
use super::theme::Theme;

#[derive(Debug, Clone)]
pub struct WeekState {
    pub slug: String,
    pub agreement: Agreement,
    /// A day of the week shown.
    pub date: NaiveDate,
    /// Whose clock the right-hand times are in: 0 = this computer's zone, then the members
    /// who have a zone, in the agreement's order.
    pub perspective: usize,
    pub scroll: u16,
}

impl WeekState {
    pub fn new(slug: String, agreement: Agreement, today: NaiveDate) -> Self {
        WeekState {
            slug,
            agreement,
            date: today,
            perspective: 0,
            scroll: 0,
        }
    }

    /// The perspectives on offer: a label and a zone.
    fn perspectives(&self, local: Option<Tz>) -> Vec<(String, Option<Tz>)> {
        let mut out = vec![("this computer".to_string(), local)];
        for m in &self.agreement.members {
            if let Some(tz) = &m.timezone {
                out.push((clean(&m.name).into_owned(), Some(tz.tz())));
            }
        }
        out
    }

    /// The week laid out, from the chosen perspective, and whose clock that is.
    pub fn layout(&self, local: Option<Tz>, today: NaiveDate) -> (WeekLayout, String) {
        let ps = self.perspectives(local);
        let (who, zone) = ps[self.perspective.min(ps.len() - 1)].clone();
        let week = week_of(&self.agreement, self.date, zone, today);
        let from = zone.map(|_| who.clone());
        let layout = export::week::layout(&self.agreement, &week, today, from.as_deref());
        let whose = match zone {
            Some(z) => format!("{who} ({z})"),
            None => format!("{who} (zone unknown: set TZ)"),
        };
        (layout, whose)
    }
}

/// A command on the week (from a key, a click or a test).
pub fn update(w: &mut WeekState, cmd: Cmd, env: &Env) -> Out {
    match cmd {
        Cmd::Left => w.date = w.date - Days::new(7),
        Cmd::Right => w.date = w.date + Days::new(7),
        Cmd::Home => w.date = env.ctx.today,
        Cmd::Toggle => {
            let n = w.perspectives(env.ctx.local_tz).len();
            w.perspective = (w.perspective + 1) % n;
        }
        Cmd::Up => w.scroll = w.scroll.saturating_sub(1),
        Cmd::Down => w.scroll = w.scroll.saturating_add(1).min(40),
        Cmd::Back => return Out::back(),
        _ => {}
    }
    Out::none()
}

pub fn render(
    f: &mut Frame,
    area: Rect,
    w: &WeekState,
    local: Option<Tz>,
    today: NaiveDate,
    theme: &Theme,
) {
    let (l, whose) = w.layout(local, today);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(
            format!(" Week · {} ", clean(&w.agreement.team)),
            theme.title(),
        ))
        .title_bottom(Span::styled(
            format!(" right-hand times for {whose} "),
            theme.muted(),
        ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let inner = inner.inner(Margin::new(1, 0));
    let mut head = vec![
        Line::from(Span::styled(l.title.clone(), theme.heading())),
        Line::from(Span::styled(l.zones.clone(), theme.muted())),
    ];
    if let Some(st) = &l.status {
        head.push(Line::from(Span::styled(st.clone(), theme.warning())));
    }
    let head_h = head.len() as u16 + 1;
    let [head_area, table_area] =
        Layout::vertical([Constraint::Length(head_h), Constraint::Fill(1)]).areas(inner);
    f.render_widget(Paragraph::new(head).wrap(Wrap { trim: false }), head_area);
    // Today's rows carry the selection style and a mark, so they show without colour too.
    let mut on_today = false;
    let rows: Vec<Row> = l
        .rows
        .iter()
        .zip(&l.dates)
        .map(|(r, d)| {
            if let Some(d) = d {
                on_today = *d == today;
            }
            let style = if on_today {
                theme.selected()
            } else if r[3].starts_with("Presence day") {
                theme.ok()
            } else {
                Style::new()
            };
            Row::new(r.iter().map(|c| Cell::from(c.clone()))).style(style)
        })
        .collect();
    let width = |c: usize| {
        l.rows
            .iter()
            .map(|r| r[c].chars().count())
            .max()
            .unwrap_or(0) as u16
    };
    let widths = [
        Constraint::Length(width(0)),
        Constraint::Length(width(1)),
        Constraint::Length(width(2)),
        Constraint::Fill(1),
        Constraint::Length(width(4)),
    ];
    let mut state = TableState::default().with_offset(w.scroll as usize);
    f.render_stateful_widget(
        Table::new(rows, widths).column_spacing(2),
        table_area,
        &mut state,
    );
}
