//! Draws a [`Document`] in the TUI: the lines of its text rendering, wrapped to the width,
//! coloured by what each line is (added, removed) or, on other lines, by what each span is
//! (a heading, a field's name, a warning) rather than by its characters.

use accord::doc::{Document, Mark, Role};
use accord::render::text;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::theme::Theme;

/// A document's drawn lines and the line each titled section starts on.
pub struct Drawn {
    pub lines: Vec<Line<'static>>,
    pub sections: Vec<usize>,
}

/// Every line of `doc` indented two columns more than in the text rendering (the TUI's
/// margin), each wrapped to `width` with continuations indented two further.
pub fn lines(doc: &Document, width: u16, theme: &Theme) -> Vec<Line<'static>> {
    draw(doc, width, 2, theme).lines
}

/// Every line of `doc` indented `margin` columns more than in the text rendering, wrapped
/// to `width`; an entry's continuations are indented two further, a paragraph's are not.
pub fn draw(doc: &Document, width: u16, margin: usize, theme: &Theme) -> Drawn {
    let mut out = Vec::new();
    let mut sections = Vec::new();
    for l in text::lines(doc) {
        let marked = match l.mark.and_then(Mark::sign) {
            Some(true) => Some(theme.ok()),
            Some(false) => Some(theme.error()),
            None => None,
        };
        if l.indent == 0 && matches!(l.pieces.as_slice(), [(_, Role::Heading)]) {
            sections.push(out.len());
        }
        // Where each piece's text lies in the line, and how it looks.
        let mut body = String::new();
        let mut looks = Vec::new();
        for (t, role) in &l.pieces {
            let start = body.len();
            body.push_str(t);
            looks.push((
                start,
                body.len(),
                marked.unwrap_or_else(|| style(*role, theme)),
            ));
        }
        let indent = l.indent + margin;
        let hang = if l.indent > 0 { 2 } else { 0 };
        // A table's columns line up only unwrapped: the viewer pans sideways instead.
        let parts = if l.table {
            vec![std::borrow::Cow::Borrowed(body.as_str())]
        } else {
            let room = (width as usize).saturating_sub(indent + 2).max(10);
            textwrap::wrap(&body, room)
        };
        let mut from = 0;
        for (n, part) in parts.into_iter().enumerate() {
            let pad = if n == 0 { indent } else { indent + hang };
            let mut spans = vec![Span::raw(" ".repeat(pad))];
            match body[from..].find(part.as_ref()) {
                Some(at) => {
                    let (s, e) = (from + at, from + at + part.len());
                    from = e;
                    for &(ps, pe, st) in &looks {
                        let (a, b) = (ps.max(s), pe.min(e));
                        if a < b {
                            spans.push(Span::styled(body[a..b].to_string(), st));
                        }
                    }
                }
                // A part textwrap rewrote: one look for all of it.
                None => spans.push(Span::styled(
                    part.into_owned(),
                    looks.first().map_or(Style::new(), |l| l.2),
                )),
            }
            out.push(Line::from(spans));
        }
    }
    Drawn {
        lines: out,
        sections,
    }
}

fn style(role: Role, theme: &Theme) -> Style {
    match role {
        Role::Heading => theme.heading(),
        Role::Label => theme.label(),
        Role::Muted | Role::Code => theme.muted(),
        Role::Warning => theme.warning(),
        Role::Added => theme.ok(),
        Role::Removed => theme.error(),
        Role::Plain | Role::Old => Style::new(),
    }
}
