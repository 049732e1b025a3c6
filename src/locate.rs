//! Finding where a key or value sits in a file, so rules checked on the model
//! can point at the line and column a person has to change.
//!
//! The spans are `toml`'s own parse tree ([`DeTable`]): it borrows the text and keeps a
//! span per key and value, nothing else. A `toml_edit` document (decor, raw text and an
//! owned string per value) cost about 37 MB on a 150,000-entry array. The spans given are
//! those `toml_edit` gives (the tests compare both on every fixture).

use std::cell::{Cell, OnceCell, RefCell};
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

/// One step of a path into a TOML document.
#[derive(Debug, Clone, Copy)]
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

mod lines;

/// Answers "where is `rituals[2].owner`?" for one file.
///
/// Lines written one `key = value` each are read as lines; the parse tree is built only for
/// what they cannot answer, or once the line reads (each a scan from the start) have read
/// the file twice over: a file's lookups cost at most that plus one parse.
pub struct Locator<'t> {
    text: &'t str,
    tree: OnceCell<Option<DeTable<'t>>>,
    /// Bytes the line reads may still read.
    budget: Cell<usize>,
    /// The items of the last one-line array read, by its path: a file of 150,000 duplicate
    /// days asks for twenty items of one array, and each would read its line again.
    array: RefCell<Option<ArrayItems>>,
}

/// An array's path and the spans of its items.
type ArrayItems = (Vec<Step>, Vec<Range<usize>>);

/// A step of a path, kept.
#[derive(PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

fn steps(path: &[Seg]) -> Vec<Step> {
    path.iter()
        .map(|s| match s {
            Seg::Key(k) => Step::Key((*k).to_string()),
            Seg::Index(i) => Step::Index(*i),
        })
        .collect()
}

/// What the line reads may read beyond twice the file: small files are read as lines.
const SMALL: usize = 64 * 1024;

/// A place in the parsed document that a path can continue from, with its span.
#[derive(Clone)]
enum Node<'n, 't> {
    Table(&'n DeTable<'t>, Option<Range<usize>>),
    Array(&'n DeArray<'t>, Option<Range<usize>>),
    Value(Range<usize>),
}

impl<'n, 't> Node<'n, 't> {
    /// The node of a value; `key` is the span of the key it sits under, if any.
    fn of(v: &'n Spanned<DeValue<'t>>, key: Option<&Range<usize>>) -> Node<'n, 't> {
        let span = v.span();
        match v.get_ref() {
            DeValue::Table(t) => Node::Table(t, Some(span)),
            // An array of tables (`[[rituals]]`) is spanned by its first header; its key sits
            // inside that header, after the span starts. Its span is then from the first
            // header to the last, as `toml_edit` gives it.
            DeValue::Array(a) if key.is_some_and(|k| span.start < k.start) => {
                let span = match (a.first(), a.last()) {
                    (Some(f), Some(l)) => Some(f.span().start..l.span().end),
                    _ => None,
                };
                Node::Array(a, span)
            }
            DeValue::Array(a) => Node::Array(a, Some(span)),
            _ => Node::Value(span),
        }
    }

    fn span(&self) -> Option<Range<usize>> {
        match self {
            Node::Table(_, s) | Node::Array(_, s) => s.clone(),
            Node::Value(s) => Some(s.clone()),
        }
    }

    /// The child at `seg`, and the span of its key when it has one.
    fn child(&self, seg: Seg) -> Option<(Node<'n, 't>, Option<Range<usize>>)> {
        match (self, seg) {
            (&Node::Table(t, _), Seg::Key(k)) => {
                let (key, v) = t.get_key_value(k)?;
                let key = key.span();
                Some((Node::of(v, Some(&key)), Some(key)))
            }
            (&Node::Array(a, _), Seg::Index(n)) => Some((Node::of(a.get(n)?, None), None)),
            _ => None,
        }
    }
}

