//! Locating a path by reading lines, for files written one `key = value` per line under plain
//! table headers (the form Accord writes). A validation of 65,000 check-ins with a warning
//! each spent a sixth of its time parsing every file a second time just to find `[pulse]`.
//!
//! It answers only what it can see for certain: a key line or a table header that the path
//! names exactly. Anything else — a quoted or dotted key, a value that might go on past its
//! line, a path that is missing or ends inside an inline value — is `None`, and the parsed
//! tree answers instead. Every answer equals the tree's (tests compare both on every fixture).

use std::collections::HashMap;
use std::ops::Range;

use super::Seg;

/// The span of the value (or, with `want_key`, the key) at `path`, when the lines show it;
/// and how many bytes were read to find out.
pub fn find(text: &str, path: &[Seg], want_key: bool) -> (Option<Range<usize>>, usize) {
    let mut read = 0;
    let span = scan(text, path, want_key, &mut read);
    (span, read)
}

fn scan(text: &str, path: &[Seg], want_key: bool, at: &mut usize) -> Option<Range<usize>> {
    // The root itself, and an index into the root, are the tree's to answer.
    if path.is_empty() || !matches!(path[0], Seg::Key(_)) {
        return None;
    }
    let mut tables = Tables::default();
    // The path of the table the key lines below belong to, as the tree's path would read.
    let mut current: Vec<Step> = Vec::new();
    for raw in crate::text::lines(text) {
        let start = *at;
        *at += raw.len() + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.bytes().all(|b| b == b' ' || b == b'\t') || line.starts_with('#') {
            continue;
        }
        if line.starts_with('[') {
            let header = header(line)?;
            current = tables.open(&header)?;
            if same(&current, path) {
                let name = header.parts.last()?;
                return Some(if want_key && !header.many {
                    start + name.start..start + name.end
                } else {
                    start + header.span.start..start + header.span.end
                });
            }
            continue;
        }
        let (key, value) = key_value(line)?;
        if current.len() + 1 == path.len()
            && same(&current, &path[..current.len()])
            && path[current.len()].is_key(&line[key.clone()])
        {
            let span = if want_key { key } else { value };
            return Some(start + span.start..start + span.end);
        }
    }
    None
}

/// One step of a table's path: a key, or the entry of an array of tables.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

impl Seg<'_> {
    fn is_key(&self, k: &str) -> bool {
        matches!(self, Seg::Key(s) if *s == k)
    }
}

fn same(steps: &[Step], path: &[Seg]) -> bool {
    steps.len() == path.len()
        && steps.iter().zip(path).all(|(s, p)| match (s, p) {
            (Step::Key(a), Seg::Key(b)) => a == b,
            (Step::Index(a), Seg::Index(b)) => a == b,
            _ => false,
        })
}

/// A header line: `[a.b]` or `[[a.b]]`, with the span of each part and of the brackets.
struct Header {
    parts: Vec<Range<usize>>,
    names: Vec<String>,
    many: bool,
    span: Range<usize>,
}

/// Reads a header of bare keys, nothing after it but spaces; anything else is `None`.
fn header(line: &str) -> Option<Header> {
    let end = line.trim_end_matches([' ', '\t']).len();
    let many = line.starts_with("[[");
    let (open, close) = if many { (2, "]]") } else { (1, "]") };
    let inner = line[..end].strip_suffix(close)?.get(open..)?;
    let mut parts = Vec::new();
    let mut names = Vec::new();
    let mut from = open;
    for part in inner.split('.') {
        if part.is_empty() || !part.bytes().all(bare) {
            return None;
        }
        parts.push(from..from + part.len());
        names.push(part.to_string());
        from += part.len() + 1;
    }
    Some(Header {
        parts,
        names,
        many,
        span: 0..end,
    })
}

/// A bare key: what TOML allows unquoted.
fn bare(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// The tables opened so far: which dotted names are arrays of tables, how many entries each
/// array has under its parent's current entry, and which names were opened by a header.
#[derive(Default)]
struct Tables {
    /// Dotted name → whether it is an array of tables.
    opened: HashMap<String, bool>,
    /// The path of an array of tables (with its parents' entries) → entries so far.
    entries: HashMap<Vec<Step>, usize>,
}

impl Tables {
    /// The path a header opens. `None` when a parent was never opened by a header of its
    /// own (an implicit table, whose span the tree gives differently) or a name is reused.
    fn open(&mut self, h: &Header) -> Option<Vec<Step>> {
        let mut path = Vec::new();
        let mut dotted = String::new();
        let (last, parents) = h.names.split_last()?;
        for name in parents {
            if !dotted.is_empty() {
                dotted.push('.');
            }
            dotted.push_str(name);
            let many = *self.opened.get(&dotted)?;
            path.push(Step::Key(name.clone()));
            if many {
                let n = *self.entries.get(&path)?;
                path.push(Step::Index(n.checked_sub(1)?));
            }
        }
        if !dotted.is_empty() {
            dotted.push('.');
        }
        dotted.push_str(last);
        path.push(Step::Key(last.clone()));
        match (self.opened.get(&dotted), h.many) {
            (None, many) => {
                self.opened.insert(dotted, many);
            }
            (Some(true), true) => {}
            // A table opened twice, or a name used as both: the parser would have refused.
            _ => return None,
        }
        if h.many {
            let n = self.entries.entry(path.clone()).or_default();
            path.push(Step::Index(*n));
            *n += 1;
        }
        Some(path)
    }
}

/// `key = value` with a bare key and a value that certainly ends on this line: the spans of
/// the key and of the value. Anything else is `None`.
fn key_value(line: &str) -> Option<(Range<usize>, Range<usize>)> {
    let key_end = line.bytes().position(|b| !bare(b))?;
    if key_end == 0 {
        return None;
    }
    let rest = &line[key_end..];
    let after_eq = rest.trim_start_matches([' ', '\t']).strip_prefix('=')?;
    let value = after_eq.trim_start_matches([' ', '\t']);
    let value_start = line.len() - value.len();
    let value = value.trim_end_matches([' ', '\t']);
    if !one_line(value) {
        return None;
    }
    Some((0..key_end, value_start..value_start + value.len()))
}

/// Whether a value is whole on its line with nothing after it: a basic string without escapes,
/// or an array or scalar with no string, comment or inline table in it. Strings inside arrays,
/// multi-line strings and comments are left to the tree.
fn one_line(v: &str) -> bool {
    let b = v.as_bytes();
    match b.first() {
        None => false,
        Some(b'"') => {
            b.len() >= 2
                && b[b.len() - 1] == b'"'
                && !v[1..v.len() - 1].contains(['"', '\\'])
                && !v.starts_with("\"\"\"")
        }
        Some(b'[') => {
            let mut depth = 0usize;
            for (i, &c) in b.iter().enumerate() {
                match c {
                    b'[' => depth += 1,
                    b']' => {
                        depth = match depth.checked_sub(1) {
                            Some(d) => d,
                            None => return false,
                        };
                        if depth == 0 && i + 1 != b.len() {
                            return false;
                        }
                    }
                    b'"' | b'\'' | b'#' | b'{' | b'}' => return false,
                    _ => {}
                }
            }
            depth == 0
        }
        Some(_) => !v.contains(['"', '\'', '#', '[', ']', '{', '}', '=']),
    }
}
