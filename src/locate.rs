//! Finding where a key or value sits in a file, so rules checked on the model
//! can point at the line and column a person has to change.

use std::ops::Range;

use toml_edit::{ArrayOfTables, Document, Item, Table, TableLike, Value};

/// One step of a path into a TOML document.
#[derive(Debug, Clone, Copy)]
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// Answers "where is `rituals[2].owner`?" for one file.
pub struct Locator {
    doc: Option<Document<String>>,
}

/// A place in the parsed document that a path can continue from.
#[derive(Clone)]
enum Node<'a> {
    Table(&'a dyn TableLike, Option<Range<usize>>),
    Aot(&'a ArrayOfTables),
    Value(&'a Value),
}

impl<'a> Node<'a> {
    fn of_item(item: &'a Item) -> Option<Node<'a>> {
        match item {
            Item::Table(t) => Some(Node::Table(t, t.span())),
            Item::ArrayOfTables(a) => Some(Node::Aot(a)),
            Item::Value(Value::InlineTable(t)) => Some(Node::Table(t, t.span())),
            Item::Value(v) => Some(Node::Value(v)),
            Item::None => None,
        }
    }

    fn span(&self) -> Option<Range<usize>> {
        match self {
            Node::Table(_, s) => s.clone(),
            Node::Aot(a) => a.span(),
            Node::Value(v) => v.span(),
        }
    }

    /// The child at `seg`, and the span of its key when it has one.
    fn child(&self, seg: Seg) -> Option<(Node<'a>, Option<Range<usize>>)> {
        match (self, seg) {
            (&Node::Table(t, _), Seg::Key(k)) => {
                let (key, item) = t.get_key_value(k)?;
                Some((Node::of_item(item)?, key.span()))
            }
            (&Node::Aot(a), Seg::Index(n)) => {
                let t: &Table = a.get(n)?;
                Some((Node::Table(t, t.span()), None))
            }
            (&Node::Value(Value::Array(arr)), Seg::Index(n)) => {
                let v = arr.get(n)?;
                let node = match v {
                    Value::InlineTable(t) => Node::Table(t, t.span()),
                    v => Node::Value(v),
                };
                Some((node, None))
            }
            _ => None,
        }
    }
}

impl Locator {
    pub fn new(text: &str) -> Self {
        Locator {
            doc: Document::parse(text.to_string()).ok(),
        }
    }

    /// The span of the value at `path`; failing that, of the nearest ancestor that exists.
    pub fn value(&self, path: &[Seg]) -> Range<usize> {
        self.find(path, false)
    }

    /// The span of the key at the end of `path` (where "duplicate" or "missing" points).
    pub fn key(&self, path: &[Seg]) -> Range<usize> {
        self.find(path, true)
    }

    fn find(&self, path: &[Seg], want_key: bool) -> Range<usize> {
        let Some(doc) = &self.doc else { return 0..0 };
        let mut node = Node::Table(doc.as_table(), None);
        let mut best = 0..0;
        for (i, seg) in path.iter().enumerate() {
            let Some((child, key_span)) = node.child(*seg) else {
                break;
            };
            if want_key
                && i + 1 == path.len()
                && let Some(s) = key_span
            {
                return s;
            }
            if let Some(s) = child.span().or(key_span) {
                best = s;
            }
            node = child;
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Seg::{Index as I, Key as K};

    #[test]
    fn finds_values_in_arrays_of_tables_and_inline_tables() {
        let text = "schema = 1\n[[rituals]]\nid = \"a\"\n[[rituals]]\nid = \"b\"\nowner = \"Zed\"\n[presence]\ncore_hours = { start = 10:00, end = 09:00 }\n";
        let l = Locator::new(text);
        assert_eq!(&text[l.value(&[K("rituals"), I(1), K("owner")])], "\"Zed\"");
        assert_eq!(&text[l.key(&[K("rituals"), I(1), K("owner")])], "owner");
        assert_eq!(
            &text[l.value(&[K("presence"), K("core_hours"), K("end")])],
            "09:00"
        );
        // A missing key falls back to its table.
        assert!(text[l.value(&[K("rituals"), I(0), K("owner")])].starts_with("[[rituals]]"));
    }
}