impl<'t> Locator<'t> {
    /// A locator over `text`, which has parsed (a file that does not points at its start).
    pub fn new(text: &'t str) -> Self {
        Locator {
            text,
            tree: OnceCell::new(),
            budget: Cell::new(text.len().saturating_mul(2).saturating_add(SMALL)),
            array: RefCell::new(None),
        }
    }

    /// A locator over a tree already parsed from `text` (so the file is parsed once).
    pub fn with_tree(text: &'t str, tree: DeTable<'t>) -> Self {
        Locator {
            text,
            tree: OnceCell::from(Some(tree)),
            budget: Cell::new(0),
            array: RefCell::new(None),
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
        if let [array @ .., Seg::Index(n)] = path
            && !want_key
            && let Some(span) = self.array_item(array, *n)
        {
            return span;
        }
        if self.tree.get().is_none() && self.budget.get() > 0 {
            let (span, read) = lines::find(self.text, path, want_key);
            self.budget.set(self.budget.get().saturating_sub(read));
            if let Some(span) = span {
                return span;
            }
        }
        self.in_tree(path, want_key)
    }

    /// Item `n` of the one-line array at `array`, from the items last read when it is the
    /// same array, else from its line.
    fn array_item(&self, array: &[Seg], n: usize) -> Option<Range<usize>> {
        let mut last = self.array.borrow_mut();
        let known = last.as_ref().is_some_and(|(at, _)| *at == steps(array));
        if !known {
            if self.tree.get().is_some() || self.budget.get() == 0 {
                return None;
            }
            let (items, read) = lines::items(self.text, array);
            self.budget.set(self.budget.get().saturating_sub(read));
            *last = Some((steps(array), items?));
        }
        last.as_ref()?.1.get(n).cloned()
    }

    fn in_tree(&self, path: &[Seg], want_key: bool) -> Range<usize> {
        let tree = self
            .tree
            .get_or_init(|| DeTable::parse(self.text).ok().map(Spanned::into_inner));
        let Some(doc) = tree else { return 0..0 };
        let mut node = Node::Table(doc, None);
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
        // An index past the array of tables falls back to all of its headers.
        let all = &text[l.value(&[K("rituals"), I(5)])];
        assert!(
            all.starts_with("[[rituals]]") && all.ends_with("[[rituals]]"),
            "{all}"
        );
    }

    #[test]
    fn a_file_that_does_not_parse_points_at_its_start() {
        let l = Locator::new("a = [1,\n");
        assert_eq!(l.value(&[K("a")]), 0..0);
        assert_eq!(l.key(&[K("a")]), 0..0);
    }

    /// The spans `toml_edit` gives, as the locator gave them before: the reference the
    /// locator above must match on every path of every fixture.
    mod reference {
        use super::super::Seg;
        use std::ops::Range;
        use toml_edit::{Document, Item, TableLike, Value};

        enum Node<'a> {
            Table(&'a dyn TableLike, Option<Range<usize>>),
            Aot(&'a toml_edit::ArrayOfTables),
            Value(&'a Value),
        }

        fn of_item(item: &Item) -> Option<Node<'_>> {
            match item {
                Item::Table(t) => Some(Node::Table(t, t.span())),
                Item::ArrayOfTables(a) => Some(Node::Aot(a)),
                Item::Value(Value::InlineTable(t)) => Some(Node::Table(t, t.span())),
                Item::Value(v) => Some(Node::Value(v)),
                Item::None => None,
            }
        }

        fn span(n: &Node) -> Option<Range<usize>> {
            match n {
                Node::Table(_, s) => s.clone(),
                Node::Aot(a) => a.span(),
                Node::Value(v) => v.span(),
            }
        }

        fn child<'a>(n: &Node<'a>, seg: Seg) -> Option<(Node<'a>, Option<Range<usize>>)> {
            match (n, seg) {
                (&Node::Table(t, _), Seg::Key(k)) => {
                    let (key, item) = t.get_key_value(k)?;
                    Some((of_item(item)?, key.span()))
                }
                (&Node::Aot(a), Seg::Index(i)) => {
                    let t = a.get(i)?;
                    Some((Node::Table(t, t.span()), None))
                }
                (&Node::Value(Value::Array(arr)), Seg::Index(i)) => Some((
                    match arr.get(i)? {
                        Value::InlineTable(t) => Node::Table(t, t.span()),
                        v => Node::Value(v),
                    },
                    None,
                )),
                _ => None,
            }
        }

        pub fn find(doc: &Document<String>, path: &[Seg], want_key: bool) -> Range<usize> {
            let mut node = Node::Table(doc.as_table(), None);
            let mut best = 0..0;
            for (i, seg) in path.iter().enumerate() {
                let Some((c, key_span)) = child(&node, *seg) else {
                    break;
                };
                if want_key
                    && i + 1 == path.len()
                    && let Some(s) = key_span
                {
                    return s;
                }
                if let Some(s) = span(&c).or(key_span) {
                    best = s;
                }
                node = c;
            }
            best
        }

        /// Every path of the document, plus one missing key under each table and one index
        /// past the end of each array.
        pub fn paths(doc: &Document<String>) -> Vec<Vec<String>> {
            fn table(t: &dyn TableLike, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
                for (k, item) in t.iter() {
                    at.push(format!("k{k}"));
                    out.push(at.clone());
                    match item {
                        Item::Table(t) => table(t, at, out),
                        Item::ArrayOfTables(a) => {
                            for (i, t) in a.iter().enumerate() {
                                at.push(format!("i{i}"));
                                out.push(at.clone());
                                table(t, at, out);
                                at.pop();
                            }
                            at.push(format!("i{}", a.len()));
                            out.push(at.clone());
                            at.pop();
                        }
                        Item::Value(v) => value(v, at, out),
                        Item::None => {}
                    }
                    at.pop();
                }
                at.push("kno-such-key".into());
                out.push(at.clone());
                at.pop();
            }
            fn value(v: &Value, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
                match v {
                    Value::InlineTable(t) => table(t, at, out),
                    Value::Array(a) => {
                        for (i, v) in a.iter().enumerate() {
                            at.push(format!("i{i}"));
                            out.push(at.clone());
                            value(v, at, out);
                            at.pop();
                        }
                        at.push(format!("i{}", a.len()));
                        out.push(at.clone());
                        at.pop();
                    }
                    _ => {}
                }
            }
            let mut out = vec![vec![]];
            table(doc.as_table(), &mut Vec::new(), &mut out);
            out
        }
    }

    fn segs(path: &[String]) -> Vec<Seg<'_>> {
        path.iter()
            .map(|s| match s.split_at(1) {
                ("k", k) => K(k),
                (_, i) => I(i.parse().unwrap()),
            })
            .collect()
    }

