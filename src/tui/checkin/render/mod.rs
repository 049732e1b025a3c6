//! Drawing the check-in flow: the step line, the step, its message line, and the leave prompt.

mod decisions;
mod followups;
mod pulse;
mod steps;
mod summary;
mod wins;
pub use decisions::height as decisions_panel_height;
pub use summary::{SummaryLine, summary_lines_at, summary_scroll_max};

use accord::checkin::Step;
use accord::store::Workspace;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};

use super::{CheckinState, Target};
use crate::tui::keymap::{Keymap, Scope};
use crate::tui::theme::Theme;

/// Rows of the large step heading in workshop mode (only where it leaves room for the step).
fn big_rows(c: &CheckinState, area: Rect) -> u16 {
    if c.workshop && area.height >= 40 {
        4
    } else {
        0
    }
}

/// Where the flow draws inside the body: the step line, the step's frame, the message lines
/// (in workshop mode on a large screen, a large step heading sits above the frame).
pub fn areas(area: Rect, c: &CheckinState) -> [Rect; 3] {
    let [tabs, _, main, message] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(big_rows(c, area)),
        Constraint::Fill(1),
        Constraint::Length(2),
    ])
    .areas(area);
    [tabs, main, message]
}

/// The step's content inside its frame (what the step renderers get).
pub fn content(main: Rect) -> Rect {
    let inner = Block::new().borders(Borders::ALL).inner(main);
    inner.inner(Margin::new(1, 0))
}

/// The step names on the step line: their column ranges, for mouse clicks.
pub fn step_ranges(c: &CheckinState, width: u16) -> Vec<(u16, u16, Step)> {
    let mut x = 1u16;
    let mut out = Vec::new();
    let numbered = numbered(c, width);
    for (i, s) in c.steps().into_iter().enumerate() {
        if i > 0 {
            x += 3;
        }
        let w = step_label_numbered(i, s, width, numbered).chars().count() as u16;
        out.push((x, x + w, s));
        x += w;
    }
    out
}

fn step_label(i: usize, s: Step, width: u16) -> String {
    step_label_numbered(i, s, width, true)
}

fn step_label_numbered(i: usize, s: Step, width: u16, numbered: bool) -> String {
    let name = if width < 120 {
        s.title().split(' ').next().unwrap_or("")
    } else {
        s.title()
    };
    if numbered {
        format!("{} {name}", i + 1)
    } else {
        name.to_string()
    }
}

/// Whether the step line has room for the numbers (eight steps at 80 columns have not).
fn numbered(c: &CheckinState, width: u16) -> bool {
    let steps = c.steps();
    let labels: usize = steps
        .iter()
        .enumerate()
        .map(|(i, s)| step_label(i, *s, width).chars().count())
        .sum();
    1 + labels + 3 * steps.len().saturating_sub(1) <= usize::from(width)
}

pub fn render(
    f: &mut Frame,
    area: Rect,
    c: &CheckinState,
    ws: &Workspace,
    theme: &Theme,
    keymap: &Keymap,
) {
    let [tabs, main, message] = areas(area, c);
    let big = big_rows(c, area);
    if big > 0 {
        let heading = tui_big_text::BigText::builder()
            .pixel_size(tui_big_text::PixelSize::HalfHeight)
            .style(theme.title())
            .lines(vec![Line::from(c.step.title())])
            .build();
        f.render_widget(
            heading,
            Rect {
                x: area.x + 1,
                y: tabs.y + 1,
                width: area.width.saturating_sub(1),
                height: big,
            },
        );
    }
    f.render_widget(Paragraph::new(step_line(c, area.width, theme)), tabs);
    let title = format!(" {} · {} ", c.step.title(), period_text(c));
    let mut block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border())
        .title(Span::styled(title, theme.title()));
    // Workshop: a visible timer per step, so the room keeps an eye on the time — but not
    // while a pulse round is open, where it would tell the room who took long to answer.
    if c.workshop && !c.session.pulse_open() {
        let secs = c.elapsed[CheckinState::slot(c.step)];
        block = block.title(
            Line::from(Span::styled(
                format!(" ⏱ {}:{:02} on this step ", secs / 60, secs % 60),
                theme.heading(),
            ))
            .right_aligned(),
        );
    }
    if let Some(lot) = parking_lot(c) {
        block = block.title_bottom(Span::styled(lot, theme.heading()));
    }
    f.render_widget(block, main);
    let inner = content(main);
    match c.step {
        Step::Followups => followups::render(f, inner, c, theme),
        Step::Period => steps::period(f, inner, c, theme),
        Step::Presence => steps::presence(f, inner, c, theme),
        Step::Rituals => steps::rituals(f, inner, c, theme),
        Step::Norms => steps::norms(f, inner, c, theme),
        Step::Decisions => {
            let [table, panel] = Layout::vertical([
                Constraint::Fill(1),
                Constraint::Length(decisions::height(c, inner.width, inner.height)),
            ])
            .areas(inner);
            steps::decisions(f, table, c, theme);
            decisions::render(f, panel, c, theme);
        }
        Step::Pulse => pulse::render(f, inner, c, theme),
        Step::Summary => summary::render(f, inner, c, ws, theme),
    }
    message_line(f, message, c, theme);
    if c.typing.is_some() && !c.typing_in_step() {
        // The parking lot's field, under its "Typing …" line.
        let row = Rect {
            y: message.y + 1,
            height: 1,
            ..message
        }
        .inner(Margin::new(1, 0));
        field(f, row, c, theme);
    }
    if c.leaving {
        leave_prompt(f, area, c, theme, keymap);
    }
}

