//! Drawing the wizard, and the geometry that mouse clicks share with it.

use accord::describe;
use accord::diag::Diagnostic;
use accord::model::{Agreement, Decision, ItemRef};
use accord::text::sanitize_line as clean;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use tui_big_text::{BigText, PixelSize};

use super::check::Check;
use super::consent::{self, COUNTS};
use super::fields::{Field, Kind};
use super::{Pane, Step, Wizard, help};
use crate::tui::theme::{MARK, NO_MARK, Theme};
use crate::tui::viewer;

/// Where the parts of the wizard sit inside the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub tabs: Option<Rect>,
    pub big: Option<Rect>,
    pub progress: Option<Rect>,
    pub list: Option<Rect>,
    pub main: Rect,
    pub side: Option<Rect>,
    pub parking: Option<Rect>,
}

const LABEL_W: usize = 16;

pub fn areas(body: Rect, w: &Wizard) -> Areas {
    let mut rest = body;
    let take_top = |h: u16, rest: &mut Rect| {
        let h = h.min(rest.height);
        let r = Rect { height: h, ..*rest };
        rest.y += h;
        rest.height -= h;
        r
    };
    let (mut tabs, mut big, mut progress, mut side, mut parking) = (None, None, None, None, None);
    if w.workshop {
        big = Some(take_top(4, &mut rest));
        progress = Some(take_top(1, &mut rest));
        if rest.width >= 120 {
            let [main, right] =
                Layout::horizontal([Constraint::Fill(1), Constraint::Length(40)]).areas(rest);
            rest = main;
            side = Some(right);
        } else {
            let h = 4.min(rest.height / 3);
            let [main, bottom] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(h)]).areas(rest);
            rest = main;
            parking = Some(bottom);
        }
    } else {
        tabs = Some(take_top(1, &mut rest));
        if rest.width >= 140 {
            let [main, right] =
                Layout::horizontal([Constraint::Fill(1), Constraint::Length(44)]).areas(rest);
            rest = main;
            side = Some(right);
        }
    }
    let list = if w.step.has_list() {
        let lw = if rest.width >= 120 { 34 } else { 26 };
        let [l, m] = Layout::horizontal([Constraint::Length(lw), Constraint::Fill(1)]).areas(rest);
        rest = m;
        Some(l)
    } else {
        None
    };
    Areas {
        tabs,
        big,
        progress,
        list,
        main: rest,
        side,
        parking,
    }
}

/// The step tabs with their column ranges (for clicks).
pub fn tabs(area: Rect) -> Vec<(u16, u16, Step)> {
    let compact = compact_tabs(area);
    let mut x = area.x + 1;
    Step::ALL
        .iter()
        .map(|s| {
            let w = tab_text(*s, compact).chars().count() as u16;
            let r = (x, x + w, *s);
            x += w;
            r
        })
        .collect()
}

/// Room the validation summary needs beside the tabs: "✓ valid" and a margin.
const SUMMARY_ROOM: usize = 9;

/// Eight steps with their names fill 80 columns: one space between tabs then, so the
/// validation summary keeps its place.
fn compact_tabs(area: Rect) -> bool {
    let full: usize = Step::ALL
        .iter()
        .map(|s| tab_text(*s, false).chars().count())
        .sum();
    1 + full + SUMMARY_ROOM > area.width as usize
}

fn tab_text(s: Step, compact: bool) -> String {
    if compact {
        format!("{} {} ", s.index() + 1, s.short())
    } else {
        format!(" {} {} ", s.index() + 1, s.short())
    }
}

pub fn render(f: &mut Frame, body: Rect, w: &Wizard, theme: &Theme) {
    let a = areas(body, w);
    if let Some(t) = a.tabs {
        render_tabs(f, t, w, theme);
    }
    if let Some(b) = a.big {
        render_big(f, b, w, theme);
    }
    if let Some(p) = a.progress {
        render_progress(f, p, w, theme);
    }
    if let Some(l) = a.list {
        render_list(f, l, w, theme);
    }
    match w.step {
        Step::Team | Step::Presence | Step::Rituals | Step::Norms | Step::Pulse => {
            render_form(f, a.main, w, theme, a.side.is_none() && !w.workshop)
        }
        Step::Review => render_review(f, a.main, w, theme),
        Step::Consent => render_consent(f, a.main, w, theme),
        Step::Save => render_save(f, a.main, w, theme),
    }
    if let Some(s) = a.side {
        render_side(f, s, w, theme);
    }
    if let Some(p) = a.parking {
        render_parking(f, p, w, theme);
    }
    super::carried_panel::render(f, body, w, theme);
}

fn render_tabs(f: &mut Frame, area: Rect, w: &Wizard, theme: &Theme) {
    let mut spans = vec![Span::raw(" ")];
    let compact = compact_tabs(area);
    for (_, _, s) in tabs(area) {
        let text = tab_text(s, compact);
        let style = if s == w.step {
            theme.selected()
        } else if s < w.step {
            Style::new()
        } else {
            theme.muted()
        };
        spans.push(Span::styled(text, style));
    }
    let used: usize = spans.iter().map(|s| s.content.chars().count()).sum();
    let room = (area.width as usize).saturating_sub(used + 2);
    let summary = check_summary(&w.check, w.raw.len(), room);
    let pad = (area.width as usize).saturating_sub(used + summary.0.chars().count() + 1);
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(summary.0, summary.1(theme)));
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

type StyleOf = fn(&Theme) -> Style;

