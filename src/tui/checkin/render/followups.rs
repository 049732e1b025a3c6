//! The follow-up step: each open action of earlier check-ins (item, decision, note, owner, due,
//! overdue) with this check-in's answer; and the summary's lines about them.

use accord::checkin::FollowupLine;
use accord::model::FollowupState;
use accord::session::{Choice, ParkedWhen};
use accord::text::sanitize_line as clean;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState, Wrap};

use super::{field, mark};
use crate::tui::checkin::CheckinState;
use crate::tui::theme::Theme;

pub fn state_text(s: Option<FollowupState>) -> &'static str {
    match s {
        Some(FollowupState::Done) => "done",
        Some(FollowupState::NotYet) => "not yet",
        Some(FollowupState::Dropped) => "dropped",
        None => "—",
    }
}

/// "weekly-demo: adjust (move it to Thursday)", the item's title when the agreement has it.
fn action_text(l: &FollowupLine) -> String {
    let a = l.action;
    let what = a.title.as_deref().unwrap_or(&a.item);
    match &a.note {
        Some(n) => format!("{}: {} ({})", clean(what), a.decision, clean(n)),
        None => format!("{}: {}", clean(what), a.decision),
    }
}

/// Owner and due date: short for the table, in words for the selected row's line.
fn who_when(l: &FollowupLine, long: bool) -> String {
    let a = l.action;
    let owner = a.owner.as_deref().map_or("—".into(), clean);
    let due = a.due.map_or("—".to_string(), |d| d.to_string());
    match (long, a.overdue) {
        (false, true) => format!("{owner} · {due} ⚠"),
        (false, false) => format!("{owner} · {due}"),
        (true, late) => format!(
            "owner {owner} · due {due}{}",
            if late { " · OVERDUE" } else { "" }
        ),
    }
}

/// A choice on a parked topic, short enough for the answer column.
pub fn choice_text(c: Choice) -> &'static str {
    match c {
        Choice::TakeUp => "take up",
        Choice::KeepParked => "keep",
        Choice::Drop => "drop",
    }
}

fn when_text(w: ParkedWhen) -> &'static str {
    match w {
        ParkedWhen::Adoption => "the last adoption",
        ParkedWhen::CheckIn => "the last check-in",
    }
}