/// The parked topics on the frame's bottom edge, on every step: the room sees them.
fn parking_lot(c: &CheckinState) -> Option<String> {
    let parked = c.session.parked();
    if parked.is_empty() {
        return None;
    }
    let topics: Vec<_> = parked
        .iter()
        .map(|t| accord::text::sanitize_line(t))
        .collect();
    Some(format!(
        " Parking lot ({}): {} ",
        parked.len(),
        topics.join(" · ")
    ))
}

/// The header's left and right: the team and mode; whether the work is kept.
pub fn header(c: &CheckinState) -> (String, String) {
    let mode = if c.workshop { " · WORKSHOP" } else { "" };
    let kept = match (&c.saved, c.draft_saved_at) {
        (Some(_), _) => "saved".to_string(),
        (None, Some(t)) => format!("draft kept {}", t.format("%H:%M")),
        _ if c.unsaved() => "unsaved".to_string(),
        _ => String::new(),
    };
    (format!(" Accord · Check-in: {}{mode}", c.title()), kept)
}

fn period_text(c: &CheckinState) -> String {
    let p = c.session.period();
    format!("{} to {}", p.from, p.to)
}

/// "1 Period › 2 Presence days › …", the current step marked; the workshop timer on the right.
fn step_line(c: &CheckinState, width: u16, theme: &Theme) -> Line<'static> {
    let steps = c.steps();
    let numbered = numbered(c, width);
    let mut spans = vec![Span::raw(" ")];
    for (i, s) in steps.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" › ", theme.muted()));
        }
        let text = step_label_numbered(i, *s, width, numbered);
        if *s == c.step {
            spans.push(Span::styled(text, theme.selected()));
        } else {
            spans.push(Span::styled(text, theme.muted()));
        }
    }
    Line::from(spans)
}

fn message_line(f: &mut Frame, area: Rect, c: &CheckinState, theme: &Theme) {
    let line = if let Some(m) = &c.message {
        Line::from(Span::styled(
            format!(" {}", accord::text::sanitize_line(m)),
            theme.warning(),
        ))
    } else if let Some(t) = &c.typing {
        let what = match &t.target {
            Target::From => "the first day of the period (YYYY-MM-DD)",
            Target::To => "the last day of the period (YYYY-MM-DD)",
            Target::RitualNote(_)
            | Target::NormNote(_)
            | Target::DecisionNote(_)
            | Target::FollowupNote(_) => "a note",
            Target::Win(_) => "a win to celebrate (Enter records it, Esc cancels)",
            Target::EditWin(_) => "the win (Enter keeps it, Esc cancels)",
            Target::Due(_) => "the due date (YYYY-MM-DD; empty clears it)",
            Target::Park => "a topic for the parking lot (Enter parks it, Esc cancels)",
            Target::Tally => "a tally (Enter adds it, Esc cancels)",
        };
        Line::from(Span::styled(format!(" Typing {what}"), theme.muted()))
    } else if let Some(n) = c.notices.first() {
        Line::from(Span::styled(
            format!(" {}", accord::text::sanitize_line(n)),
            theme.muted(),
        ))
    } else if c.workshop && c.entry.is_none() {
        // Not while someone answers: their keys go to the hidden entry, not to the parking lot.
        Line::from(vec![
            Span::raw(" "),
            Span::styled("P", theme.key()),
            Span::styled(
                " parks a topic the team wants to come back to",
                theme.muted(),
            ),
        ])
    } else {
        Line::from("")
    };
    f.render_widget(Paragraph::new(line).wrap(Wrap { trim: true }), area);
}

/// The text field being typed into, drawn over `area` (one line).
pub fn field(f: &mut Frame, area: Rect, c: &CheckinState, theme: &Theme) {
    if let Some(t) = &c.typing {
        t.area.render(f, area, theme.selected_idle(), "");
    }
}

fn leave_prompt(f: &mut Frame, area: Rect, c: &CheckinState, theme: &Theme, keymap: &Keymap) {
    let w = area.width.saturating_sub(8).min(76);
    let mut lines = vec![Line::from(Span::styled(
        "Leave the check-in with entered data?",
        theme.heading(),
    ))];
    lines.push(Line::from(
        "Kept, the draft is merged back in the next time you run the check-in.",
    ));
    if c.session.pulse_open() {
        lines.push(Line::from(Span::styled(
            "The open pulse round is never kept: its answers are lost either way.",
            theme.warning(),
        )));
    }
    lines.push(Line::from(""));
    let mut keys_line = Vec::new();
    for item in keymap.footer(&[Scope::ConfirmQuit]) {
        keys_line.push(Span::styled(item.keys, theme.key()));
        keys_line.push(Span::raw(format!(" {}   ", item.label)));
    }
    lines.push(Line::from(keys_line));
    let h = lines.len() as u16 + 4;
    let r = crate::tui::ui::centred(area, w, h);
    f.render_widget(Clear, r);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme.border_focus())
        .style(theme.base())
        .title(Span::styled(" Leave ", theme.title()));
    let inner = block.inner(r);
    f.render_widget(block, r);
    let inner = inner.inner(Margin::new(1, 0));
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// A table row's mark: the selection.
pub fn mark(selected: bool) -> &'static str {
    if selected {
        crate::tui::theme::MARK
    } else {
        crate::tui::theme::NO_MARK
    }
}