/// "✓ valid" or "✗ 2 errors · ! 1 warning", or "✗2 !1" where there is little room.
fn check_summary(c: &Check, raw: usize, room: usize) -> (String, StyleOf) {
    let errors = c.errors() + raw;
    let warnings = c.warnings();
    if errors == 0 && warnings == 0 {
        return ("✓ valid".into(), Theme::ok);
    }
    let style: StyleOf = if errors > 0 {
        Theme::error
    } else {
        Theme::warning
    };
    let mut long = Vec::new();
    let mut short = Vec::new();
    if errors > 0 {
        long.push(format!("✗ {}", super::save::count(errors, "error")));
        short.push(format!("✗{errors}"));
    }
    if warnings > 0 {
        long.push(format!("! {}", super::save::count(warnings, "warning")));
        short.push(format!("!{warnings}"));
    }
    let long = long.join(" · ");
    if long.chars().count() <= room {
        (long, style)
    } else {
        (short.join(" "), style)
    }
}

fn render_big(f: &mut Frame, area: Rect, w: &Wizard, theme: &Theme) {
    let title = w.step.title();
    let size = if (title.chars().count() as u16) * 8 + 2 <= area.width {
        PixelSize::HalfHeight
    } else {
        PixelSize::Quadrant
    };
    let big = BigText::builder()
        .pixel_size(size)
        .style(theme.title())
        .lines(vec![Line::from(title)])
        .build();
    f.render_widget(
        big,
        Rect {
            x: area.x + 1,
            width: area.width.saturating_sub(1),
            ..area
        },
    );
}

pub fn clock(secs: u32) -> String {
    format!("{:02}:{:02}", secs / 60, secs % 60)
}

/// "+0:09 over": time past the step's box, in words, so it reads without colour.
pub fn over_by(secs: u32) -> String {
    format!("+{}:{:02} over", secs / 60, secs % 60)
}

/// A bar of `width` cells, filled `█` and empty `░`: readable with `NO_COLOR` and on a
/// washed-out projector, where a colour-only gauge disappears.
pub fn bar(ratio: f64, width: usize) -> (String, String) {
    let filled = ((ratio.clamp(0.0, 1.0) * width as f64).round() as usize).min(width);
    ("█".repeat(filled), "░".repeat(width - filled))
}

fn render_progress(f: &mut Frame, area: Rect, w: &Wizard, theme: &Theme) {
    let spent = w.elapsed[w.step.index()];
    let boxed = w.step.minutes() * 60;
    let total: u32 = w.elapsed.iter().sum();
    let over = spent > boxed;
    let label = format!(
        " Step {} of {} · {} of {}{} ",
        w.step.index() + 1,
        Step::ALL.len(),
        clock(spent),
        clock(boxed),
        if over {
            format!(" · {}", over_by(spent - boxed))
        } else {
            String::new()
        }
    );
    let total_label = format!(" all steps {} of 60:00 ", clock(total));
    let [l, g, r] = Layout::horizontal([
        Constraint::Length(label.chars().count() as u16),
        Constraint::Fill(1),
        Constraint::Length(total_label.chars().count() as u16),
    ])
    .areas(area);
    let style = if over {
        theme.over_time()
    } else {
        theme.label()
    };
    f.render_widget(Paragraph::new(Span::styled(label, style)), l);
    let ratio = f64::from(spent) / f64::from(boxed.max(1));
    let (filled, empty) = bar(ratio, usize::from(g.width));
    let filled_style = if over {
        theme.over_time()
    } else {
        theme.gauge()
    };
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(filled, filled_style),
            Span::styled(empty, theme.muted()),
        ])),
        g,
    );
    f.render_widget(Paragraph::new(Span::styled(total_label, theme.muted())), r);
}

/// The rows of the list pane.
pub fn list_rows(w: &Wizard) -> Vec<String> {
    let adjust = |id: &str| {
        w.checkin.as_ref().is_some_and(|c| {
            c.decisions
                .iter()
                .any(|d| d.item == id && d.decision == Decision::Adjust)
        })
    };
    // In front, so a long norm cut off by the list's width keeps its mark.
    let flag = |id: &str| if adjust(id) { "⚑ " } else { "" };
    let or_unnamed = |s: &str| {
        let s = clean(s).into_owned();
        if s.trim().is_empty() {
            "(unnamed)".to_string()
        } else {
            s
        }
    };
    match w.step {
        Step::Team => std::iter::once(format!("Team: {}", w.title()))
            .chain(w.draft.members.iter().map(|m| or_unnamed(&m.name)))
            .collect(),
        Step::Rituals => w
            .draft
            .rituals
            .iter()
            .map(|r| format!("{}{}", flag(r.id.as_str()), or_unnamed(&r.name)))
            .collect(),
        Step::Norms => w
            .draft
            .norms
            .iter()
            .map(|n| format!("{}{}", flag(n.id.as_str()), or_unnamed(&n.text)))
            .collect(),
        Step::Pulse => std::iter::once(subgroups_row(&w.draft))
            // The id first: many questions start alike ("In the last two weeks, …").
            .chain(
                w.draft
                    .questions
                    .iter()
                    .map(|q| format!("{}: {}", q.id, or_unnamed(&q.text))),
            )
            .collect(),
        _ => Vec::new(),
    }
}

/// The mark at the end of a ritual's or norm's row when it is on trial: "◷ 12-31" until the
/// date, "◷ ended" after it (the next check-in decides). Short, so the lists keep their width.
pub fn trial_marks(w: &Wizard) -> Vec<Option<String>> {
    let mark = |until: Option<accord::model::Date>| {
        until.map(|d| {
            if d.0 < w.today {
                "◷ ended".to_string()
            } else {
                format!("◷ {}", d.0.format("%m-%d"))
            }
        })
    };
    match w.step {
        Step::Rituals => w
            .draft
            .rituals
            .iter()
            .map(|r| mark(r.trial_until))
            .collect(),
        Step::Norms => w.draft.norms.iter().map(|n| mark(n.trial_until)).collect(),
        _ => Vec::new(),
    }
}

/// The Pulse list's first row: the subgroups answers may name.
fn subgroups_row(a: &Agreement) -> String {
    let gs: Vec<String> = a.groupings().iter().map(|g| g.to_string()).collect();
    if gs.is_empty() {
        "Subgroups: none".into()
    } else {
        format!("Subgroups: {}", gs.join(", "))
    }
}

