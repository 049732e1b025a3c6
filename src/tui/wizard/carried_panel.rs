//! Drawing the "Parked last time" panel, and the geometry its mouse targets share with it: one
//! row per topic, with where it was parked and its three choices side by side.

use accord::session::{Choice, ParkedWhen};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthChar;

use super::Wizard;
use super::carried::CHOICES;
use crate::tui::theme::{MARK, NO_MARK, Theme};

/// Columns of "adoption" / "check-in".
const WHEN_W: u16 = 8;
/// Between the choices.
const GAP: u16 = 2;

/// Where each of a topic's three choices is drawn.
pub type ChoiceCells = [(Rect, Choice); 3];

/// Where the panel and each visible topic's choices are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panel {
    pub area: Rect,
    pub inner: Rect,
    /// Topic rows on screen: the topic's index, its line, and where each choice is drawn.
    pub rows: Vec<(usize, u16, ChoiceCells)>,
    /// Columns left for the topic's text.
    pub topic_w: u16,
}

fn choice_text(c: Choice, chosen: bool) -> String {
    format!("{} {}", if chosen { "●" } else { "○" }, c.label())
}

fn choices_w() -> u16 {
    CHOICES
        .iter()
        .map(|c| choice_text(*c, false).chars().count() as u16)
        .sum::<u16>()
        + GAP * 2
}

/// The panel's place over the wizard's body, when it is open.
pub fn panel(body: Rect, w: &Wizard) -> Option<Panel> {
    let at = w.carried_open?;
    let n = w.carried.topics().len();
    let width = body.width.saturating_sub(4).min(100);
    let height = (n as u16 + 6).min(body.height.saturating_sub(2));
    let area = crate::tui::ui::centred(body, width, height);
    let inner = Rect {
        x: area.x + 2,
        y: area.y + 1,
        width: area.width.saturating_sub(4),
        height: area.height.saturating_sub(2),
    };
    // Intro and a blank line above the topics, a blank line and the hint below.
    let visible = inner.height.saturating_sub(4) as usize;
    let offset = at.saturating_sub(visible.saturating_sub(1));
    let topic_w = inner
        .width
        .saturating_sub(MARK.chars().count() as u16 + 1 + WHEN_W + GAP + choices_w());
    let x0 = inner.x + MARK.chars().count() as u16 + topic_w + 1 + WHEN_W + GAP;
    let rows = (offset..n.min(offset + visible))
        .map(|i| {
            let y = inner.y + 2 + (i - offset) as u16;
            let mut x = x0;
            let cells = CHOICES.map(|c| {
                let cw = choice_text(c, false).chars().count() as u16;
                let r = Rect::new(x, y, cw, 1).intersection(inner);
                x += cw + GAP;
                (r, c)
            });
            (i, y, cells)
        })
        .collect();
    Some(Panel {
        area,
        inner,
        rows,
        topic_w,
    })
}

/// `s` cut to `cols` terminal columns (ending in "…" when cut) and padded to them.
fn fit(s: &str, cols: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if total > cols && used + cw + 1 > cols {
            out.push('…');
            used += 1;
            break;
        }
        if used + cw > cols {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push_str(&" ".repeat(cols.saturating_sub(used)));
    out
}

pub fn render(f: &mut Frame, body: Rect, w: &Wizard, theme: &Theme) {
    let Some(p) = panel(body, w) else {
        return;
    };
    f.render_widget(Clear, p.area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(BorderType::Double)
        .border_style(theme.border_focus())
        .style(theme.base())
        .title(Span::styled(
            format!(" Parked last time ({}) ", w.carried.topics().len()),
            theme.title(),
        ));
    f.render_widget(block, p.area);
    let line = |y: u16| Rect {
        y,
        height: 1,
        ..p.inner
    };
    f.render_widget(
        Paragraph::new(Span::styled(
            "Topics parked at the last adoption or check-in. Choose for each:",
            theme.heading(),
        )),
        line(p.inner.y),
    );
    let at = w.carried_open.unwrap_or(0);
    for (i, y, cells) in &p.rows {
        let t = &w.carried.topics()[*i];
        let when = match t.when {
            ParkedWhen::Adoption => "adoption",
            ParkedWhen::CheckIn => "check-in",
        };
        let topic = fit(&accord::text::sanitize_line(&t.topic), p.topic_w as usize);
        let mut spans = if *i == at {
            vec![Span::styled(format!("{MARK}{topic}"), theme.selected())]
        } else {
            vec![Span::raw(format!("{NO_MARK}{topic}"))]
        };
        spans.push(Span::styled(
            format!(" {when:w$}{:g$}", "", w = WHEN_W as usize, g = GAP as usize),
            theme.muted(),
        ));
        for (n, (_, c)) in cells.iter().enumerate() {
            let chosen = t.choice == *c;
            let style = if chosen {
                theme.selected()
            } else {
                theme.muted()
            };
            spans.push(Span::styled(choice_text(*c, chosen), style));
            if n + 1 < cells.len() {
                spans.push(Span::raw(" ".repeat(GAP as usize)));
            }
        }
        f.render_widget(Paragraph::new(Line::from(spans)), line(*y));
    }
    let bottom = p.inner.y + p.inner.height.saturating_sub(1);
    if bottom > p.inner.y + 2 {
        f.render_widget(
            Paragraph::new(Span::styled(
                "Kept ones stay in the parking lot; the commit names the ones taken up.",
                theme.muted(),
            )),
            line(bottom),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn fit_cuts_and_pads_by_terminal_columns() {
        assert_eq!(fit("abc", 5), "abc  ");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("会議室の予約", 7), "会議室…");
        assert_eq!(fit("会議", 4), "会議");
    }
}
