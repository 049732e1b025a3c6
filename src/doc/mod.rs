//! One document model for every human-readable output: a [`Document`] is sections of rows
//! of spans, each span with a [`Role`] that says what it is, never how it looks. The
//! renderers in `crate::render` (text, Markdown, HTML) and the TUI's `doc_view` decide the look
//! and make every string safe for their format; builders here only say what is shown.

mod agreement;
mod diff;
mod report;
mod share;

pub use agreement::{agreement_doc, agreement_title, relative};
pub use diff::diff_doc;
pub use report::report_doc;
pub use share::{next_checkin, share_doc};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    pub sections: Vec<Section>,
}

/// A titled group of rows (`title: None`: lines of prose before or between sections).
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: Option<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// A line of prose of its own.
    Line(Vec<Span>),
    /// A list entry, with entries nested under it.
    Entry(Entry),
    /// Figures in columns: aligned in text, a GFM table in Markdown, `<table>` in HTML.
    Table(Table),
}

/// A table: its columns' headers and how they align, then rows of cells of spans.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub header: Vec<Column>,
    pub rows: Vec<Vec<Vec<Span>>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    /// Figures align on the right, words on the left.
    pub right: bool,
}

impl Column {
    pub fn left(title: &str) -> Column {
        Column {
            title: title.into(),
            right: false,
        }
    }

    pub fn right(title: &str) -> Column {
        Column {
            title: title.into(),
            right: true,
        }
    }
}

/// `mark key: spans`, e.g. `+ stand-up  Stand-up — weekly` or `time: 10:00 → 11:00`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Entry {
    pub mark: Option<Mark>,
    /// What the entry is about: an id ([`Role::Code`]) or a field's name ([`Role::Label`]).
    pub key: Option<Span>,
    pub spans: Vec<Span>,
    pub children: Vec<Entry>,
}

/// What happened to an entry; each renderer has its own sign or word for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Added,
    Removed,
    Changed,
    /// A member who joined or left: the same as added and removed, said of people.
    Joined,
    Left,
    /// The old and new values of a long field, each on a line of its own.
    Before,
    After,
}

impl Mark {
    /// Whether the entry adds something (shown in the "ok" colour), removes something, or neither.
    pub fn sign(self) -> Option<bool> {
        match self {
            Mark::Added | Mark::Joined | Mark::After => Some(true),
            Mark::Removed | Mark::Left | Mark::Before => Some(false),
            Mark::Changed => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub role: Role,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Plain,
    Heading,
    /// A field's name.
    Label,
    /// An id or file name, shown as code where the format has it.
    Code,
    /// A value that is new.
    Added,
    /// A value that is gone (struck through where the format has it).
    Removed,
    /// A value before a change (plain: the change's new value carries the emphasis).
    Old,
    Warning,
    /// Words Accord adds, such as "(none)".
    Muted,
}

impl Span {
    pub fn new(role: Role, text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            role,
        }
    }

    pub fn plain(text: impl Into<String>) -> Span {
        Span::new(Role::Plain, text)
    }
}

impl Document {
    pub fn section(&mut self, title: Option<&str>) -> &mut Section {
        self.sections.push(Section {
            title: title.map(str::to_string),
            rows: Vec::new(),
        });
        self.sections.last_mut().expect("just pushed")
    }
}

impl Section {
    pub fn line(&mut self, spans: Vec<Span>) {
        self.rows.push(Row::Line(spans));
    }

    pub fn entry(&mut self, e: Entry) {
        self.rows.push(Row::Entry(e));
    }

    pub fn table(&mut self, t: Table) {
        self.rows.push(Row::Table(t));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::{markdown, text};

    /// One document, two renderings: marks, keys, nesting and roles each as the format says.
    #[test]
    fn text_and_markdown_of_one_document() {
        let mut doc = Document::default();
        doc.section(None).line(vec![Span::plain("New *v2*.")]);
        let s = doc.section(Some("Rituals"));
        s.entry(Entry {
            mark: Some(Mark::Changed),
            key: Some(Span::new(Role::Code, "demo")),
            spans: vec![Span::plain("Demo")],
            children: vec![
                Entry {
                    key: Some(Span::new(Role::Label, "time")),
                    spans: vec![
                        Span::new(Role::Old, "15:00"),
                        Span::plain(" → "),
                        Span::new(Role::Added, "16:00"),
                    ],
                    ..Entry::default()
                },
                Entry {
                    key: Some(Span::new(Role::Label, "purpose")),
                    children: vec![Entry {
                        mark: Some(Mark::Before),
                        spans: vec![Span::plain("old\u{202e}")],
                        ..Entry::default()
                    }],
                    ..Entry::default()
                },
            ],
        });
        let m = doc.section(Some("Members"));
        m.entry(Entry {
            mark: Some(Mark::Joined),
            spans: vec![Span::plain("@ana")],
            ..Entry::default()
        });
        assert_eq!(
            text::render(&doc),
            "New *v2*.\n\nRituals\n  ~ demo  Demo\n      time: 15:00 → 16:00\n      purpose:\n        − old\\u{202e}\n\nMembers\n  + @ana joined\n"
        );
        assert_eq!(
            markdown::render(&doc),
            "New \\*v2\\*.\n\n**Rituals**\n\n- **Changed** `demo`: Demo\n  - time: 15:00 → **16:00**\n  - purpose:\n    - before: old\\\\u{202e}\n\n**Members**\n\n- **Joined:** @&#8203;ana\n"
        );
    }

    /// A table: columns aligned in terminal cells (the CJK title takes two per character),
    /// figures on the right; a GFM table with `|` and markup escaped; an HTML table.
    #[test]
    fn a_table_in_text_markdown_and_html() {
        let mut doc = Document::default();
        doc.section(Some("Items")).table(Table {
            header: vec![Column::left("Item"), Column::right("Score")],
            rows: vec![
                vec![
                    vec![Span::plain("站会 "), Span::new(Role::Code, "su")],
                    vec![Span::plain("5%")],
                ],
                vec![vec![Span::plain("a|*b*<i>")], vec![Span::plain("100%")]],
            ],
        });
        assert_eq!(
            text::render(&doc),
            "Items\n  Item      Score\n  站会 su      5%\n  a|*b*<i>   100%\n"
        );
        assert_eq!(
            markdown::render(&doc),
            "**Items**\n\n| Item | Score |\n|---|---:|\n| 站会 `su` | 5% |\n| a\\|\\*b\\*\\<i\\> | 100% |\n"
        );
        let html = crate::render::html::render(&doc);
        assert!(
            html.contains("<th>Item</th><th style=\"text-align: right\">Score</th>"),
            "{html}"
        );
        assert!(html.contains("<td>a|*b*&lt;i&gt;</td>"), "{html}");
    }
}