    /// Compares every path's value and key span with `toml_edit`'s, from the tree and from
    /// the lines wherever they answer; returns how many paths, and how many the lines answered.
    fn same_as_toml_edit(name: &str, text: &str) -> (usize, usize) {
        let Ok(doc) = toml_edit::Document::parse(text.to_string()) else {
            assert_eq!(
                Locator::new(text).in_tree(&[K("schema")], false),
                0..0,
                "{name}"
            );
            return (0, 0);
        };
        let l = Locator::new(text);
        let paths = reference::paths(&doc);
        let mut by_lines = 0;
        for p in &paths {
            let s = segs(p);
            for want_key in [false, true] {
                let want = reference::find(&doc, &s, want_key);
                assert_eq!(
                    l.in_tree(&s, want_key),
                    want,
                    "{name}: {p:?} (key: {want_key})"
                );
                if let (Some(got), _) = lines::find(text, &s, want_key) {
                    assert_eq!(got, want, "{name}: lines: {p:?} (key: {want_key})");
                    by_lines += 1;
                }
            }
        }
        (paths.len(), by_lines)
    }

    #[test]
    fn the_lines_answer_where_check_in_findings_point() {
        let text = "schema = 2\ndate = 2026-01-05\n\n[[presence]]\ndate=2026-01-05\n\n[pulse]\ncount = 7\nscores = [1, 2]\n";
        let paths: [(&[Seg], bool); 4] = [
            (&[K("pulse")], true),
            (&[K("pulse")], false),
            (&[K("pulse"), K("scores")], false),
            (&[K("presence"), I(0), K("date")], false),
        ];
        for (path, key) in paths {
            let (span, read) = lines::find(text, path, key);
            assert_eq!(
                span,
                Some(Locator::new(text).in_tree(path, key)),
                "{path:?}"
            );
            assert!(read <= text.len() + 1, "{read}");
        }
    }

