//! The steps that are tables or fields: period, presence, rituals, norms, decisions.

use accord::adherence::day_met;
use accord::describe;
use accord::model::Weekday;
use accord::text::sanitize_line as clean;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState, Wrap};

use super::{field, mark};
use crate::tui::checkin::{CheckinState, Col};
use crate::tui::theme::Theme;

/// The table area, a line for the text field being typed, and the explanation under them.
fn split(area: Rect, c: &CheckinState, help_lines: u16) -> (Rect, Rect, Rect) {
    let typing = if c.typing_in_step() { 2 } else { 0 };
    let [table, _, typing_area, help] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(typing.min(1)),
        Constraint::Length(typing.saturating_sub(1)),
        Constraint::Length(help_lines),
    ])
    .areas(area);
    (table, typing_area, help)
}

pub(super) fn typing_line(f: &mut Frame, area: Rect, label: &str, c: &CheckinState, theme: &Theme) {
    if !c.typing_in_step() || area.height == 0 {
        return;
    }
    let w = label.chars().count() as u16 + 1;
    f.render_widget(
        Paragraph::new(Span::styled(label.to_string(), theme.label())),
        area,
    );
    field(
        f,
        Rect {
            x: area.x + w,
            width: area.width.saturating_sub(w),
            ..area
        },
        c,
        theme,
    );
}

/// The selected row's whole text (a table cuts long norms) with its trial mark, the lines
/// that say what it is for ("How we will know: …"), then the explanation in the last two rows.
fn detail_and_help(
    f: &mut Frame,
    area: Rect,
    detail: &str,
    about: Vec<Line<'static>>,
    text: &str,
    theme: &Theme,
) {
    let [d, h] = Layout::vertical([Constraint::Fill(1), Constraint::Length(2)]).areas(area);
    let mut lines = vec![Line::from(Span::styled(
        format!("▶ {}", clean(detail)),
        theme.label(),
    ))];
    lines.extend(about);
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), d);
    help(f, h, text.to_string(), theme);
}

/// "on trial until 2026-11-30", for an item the team is trying out.
fn trial_mark(until: Option<chrono::NaiveDate>) -> Option<String> {
    until.map(|d| format!("on trial until {d}"))
}

/// A table's name cell: "(trial)" first when the item is on trial (a narrow column cuts
/// the end of a name, never the mark), then the name.
fn name_cell(name: &str, trial: bool, theme: &Theme) -> Cell<'static> {
    let mut spans = Vec::new();
    if trial {
        spans.push(Span::styled("(trial) ", theme.warning()));
    }
    spans.push(Span::raw(clean(name).into_owned()));
    Cell::from(Line::from(spans))
}

/// "Label: text" in muted style, for a detail line.
fn about_line(label: &str, text: &str, theme: &Theme) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{label}: "), theme.label()),
        Span::styled(clean(text).into_owned(), theme.muted()),
    ])
}

fn help(f: &mut Frame, area: Rect, text: String, theme: &Theme) {
    f.render_widget(
        Paragraph::new(Span::styled(text, theme.muted())).wrap(Wrap { trim: true }),
        area,
    );
}

/// A number cell: the focused one in brackets (visible without colour too).
fn num(v: u32, focused: bool, theme: &Theme) -> Cell<'static> {
    if focused {
        Cell::from(Span::styled(format!("[{v:>3}]"), theme.selected()))
    } else {
        Cell::from(format!(" {v:>3} "))
    }
}

fn table<'a>(
    rows: Vec<Row<'a>>,
    header: &[&'a str],
    widths: Vec<Constraint>,
    theme: &Theme,
) -> Table<'a> {
    Table::new(rows, widths)
        .header(Row::new(
            header
                .iter()
                .map(|h| Cell::from(Span::styled(*h, theme.label()))),
        ))
        .column_spacing(1)
}

fn draw(f: &mut Frame, area: Rect, t: Table, selected: usize) {
    let visible = area.height.saturating_sub(1) as usize;
    let mut state = TableState::default()
        .with_selected(Some(selected))
        .with_offset(selected.saturating_sub(visible.saturating_sub(1)));
    f.render_stateful_widget(t, area, &mut state);
}

