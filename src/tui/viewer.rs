//! The agreement viewer: sections, members, presence, rituals with their next occurrence, norms,
//! consent. The document is also what the wizard's Review step shows.

use accord::calendar::next_occurrence;
use accord::describe;
use accord::model::{Agreement, Status};
use accord::text::sanitize_line as clean;
use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
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
pub struct Doc {
    pub lines: Vec<Line<'static>>,
    pub sections: Vec<usize>,
}

/// "Thu 26 Nov", with the year when it is not this year's.
fn day(d: NaiveDate, today: NaiveDate) -> String {
    if d == today {
        return "today".into();
    }
    if d.year() == today.year() {
        d.format("%a %-d %b").to_string()
    } else {
        d.format("%a %-d %b %Y").to_string()
    }
}

/// "in 3 weeks", "in 4 days", "2 weeks ago".
pub fn relative(d: NaiveDate, today: NaiveDate) -> String {
    let days = (d - today).num_days();
    let amount = |n: i64| {
        if n >= 14 {
            format!("{} weeks", n / 7)
        } else if n == 1 {
            "1 day".into()
        } else {
            format!("{n} days")
        }
    };
    match days {
        0 => "today".into(),
        n if n > 0 => format!("in {}", amount(n)),
        n => format!("{} ago", amount(-n)),
    }
}