/// The list's inner area and first visible row (for clicks).
pub fn list_geometry(area: Rect, w: &Wizard) -> (Rect, usize) {
    let inner = Block::new().borders(Borders::ALL).inner(area);
    let rows = inner.height.saturating_sub(1) as usize;
    let offset = w.selected().saturating_sub(rows.saturating_sub(1));
    (inner, offset)
}

fn render_list(f: &mut Frame, area: Rect, w: &Wizard, theme: &Theme) {
    let focus = w.pane == Pane::List && w.editing.is_none();
    let title = match w.step {
        Step::Team => format!(" Members ({}) ", w.draft.members.len()),
        Step::Rituals => format!(" Rituals ({}) ", w.draft.rituals.len()),
        Step::Pulse => format!(" Questions ({}) ", w.draft.questions.len()),
        _ => format!(" Norms ({}) ", w.draft.norms.len()),
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(if focus {
            theme.border_focus()
        } else {
            theme.border()
        })
        .title(Span::styled(title, theme.title()));
    f.render_widget(block, area);
    let (inner, offset) = list_geometry(area, w);
    let width = inner.width as usize;
    let rows = list_rows(w);
    let marks = trial_marks(w);
    let sel = w.selected();
    let mut lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(inner.height.saturating_sub(1) as usize)
        .map(|(i, r)| {
            let room = width.saturating_sub(2);
            let text: String = match marks.get(i).cloned().flatten() {
                // The mark stays at the right; a long name gives way with "…".
                Some(m) => {
                    let name_w = room.saturating_sub(m.chars().count() + 1);
                    let name: String = if r.chars().count() > name_w {
                        let mut n: String = r.chars().take(name_w.saturating_sub(1)).collect();
                        n.push('…');
                        n
                    } else {
                        r.clone()
                    };
                    format!("{name:<name_w$} {m}")
                }
                None => r.chars().take(room).collect(),
            };
            if i == sel {
                let style = if focus {
                    theme.selected()
                } else {
                    theme.selected_idle()
                };
                Line::from(Span::styled(
                    format!("{MARK}{text:<w$}", w = width - 2),
                    style,
                ))
            } else {
                Line::from(format!("{NO_MARK}{text}"))
            }
        })
        .collect();
    let hint = match w.step {
        Step::Team => "a adds a member",
        Step::Rituals => "a adds a ritual",
        Step::Pulse => "a adds a question",
        _ => "a adds a norm",
    };
    while lines.len() < inner.height.saturating_sub(1) as usize {
        lines.push(Line::from(""));
    }
    lines.push(Line::from(Span::styled(format!("  {hint}"), theme.muted())));
    f.render_widget(Paragraph::new(lines), inner);
}

/// The form as lines, where each field starts, and where the text cursor goes while typing.
pub struct FormLines {
    pub lines: Vec<Line<'static>>,
    pub starts: Vec<(usize, usize)>,
}

fn message_lines(d: &Diagnostic, width: usize, theme: &Theme, out: &mut Vec<Line<'static>>) {
    let (mark, style) = if d.is_error() {
        ("✗", theme.error())
    } else {
        ("!", theme.warning())
    };
    let text = format!("{mark} {}", clean(&d.message));
    for l in textwrap::wrap(&text, width.saturating_sub(LABEL_W + 2).max(10)) {
        out.push(Line::from(vec![
            Span::raw(" ".repeat(LABEL_W + 2)),
            Span::styled(l.into_owned(), style),
        ]));
    }
}

pub fn form_lines(w: &Wizard, fields: &[Field], width: u16, theme: &Theme) -> FormLines {
    let width = width as usize;
    let value_w = width.saturating_sub(LABEL_W + 2).max(10);
    let mut lines = Vec::new();
    let mut starts = Vec::new();
    let focus_form = !(w.step.has_list() && w.pane == Pane::List);
    for (i, field) in fields.iter().enumerate() {
        let start = lines.len();
        let focused = focus_form && i == w.field;
        let mark = if focused { MARK } else { NO_MARK };
        let label_style = if focused {
            theme.selected()
        } else {
            theme.label()
        };
        let label = Span::styled(
            format!("{mark}{:<w$}", field.label(), w = LABEL_W),
            label_style,
        );
        let raw = w.raw.get(field);
        let editing = w.editing.as_ref().is_some_and(|e| e.field == *field);
        match field.kind() {
            _ if editing => lines.push(Line::from(vec![label])),
            Kind::Days => {
                let days = w
                    .draft
                    .presence
                    .as_ref()
                    .map(|p| p.days.clone())
                    .unwrap_or_default();
                let mut spans = vec![label];
                for (n, d) in accord::model::Weekday::ALL.iter().enumerate() {
                    let on = days.contains(d);
                    let text = format!("{} {}", if on { "■" } else { "□" }, d.short_name());
                    let style = if focused && n == w.day_cursor {
                        theme.selected()
                    } else if on {
                        theme.ok()
                    } else {
                        theme.muted()
                    };
                    spans.push(Span::styled(text, style));
                    spans.push(Span::raw(" "));
                }
                lines.push(Line::from(spans));
            }
            Kind::Choice => {
                let shown = clean(&field.display(&w.draft)).into_owned();
                let shown = if shown.is_empty() {
                    "—".into()
                } else {
                    shown
                };
                let text = if focused {
                    format!("◂ {shown} ▸")
                } else {
                    shown
                };
                lines.push(Line::from(vec![label, Span::raw(text)]));
            }
            Kind::Text => {
                let (value, style) = match raw {
                    Some((t, _)) => (clean(t).into_owned(), theme.error()),
                    None => (clean(&field.value(&w.draft)).into_owned(), Style::new()),
                };
                if value.is_empty() {
                    lines.push(Line::from(vec![
                        label,
                        Span::styled(field.placeholder().to_string(), theme.muted()),
                    ]));
                } else {
                    let wrapped = textwrap::wrap(&value, value_w);
                    for (n, l) in wrapped.iter().enumerate() {
                        let lead = if n == 0 {
                            label.clone()
                        } else {
                            Span::raw(" ".repeat(LABEL_W + 2))
                        };
                        lines.push(Line::from(vec![lead, Span::styled(l.to_string(), style)]));
                    }
                }
            }
        }
        if let Some((_, msg)) = raw {
            let d = Diagnostic::error("input", msg.clone());
            message_lines(&d, width, theme, &mut lines);
        }
        for d in w.check.of(*field) {
            message_lines(d, width, theme, &mut lines);
        }
        starts.push((start, lines.len()));
    }
    FormLines { lines, starts }
}

/// The form's inner area and the first line shown (so the focused field is visible).
pub fn form_geometry(area: Rect, w: &Wizard, theme: &Theme) -> (Rect, FormLines, usize) {
    let inner = Block::new().borders(Borders::ALL).inner(area);
    let inner = inner.inner(Margin::new(1, 0));
    let mut top = header_lines(w, inner.width, theme);
    let fl = form_lines(w, &w.form_fields(), inner.width, theme);
    let head = top.len();
    top.extend(fl.lines);
    let starts = fl
        .starts
        .iter()
        .map(|(s, e)| (s + head, e + head))
        .collect::<Vec<_>>();
    let h = inner.height as usize;
    let offset = match starts.get(w.field) {
        Some((s, e)) if *e > h => (*e - h).min(*s),
        _ => 0,
    };
    (inner, FormLines { lines: top, starts }, offset)
}

/// Lines above the subgroup fields: which questions are asked, and when a subgroup shows.
fn pulse_header(w: &Wizard, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let mut para = |text: String, style: Style| {
        for l in textwrap::wrap(&text, (width as usize).max(10)) {
            out.push(Line::from(Span::styled(l.into_owned(), style)));
        }
        out.push(Line::from(""));
    };
    if w.draft.questions.is_empty() {
        let q = accord::model::Question::default_question();
        para(
            format!(
                "No questions yet: the pulse will ask the default question, “{}” ({}). Press a \
                 to add behaviour questions, such as speaking up, being credited or having the \
                 context.",
                q.text,
                q.scale()
            ),
            theme.warning(),
        );
    } else {
        para(
            format!(
                "{} at every check-in, each answered 1 to 5.",
                super::save::count(w.draft.questions.len(), "question")
            ),
            Style::new(),
        );
    }
    para(
        "Each answer may name a subgroup, to compare e.g. remote with the rest. A subgroup is \
         only ever shown when it and the rest of the team each reach the privacy threshold."
            .into(),
        theme.muted(),
    );
    out
}

/// Lines above the fields: what the last check-in decided about this item.
fn header_lines(w: &Wizard, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    if w.step == Step::Pulse && w.selected() == 0 {
        return pulse_header(w, width, theme);
    }
    let id = match w.step {
        Step::Presence => Some(accord::model::PRESENCE_ITEM.to_string()),
        Step::Rituals => w.draft.rituals.get(w.selected()).map(|r| r.id.to_string()),
        Step::Norms => w.draft.norms.get(w.selected()).map(|n| n.id.to_string()),
        _ => None,
    };
    let (Some(id), Some(c)) = (id, &w.checkin) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for d in c.decisions.iter().filter(|d| d.item == id) {
        let text = format!(
            "⚑ The check-in of {} decided: {}{}",
            c.date,
            d.decision,
            d.note
                .as_deref()
                .map(|n| format!(" — {}", clean(n)))
                .unwrap_or_default()
        );
        for l in textwrap::wrap(&text, width as usize) {
            out.push(Line::from(Span::styled(l.into_owned(), theme.warning())));
        }
        out.push(Line::from(""));
    }
    out
}

fn form_title(w: &Wizard) -> String {
    let sel = w.selected();
    let name = |s: &str| {
        let s = clean(s).into_owned();
        let s: String = s.chars().take(40).collect();
        if s.trim().is_empty() {
            "(unnamed)".to_string()
        } else {
            s
        }
    };
    match w.step {
        Step::Team if sel == 0 => " Team ".into(),
        Step::Team => format!(" Member {}: {} ", sel, name(&w.draft.members[sel - 1].name)),
        Step::Presence => " Presence days ".into(),
        Step::Rituals => w.draft.rituals.get(sel).map_or(" Ritual ".into(), |r| {
            format!(" Ritual: {} ", name(&r.name))
        }),
        Step::Norms => w.draft.norms.get(sel).map_or(" Norm ".into(), |n| {
            format!(" Norm: {} ", name(n.id.as_str()))
        }),
        Step::Pulse if sel == 0 => " Subgroups ".into(),
        Step::Pulse => w
            .draft
            .questions
            .get(sel - 1)
            .map_or(" Question ".into(), |q| {
                format!(" Question: {} ", name(q.id.as_str()))
            }),
        _ => String::new(),
    }
}

fn render_form(f: &mut Frame, area: Rect, w: &Wizard, theme: &Theme, why_below: bool) {
    let focus = !(w.step.has_list() && w.pane == Pane::List);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(if focus {
            theme.border_focus()
        } else {
            theme.border()
        })
        .title(Span::styled(form_title(w), theme.title()));
    f.render_widget(block, area);
    let (inner, fl, offset) = form_geometry(area, w, theme);
    if w.form_fields().is_empty() {
        let what = match w.step {
            Step::Rituals => {
                "No rituals yet. Press a to add one from the preset or the library, or write your own."
            }
            _ => "No norms yet. Press a to add one from the library, or write your own.",
        };
        f.render_widget(
            Paragraph::new(Span::styled(what, theme.muted())).wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let used = fl.lines.len().saturating_sub(offset);
    let lines: Vec<Line> = fl.lines.into_iter().skip(offset).collect();
    f.render_widget(Paragraph::new(lines), inner);
    // The text being typed, over its field's line.
    if let Some(e) = &w.editing
        && let Some(i) = w.form_fields().iter().position(|x| *x == e.field)
        && let Some((start, _)) = fl.starts.get(i)
        && *start >= offset
        && ((*start - offset) as u16) < inner.height
    {
        let row = Rect {
            x: inner.x + (LABEL_W + 2) as u16,
            y: inner.y + (*start - offset) as u16,
            width: inner.width.saturating_sub((LABEL_W + 2) as u16),
            height: 1,
        };
        render_textarea(f, row, &e.area, e.field, theme);
    }
    // The why of the step under the fields, when there is room.
    let room = (inner.height as usize).saturating_sub(used + 1);
    if why_below && room >= 3 {
        let text = help::why(w.step);
        let wrapped = textwrap::wrap(text, inner.width as usize);
        if wrapped.len() <= room {
            let y = inner.y + inner.height - wrapped.len() as u16;
            let lines: Vec<Line> = wrapped
                .into_iter()
                .map(|l| Line::from(Span::styled(l.into_owned(), theme.muted())))
                .collect();
            f.render_widget(
                Paragraph::new(lines),
                Rect {
                    y,
                    height: inner.y + inner.height - y,
                    ..inner
                },
            );
        }
    }
}

fn render_textarea(
    f: &mut Frame,
    row: Rect,
    area: &crate::tui::widgets::text_field::TextField,
    field: Field,
    theme: &Theme,
) {
    area.render(f, row, theme.selected_idle(), field.placeholder());
}

fn render_side(f: &mut Frame, area: Rect, w: &Wizard, theme: &Theme) {
    if w.workshop {
        let [park, why] = Layout::vertical([Constraint::Fill(1), Constraint::Fill(1)]).areas(area);
        render_parking(f, park, w, theme);
        render_why(f, why, w, theme);
    } else {
        render_why(f, area, w, theme);
    }
}

fn render_why(f: &mut Frame, area: Rect, w: &Wizard, theme: &Theme) {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(" Why this matters ", theme.title()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    f.render_widget(
        Paragraph::new(help::why(w.step)).wrap(Wrap { trim: true }),
        inner.inner(Margin::new(1, 0)),
    );
}

/// The topics parked last time with their choice ("• Lunch budget — keep parked (adoption)"),
/// under a heading, each wrapped to `width`; none when nothing was parked.
fn carried_lines(w: &Wizard, theme: &Theme, width: Option<usize>) -> Vec<Line<'static>> {
    use accord::session::ParkedWhen;
    if w.carried.is_empty() {
        return Vec::new();
    }
    let mut out = vec![Line::from(Span::styled(
        format!(
            "Parked last time ({}) · L chooses",
            w.carried.topics().len()
        ),
        theme.heading(),
    ))];
    for t in w.carried.topics() {
        let when = match t.when {
            ParkedWhen::Adoption => "adoption",
            ParkedWhen::CheckIn => "check-in",
        };
        let text = format!("• {} — {} ({when})", clean(&t.topic), t.choice.label());
        match width {
            // The panel's paragraph wraps.
            None => out.push(Line::from(text)),
            Some(width) => {
                for l in textwrap::wrap(&text, width.max(8)) {
                    out.push(Line::from(format!("  {l}")));
                }
            }
        }
    }
    out
}

fn render_parking(f: &mut Frame, area: Rect, w: &Wizard, theme: &Theme) {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(
            format!(" Parking lot ({}) · P parks a topic ", w.parked.len()),
            theme.title(),
        ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let mut lines: Vec<Line> = if w.parked.is_empty() {
        vec![Line::from(Span::styled(
            "Topics to come back to later go here.",
            theme.muted(),
        ))]
    } else {
        // The latest first: it is the one people just said.
        w.parked
            .iter()
            .rev()
            .map(|p| Line::from(format!("• {}", clean(p))))
            .collect()
    };
    lines.extend(carried_lines(w, theme, None));
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }),
        inner.inner(Margin::new(1, 0)),
    );
}

/// Where a field sits, in words: "Rituals › Team lunch › Owner".
pub fn place(a: &Agreement, field: Field) -> String {
    use Field::*;
    let n = |s: &str| clean(s).chars().take(30).collect::<String>();
    match field {
        TeamName | Purpose | TeamTz => format!("Team › {}", field.label()),
        MemberName(i) | MemberRole(i) | MemberMode(i) | MemberTz(i) => format!(
            "Members › {} › {}",
            a.members.get(i).map_or(String::new(), |m| n(&m.name)),
            field.label()
        ),
        Days | CoreHours | MinAttendance | Space | PresenceNote | PresenceDimension => {
            format!("Presence › {}", field.label())
        }
        RitualName(i) | RitualPurpose(i) | RitualCadence(i) | RitualDay(i) | RitualTime(i)
        | RitualDuration(i) | RitualMode(i) | RitualOwner(i) | RitualDimension(i)
        | RitualTrial(i) | RitualId(i) => format!(
            "Rituals › {} › {}",
            a.rituals.get(i).map_or(String::new(), |r| n(&r.name)),
            field.label()
        ),
        NormText(i) | NormArea(i) | NormSignal(i) | NormDimension(i) | NormTrial(i) | NormId(i) => {
            format!(
                "Norms › {} › {}",
                a.norms.get(i).map_or(String::new(), |x| n(x.id.as_str())),
                field.label()
            )
        }
        QuestionText(i) | QuestionLow(i) | QuestionHigh(i) | QuestionAbout(i) | QuestionId(i) => {
            format!(
                "Pulse › {} › {}",
                a.questions
                    .get(i)
                    .map_or(String::new(), |q| n(q.id.as_str())),
                field.label()
            )
        }
        GroupMode | GroupTenure => format!("Pulse › Subgroups › {}", field.label()),
        ReviewBy => "Review by".into(),
    }
}

/// "Covers ways of working (5) · place (2) · digital (1)", and a warning when the agreement
/// covers one dimension only: the place, the ways of working and the digital practices are
/// governed together.
fn dimension_lines(a: &Agreement, width: u16, theme: &Theme, out: &mut Vec<Line<'static>>) {
    let covered = a.dimensions();
    if covered.is_empty() {
        return;
    }
    let parts: Vec<String> = covered
        .iter()
        .map(|d| {
            let n = a.items().filter(|i| i.dimension() == *d).count();
            format!("{} ({n})", d.label())
        })
        .collect();
    out.push(Line::from(vec![
        Span::styled(format!("{:<w$}", "Covers", w = LABEL_W + 2), theme.label()),
        Span::raw(parts.join(" · ")),
    ]));
    if let [one] = covered.as_slice() {
        let text = format!(
            "! Only {}: add an item for the others (the place, the ways of working and the \
             digital practices are governed together)",
            one.label()
        );
        for l in textwrap::wrap(&text, (width as usize).saturating_sub(2).max(10)) {
            out.push(Line::from(Span::styled(format!("  {l}"), theme.warning())));
        }
    }
    out.push(Line::from(""));
}

/// What adopting does to the review date, when Save would adopt this draft as a new version.
fn review_move_line(w: &Wizard) -> Option<String> {
    let f = w.finalised();
    let (before, after) = match f.review_moved {
        Some(moved) => moved,
        None => {
            let l = w.loaded.as_ref()?;
            let adopting = f.agreement.adopted != l.adopted && f.agreement.adopted.is_some();
            if !adopting || f.agreement.review_by == l.review_by {
                return None;
            }
            (l.review_by, f.agreement.review_by?)
        }
    };
    let days = w.review_days;
    let span = if days.is_multiple_of(7) {
        format!("{} weeks", days / 7)
    } else {
        format!("{days} days")
    };
    let was = before.map_or_else(String::new, |d| format!(" (was {d})"));
    Some(format!(
        "  Adopting moves the review to {after}{was}, {span} on"
    ))
}

pub fn review_lines(w: &Wizard, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let editing = w.editing.is_some();
    let date = w
        .draft
        .review_by
        .map(|d| format!("{d} ({})", viewer::relative(d.0, w.today)))
        .unwrap_or_else(|| "—".into());
    let mut first = vec![Span::styled(
        format!("{MARK}{:<w$}", "Review by", w = LABEL_W),
        theme.selected(),
    )];
    if !editing {
        first.push(Span::raw(date));
        first.push(Span::styled(
            "   ←→ ±1 week · Enter types a date",
            theme.muted(),
        ));
    }
    out.push(Line::from(first));
    if !editing && let Some(line) = review_move_line(w) {
        out.push(Line::from(Span::styled(line, theme.muted())));
    }
    if let Some((_, msg)) = w.raw.get(&Field::ReviewBy) {
        message_lines(
            &Diagnostic::error("input", msg.clone()),
            width as usize,
            theme,
            &mut out,
        );
    }
    out.push(Line::from(""));
    dimension_lines(&w.draft, width, theme, &mut out);
    let c = &w.check;
    if c.diags.is_empty() && w.raw.is_empty() {
        out.push(Line::from(Span::styled(
            "✓ No problems: the agreement validates.",
            theme.ok(),
        )));
    } else {
        out.push(Line::from(Span::styled(
            format!(
                "Problems ({} · {}), as `accord validate` reports them:",
                super::save::count(c.errors() + w.raw.len(), "error"),
                super::save::count(c.warnings(), "warning")
            ),
            theme.heading(),
        )));
        for (f, (_, msg)) in &w.raw {
            let text = format!("✗ {}: {}", place(&w.draft, *f), clean(msg));
            for l in textwrap::wrap(&text, width as usize - 2) {
                out.push(Line::from(Span::styled(format!("  {l}"), theme.error())));
            }
        }
        for (i, d) in c.diags.iter().enumerate() {
            let (mark, style) = if d.is_error() {
                ("✗", theme.error())
            } else {
                ("!", theme.warning())
            };
            let at = c
                .field_of(i)
                .map(|f| format!("{}: ", place(&w.draft, f)))
                .unwrap_or_default();
            let text = format!("{mark} {at}{}", clean(&d.message));
            for l in textwrap::wrap(&text, width as usize - 2) {
                out.push(Line::from(Span::styled(format!("  {l}"), style)));
            }
            if let Some(h) = &d.hint {
                for l in textwrap::wrap(&format!("= {}", clean(h)), width as usize - 4) {
                    out.push(Line::from(Span::styled(format!("    {l}"), theme.muted())));
                }
            }
        }
    }
    if let Some(ci) = &w.checkin {
        out.push(Line::from(""));
        out.push(Line::from(Span::styled(
            format!("From the check-in of {}:", ci.date),
            theme.heading(),
        )));
        for d in &ci.decisions {
            let what = match d.decision {
                Decision::Drop => "dropped",
                Decision::Adjust => "to adjust",
                Decision::Keep => "kept",
            };
            let note = d
                .note
                .as_deref()
                .map(|n| format!(" — {}", clean(n)))
                .unwrap_or_default();
            let text = format!("• {} {what}{note}", clean(&d.title));
            for l in textwrap::wrap(&text, width as usize - 2) {
                out.push(Line::from(format!("  {l}")));
            }
        }
    }
    let lot = w.lot();
    if !lot.is_empty() {
        out.push(Line::from(""));
        out.push(Line::from(Span::styled(
            format!("Parking lot ({})", lot.len()),
            theme.heading(),
        )));
        for p in &lot {
            for l in textwrap::wrap(&format!("• {}", clean(p)), width as usize - 2) {
                out.push(Line::from(format!("  {l}")));
            }
        }
    }
    if !w.carried.is_empty() {
        out.push(Line::from(""));
        out.extend(carried_lines(
            w,
            theme,
            Some((width as usize).saturating_sub(2)),
        ));
    }
    let fin = w.finalised();
    out.push(Line::from(""));
    out.extend(change_lines(w, &fin.agreement, width, theme));
    out.push(Line::from(""));
    out.push(Line::from(Span::styled(
        "─".repeat(width as usize),
        theme.border(),
    )));
    out.extend(viewer::document(&fin.agreement, w.today, width, theme).lines);
    out
}

/// What saving would change against the file the wizard started from: the same semantic diff
/// `accord diff` prints and the commit message carries.
fn change_lines(
    w: &Wizard,
    saved: &accord::model::Agreement,
    width: u16,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let Some(before) = &w.loaded else {
        return vec![Line::from(Span::styled(
            "A new agreement: everything below is added.",
            theme.heading(),
        ))];
    };
    let diff = accord::diff::diff_agreements(before, saved);
    let mut out = vec![Line::from(Span::styled(
        format!(
            "What changes against the saved version (v{}, {}):",
            before.version, before.status
        ),
        theme.heading(),
    ))];
    if diff.is_empty() {
        out.push(Line::from(Span::styled("  nothing yet", theme.muted())));
        return out;
    }
    out.extend(crate::tui::doc_view::lines(
        &accord::doc::diff_doc(&diff),
        width,
        theme,
    ));
    out
}

fn render_review(f: &mut Frame, area: Rect, w: &Wizard, theme: &Theme) {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focus())
        .title(Span::styled(
            " Review: the agreement as it will be saved ",
            theme.title(),
        ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let inner = inner.inner(Margin::new(1, 0));
    let lines = review_lines(w, inner.width, theme);
    let max = (lines.len() as u16).saturating_sub(inner.height);
    let scroll = if w.editing.is_some() {
        0
    } else {
        w.review_scroll.min(max)
    };
    f.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
    if let Some(e) = &w.editing {
        let row = Rect {
            x: inner.x + (LABEL_W + 2) as u16,
            y: inner.y,
            width: inner.width.saturating_sub((LABEL_W + 2) as u16),
            height: 1,
        };
        render_textarea(f, row, &e.area, e.field, theme);
    }
}

/// What an item says, for the consent card.
fn describe_item(a: &Agreement, id: &str) -> Vec<String> {
    match a.item(id) {
        Some(ItemRef::Presence(p)) => {
            let mut v = vec![format!("Together on {}", describe::days(&p.days))];
            if let Some(h) = describe::core_hours(p) {
                v.push(format!("core hours {h}"));
            }
            v.push(format!(
                "at least {}",
                super::fields::attendance_label(a, p.min_attendance())
            ));
            if let Some(s) = &p.space {
                v.push(clean(s).into_owned());
            }
            vec![v.join(" · ")]
        }
        Some(ItemRef::Ritual(r)) => {
            let mut s = describe::schedule(r);
            if let Some(o) = &r.owner {
                s.push_str(&format!(" · owner {}", clean(o)));
            }
            let mut v = vec![s];
            if let Some(p) = &r.purpose {
                v.push(clean(p).into_owned());
            }
            v
        }
        Some(ItemRef::Norm(n)) => {
            let mut v = Vec::new();
            if let Some(s) = &n.signal {
                v.push(clean(s).into_owned());
            }
            v
        }
        None => Vec::new(),
    }
}

fn render_consent(f: &mut Frame, area: Rect, w: &Wizard, theme: &Theme) {
    let items = consent::items(w);
    let (list_area, card_area) = if area.width >= 110 {
        let [l, c] = Layout::horizontal([Constraint::Length(36), Constraint::Fill(1)]).areas(area);
        (Some(l), c)
    } else {
        (None, area)
    };
    if let Some(l) = list_area {
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.border())
            .title(Span::styled(
                format!(" Items ({}) ", items.len()),
                theme.title(),
            ));
        let inner = block.inner(l);
        f.render_widget(block, l);
        let rows = inner.height as usize;
        let offset = w.consent_item.saturating_sub(rows.saturating_sub(1));
        let lines: Vec<Line> = items
            .iter()
            .enumerate()
            .skip(offset)
            .take(rows)
            .map(|(i, it)| {
                let state = match it.counts {
                    _ if it.stale => "~".to_string(),
                    None => "○".to_string(),
                    Some([_, _, o]) if o > 0 => "✗".to_string(),
                    Some([a, c, o]) if a + c + o > 0 => "✓".to_string(),
                    Some(_) => "○".to_string(),
                };
                let text: String = format!("{state} {}", it.title)
                    .chars()
                    .take(inner.width.saturating_sub(2) as usize)
                    .collect();
                if i == w.consent_item {
                    Line::from(Span::styled(format!("{MARK}{text}"), theme.selected()))
                } else {
                    Line::from(format!("{NO_MARK}{text}"))
                }
            })
            .collect();
        f.render_widget(Paragraph::new(lines), inner);
    }
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focus())
        .title(Span::styled(
            format!(
                " Item {} of {} · {} still to count ",
                (w.consent_item + 1).min(items.len()),
                items.len(),
                consent::remaining(w)
            ),
            theme.title(),
        ));
    let inner = block.inner(card_area);
    f.render_widget(block, card_area);
    let inner = inner.inner(Margin::new(1, 0));
    let Some(item) = items.get(w.consent_item) else {
        f.render_widget(
            Paragraph::new("Nothing to consent to yet: add presence days, rituals or norms.")
                .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    };
    let width = inner.width as usize;
    let mut lines = vec![Line::from(Span::styled(
        item.kind.to_uppercase(),
        theme.muted(),
    ))];
    for l in textwrap::wrap(&item.title, width) {
        lines.push(Line::from(Span::styled(l.into_owned(), theme.heading())));
    }
    for d in describe_item(&w.draft, &item.id) {
        for l in textwrap::wrap(&d, width) {
            lines.push(Line::from(l.into_owned()));
        }
    }
    if item.stale {
        lines.push(Line::from(Span::styled(
            "~ The item changed since these counts were given: count again.",
            theme.warning(),
        )));
    }
    lines.push(Line::from(""));
    let counts = item.counts.unwrap_or([0; 3]);
    for (i, name) in COUNTS.iter().enumerate() {
        let focused = i == w.consent_count;
        let mark = if focused { MARK } else { NO_MARK };
        let style = if focused {
            theme.selected()
        } else {
            theme.label()
        };
        let value_style = if i == 2 && counts[2] > 0 {
            theme.error()
        } else {
            Style::new()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{mark}{name:<12}"), style),
            Span::styled(format!("{:>4}", counts[i]), value_style),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "Only the numbers are kept, never who said what.",
        theme.muted(),
    )));
    f.render_widget(Paragraph::new(lines), inner);
}

