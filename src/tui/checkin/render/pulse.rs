//! The pulse: while a round is open the screen shows only how many answered; the entry shows
//! only what [`accord::checkin::HiddenView`] allows (never a score, a subgroup or a comment),
//! one page per question in one layout. Results appear after the round closes, and only at
//! or above the threshold.

use accord::adherence::PulseResult;
use accord::model::Question;
use accord::pulse::Page;
use accord::text::sanitize_line;
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
    let questions = c.session.questions();
    let [body, typing] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(u16::from(c.typing_in_step())),
    ])
    .areas(area);
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "{} question{} about what the team does, each answered 1 to 5:",
            questions.len(),
            if questions.len() == 1 { "" } else { "s" }
        ),
        theme.heading(),
    ))];
    for q in questions.iter() {
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {} ", sanitize_line(q.id.as_str())),
                theme.label(),
            ),
            Span::raw(sanitize_line(&q.text).into_owned()),
        ]));
    }
    lines.push(Line::from(""));
    let result = c.session.pulse_result();
    lines.extend(result_lines(&result, &questions, min, theme));
    lines.push(Line::from(""));
    match c.session.pulse_continues_from() {
        Some(n) => lines.push(Line::from(Span::styled(
            format!(
                "Latecomers: Enter opens the round again; it goes on from these {n} answers, up to the team's {}.",
                c.session.pulse_cap()
            ),
            theme.label(),
        ))),
        None if result.count() > 0 => lines.push(Line::from(Span::styled(
            "A new round replaces these answers when it closes.",
            theme.warning(),
        ))),
        None => {}
    }
    let waiting = c.session.outside_answers();
    if waiting > 0 {
        lines.push(Line::from(Span::styled(
            format!("{waiting} answers given outside the room wait for the round."),
            theme.label(),
        )));
    }
    lines.push(Line::from(Span::styled(
        format!(
            "Enter opens a round: the keyboard goes round, each person answers every question, hidden from the room. t adds a tally of answers given outside the room (paper slips, a show of hands). A round takes at most {} answers, one per member; results are shown only with at least {min}. Nothing is stored with a name or a time.",
            c.session.pulse_cap()
        ),
        theme.muted(),
    )));
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), body);
    super::steps::typing_line(f, typing, "Tally:", c, theme);
}

/// What a recorded pulse may show: the count always; means, distributions, gaps and
/// comments only when the count reaches the threshold.
pub fn result_lines(
    r: &PulseResult,
    questions: &[Question],
    min: u32,
    theme: &Theme,
) -> Vec<Line<'static>> {
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
                "Too few answers to keep them anonymous: nothing but the count is kept.",
                theme.muted(),
            )),
        ],
        PulseResult::Shown(s) => {
            let mut lines = vec![Line::from(Span::styled(
                format!("{} answers", s.count()),
                theme.heading(),
            ))];
            for qf in s.questions() {
                let name = questions
                    .iter()
                    .find(|q| q.id.as_str() == qf.id())
                    .map_or(qf.id().to_string(), |q| q.id.to_string());
                let dist = qf.distribution();
                let most = dist.into_iter().max().unwrap_or(1).max(1);
                let bars: Vec<Span> = dist
                    .into_iter()
                    .zip(1..)
                    .flat_map(|(n, score)| {
                        [
                            Span::styled(format!(" {score}:"), theme.muted()),
                            Span::styled("█".repeat((n * 6 / most) as usize), theme.gauge()),
                            Span::raw(format!("{n}")),
                        ]
                    })
                    .collect();
                let mut spans = vec![
                    Span::styled(format!("  {} ", sanitize_line(&name)), theme.label()),
                    Span::raw(format!("mean {:.1} ", qf.mean().unwrap_or(0.0))),
                ];
                spans.extend(bars);
                lines.push(Line::from(spans));
                for g in s.gaps() {
                    if let Some(d) = g.describe(qf.id()) {
                        lines.push(Line::from(Span::styled(
                            format!("    {}: {}", g.grouping, d),
                            theme.muted(),
                        )));
                    }
                }
            }
            if !s.comments().is_empty() {
                lines.push(Line::from(Span::styled("Comments:", theme.label())));
                for cm in s.comments() {
                    lines.push(Line::from(format!("  “{}”", sanitize_line(cm))));
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
        Constraint::Length(9),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    f.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled(
                format!("{answered} of at most {} answered", c.session.pulse_cap()),
                theme.title(),
            )),
            Line::from(Span::styled(
                format!("Results are shown after the round, with at least {min} answers."),
                theme.muted(),
            )),
        ]),
        count,
    );
    let box_area = Rect {
        width: entry.width.min(72),
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
        Some(e) => entry_lines(c, e, theme),
        None => vec![
            Line::from("Nobody is answering."),
            Line::from(Span::styled(
                "Enter: the next person answers",
                theme.muted(),
            )),
        ],
    };
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
    let text = if c.entry.is_some() {
        "Nothing you type is shown. Enter goes to the next page and records your answer on the last one, clearing the entry for the next person; Shift-Tab goes back a page. Esc hands the keyboard back to the facilitator."
    } else {
        "Pass the keyboard to the next person and press Enter, or close the round (c) to see the results, or cancel it (x)."
    };
    f.render_widget(
        Paragraph::new(Span::styled(text, theme.muted())).wrap(Wrap { trim: true }),
        help,
    );
}

/// One page of the hidden entry: its question (the same for everyone), and a choice line
/// that never depends on the choice.
fn entry_lines(
    c: &CheckinState,
    e: &accord::checkin::HiddenEntry,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let v = e.view();
    let mut lines = vec![Line::from(Span::styled(v.progress.clone(), theme.label()))];
    match v.page {
        Page::Question(i) => {
            let qs = c.session.questions();
            if let Some(q) = qs.get(i) {
                lines.push(Line::from(Span::styled(
                    sanitize_line(&q.text).into_owned(),
                    theme.heading(),
                )));
                lines.push(Line::from(Span::styled(
                    sanitize_line(&q.scale()).into_owned(),
                    theme.muted(),
                )));
            }
        }
        Page::Group(i) => {
            if let Some(g) = c.session.agreement().groupings().get(i) {
                lines.push(Line::from(Span::styled(g.question(), theme.heading())));
                let values: Vec<String> = g
                    .values()
                    .iter()
                    .zip(1..)
                    .map(|(v, n)| format!("{n} {v} ({})", g.describe(v)))
                    .collect();
                lines.push(Line::from(Span::styled(values.join(" · "), theme.muted())));
            }
        }
        Page::Comment => {
            lines.push(Line::from(Span::styled(
                "Anything the team should hear? One or two sentences.",
                theme.heading(),
            )));
        }
    }
    lines.push(Line::from(v.choice_line));
    lines.push(Line::from(Span::styled(
        match (v.ready, v.last) {
            (false, _) => "Type a score first",
            (true, false) => "Enter: next page",
            (true, true) => "Enter records your answer",
        },
        theme.muted(),
    )));
    lines
}