    #[test]
    fn once_the_lines_have_read_the_file_twice_over_the_tree_answers() {
        // About 128 KB: the budget is two and a half times the file.
        let filler = "# filler\n".repeat(2 * SMALL / 9);
        let text = format!("schema = 1\n{filler}[pulse]\ncount = 3\n");
        let l = Locator::new(&text);
        for _ in 0..2 {
            assert_eq!(&text[l.value(&[K("pulse"), K("count")])], "3");
        }
        assert!(l.tree.get().is_none());
        for _ in 0..2 {
            assert_eq!(&text[l.key(&[K("pulse")])], "pulse");
        }
        assert!(l.tree.get().is_some(), "the fourth read is over budget");
        // What the lines cannot answer, the tree does at once.
        let l = Locator::new("a = { b = 1 }\n");
        assert_eq!(l.value(&[K("a"), K("b")]), 10..11);
        assert!(l.tree.get().is_some());
    }

    #[test]
    fn items_of_a_long_one_line_array_are_read_once_without_the_tree() {
        let days = vec!["\"mon\""; 150_000].join(", ");
        let text = format!("schema = 1\n\n[presence]\ndays = [{days}]\n");
        let l = Locator::new(&text);
        for n in [1, 2, 3, 19, 20, 149_999] {
            let span = l.value(&[K("presence"), K("days"), I(n)]);
            assert_eq!(&text[span.clone()], "\"mon\"");
            assert_eq!(
                span.start,
                text.find("[\"").unwrap() + 1 + 7 * n,
                "item {n}"
            );
        }
        assert!(l.tree.get().is_none(), "the items came from the line, once");
    }