pub fn period(f: &mut Frame, area: Rect, c: &CheckinState, theme: &Theme) {
    let p = c.session.period();
    let days = (p.to - p.from).num_days() + 1;
    let typing = c.typing_in_step();
    let mut lines = Vec::new();
    for (i, (label, value)) in [("From", p.from), ("To", p.to)].into_iter().enumerate() {
        let sel = i == c.row;
        let value = if sel && typing {
            String::new()
        } else {
            format!("◂ {} {} ▸", Weekday::of(value).short_name(), value)
        };
        let style = if sel { theme.selected() } else { Style::new() };
        lines.push(Line::from(vec![
            Span::styled(mark(sel), style),
            Span::styled(format!("{label:<6}"), theme.label()),
            Span::styled(value, style),
        ]));
    }
    lines.push(Line::from(""));
    let presence = c.session.presence_days().len();
    let planned: u32 = c.session.rituals().iter().map(|r| r.planned).sum();
    lines.push(Line::from(format!(
        "{days} day(s) reviewed · {presence} presence day(s) · {planned} ritual occurrence(s) planned"
    )));
    lines.push(Line::from(Span::styled(
        format!(
            "Check-in dated {} against {} v{}.",
            c.session.checkin().date,
            clean(&c.session.agreement().team),
            c.session.agreement().version
        ),
        theme.muted(),
    )));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "The period starts the day after the last check-in (or on the adoption date) and ends yesterday. ←→ moves a date by a day; Enter types it.",
        theme.muted(),
    )));
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
    if typing {
        let y = area.y + c.row as u16;
        field(
            f,
            Rect {
                x: area.x + 8,
                y,
                width: area.width.saturating_sub(8).min(14),
                height: 1,
            },
            c,
            theme,
        );
    }
}

pub fn presence(f: &mut Frame, area: Rect, c: &CheckinState, theme: &Theme) {
    let (table_area, _, help_area) = split(area, c, 2);
    let min = c
        .session
        .agreement()
        .presence
        .as_ref()
        .map_or(1.0, |p| p.min_attendance());
    let all = c.presence_rows();
    let rows: Vec<Row> = all
        .iter()
        .enumerate()
        .map(|(i, (date, counts))| {
            let sel = i == c.row;
            let day = format!("{} {date}", Weekday::of(*date).short_name());
            let mut cells = vec![Cell::from(mark(sel)), Cell::from(day)];
            match counts {
                Some((p, e)) => {
                    let entered = c.session.is_entered(*date);
                    cells.push(num(*p, sel && c.col == Col::First, theme));
                    cells.push(num(*e, sel && c.col == Col::Second, theme));
                    cells.push(Cell::from(describe::percent(f64::from(*p) / f64::from(*e))));
                    cells.push(if !entered {
                        Cell::from(Span::styled("not entered yet", theme.muted()))
                    } else if day_met(*p, *e, min) {
                        Cell::from(Span::styled("✓ met", theme.ok()))
                    } else {
                        Cell::from(Span::styled(
                            format!("✗ below {}", describe::percent(min)),
                            theme.warning(),
                        ))
                    });
                }
                None => {
                    cells.push(Cell::from("  —"));
                    cells.push(Cell::from("  —"));
                    cells.push(Cell::from(""));
                    cells.push(Cell::from(Span::styled("left out", theme.muted())));
                }
            }
            Row::new(cells)
        })
        .collect();
    let widths = vec![
        Constraint::Length(2),
        Constraint::Length(15),
        Constraint::Length(7),
        Constraint::Length(8),
        Constraint::Length(6),
        Constraint::Fill(1),
    ];
    if all.is_empty() {
        help(
            f,
            table_area,
            "No presence day falls in this period.".into(),
            theme,
        );
    } else {
        let t = table(
            rows,
            &["", "Day", "Present", "Expected", "Share", ""],
            widths,
            theme,
        );
        draw(f, table_area, t, c.row);
    }
    help(
        f,
        help_area,
        format!(
            "A day is met when at least {} of those expected were there. Type the number, or +/-; ←→ present/expected; d leaves a day out (closure, holiday).",
            describe::percent(min)
        ),
        theme,
    );
}

pub fn rituals(f: &mut Frame, area: Rect, c: &CheckinState, theme: &Theme) {
    let (table_area, typing_area, help_area) = split(area, c, 5);
    let wide = area.width >= 120;
    let lines = c.session.rituals();
    let rows: Vec<Row> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let sel = i == c.row;
            let planned_note = if l.overridden {
                format!("cadence: {}", l.derived)
            } else {
                "from cadence".into()
            };
            let mut cells = vec![
                Cell::from(mark(sel)),
                name_cell(&l.ritual.name, l.ritual.trial_until.is_some(), theme),
                num(l.held, sel && c.col == Col::First, theme),
                num(l.planned, sel && c.col == Col::Second, theme),
                Cell::from(Span::styled(planned_note, theme.muted())),
                Cell::from(clean(l.note.unwrap_or("")).into_owned()),
            ];
            if wide {
                cells.insert(
                    2,
                    Cell::from(Span::styled(describe::schedule(l.ritual), theme.muted())),
                );
            }
            Row::new(cells)
        })
        .collect();
    let mut widths = vec![
        Constraint::Length(2),
        Constraint::Length(if wide { 26 } else { 20 }),
        Constraint::Length(5),
        Constraint::Length(7),
        Constraint::Length(13),
        Constraint::Fill(1),
    ];
    let mut header = vec!["", "Ritual", "Held", "Planned", "", "Note"];
    if wide {
        widths.insert(2, Constraint::Length(40));
        header.insert(2, "When");
    }
    let t = table(rows, &header, widths, theme);
    draw(f, table_area, t, c.row);
    typing_line(f, typing_area, "Note:", c, theme);
    let selected = lines.get(c.row);
    let mut about = Vec::new();
    if let Some(t) = selected.and_then(|l| trial_mark(l.ritual.trial_until.map(|d| d.0))) {
        about.push(Line::from(Span::styled(t, theme.warning())));
    }
    if let Some(p) = selected.and_then(|l| l.ritual.purpose.as_deref()) {
        about.push(about_line("Purpose", p, theme));
    }
    detail_and_help(
        f,
        help_area,
        selected.map_or("", |l| l.ritual.name.as_str()),
        about,
        "Held out of planned; planned comes from the cadence in the period unless you change it (r goes back to the cadence). Enter adds a note.",
        theme,
    );
}

