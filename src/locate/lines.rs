//! Locating a path by reading lines, for files written one `key = value` per line under plain
//! table headers (the form Accord writes). A validation of 65,000 check-ins with a warning
//! each spent a sixth of its time parsing every file a second time just to find `[pulse]`.
//!
//! It answers only what it can see for certain: a key line or a table header that the path
//! names exactly. Anything else — a quoted or dotted key, a value that might go on past its
//! line, a path that is missing or ends inside an inline value — is `None`, and the parsed
//! tree answers instead. Every answer equals the tree's (tests compare both on every fixture).

use std::ops::Range;

use super::Seg;

/// The span of the value (or, with `want_key`, the key) at `path`, when the lines show it;
/// and how many bytes were read to find out.
pub fn find(text: &str, path: &[Seg], want_key: bool) -> (Option<Range<usize>>, usize) {
    let mut read = 0;
    let span = scan(text, path, want_key, &mut read);
    (span, read)
}

/// The spans of the items of the one-line array at `path`, when the lines show it; and how
/// many bytes were read to find out.
pub fn items(text: &str, path: &[Seg]) -> (Option<Vec<Range<usize>>>, usize) {
    let mut read = 0;
    let items = scan(text, path, false, &mut read).and_then(|span| {
        let offsets = array_items(&text[span.clone()])?;
        Some(
            offsets
                .into_iter()
                .map(|r| span.start + r.start..span.start + r.end)
                .collect(),
        )
    });
    (items, read)
}

fn scan(text: &str, path: &[Seg], want_key: bool, at: &mut usize) -> Option<Range<usize>> {
    // The root itself, and an index into the root, are the tree's to answer.
    if path.is_empty() || !matches!(path[0], Seg::Key(_)) {
        return None;
    }
    // An item of an array written on one line (`days = ["mon", "tue"]`).
    if let [prefix @ .., Seg::Index(n)] = path
        && !want_key
        && matches!(prefix.last(), Some(Seg::Key(_)))
    {
        let span = scan(text, prefix, false, at)?;
        let item = array_items(&text[span.clone()])?.into_iter().nth(*n)?;
        return Some(span.start + item.start..span.start + item.end);
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
            tables.open(&header, &mut current)?;
            if same(&current, path) {
                let name = header.last;
                return Some(if want_key && !header.many {
                    start + name.start..start + name.end
                } else {
                    start..start + header.end
                });
            }
            continue;
        }
        let (key, value) = key_value(line)?;
        if current.len() + 1 == path.len()
            && same(&current, &path[..current.len()])
            && matches!(path[current.len()], Seg::Key(k) if k == &line[key.clone()])
        {
            let span = if want_key { key } else { value };
            return Some(start + span.start..start + span.end);
        }
    }
    None
}

/// One step of a table's path: a key, or the entry of an array of tables.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Step<'t> {
    Key(&'t str),
    Index(usize),
}

fn same(steps: &[Step], path: &[Seg]) -> bool {
    steps.len() == path.len()
        && steps.iter().zip(path).all(|(s, p)| match (s, p) {
            (Step::Key(a), Seg::Key(b)) => a == b,
            (Step::Index(a), Seg::Index(b)) => a == b,
            _ => false,
        })
}

/// A header line, `[a.b]` or `[[a.b]]`: its dotted name, the span of the last part, and
/// where the header ends.
struct Header<'t> {
    name: &'t str,
    last: Range<usize>,
    many: bool,
    end: usize,
}

/// Reads a header of bare keys, nothing after it but spaces; anything else is `None`.
fn header(line: &str) -> Option<Header<'_>> {
    let end = line.trim_end_matches([' ', '\t']).len();
    let many = line.starts_with("[[");
    let (open, close) = if many { (2, "]]") } else { (1, "]") };
    let name = line[..end].strip_suffix(close)?.get(open..)?;
    if name
        .split('.')
        .any(|part| part.is_empty() || !part.bytes().all(bare))
    {
        return None;
    }
    let last_start = open + name.rfind('.').map_or(0, |i| i + 1);
    Some(Header {
        name,
        last: last_start..open + name.len(),
        many,
        end,
    })
}

