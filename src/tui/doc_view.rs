//! Draws a [`Document`] in the TUI: the lines of its text rendering, wrapped to the width,
//! coloured by what each line is (added, removed, a heading) rather than by its characters.

use accord::doc::{Document, Mark, Role};
use accord::render::text;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::theme::Theme;

/// Every line of `doc` indented two columns more than in the text rendering (the TUI's
/// margin), each wrapped to `width` with continuations indented two further.
pub fn lines(doc: &Document, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for l in text::lines(doc) {
        let style = match (l.mark.and_then(Mark::sign), l.pieces.as_slice()) {
            (Some(true), _) => theme.ok(),
            (Some(false), _) => theme.error(),
            (None, [(_, Role::Heading)]) => theme.heading(),
            _ => Style::new(),
        };
        let body: String = l.pieces.iter().map(|(t, _)| t.as_str()).collect();
        let indent = l.indent + 2;
        let room = (width as usize).saturating_sub(indent + 2).max(10);
        for (n, part) in textwrap::wrap(&body, room).into_iter().enumerate() {
            let pad = if n == 0 { indent } else { indent + 2 };
            out.push(Line::from(Span::styled(
                format!("{:pad$}{part}", ""),
                style,
            )));
        }
    }
    out
}
