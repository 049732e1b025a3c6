//! Markdown for a forge comment or page: text from files renders as written — no emphasis,
//! link, image, HTML, code fence or table break it did not mean — and notifies nobody.

use std::fmt::Write as _;

use super::terminal::sanitize_line;
use crate::doc::{Document, Entry, Mark, Role, Row, Span, Table};

/// Escapes text from files for inline Markdown (one line: line ends become spaces).
///
/// `@name` and `@org/team` would notify those people from the bot's comment. The `@` is
/// followed by `&#8203;`, the entity of a zero-width space, as Renovate and Dependabot do in
/// the pull requests they write: GitHub shows `@name` but links and notifies nobody, and
/// the output holds only visible ASCII (a raw U+200B is itself an invisible character).
pub fn escape(s: &str) -> String {
    let s = sanitize_line(s);
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            '@' if chars.peek().is_some_and(char::is_ascii_alphanumeric) => {
                out.push_str("@&#8203;");
            }
            c => out.push(c),
        }
    }
    out
}

/// Text for inside a Markdown code span: unsafe characters visible, backticks and line
/// ends (which would close or break the span) removed.
pub fn code(s: &str) -> String {
    sanitize_line(s).replace('`', "")
}

/// Markdown of any [`Document`]: titles in bold (the caller owns the headings), entries as
/// nested lists, a new value in bold and a removed one struck through.
pub fn render(doc: &Document) -> String {
    write(doc, |_, t| format!("**{}**", escape(t)))
}

/// Markdown of a [`Document`] that is a page of its own: the first section's title is the
/// page's heading, the others' are headings under it.
pub fn page(doc: &Document) -> String {
    write(doc, |n, t| {
        let level = if n == 0 { "#" } else { "##" };
        format!("{level} {}", escape(t))
    })
}

fn write(doc: &Document, heading: impl Fn(usize, &str) -> String) -> String {
    let mut o = String::new();
    for (n, s) in doc.sections.iter().enumerate() {
        if let Some(t) = &s.title {
            let _ = writeln!(o, "{}\n", heading(n, t));
        }
        let mut list = false;
        for r in &s.rows {
            match r {
                Row::Line(spans) => {
                    // Right after a list, a line would read as part of its last item.
                    if std::mem::take(&mut list) {
                        o.push('\n');
                    }
                    let _ = writeln!(o, "{}\n", inline(spans));
                }
                Row::Entry(e) => {
                    entry(&mut o, e, 0);
                    list = true;
                }
                Row::Table(t) => {
                    if std::mem::take(&mut list) {
                        o.push('\n');
                    }
                    table(&mut o, t);
                }
            }
        }
        if list {
            o.push('\n');
        }
    }
    while o.ends_with("\n\n") {
        o.pop();
    }
    o
}

fn entry(o: &mut String, e: &Entry, depth: usize) {
    let _ = write!(o, "{:w$}- ", "", w = depth * 2);
    if let Some(m) = e.mark {
        let (word, bold) = match m {
            Mark::Added => ("Added", true),
            Mark::Removed => ("Removed", true),
            Mark::Changed => ("Changed", true),
            Mark::Joined => ("Joined", true),
            Mark::Left => ("Left", true),
            Mark::Before => ("before", false),
            Mark::After => ("after", false),
        };
        // `**Added** `id`: …` names what the key is; without a key the word takes the colon.
        let _ = match (e.key.is_some(), bold) {
            (true, true) => write!(o, "**{word}** "),
            (true, false) => write!(o, "{word} "),
            (false, true) => write!(o, "**{word}:** "),
            (false, false) => write!(o, "{word}: "),
        };
    }
    if let Some(k) = &e.key {
        let colon = if e.spans.is_empty() { ":" } else { ": " };
        let _ = write!(o, "{}{colon}", span(k));
    }
    let _ = writeln!(o, "{}", inline(&e.spans));
    for c in &e.children {
        entry(o, c, depth + 1);
    }
}

/// A GFM table; every cell escaped (`|` included), so a cell never splits a row.
fn table(o: &mut String, t: &Table) {
    let head: Vec<String> = t.header.iter().map(|c| escape(&c.title)).collect();
    let _ = writeln!(o, "| {} |", head.join(" | "));
    let rule: Vec<&str> = t
        .header
        .iter()
        .map(|c| if c.right { "---:" } else { "---" })
        .collect();
    let _ = writeln!(o, "|{}|", rule.join("|"));
    for r in &t.rows {
        // GFM splits a row at any unescaped `|`, even inside a code span.
        let cells: Vec<String> = r
            .iter()
            .map(|c| {
                c.iter()
                    .map(|s| match s.role {
                        Role::Code => format!("`{}`", code(&s.text).replace('|', "\\|")),
                        _ => span(s),
                    })
                    .collect()
            })
            .collect();
        let _ = writeln!(o, "| {} |", cells.join(" | "));
    }
    o.push('\n');
}

fn inline(spans: &[Span]) -> String {
    spans.iter().map(span).collect()
}

fn span(s: &Span) -> String {
    match s.role {
        Role::Code => format!("`{}`", code(&s.text)),
        Role::Added => format!("**{}**", escape(&s.text)),
        Role::Removed => format!("~~{}~~", escape(&s.text)),
        _ => escape(&s.text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_mentions_are_neutralised() {
        assert_eq!(escape("a *b* [c](d)"), r"a \*b\* \[c\](d)");
        assert_eq!(escape("<img src=x>"), r"\<img src=x\>");
        assert_eq!(escape("![x](http://e/x.png)"), r"!\[x\](http://e/x.png)");
        assert_eq!(escape("```"), r"\`\`\`");
        assert_eq!(
            escape("hi @ana and @org/team"),
            "hi @&#8203;ana and @&#8203;org/team"
        );
        assert_eq!(escape("a @ b"), "a @ b");
        // The visible escape's backslash is itself escaped: it renders as `\u{1b}`.
        assert_eq!(
            escape("x\u{1b}]52;c;YQ==\u{7}"),
            r"x\\u{1b}\]52;c;YQ==\\u{7}"
        );
        assert_eq!(code("a`b\nc"), "ab c");
    }

    /// A `|` splits a GFM row even inside a code span: escaped there too.
    #[test]
    fn a_pipe_in_a_table_cell_never_splits_the_row() {
        use crate::doc::{Column, Table};
        let mut doc = Document::default();
        doc.section(None).table(Table {
            header: vec![Column::left("a|b")],
            rows: vec![vec![vec![
                Span::plain("x|y "),
                Span::new(Role::Code, "p|q"),
            ]]],
        });
        assert_eq!(render(&doc), "| a\\|b |\n|---|\n| x\\|y `p\\|q` |\n");
    }
}
