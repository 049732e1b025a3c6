//! A member's week: this week's presence days and ritual occurrences, in the agreement's time
//! zone and, on the right, in the viewer's — the local zone, or a member's, chosen with a key.
//! What falls outside a member's working hours (`week::Entry::clashes`) is marked ⚠, and the
//! line above the table counts it for the member whose clock is shown.

use accord::export;
use accord::export::week::WeekLayout;
use accord::model::Agreement;
use accord::text::sanitize_line as clean;
use accord::week::{Week, week_of};
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

    /// The week laid out, from the chosen perspective; whose clock that is; the members each
    /// row falls outside the working hours of, and the member whose clock is shown.
    fn layout(&self, local: Option<Tz>, today: NaiveDate) -> (WeekLayout, String, Clashes) {
        let ps = self.perspectives(local);
        let at = self.perspective.min(ps.len() - 1);
        let (who, zone) = ps[at].clone();
        let week = week_of(&self.agreement, self.date, zone, today);
        let from = zone.map(|_| who.clone());
        let layout = export::week::layout(&self.agreement, &week, today, from.as_deref());
        let whose = match zone {
            Some(z) => format!("{who} ({z})"),
            None => format!("{who} (zone unknown: set TZ)"),
        };
        let member = (at > 0).then(|| {
            // The perspective's member, by their place among the members with a zone.
            self.agreement
                .members
                .iter()
                .filter(|m| m.timezone.is_some())
                .nth(at - 1)
                .map(|m| m.name.clone())
                .unwrap_or_default()
        });
        let clashes = Clashes {
            rows: row_clashes(&week),
            member,
        };
        (layout, whose, clashes)
    }
}

/// Who each row of the layout falls outside the working hours of.
struct Clashes {
    /// One per layout row, in the same order (a day without entries is one empty row).
    rows: Vec<Vec<String>>,
    member: Option<String>,
}

impl Clashes {
    fn any(&self, row: usize) -> bool {
        self.rows.get(row).is_some_and(|r| !r.is_empty())
    }

    /// "⚠ 2 this week fall outside Joana Ferreira's working hours", or someone's.
    fn summary(&self) -> Option<String> {
        let count = |f: &dyn Fn(&Vec<String>) -> bool| self.rows.iter().filter(|r| f(r)).count();
        match &self.member {
            Some(m) => {
                let n = count(&|r| r.contains(m));
                (n > 0)
                    .then(|| format!("⚠ {n} this week fall outside {}'s working hours", clean(m)))
            }
            None => {
                let n = count(&|r| !r.is_empty());
                (n > 0).then(|| format!("⚠ {n} this week fall outside someone's working hours"))
            }
        }
    }
}

/// The rows `export::week::layout` writes, one per entry or one per empty day, with the
/// members whose working day each entry falls outside of.
fn row_clashes(w: &Week) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for day in &w.days {
        if day.entries.is_empty() {
            out.push(Vec::new());
        }
        for e in &day.entries {
            out.push(e.clashes.iter().map(|c| c.member.clone()).collect());
        }
    }
    out
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
    let (l, whose, clashes) = w.layout(local, today);
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
    if let Some(c) = clashes.summary() {
        head.push(Line::from(Span::styled(c, theme.warning())));
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
        .enumerate()
        .map(|(i, (r, d))| {
            if let Some(d) = d {
                on_today = *d == today;
            }
            let clash = clashes.any(i);
            let style = if on_today {
                theme.selected()
            } else if clash {
                theme.warning()
            } else if r[3].starts_with("Presence day") {
                theme.ok()
            } else {
                Style::new()
            };
            let mut cells = r.clone();
            if clash {
                // Marked so it shows without colour too.
                cells[3] = format!("⚠ {}", cells[3]);
            }
            Row::new(cells.into_iter().map(Cell::from)).style(style)
        })
        .collect();
    let width = |c: usize| {
        l.rows
            .iter()
            .map(|r| r[c].chars().count() + if c == 3 { 2 } else { 0 })
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