/// A bare key: what TOML allows unquoted.
fn bare(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// The tables opened so far: which dotted names are arrays of tables, and how many entries
/// each array has under its parent's current entry. A file has a handful of each, so they are
/// searched, not hashed.
#[derive(Default)]
struct Tables<'t> {
    /// Dotted name → whether it is an array of tables.
    opened: Vec<(&'t str, bool)>,
    /// The path of an array of tables (with its parents' entries) → entries so far.
    entries: Vec<(Vec<Step<'t>>, usize)>,
}

impl<'t> Tables<'t> {
    /// Sets `path` to the path the header opens. `None` when a parent was never opened by a
    /// header of its own (an implicit table, whose span the tree gives differently) or a name
    /// is reused.
    fn open(&mut self, h: &Header<'t>, path: &mut Vec<Step<'t>>) -> Option<()> {
        path.clear();
        let mut from = 0;
        for (i, _) in h.name.match_indices('.') {
            let many = self.opened.iter().find(|(n, _)| *n == &h.name[..i])?.1;
            path.push(Step::Key(&h.name[from..i]));
            if many {
                let n = self.entries.iter().find(|(p, _)| p == path)?.1;
                path.push(Step::Index(n.checked_sub(1)?));
            }
            from = i + 1;
        }
        path.push(Step::Key(&h.name[from..]));
        match self.opened.iter().find(|(n, _)| *n == h.name) {
            None => self.opened.push((h.name, h.many)),
            Some((_, true)) if h.many => {}
            // A table opened twice, or a name used as both: the parser would have refused.
            _ => return None,
        }
        if h.many {
            let n = match self.entries.iter_mut().find(|(p, _)| p == path) {
                Some((_, n)) => n,
                None => {
                    self.entries.push((path.clone(), 0));
                    &mut self.entries.last_mut()?.1
                }
            };
            path.push(Step::Index(*n));
            *n += 1;
        }
        Some(())
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
                    b'"' | b'\'' | b'#' | b'{' | b'}' => return array_items(v).is_some(),
                    _ => {}
                }
            }
            depth == 0
        }
        Some(_) => !v.contains(['"', '\'', '#', '[', ']', '{', '}', '=']),
    }
}

/// The spans of the items of `v`, an array of plain values on one line: strings without
/// escapes (basic or literal, not multi-line) and bare scalars, separated by commas, with
/// spaces or tabs between. Nested arrays, inline tables, comments and anything else are `None`.
fn array_items(v: &str) -> Option<Vec<Range<usize>>> {
    let b = v.as_bytes();
    if b.len() < 2 || b[0] != b'[' || b[b.len() - 1] != b']' {
        return None;
    }
    let last = b.len() - 1;
    let skip = |mut i: usize| {
        while i < last && matches!(b[i], b' ' | b'\t') {
            i += 1;
        }
        i
    };
    let mut out = Vec::new();
    let mut i = skip(1);
    loop {
        if i == last {
            // `[]`, or a trailing comma.
            return Some(out);
        }
        let start = i;
        match b[i] {
            q @ (b'"' | b'\'') => {
                if b[i..].starts_with(&[q, q, q]) {
                    return None;
                }
                let close = i + 1 + memchr::memchr(q, &b[i + 1..last])?;
                if q == b'"' && b[i + 1..close].contains(&b'\\') {
                    return None;
                }
                i = close + 1;
            }
            _ => {
                while i < last && !matches!(b[i], b' ' | b'\t' | b',') {
                    if matches!(b[i], b'"' | b'\'' | b'#' | b'[' | b']' | b'{' | b'}' | b'=') {
                        return None;
                    }
                    i += 1;
                }
                if i == start {
                    return None;
                }
            }
        }
        out.push(start..i);
        i = skip(i);
        match b[i] {
            b',' if i < last => i = skip(i + 1),
            b']' if i == last => return Some(out),
            _ => return None,
        }
    }
}