pub fn document(a: &Agreement, today: NaiveDate, width: u16, theme: &Theme) -> Doc {
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut sections = Vec::new();
    let text_w = (width as usize).saturating_sub(6).max(20);
    let wrap = |s: &str, indent: &str, style: Style, out: &mut Vec<Line<'static>>| {
        for l in textwrap::wrap(&clean(s), text_w.saturating_sub(indent.len())) {
            out.push(Line::from(vec![
                Span::raw(indent.to_string()),
                Span::styled(l.into_owned(), style),
            ]));
        }
    };
    let heading = |title: String, lines: &mut Vec<Line<'static>>, sections: &mut Vec<usize>| {
        if !lines.is_empty() {
            lines.push(Line::from(""));
        }
        sections.push(lines.len());
        lines.push(Line::from(Span::styled(title, theme.heading())));
    };
    let fact = |label: &str, value: String, lines: &mut Vec<Line<'static>>| {
        lines.push(Line::from(vec![
            Span::styled(format!("  {label:<12}"), theme.label()),
            Span::raw(value),
        ]));
    };

    sections.push(0);
    lines.push(Line::from(vec![
        Span::styled(clean(&a.team).into_owned(), theme.title()),
        Span::raw(format!(" — team agreement v{} · {}", a.version, a.status)),
    ]));
    let mut facts: Vec<Span<'static>> = Vec::new();
    if let Some(d) = a.adopted {
        facts.push(Span::raw(format!("adopted {d}")));
    }
    if let Some(d) = a.review_by {
        if d.0 < today && a.status == Status::Active {
            facts.push(Span::styled(
                format!("review by {d} ⚠ overdue ({})", relative(d.0, today)),
                theme.warning(),
            ));
        } else {
            facts.push(Span::raw(format!(
                "review by {d} ({})",
                relative(d.0, today)
            )));
        }
    }
    if let Some(tz) = &a.timezone {
        facts.push(Span::raw(format!("times in {tz}")));
    }
    // One line when the facts fit, else one fact per line.
    let total: usize = facts.iter().map(|f| f.content.chars().count() + 3).sum();
    if total <= text_w + 4 {
        let mut spans = Vec::new();
        for (i, f) in facts.into_iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw(" · "));
            }
            spans.push(f);
        }
        if !spans.is_empty() {
            lines.push(Line::from(spans));
        }
    } else {
        lines.extend(facts.into_iter().map(Line::from));
    }
    if let Some(p) = &a.purpose {
        heading("Purpose".into(), &mut lines, &mut sections);
        wrap(p, "  ", Style::new(), &mut lines);
    }
    heading(
        format!("Members ({})", a.members.len()),
        &mut lines,
        &mut sections,
    );
    if a.members.is_empty() {
        lines.push(Line::from(Span::styled("  none listed", theme.muted())));
    }
    let name_w = a
        .members
        .iter()
        .map(|m| clean(&m.name).chars().count())
        .max()
        .unwrap_or(0)
        .min(28);
    for m in &a.members {
        let mut parts = vec![
            Span::raw("  "),
            Span::styled(format!("{:<name_w$}", clean(&m.name)), Style::new()),
        ];
        let mut rest = Vec::new();
        if let Some(r) = &m.role {
            rest.push(clean(r).into_owned());
        }
        if let Some(md) = m.mode {
            rest.push(describe::work_mode(md).to_string());
        }
        if let Some(tz) = &m.timezone {
            rest.push(tz.to_string());
        }
        parts.push(Span::styled(
            format!("  {}", rest.join(" · ")),
            theme.muted(),
        ));
        lines.push(Line::from(parts));
    }
    heading("Presence".into(), &mut lines, &mut sections);
    match &a.presence {
        None => lines.push(Line::from(Span::styled(
            "  no shared presence days",
            theme.muted(),
        ))),
        Some(p) => {
            fact("Days", describe::days(&p.days), &mut lines);
            if let Some(h) = describe::core_hours(p) {
                fact("Core hours", h, &mut lines);
            }
            if !p.days.is_empty() {
                fact(
                    "Attendance",
                    format!(
                        "at least {} of members",
                        describe::percent(p.min_attendance())
                    ),
                    &mut lines,
                );
            }
            if let Some(s) = &p.space {
                fact("Space", clean(s).into_owned(), &mut lines);
            }
            let next = accord::calendar::presence_dates(p, today, today + chrono::Days::new(13));
            if let Some(d) = next.first() {
                fact("Next", day(*d, today), &mut lines);
            }
            if let Some(n) = &p.note {
                wrap(n, "  ", theme.muted(), &mut lines);
            }
        }
    }
    heading(
        format!("Rituals ({})", a.rituals.len()),
        &mut lines,
        &mut sections,
    );
    if a.rituals.is_empty() {
        lines.push(Line::from(Span::styled("  none yet", theme.muted())));
    }
    let counted_from = Some(a.counted_from(today));
    for r in &a.rituals {
        let next = next_occurrence(r, counted_from, today)
            .map(|d| {
                let at = r.time.map(|t| format!(" {t}")).unwrap_or_default();
                format!("next {}{at}", day(d, today))
            })
            .unwrap_or_else(|| "no date".into());
        let name = clean(&r.name).into_owned();
        let pad = text_w.saturating_sub(name.chars().count() + next.chars().count() + 2);
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(name, theme.label()),
            Span::raw(" ".repeat(pad.max(2))),
            Span::styled(next, theme.ok()),
        ]));
        let mut sched = describe::schedule(r);
        if let Some(o) = &r.owner {
            sched.push_str(&format!(" · owner {}", clean(o)));
        }
        wrap(&sched, "    ", Style::new(), &mut lines);
        if let Some(p) = &r.purpose {
            wrap(p, "    ", theme.muted(), &mut lines);
        }
    }
    heading(
        format!("Norms ({})", a.norms.len()),
        &mut lines,
        &mut sections,
    );
    if a.norms.is_empty() {
        lines.push(Line::from(Span::styled("  none yet", theme.muted())));
    }
    for n in &a.norms {
        let area = n.area.map(|x| format!(" [{x}]")).unwrap_or_default();
        wrap(
            &format!("• {}{area}", n.text),
            "  ",
            Style::new(),
            &mut lines,
        );
        if let Some(s) = &n.signal {
            wrap(s, "    ", theme.muted(), &mut lines);
        }
    }
    if !a.consent.is_empty() {
        heading("Consent".into(), &mut lines, &mut sections);
        let id_w = a
            .consent
            .iter()
            .map(|c| c.item.chars().count())
            .max()
            .unwrap_or(0)
            .min(24);
        for c in &a.consent {
            let style = if c.objections > 0 {
                theme.error()
            } else {
                Style::new()
            };
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(format!("{:<id_w$}", clean(&c.item)), theme.label()),
                Span::styled(format!("  {}", describe::consent(c)), style),
            ]));
        }
    }
    Doc { lines, sections }
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
