//! Plain text of any [`Document`]: for terminals, commit message bodies and the TUI, which
//! draws the same lines (see [`lines`]) in colour.

use unicode_width::UnicodeWidthStr;

use crate::doc::{Document, Entry, Mark, Role, Row, Table};

use super::terminal::sanitize_line;

/// One line of the text rendering: where it starts, the mark that colours it in the TUI,
/// and its pieces, already safe for a terminal. A blank line has no pieces.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub indent: usize,
    pub mark: Option<Mark>,
    pub pieces: Vec<(String, Role)>,
    /// A table's line: its columns line up only if it is never wrapped.
    pub table: bool,
}

impl Line {
    pub fn text(&self) -> String {
        let body: String = self.pieces.iter().map(|(t, _)| t.as_str()).collect();
        if body.is_empty() {
            return body;
        }
        format!("{:w$}{body}", "", w = self.indent)
    }
}

/// The document as text, one line per [`Line`].
pub fn render(doc: &Document) -> String {
    let mut o = String::new();
    for l in lines(doc) {
        o.push_str(&l.text());
        o.push('\n');
    }
    o
}

/// The document as text wrapped to `width` columns: an entry's continuation lines are
/// indented two past its first, a paragraph's line up with it. For prose read as a page
/// (`show`, `export --format text`); a diff keeps one line per change.
pub fn wrapped(doc: &Document, width: usize) -> String {
    let mut o = String::new();
    for l in lines(doc) {
        let body: String = l.pieces.iter().map(|(t, _)| t.as_str()).collect();
        if body.is_empty() {
            o.push('\n');
            continue;
        }
        if l.table {
            o.push_str(&l.text());
            o.push('\n');
            continue;
        }
        let first = " ".repeat(l.indent);
        let rest = " ".repeat(l.indent + if l.indent > 0 { 2 } else { 0 });
        let opts = textwrap::Options::new(width)
            .initial_indent(&first)
            .subsequent_indent(&rest);
        for part in textwrap::wrap(&body, opts) {
            o.push_str(&part);
            o.push('\n');
        }
    }
    o
}

/// Sections are separated by a blank line, titles stand alone, entries are indented two
/// spaces, and an entry's children line up past its mark.
pub fn lines(doc: &Document) -> Vec<Line> {
    let mut out = Vec::new();
    for s in &doc.sections {
        if !out.is_empty() {
            out.push(line(0, None, Vec::new()));
        }
        if let Some(t) = &s.title {
            out.push(line(0, None, vec![piece(t, Role::Heading)]));
        }
        for r in &s.rows {
            match r {
                Row::Line(spans) => out.push(line(
                    0,
                    None,
                    spans.iter().map(|s| piece(&s.text, s.role)).collect(),
                )),
                Row::Entry(e) => entry(&mut out, e, 2),
                Row::Table(t) => table(&mut out, t, 2),
            }
        }
    }
    out
}

fn entry(out: &mut Vec<Line>, e: &Entry, indent: usize) {
    let mut pieces = Vec::new();
    if let Some(m) = e.mark {
        pieces.push((sign(m).to_string(), Role::Plain));
    }
    if let Some(k) = &e.key {
        // `+ id  title`, but `name: value`.
        let after = match (e.mark, e.spans.is_empty()) {
            (Some(_), _) => "  ",
            (None, true) => ":",
            (None, false) => ": ",
        };
        pieces.push((format!("{}{after}", sanitize_line(&k.text)), k.role));
    }
    pieces.extend(e.spans.iter().map(|s| piece(&s.text, s.role)));
    match e.mark {
        Some(Mark::Joined) => pieces.push((" joined".into(), Role::Muted)),
        Some(Mark::Left) => pieces.push((" left".into(), Role::Muted)),
        _ => {}
    }
    out.push(line(indent, e.mark, pieces));
    let inner = indent + if e.mark.is_some() { 4 } else { 2 };
    for c in &e.children {
        entry(out, c, inner);
    }
}

/// A header line, then one line per row; columns two cells apart, each as wide as its
/// widest cell in terminal cells (a CJK character or an emoji takes two).
fn table(out: &mut Vec<Line>, t: &Table, indent: usize) {
    let header: Vec<Vec<(String, Role)>> = t
        .header
        .iter()
        .map(|c| vec![piece(&c.title, Role::Label)])
        .collect();
    let body: Vec<Vec<Vec<(String, Role)>>> = t
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| c.iter().map(|s| piece(&s.text, s.role)).collect())
                .collect()
        })
        .collect();
    let cells = |c: &[(String, Role)]| c.iter().map(|(t, _)| t.width()).sum::<usize>();
    let mut widths = vec![0; t.header.len()];
    for r in std::iter::once(&header).chain(&body) {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(cells(c));
        }
    }
    for r in std::iter::once(&header).chain(&body) {
        let mut pieces = Vec::new();
        let last = r.len().min(widths.len()).saturating_sub(1);
        for (n, (c, w)) in r.iter().zip(&widths).enumerate() {
            let pad = " ".repeat(w - cells(c));
            let right = t.header.get(n).is_some_and(|h| h.right);
            if right {
                pieces.push((pad.clone(), Role::Plain));
            }
            pieces.extend(c.iter().cloned());
            // No spaces after the last column: lines end where their text does.
            if !right && n < last {
                pieces.push((pad, Role::Plain));
            }
            if n < last {
                pieces.push(("  ".into(), Role::Plain));
            }
        }
        out.push(Line {
            indent,
            mark: None,
            pieces,
            table: true,
        });
    }
}

fn sign(m: Mark) -> &'static str {
    match m {
        Mark::Added | Mark::Joined | Mark::After => "+ ",
        Mark::Removed | Mark::Left | Mark::Before => "− ",
        Mark::Changed => "~ ",
    }
}

fn piece(text: &str, role: Role) -> (String, Role) {
    (sanitize_line(text).into_owned(), role)
}

fn line(indent: usize, mark: Option<Mark>, pieces: Vec<(String, Role)>) -> Line {
    Line {
        indent,
        mark,
        pieces,
        table: false,
    }
}