    #[test]
    fn spans_are_those_of_toml_edit_on_every_fixture() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut files = Vec::new();
        let mut dirs = vec![root];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.extension().is_some_and(|x| x == "toml") {
                    files.push(p);
                }
            }
        }
        assert!(files.len() > 50, "{}", files.len());
        let (mut checked, mut by_lines) = (0, 0);
        for f in &files {
            let Ok(text) = std::fs::read_to_string(f) else {
                continue;
            };
            let (n, l) = same_as_toml_edit(&f.display().to_string(), &text);
            checked += n;
            by_lines += l;
            // The same file with Windows line endings, comments and blank lines between.
            let (n, l) = same_as_toml_edit("crlf", &text.replace('\n', "\r\n"));
            checked += n;
            by_lines += l;
            let spaced = text
                .replace("\n[", "\n# a comment\n\n[")
                .replace(" = ", "  =\t");
            let (n, l) = same_as_toml_edit("spaced", &spaced);
            checked += n;
            by_lines += l;
        }
        assert!(checked > 1000, "{checked}");
        // The lines answer a good share of the lookups (half of them are of missing keys and
        // of indexes past the end, which only the tree answers): 7,602 of 30,054 when written.
        assert!(by_lines * 3 > checked, "{by_lines} of {checked}");
    }

    #[test]
    fn spans_are_those_of_toml_edit_on_tricky_shapes() {
        let cases = [
            "[a.b]\nx = 1\n[a]\ny = 2\n",
            "[a]\nb.c = 1\nb.d = [1, [2, 3], { e = 4 }]\n",
            "[[r]]\nid = \"x\"\n[r.sub]\nk = 1\n[[r]]\n[[r.items]]\nn = 1\n",
            "x = [[1], [2]]\n\"quoted key\" = { 'lit' = \"v\" }\n",
            "a.b.c = 1\n[[t.u]]\nv = 1\n[[t.u]]\nv = 2\n",
            "arr = [\n  { id = 1 },\n  { id = 2, tags = [\"a\"] },\n]\n",
            "s = \"\"\"\nmulti\nline\"\"\"\nd = 2026-01-05\nt = 10:00\nf = 1.5\nb = true\n",
            "[[r]]\n[[r.items]]\nn = 1\n[[r.items]]\nn = 2\n[[r]]\nid = 1\n[[r.items]]\nn = 3\n",
            "[pulse]\ncount = 3\n\n[[pulse.questions]]\nid = \"a\"\nscores = [1, 2]\n[[pulse.questions]]\nid = \"b\"\n",
            "a = \"x # ] [ y\"\nb = [1, [2]] # c\nc = 1979-05-27 07:32:00\nd = 'lit'\ne=2\n[t]\nf = \"\" \n",
            "x = \"\"\"\n[fake]\ny = 1\"\"\"\n[real]\ny = 2\n[[many]]\n[many.sub]\nz = 3\n",
        ];
        for (i, c) in cases.iter().enumerate() {
            assert!(same_as_toml_edit(&format!("case {i}"), c).0 > 5, "case {i}");
        }
    }

    /// Files built of lines that look alike but are not (headers, dotted and quoted keys,
    /// strings holding `#` and `]`, multi-line strings, inline tables, indentation): where
    /// the lines answer, they answer as `toml_edit` does. 20,000 files from a fixed seed, so
    /// the counts checked below are the same on every run (6,091 parse; 12,029 answers).
    #[test]
    fn the_lines_answer_as_the_tree_does_on_lines_that_look_alike() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let (mut parsed, mut answered) = (0, 0);
        for _ in 0..20_000 {
            let end = if next(2) == 0 { "\n" } else { "\r\n" };
            let lines = 1 + next(9);
            let text: String = (0..lines)
                .map(|_| format!("{}{end}", LOOKALIKES[next(LOOKALIKES.len())]))
                .collect();
            let Ok(doc) = toml_edit::Document::parse(text.clone()) else {
                continue;
            };
            parsed += 1;
            for p in reference::paths(&doc) {
                let s = segs(&p);
                for want_key in [false, true] {
                    if let (Some(got), _) = lines::find(&text, &s, want_key) {
                        assert_eq!(got, reference::find(&doc, &s, want_key), "{text:?} {p:?}");
                        answered += 1;
                    }
                }
            }
        }
        assert!(
            parsed > 5_000 && answered > 8_000,
            "{parsed} parsed, {answered} answered"
        );
    }

    const LOOKALIKES: &[&str] = &[
        "[a]",
        "[[a]]",
        "[a.b]",
        "[[a.b]]",
        "[b]",
        "[[b]]",
        "[ b ]",
        "x = 1",
        "x=2",
        "y = 3 # c",
        "z = \"s # ] [\"",
        "w = [1, [2]]",
        "v = { k = 1 }",
        "u = \"\"\"",
        "\"\"\"",
        "# c",
        "",
        "  k = 4",
        "a.b = 5",
        "\"q\" = 6",
        "l = 'x'",
        "t = 1979-05-27 07:32:00",
        "m = [",
        "]",
        "n = \"\"",
        "s = [\"a\", \"b # ]\"]",
        "s = ['x', \"y\" ,]",
        "s = [ 1 , 2 ]",
        "s = [\"a\\\"b\"]",
        "s = [\"a\" \"b\"]",
        "s = [2026-01-05, 07:32:00]",
        "s = [1979-05-27 07:32:00]",
        "s = [\"\"\"x\"\"\"]",
        "s = []",
    ];
}
