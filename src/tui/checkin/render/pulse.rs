//! The pulse: while a round is open the screen shows only how many answered; the entry shows
//! only what [`accord::checkin::HiddenView`] allows (never the score, never the comment).
//! Results appear after the round closes, and only at or above the threshold.

use accord::adherence::PulseResult;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::tui::checkin::CheckinState;
use crate::tui::theme::Theme;

pub fn render(f: &mut Frame, area: Rect, c: &CheckinState, theme: &Theme) {
    let min = c.session.min_responses().get();
    if c.session.pulse_open() {
        return open(f, area, c, min, theme);
    }
    let mut lines = vec![
        Line::from(Span::styled(
            "How is it going for you in this team? 1 (badly) to 5 (very well).",
            theme.heading(),
        )),
        Line::from(""),
    ];
    let result = c.session.pulse_result();
    lines.extend(result_lines(&result, min, theme));
    lines.push(Line::from(""));
    if result.count() > 0 {
        lines.push(Line::from(Span::styled(
            "A new round replaces these answers when it closes.",
            theme.warning(),
        )));
    }
    lines.push(Line::from(Span::styled(
        format!(
            "Enter opens a round: the keyboard goes round, each person types a score and an optional comment, hidden from the room. Results are shown only with at least {min} answers; nothing is stored with a name or a time."
        ),
        theme.muted(),
    )));
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}

/// What a recorded pulse may show: the count always; mean, distribution and comments only
/// when the count reaches the threshold.
pub fn result_lines(r: &PulseResult, min: u32, theme: &Theme) -> Vec<Line<'static>> {
    match r {
        PulseResult::NotTaken => vec![Line::from(Span::styled(
            "No pulse taken yet.",
            theme.muted(),
        ))],
        PulseResult::Withheld(_) => vec![
            Line::from(Span::styled(
                format!("Results withheld: {} of {min} answers needed.", r.count()),
                theme.warning(),
            )),
            Line::from(Span::styled(
                "Too few answers to keep them anonymous: no mean, no distribution, no comments.",
                theme.muted(),
            )),
        ],
        PulseResult::Shown(s) => {
            let mut lines = vec![Line::from(Span::styled(
                format!("Mean {:.1} from {} answers", s.mean(), s.count()),
                theme.heading(),
            ))];
            let most = s.distribution().into_iter().max().unwrap_or(1).max(1);
            for (n, score) in s.distribution().into_iter().zip(1..) {
                let bar = "█".repeat((n * 20 / most) as usize);
                lines.push(Line::from(vec![
                    Span::styled(format!("  {score} "), theme.label()),
                    Span::styled(bar, theme.gauge()),
                    Span::raw(format!(" {n}")),
                ]));
            }
            if !s.comments().is_empty() {
                lines.push(Line::from(Span::styled("Comments:", theme.label())));
                for cm in s.comments() {
                    lines.push(Line::from(format!(
                        "  “{}”",
                        accord::text::sanitize_line(cm)
                    )));
                }
            }
            lines
        }
    }
}

fn open(f: &mut Frame, area: Rect, c: &CheckinState, min: u32, theme: &Theme) {
    let answered = c.session.pulse_answered().unwrap_or(0);
    let [count, _, entry, _, help] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Length(5),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    f.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled(format!("{answered} answered"), theme.title())),
            Line::from(Span::styled(
                format!("Results are shown after the round, with at least {min} answers."),
                theme.muted(),
            )),
        ]),
        count,
    );
    let box_area = Rect {
        width: entry.width.min(60),
        ..entry
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(if c.entry.is_some() {
            theme.border_focus()
        } else {
            theme.border()
        })
        .title(Span::styled(" Your answer ", theme.title()));
    let inner = block.inner(box_area);
    f.render_widget(block, box_area);
    let lines = match &c.entry {
        Some(e) => {
            let v = e.view();
            vec![
                Line::from(v.score_line),
                Line::from(v.comment_line),
                Line::from(Span::styled(
                    if v.ready {
                        "Enter records your answer"
                    } else {
                        "Type a score first"
                    },
                    theme.muted(),
                )),
            ]
        }
        None => vec![
            Line::from("Nobody is answering."),
            Line::from(Span::styled(
                "Enter: the next person answers",
                theme.muted(),
            )),
        ],
    };
    f.render_widget(Paragraph::new(lines), inner);
    let text = if c.entry.is_some() {
        "Type a score from 1 to 5, then a comment if you like; nothing you type is shown. Enter records it and clears the entry for the next person. Esc hands the keyboard back to the facilitator."
    } else {
        "Pass the keyboard to the next person and press Enter, or close the round (c) to see the results, or cancel it (x)."
    };
    f.render_widget(
        Paragraph::new(Span::styled(text, theme.muted())).wrap(Wrap { trim: true }),
        help,
    );
}
