//! HTML of any [`Document`], and the self-contained page it is shown in: inline CSS, no
//! scripts, nothing fetched; readable on a phone, in print, light or dark. Every string
//! from a document is escaped here.

use std::fmt::Write as _;

use super::terminal::sanitize;
use crate::doc::{Document, Entry, Mark, Role, Row, Span, Table};

/// Unsafe characters made visible, markup characters escaped (safe in text and in
/// quoted attribute values).
pub fn escape(s: &str) -> String {
    let s = sanitize(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
:root { color-scheme: light dark; --fg: #1c1c21; --muted: #585866; --bg: #ffffff;
  --card: #f4f4f7; --line: #d6d6de; --accent: #1f4f9c; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e9e9ee; --muted: #a9a9b6; --bg: #16161b; --card: #202028; --line: #3a3a45;
    --accent: #93b4ff; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 1rem/1.55 system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif; }
main { max-width: 46rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .3rem; overflow-wrap: anywhere; }
h1 small { display: block; font-size: 1rem; font-weight: normal; color: var(--muted); }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; padding-bottom: .2rem;
  border-bottom: 2px solid var(--line); }
h3 { font-size: 1.08rem; margin: 0 0 .2rem; }
p { margin: .35rem 0; }
.text { white-space: pre-line; overflow-wrap: anywhere; }
.facts, .when, .meta, footer { color: var(--muted); }
.purpose { margin: 1.2rem 0; padding: .6rem 1rem; border-left: 4px solid var(--accent);
  background: var(--card); }
.card { margin: .8rem 0; padding: .8rem 1rem; background: var(--card);
  border: 1px solid var(--line); border-radius: .5rem; }
.muted { color: var(--muted); }
.warning { color: #b3261e; }
ul { margin: .4rem 0; padding-left: 1.2rem; }
code { font: .88em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--muted); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .35rem .6rem .35rem 0;
  border-bottom: 1px solid var(--line); }
th { font-weight: 600; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .4rem 0; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
footer { max-width: 46rem; margin: 0 auto; padding: 0 1rem 2rem; font-size: .85rem; }
@media (max-width: 30rem) {
  dl { grid-template-columns: 1fr; gap: 0; }
  dd { margin-bottom: .4rem; }
}
@media print {
  :root { --fg: #000; --muted: #333; --bg: #fff; --card: #fff; --line: #999; --accent: #000; }
  body { font-size: 11pt; }
  main, footer { max-width: none; padding: 0; }
  .card, tr { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
";

/// `doc` as a web page of its own: the first section's title is the page's title and
/// heading, its lines the facts under it; `footer` closes the page.
pub fn page(doc: &Document, footer: &str) -> String {
    let mut o = String::new();
    let title = doc
        .sections
        .first()
        .and_then(|s| s.title.as_deref())
        .map(escape)
        .unwrap_or_default();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <meta name=\"generator\" content=\"Accord\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
    );
    let mut sections = doc.sections.iter();
    if let Some(first) = sections.next() {
        let _ = writeln!(o, "<header>\n<h1>{title}</h1>");
        rows(&mut o, &first.rows, "facts");
        let _ = writeln!(o, "</header>");
    }
    for s in sections {
        section(&mut o, s);
    }
    let _ = writeln!(
        o,
        "</main>\n<footer>{}</footer>\n</body>\n</html>",
        escape(footer)
    );
    o
}

/// The sections of `doc` as HTML, for inside a page.
pub fn render(doc: &Document) -> String {
    let mut o = String::new();
    for s in &doc.sections {
        section(&mut o, s);
    }
    o
}

fn section(o: &mut String, s: &crate::doc::Section) {
    match &s.title {
        Some(t) => {
            let _ = writeln!(o, "<section id=\"{}\">\n<h2>{}</h2>", anchor(t), escape(t));
        }
        None => o.push_str("<section>\n"),
    }
    rows(o, &s.rows, "text");
    o.push_str("</section>\n");
}

/// "Members (3)" → "members": the title's words before any count, for links to a section.
fn anchor(title: &str) -> String {
    let words: String = title
        .chars()
        .take_while(|c| c.is_ascii_alphabetic() || *c == ' ')
        .collect();
    let id = words
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
        .to_ascii_lowercase();
    if id.is_empty() { "section".into() } else { id }
}

/// Lines as paragraphs of `class`; runs of entries as the list they form (see [`entries`]).
fn rows(o: &mut String, rows: &[Row], class: &str) {
    let mut run: Vec<&Entry> = Vec::new();
    for r in rows {
        match r {
            Row::Line(spans) => {
                entries(o, &std::mem::take(&mut run), false);
                let _ = writeln!(o, "<p class=\"{class}\">{}</p>", inline(spans));
            }
            Row::Entry(e) => run.push(e),
            Row::Table(t) => {
                entries(o, &std::mem::take(&mut run), false);
                table(o, t);
            }
        }
    }
    entries(o, &run, false);
}

/// A `<table>` in a box that scrolls sideways on a narrow screen.
fn table(o: &mut String, t: &Table) {
    let align = |right: bool| {
        if right {
            " style=\"text-align: right\""
        } else {
            ""
        }
    };
    o.push_str("<div class=\"scroll\"><table>\n<thead><tr>");
    for c in &t.header {
        let _ = write!(o, "<th{}>{}</th>", align(c.right), escape(&c.title));
    }
    o.push_str("</tr></thead>\n<tbody>\n");
    for r in &t.rows {
        o.push_str("<tr>");
        for (n, c) in r.iter().enumerate() {
            let right = t.header.get(n).is_some_and(|h| h.right);
            let _ = write!(o, "<td{}>{}</td>", align(right), inline(c));
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody>\n</table></div>\n");
}

/// Entries by their shape: `name: value` fields in a definition list, entries with entries
/// under them as cards, the rest as a bulleted list (in a card: as paragraphs).
fn entries(o: &mut String, es: &[&Entry], in_card: bool) {
    let mut i = 0;
    while i < es.len() {
        let shape = Shape::of(es[i]);
        let end = es[i..]
            .iter()
            .position(|e| Shape::of(e) != shape)
            .map_or(es.len(), |n| i + n);
        match shape {
            Shape::Field => {
                o.push_str("<dl>\n");
                for e in &es[i..end] {
                    let k = e.key.as_ref().map(|k| escape(&k.text)).unwrap_or_default();
                    let _ = writeln!(o, "<dt>{k}</dt><dd>{}{}</dd>", mark(e), inline(&e.spans));
                }
                o.push_str("</dl>\n");
            }
            Shape::Card => {
                for e in &es[i..end] {
                    let _ = writeln!(o, "<article class=\"card\">\n<h3>{}</h3>", head(e));
                    let children: Vec<&Entry> = e.children.iter().collect();
                    entries(o, &children, true);
                    o.push_str("</article>\n");
                }
            }
            Shape::Item if in_card => {
                for e in &es[i..end] {
                    let _ = writeln!(o, "<p class=\"text\">{}</p>", head(e));
                }
            }
            Shape::Item => {
                o.push_str("<ul>\n");
                for e in &es[i..end] {
                    let _ = writeln!(o, "<li>{}</li>", head(e));
                }
                o.push_str("</ul>\n");
            }
        }
        i = end;
    }
}

#[derive(PartialEq, Clone, Copy)]
enum Shape {
    Field,
    Card,
    Item,
}

impl Shape {
    fn of(e: &Entry) -> Shape {
        match (&e.key, e.children.is_empty()) {
            (_, false) => Shape::Card,
            (Some(k), true) if k.role == Role::Label => Shape::Field,
            _ => Shape::Item,
        }
    }
}

/// The mark's word, the key and the spans of an entry, on one line.
fn head(e: &Entry) -> String {
    let mut s = mark(e);
    if let Some(k) = &e.key {
        let colon = if e.spans.is_empty() { ":" } else { ": " };
        s.push_str(&span(k));
        s.push_str(colon);
    }
    s.push_str(&inline(&e.spans));
    s
}

fn mark(e: &Entry) -> String {
    let word = match e.mark {
        None => return String::new(),
        Some(Mark::Added) => "Added",
        Some(Mark::Removed) => "Removed",
        Some(Mark::Changed) => "Changed",
        Some(Mark::Joined) => "Joined",
        Some(Mark::Left) => "Left",
        Some(Mark::Before) => "before",
        Some(Mark::After) => "after",
    };
    format!("<strong>{word}</strong> ")
}

fn inline(spans: &[Span]) -> String {
    spans.iter().map(span).collect()
}

fn span(s: &Span) -> String {
    let t = escape(&s.text);
    match s.role {
        Role::Heading | Role::Added => format!("<strong>{t}</strong>"),
        Role::Code => format!("<code>{t}</code>"),
        Role::Removed => format!("<del>{t}</del>"),
        Role::Warning => format!("<strong class=\"warning\">{t}</strong>"),
        Role::Muted => format!("<span class=\"muted\">{t}</span>"),
        Role::Plain | Role::Label | Role::Old => t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(
            escape("<b>\"Tom\" & 'Jo'</b>\u{1b}"),
            "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jo&#39;&lt;/b&gt;\\u{1b}"
        );
    }

    /// Any document, such as a diff's: marks as words, roles as tags, every string escaped.
    #[test]
    fn a_diff_shaped_document() {
        let mut doc = Document::default();
        doc.section(None).line(vec![Span::plain("New <v2>.")]);
        doc.section(Some("Rituals")).entry(Entry {
            mark: Some(Mark::Changed),
            key: Some(Span::new(Role::Code, "demo")),
            spans: vec![Span::plain("Demo & co")],
            children: vec![Entry {
                key: Some(Span::new(Role::Label, "time")),
                spans: vec![
                    Span::new(Role::Removed, "15:00"),
                    Span::plain(" → "),
                    Span::new(Role::Added, "16:00\u{202e}"),
                ],
                ..Entry::default()
            }],
        });
        assert_eq!(
            render(&doc),
            "<section>\n<p class=\"text\">New &lt;v2&gt;.</p>\n</section>\n\
             <section id=\"rituals\">\n<h2>Rituals</h2>\n<article class=\"card\">\n\
             <h3><strong>Changed</strong> <code>demo</code>: Demo &amp; co</h3>\n<dl>\n\
             <dt>time</dt><dd><del>15:00</del> → <strong>16:00\\u{202e}</strong></dd>\n</dl>\n\
             </article>\n</section>\n"
        );
    }

    #[test]
    fn anchors_are_the_title_words() {
        assert_eq!(anchor("Members (3)"), "members");
        assert_eq!(anchor("Pulse questions"), "pulse-questions");
        assert_eq!(anchor("\"><script>"), "section");
    }
}