pub fn save_lines(w: &Wizard, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let fin = w.finalised();
    let a = &fin.agreement;
    let row = |label: &str, value: String, style: Style| {
        Line::from(vec![
            Span::styled(format!("  {label:<13}"), theme.label()),
            Span::styled(value, style),
        ])
    };
    let mut out = Vec::new();
    if let Some(s) = &w.saved
        && !w.unsaved
    {
        out.push(Line::from(Span::styled(
            format!(
                "✓ Saved: version {}, {}. q leaves the wizard.",
                s.version, s.status
            ),
            theme.ok(),
        )));
        out.push(Line::from(""));
    }
    out.push(row("File", w.path.display().to_string(), Style::new()));
    let version = match fin.previous_version {
        None => format!("{} (a new agreement)", a.version),
        Some(p) if p != a.version => format!("{p} → {} (the content changed)", a.version),
        Some(p) if fin.content_changed => format!("stays {p} (not adopted before)"),
        Some(p) => format!("stays {p} (the content did not change)"),
    };
    out.push(row("Version", version, Style::new()));
    match &fin.not_active_because {
        None => out.push(row(
            "Status",
            "active: every item has consent and no objection".into(),
            theme.ok(),
        )),
        Some(why) => {
            let text = format!("{}, because {why}", a.status);
            for (n, l) in textwrap::wrap(&text, width.saturating_sub(16) as usize)
                .into_iter()
                .enumerate()
            {
                let label = if n == 0 { "Status" } else { "" };
                out.push(row(label, l.into_owned(), theme.warning()));
            }
        }
    }
    out.push(row(
        "Adopted",
        a.adopted
            .map_or("— (set when the agreement becomes active)".into(), |d| {
                d.to_string()
            }),
        Style::new(),
    ));
    out.push(row(
        "Review by",
        a.review_by.map_or("—".into(), |d| d.to_string()),
        Style::new(),
    ));
    if w.commit {
        let message = w.commit_message(a);
        out.push(row(
            "Commit",
            message.lines().next().unwrap_or("").to_string(),
            Style::new(),
        ));
        out.push(row(
            "",
            "this file only, when the folder is in a git repository".into(),
            theme.muted(),
        ));
    } else {
        out.push(row("Commit", "no (--no-commit)".into(), Style::new()));
    }
    let errors = w.check.errors() + w.raw.len();
    out.push(if errors == 0 {
        row(
            "Problems",
            match w.check.warnings() {
                0 => "none".into(),
                n => format!(
                    "{} (see Review); saving is fine",
                    super::save::count(n, "warning")
                ),
            },
            theme.ok(),
        )
    } else {
        row(
            "Problems",
            format!(
                "{}: fix them first (see Review)",
                super::save::count(errors, "error")
            ),
            theme.error(),
        )
    });
    let lot = w.lot();
    let bullets = |out: &mut Vec<Line>, topics: &[&str]| {
        for p in topics {
            for l in textwrap::wrap(
                &format!("• {}", clean(p)),
                width.saturating_sub(16) as usize,
            ) {
                out.push(Line::from(format!("{:15}{l}", "")));
            }
        }
    };
    if !lot.is_empty() {
        out.push(row(
            "Parking lot",
            format!(
                "{}: not in the agreement, {}",
                super::save::count(lot.len(), "topic"),
                if w.commit {
                    "kept in the commit message"
                } else {
                    "note them for later"
                }
            ),
            theme.warning(),
        ));
        let topics: Vec<&str> = lot.iter().map(String::as_str).collect();
        bullets(&mut out, &topics);
    }
    let taken = w.carried.taken_up();
    if !taken.is_empty() {
        out.push(row(
            "Taken up",
            format!(
                "{} parked last time{}",
                super::save::count(taken.len(), "topic"),
                if w.commit {
                    ", named in the commit message"
                } else {
                    ""
                }
            ),
            theme.ok(),
        ));
        bullets(&mut out, &taken);
    }
    let dropped: Vec<&str> = w
        .carried
        .topics()
        .iter()
        .filter(|t| t.choice == accord::session::Choice::Drop)
        .map(|t| t.topic.as_str())
        .collect();
    if !dropped.is_empty() {
        out.push(row(
            "Dropped",
            format!(
                "{} parked last time, not carried on",
                super::save::count(dropped.len(), "topic")
            ),
            theme.muted(),
        ));
        bullets(&mut out, &dropped);
    }
    out.push(Line::from(""));
    let action = if w.saving.is_some() {
        Line::from(Span::styled("  Saving…", theme.muted()))
    } else if errors > 0 {
        Line::from(Span::styled(
            "  Saving waits until the errors are fixed.",
            theme.muted(),
        ))
    } else {
        Line::from(vec![
            Span::raw("  Press "),
            Span::styled("s", theme.key()),
            Span::raw(" to save."),
        ])
    };
    out.push(action);
    out
}

fn render_save(f: &mut Frame, area: Rect, w: &Wizard, theme: &Theme) {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border_focus())
        .title(Span::styled(" Save ", theme.title()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let inner = inner.inner(Margin::new(1, 0));
    f.render_widget(Paragraph::new(save_lines(w, inner.width, theme)), inner);
}