pub fn render(f: &mut Frame, area: Rect, c: &CheckinState, theme: &Theme) {
    let typing = if c.typing_in_step() { 1 } else { 0 };
    let [table_area, typing_area, help_area] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(typing),
        Constraint::Length(4),
    ])
    .areas(area);
    let lines = c.session.followups();
    let rows: Vec<Row> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let sel = i == c.row;
            let answer = Span::styled(
                format!("{:<8}", state_text(l.state)),
                if sel { theme.selected() } else { theme.base() },
            );
            let late = if l.action.overdue {
                theme.warning()
            } else {
                theme.muted()
            };
            Row::new(vec![
                Cell::from(mark(sel)),
                Cell::from(action_text(l)),
                Cell::from(Span::styled(who_when(l, false), late)),
                Cell::from(answer),
                Cell::from(clean(l.note.unwrap_or("")).into_owned()),
            ])
        })
        .collect();
    let carried = c.session.carried().topics();
    let first = lines.len();
    let rows = rows
        .into_iter()
        .chain(carried.iter().enumerate().map(|(k, t)| {
            let sel = first + k == c.row;
            let style = if sel { theme.selected() } else { theme.base() };
            Row::new(vec![
                Cell::from(mark(sel)),
                Cell::from(format!("Parked: {}", clean(&t.topic))),
                Cell::from(Span::styled(
                    format!("at {}", when_text(t.when)),
                    theme.muted(),
                )),
                Cell::from(Span::styled(format!("{:<8}", choice_text(t.choice)), style)),
                Cell::from(""),
            ])
        }));
    let widths = [
        Constraint::Length(2),
        Constraint::Fill(3),
        Constraint::Length(28),
        Constraint::Length(8),
        Constraint::Fill(1),
    ];
    let what = if carried.is_empty() {
        "Action"
    } else {
        "Last time"
    };
    let header = Row::new(
        ["", what, "Owner · due", "Answer", "Note"]
            .map(|h| Cell::from(Span::styled(h, theme.label()))),
    );
    let t = Table::new(rows, widths).header(header).column_spacing(1);
    let visible = table_area.height.saturating_sub(1) as usize;
    let mut state = TableState::default()
        .with_selected(Some(c.row))
        .with_offset(c.row.saturating_sub(visible.saturating_sub(1)));
    f.render_stateful_widget(t, table_area, &mut state);
    if typing > 0 {
        let label = "Note: ";
        f.render_widget(
            Paragraph::new(Span::styled(label, theme.label())),
            typing_area,
        );
        let w = label.len() as u16;
        field(
            f,
            Rect {
                x: typing_area.x + w,
                width: typing_area.width.saturating_sub(w),
                ..typing_area
            },
            c,
            theme,
        );
    }
    let topic = c.row.checked_sub(first).and_then(|k| carried.get(k));
    let selected = match topic {
        Some(t) => Some(format!(
            "▶ Parked at {}: {} · {}",
            when_text(t.when),
            clean(&t.topic),
            t.choice.label()
        )),
        None => lines.get(c.row).map(|l| {
            format!(
                "▶ {} (from {}) · {}",
                action_text(l),
                l.action.id.date,
                who_when(l, true)
            )
        }),
    };
    let help = if topic.is_some() {
        "Topics parked last time: ←→ keep parked / take up / drop; x keeps it. Kept ones stay in the parking lot; taken-up ones are discussed now."
    } else {
        "What became of last time's actions? ←→ done / not yet / dropped; x clears; Enter adds a note. Not yet keeps it open for the next check-in."
    };
    let text = vec![
        Line::from(Span::styled(selected.unwrap_or_default(), theme.label())),
        Line::from(Span::styled(help, theme.muted())),
    ];
    f.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), help_area);
}

/// The summary's lines about the topics parked last time: each one's choice.
pub fn carried_lines(c: &CheckinState, theme: &Theme) -> Vec<Line<'static>> {
    let topics = c.session.carried().topics();
    if topics.is_empty() {
        return Vec::new();
    }
    let mut out = vec![
        Line::from(""),
        Line::from(Span::styled(
            format!(
                "Parked last time ({}): the commit message says what became of them",
                topics.len()
            ),
            theme.heading(),
        )),
    ];
    for t in topics {
        out.push(Line::from(vec![
            Span::styled(format!("  {:<11} ", t.choice.label()), theme.label()),
            Span::raw(format!("{} (at {})", clean(&t.topic), when_text(t.when))),
        ]));
    }
    out
}

/// The summary's follow-up lines: each action's answer, or that it is still unanswered.
pub fn summary_lines(c: &CheckinState, theme: &Theme) -> Vec<Line<'static>> {
    let lines = c.session.followups();
    if lines.is_empty() {
        return Vec::new();
    }
    let answered = lines.iter().filter(|l| l.state.is_some()).count();
    let mut out = vec![
        Line::from(""),
        Line::from(Span::styled(
            format!(
                "Follow-ups: {answered} of {} open action(s) answered",
                lines.len()
            ),
            theme.heading(),
        )),
    ];
    for l in &lines {
        let note = l
            .note
            .map(|n| format!(" — {}", clean(n)))
            .unwrap_or_default();
        let style = if l.state.is_none() {
            theme.warning()
        } else {
            theme.base()
        };
        out.push(Line::from(vec![
            Span::styled(format!("  {:<8} ", state_text(l.state)), style),
            Span::raw(format!("{} ({}){note}", action_text(l), l.action.id.date)),
        ]));
    }
    out
}