fn choice_cell(text: Option<String>, sel: bool, theme: &Theme) -> Cell<'static> {
    match (text, sel) {
        (Some(t), true) => Cell::from(Span::styled(format!("◂ {t} ▸"), theme.selected())),
        (Some(t), false) => Cell::from(format!("  {t}")),
        (None, true) => Cell::from(Span::styled("◂ — ▸", theme.selected())),
        (None, false) => Cell::from(Span::styled("  —", theme.muted())),
    }
}

pub fn norms(f: &mut Frame, area: Rect, c: &CheckinState, theme: &Theme) {
    let (table_area, typing_area, help_area) = split(area, c, 6);
    let rows: Vec<Row> = c
        .session
        .norms()
        .iter()
        .enumerate()
        .map(|(i, (n, r))| {
            let sel = i == c.row;
            Row::new(vec![
                Cell::from(mark(sel)),
                name_cell(&n.text, n.trial_until.is_some(), theme),
                choice_cell(r.map(|x| x.rating.to_string()), sel, theme),
                Cell::from(clean(r.and_then(|x| x.note.as_deref()).unwrap_or("")).into_owned()),
            ])
        })
        .collect();
    let widths = vec![
        Constraint::Length(2),
        Constraint::Fill(2),
        Constraint::Length(10),
        Constraint::Fill(1),
    ];
    let t = table(rows, &["", "Norm", "Rating", "Note"], widths, theme);
    draw(f, table_area, t, c.row);
    typing_line(f, typing_area, "Note:", c, theme);
    let norms = c.session.norms();
    let selected = norms.get(c.row).map(|(n, _)| *n);
    let mut about = Vec::new();
    if let Some(t) = selected.and_then(|n| trial_mark(n.trial_until.map(|d| d.0))) {
        about.push(Line::from(Span::styled(t, theme.warning())));
    }
    if let Some(sig) = selected.and_then(|n| n.signal.as_deref()) {
        // Signals are usually written as a sentence of their own ("How we will know: …").
        let sig = sig.trim();
        let bare = ["How we will know:", "How we will know"]
            .iter()
            .find_map(|p| sig.strip_prefix(p))
            .unwrap_or(sig);
        about.push(about_line("How we will know", bare.trim_start(), theme));
    }
    detail_and_help(
        f,
        help_area,
        selected.map_or("", |n| n.text.as_str()),
        about,
        "How well did we keep it? ←→ kept / partly / broken (counts 1, ½, 0); x clears; Enter adds a note. Unrated norms are left out of the score.",
        theme,
    );
}

pub fn decisions(f: &mut Frame, area: Rect, c: &CheckinState, theme: &Theme) {
    let (table_area, typing_area, help_area) = split(area, c, 5);
    let scores = c.session.scores();
    let rows: Vec<Row> = c
        .session
        .items()
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let sel = i == c.row;
            let id = item.id();
            let score = scores
                .items
                .iter()
                .find(|s| s.item == id)
                .and_then(|s| s.score)
                .map_or("—".to_string(), describe::percent);
            let d = c.session.decision(id);
            Row::new(vec![
                Cell::from(mark(sel)),
                name_cell(item.title(), item.trial_until().is_some(), theme),
                Cell::from(score),
                choice_cell(d.map(|x| x.decision.to_string()), sel, theme),
                Cell::from(clean(d.and_then(|x| x.note.as_deref()).unwrap_or("")).into_owned()),
            ])
        })
        .collect();
    let widths = vec![
        Constraint::Length(2),
        Constraint::Fill(2),
        Constraint::Length(6),
        Constraint::Length(10),
        Constraint::Fill(1),
    ];
    let t = table(
        rows,
        &["", "Item", "Score", "Decision", "Note"],
        widths,
        theme,
    );
    draw(f, table_area, t, c.row);
    typing_line(f, typing_area, "Note:", c, theme);
    let items = c.session.items();
    let selected = items.get(c.row);
    let about = selected
        .and_then(|i| trial_mark(i.trial_until()))
        .map(|t| Line::from(Span::styled(t, theme.warning())))
        .into_iter()
        .collect();
    detail_and_help(
        f,
        help_area,
        selected.map_or("", |i| i.title()),
        about,
        "What do we do with each item? ←→ keep / adjust / drop; x clears; Enter adds a note (say what to adjust).",
        theme,
    );
}
