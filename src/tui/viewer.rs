//! The agreement viewer: sections, members, presence, rituals with their next occurrence, norms,
//! consent. The document is also what the wizard's Review step shows.

use accord::doc::agreement_doc;
use accord::model::Agreement;
use accord::text::sanitize_line as clean;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState,
};

use super::action::{Cmd, Effect, Out};
use super::app::{Env, Screen};
use super::theme::Theme;

#[derive(Debug, Clone)]
pub struct ViewerState {
    pub slug: String,
    pub agreement: Agreement,
    pub scroll: u16,
}

impl ViewerState {
    pub fn new(slug: String, agreement: Agreement) -> Self {
        ViewerState {
            slug,
            agreement,
            scroll: 0,
        }
    }
}

/// Lines of a document and where its sections start.
pub use super::doc_view::Drawn as Doc;

/// "in 3 weeks", "in 4 days", "2 weeks ago".
pub use accord::doc::relative;

/// The agreement as of `today` (next dates, an overdue review), drawn inside a bordered
/// box `width` wide.
pub fn document(a: &Agreement, today: NaiveDate, width: u16, theme: &Theme) -> Doc {
    let doc = agreement_doc(a, Some(today));
    super::doc_view::draw(&doc, width.saturating_sub(4), 0, theme)
}

pub fn update(v: &mut ViewerState, cmd: Cmd, env: &Env) -> Out {
    let (width, height) = env.size;
    let today = env.ctx.today;
    let doc = document(&v.agreement, today, width.saturating_sub(2), &env.theme);
    let page = height.saturating_sub(6).max(1);
    let max = (doc.lines.len() as u16).saturating_sub(page);
    if let Some(at) = cmd.scrolled(v.scroll, page, max) {
        v.scroll = at;
        return Out::none();
    }
    match cmd {
        Cmd::SwitchPane => {
            let next = doc
                .sections
                .iter()
                .map(|s| *s as u16)
                .find(|s| *s > v.scroll)
                .unwrap_or(0);
            v.scroll = next.min(max);
            Out::none()
        }
        Cmd::History => {
            let team = v.slug.clone();
            Out::push(
                Screen::History(Box::new(super::history::HistoryState::new(team.clone()))),
                vec![Effect::LoadHistory { team }],
            )
        }
        Cmd::Week => {
            let w = super::week::WeekState::new(v.slug.clone(), v.agreement.clone(), today);
            Out::push(Screen::Week(Box::new(w)), Vec::new())
        }
        Cmd::Dashboard => super::dashboard::command::open(v.slug.clone(), today),
        Cmd::Edit => super::wizard::load::open_revision(v.slug.clone()),
        Cmd::Back => Out::back(),
        _ => Out::none(),
    }
}

pub fn render(f: &mut Frame, area: Rect, v: &ViewerState, today: NaiveDate, theme: &Theme) {
    let doc = document(&v.agreement, today, area.width, theme);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(
            format!(" {} · {} ", clean(&v.agreement.team), v.slug),
            theme.title(),
        ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    scrolled_lines(f, area, inner, doc.lines, (v.scroll, 0));
}

/// Lines inside a bordered `area` (its `inner`), one column in from each side, scrolled by
/// `(rows, columns)`; a scrollbar on the border when they do not fit. The report uses it too.
pub fn scrolled_lines(
    f: &mut Frame,
    area: Rect,
    inner: Rect,
    lines: Vec<Line<'static>>,
    scroll: (u16, u16),
) {
    let total = lines.len();
    f.render_widget(
        Paragraph::new(lines).scroll(scroll),
        inner.inner(Margin::new(1, 0)),
    );
    if total > inner.height as usize {
        let mut sb = ScrollbarState::new(total.saturating_sub(inner.height as usize))
            .position(scroll.0 as usize);
        f.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight),
            area,
            &mut sb,
        );
    }
}
