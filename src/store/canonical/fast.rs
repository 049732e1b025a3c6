//! The canonical form of a plain file, written line by line without an editable document.
//!
//! `toml_edit` keeps a key, a representation and decor for every value: a 150,000-entry
//! `days` array costs it about 60 MB. Most files are plain — one `key = value` per line,
//! `[table]` and `[[array]]` headers of the format, blank lines, and scalars or one-line
//! arrays of them — and their canonical form needs only the keys reordered, the values
//! re-spelled and the blank lines tidied. This writer does that for the subset and declines
//! (`None`) anything else (comments, inline tables, dotted keys, escapes, floats, times,
//! non-ASCII text, a check-in's `[pulse]`, whose answers are sorted), which then goes through
//! `toml_edit`. Whatever it accepts, it writes exactly what `toml_edit`'s path writes (a test
//! compares both on every fixture and on variants of each).

use serde_json::Value as Json;

use crate::model::FileKind;
use crate::model::schema::{self, Kind};

use super::{key_order, rank};

/// One `key = value` line: the value already in canonical spelling.
struct Entry<'a> {
    key: &'a str,
    value: String,
    /// A blank line before it in the file (kept as one).
    blank: bool,
}

/// A `[table]` or one entry of an `[[array]]`, with its lines.
struct Section<'a> {
    name: &'a str,
    many: bool,
    entries: Vec<Entry<'a>>,
}

/// The canonical form of `text` (which parses as `kind`), or `None` outside the subset.
pub(super) fn format(text: &str, kind: FileKind) -> Option<String> {
    let (root, sections) = read(text, kind)?;
    Some(write(text.len(), root, sections, kind))
}

/// What `canonical::render` writes for the model `json` over `text`, when `text` is plain and
/// holds the model's data except some root integers (written anew); else `None`.
///
/// The data are compared as `render` compares them, on the canonical spelling of each value:
/// a key on one side only, a float, a null or a nested table declines. `render` keeps an old
/// entry of an array of tables only when the entry's identity key matches; any other entry
/// is written afresh from the model, without the file's blank lines. Such an entry with a
/// blank line inside is declined rather than imitated.
pub(super) fn render(text: &str, kind: FileKind, json: &Json) -> Option<String> {
    let (mut root, sections) = read(text, kind)?;
    let Json::Object(new) = json else { return None };
    for s in sections.iter().filter(|s| s.many) {
        let kept = super::identity_key(kind, s.name)
            .is_some_and(|id| s.entries.iter().any(|e| e.key == id));
        if !kept && s.entries.iter().any(|e| e.blank) {
            return None;
        }
    }
    // Every key of the file is the model's, once (sections of an array counted once).
    let mut names: Vec<&str> = root.iter().map(|e| e.key).collect();
    names.extend(sections.iter().map(|s| s.name));
    names.sort_unstable();
    names.dedup();
    if names.len() != new.len() {
        return None;
    }
    for (key, n) in new {
        if let Some(e) = root.iter_mut().find(|e| e.key == key) {
            if spelled(key, n).as_deref() == Some(e.value.as_str()) {
                continue;
            }
            // A root integer the model changed (a schema, a version) is written anew.
            match n.as_i64() {
                Some(i) if is_integer(&e.value) => e.value = i.to_string(),
                _ => return None,
            }
            continue;
        }
        let mut of_key = sections.iter().filter(|s| s.name == key);
        let same = match n {
            Json::Object(t) => of_key.next().is_some_and(|s| same_table(&s.entries, t)),
            Json::Array(items) => {
                items.iter().all(|i| {
                    of_key.next().is_some_and(|s| {
                        s.many && i.as_object().is_some_and(|t| same_table(&s.entries, t))
                    })
                }) && of_key.next().is_none()
            }
            _ => false,
        };
        if !same {
            return None;
        }
    }
    Some(write(text.len(), root, sections, kind))
}

/// A section's lines hold exactly the keys and values of the model's table `t`.
fn same_table(entries: &[Entry], t: &serde_json::Map<String, Json>) -> bool {
    entries.len() == t.len()
        && entries.iter().all(|e| {
            t.get(e.key)
                .and_then(|v| spelled(e.key, v))
                .is_some_and(|v| v == e.value)
        })
}

/// The canonical spelling `render` gives the model's value under `key` (a date key's string
/// is a date), for the values the line writer spells; `None` for any other.
fn spelled(key: &str, v: &Json) -> Option<String> {
    match v {
        Json::Bool(b) => Some(b.to_string()),
        Json::Number(n) => n.as_i64().map(|i| i.to_string()),
        Json::String(s) if schema::is_datetime(key) => is_date(s).then(|| s.clone()),
        Json::String(s) => s
            .bytes()
            .all(|b| (0x20..0x7f).contains(&b) && !matches!(b, b'"' | b'\'' | b'\\'))
            .then(|| format!("\"{s}\"")),
        Json::Array(items) => {
            let items: Option<Vec<String>> = items.iter().map(|i| spelled(key, i)).collect();
            Some(format!("[{}]", items?.join(", ")))
        }
        Json::Null | Json::Object(_) => None,
    }
}

/// The root entries and the sections of `text`, or `None` outside the subset.
fn read(text: &str, kind: FileKind) -> Option<(Vec<Entry<'_>>, Vec<Section<'_>>)> {
    if text.contains('\r') {
        return None;
    }
    let root_spec = schema::format(kind).root();
    let mut root: Vec<Entry> = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut blank = false;
    for line in text.split('\n') {
        let line = line.trim_matches([' ', '\t']);
        if line.is_empty() {
            blank = true;
            continue;
        }
        if line.starts_with('[') {
            let (name, many) = header(line)?;
            if root.iter().any(|e| e.key == name) {
                return None;
            }
            let ty = root_spec.key(name)?.ty.kind;
            let fits = match ty {
                Kind::Table => !many && !sections.iter().any(|s| s.name == name),
                Kind::ArrayOfTables => many,
                _ => false,
            };
            // A check-in's pulse answers are sorted by the full path.
            if !fits || (kind == FileKind::CheckIn && name == "pulse") {
                return None;
            }
            sections.push(Section {
                name,
                many,
                entries: Vec::new(),
            });
            blank = false;
            continue;
        }
        let (key, value) = line.split_once('=')?;
        let key = key.trim_end_matches([' ', '\t']);
        let value = value.trim_start_matches([' ', '\t']);
        let (table, entries) = match sections.last_mut() {
            Some(s) => (s.name, &mut s.entries),
            None => ("", &mut root),
        };
        let order = key_order(kind, table);
        // Unknown keys and keys given twice are left to the full path.
        if rank(order, key) == order.len() || entries.iter().any(|e| e.key == key) {
            return None;
        }
        entries.push(Entry {
            key,
            value: value_text(value)?,
            blank,
        });
        blank = false;
    }
    // A file's first key carries no blank line (the comment at the top goes there).
    root.first_mut()?.blank = false;
    Some((root, sections))
}

/// The canonical text of a file read by [`read`] (`len`: the size of its text).
fn write(len: usize, root: Vec<Entry>, mut sections: Vec<Section>, kind: FileKind) -> String {
    let mut out = String::with_capacity(len + len / 8);
    write_entries(&mut out, root, key_order(kind, ""), true);
    // Tables in the format's order; the entries of an array in the file's order.
    for key in key_order(kind, "") {
        for s in sections.iter_mut().filter(|s| s.name == key.name) {
            let (open, close) = if s.many { ("[[", "]]") } else { ("[", "]") };
            out.push('\n');
            out.push_str(open);
            out.push_str(s.name);
            out.push_str(close);
            out.push('\n');
            write_entries(
                &mut out,
                std::mem::take(&mut s.entries),
                key_order(kind, s.name),
                false,
            );
        }
    }
    let end = out.trim_end_matches(['\n', ' ', '\t']).len();
    out.truncate(end);
    out.push('\n');
    out
}

/// Writes a table's lines in canonical key order (stable); at the root, the first key written
/// takes the place of the file's first line and so has no blank line before it.
fn write_entries(out: &mut String, mut entries: Vec<Entry>, order: &[schema::Key], root: bool) {
    entries.sort_by_key(|e| rank(order, e.key));
    for (i, e) in entries.into_iter().enumerate() {
        if e.blank && !(root && i == 0) {
            out.push('\n');
        }
        out.push_str(e.key);
        out.push_str(" = ");
        out.push_str(&e.value);
        out.push('\n');
    }
}

/// `[name]` or `[[name]]` with a bare key of one segment.
fn header(line: &str) -> Option<(&str, bool)> {
    let (inner, many) = match line.strip_prefix("[[") {
        Some(rest) => (rest.strip_suffix("]]")?, true),
        None => (line.strip_prefix('[')?.strip_suffix(']')?, false),
    };
    let name = inner.trim_matches([' ', '\t']);
    bare(name).then_some((name, many))
}

fn bare(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// A value in canonical spelling: a scalar, or a one-line array of scalars.
fn value_text(v: &str) -> Option<String> {
    if let Some(inner) = v.strip_prefix('[') {
        let mut out = String::with_capacity(v.len() + v.len() / 4);
        out.push('[');
        let mut rest = inner.trim_start_matches([' ', '\t']);
        let mut first = true;
        loop {
            if let Some(after) = rest.strip_prefix(']') {
                // Nothing may follow the array on its line.
                if !after.is_empty() {
                    return None;
                }
                out.push(']');
                return Some(out);
            }
            let (item, after) = scalar(rest)?;
            if !first {
                out.push_str(", ");
            }
            first = false;
            out.push_str(&item);
            rest = after.trim_start_matches([' ', '\t']);
            match rest.strip_prefix(',') {
                Some(after) => rest = after.trim_start_matches([' ', '\t']),
                None if rest.starts_with(']') => {}
                None => return None,
            }
        }
    }
    let (item, after) = scalar(v)?;
    after.is_empty().then_some(item)
}

/// The scalar at the start of `s`, re-spelled, and what follows it.
fn scalar(s: &str) -> Option<(String, &str)> {
    let first = *s.as_bytes().first()?;
    if first == b'"' || first == b'\'' {
        let body = &s[1..];
        let end = body.find(first as char)?;
        let content = &body[..end];
        // Printable ASCII without quotes or backslashes is written `"…"` whatever its quotes.
        if !content
            .bytes()
            .all(|b| (0x20..0x7f).contains(&b) && !matches!(b, b'"' | b'\'' | b'\\'))
        {
            return None;
        }
        let after = &body[end + 1..];
        // `""` followed by `"` is a multi-line string.
        if after.starts_with(first as char) {
            return None;
        }
        return Some((format!("\"{content}\""), after));
    }
    let end = s.find([',', ']', ' ', '\t']).unwrap_or(s.len());
    let (token, after) = s.split_at(end);
    let plain = match token {
        "true" | "false" => true,
        _ if is_date(token) => true,
        _ => is_integer(token),
    };
    plain.then(|| (token.to_string(), after))
}

/// `YYYY-MM-DD` alone (a date-time is written otherwise and goes through the full path).
fn is_date(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// A decimal integer as Accord writes it: no sign but `-`, no leading zero, no `_`.
fn is_integer(t: &str) -> bool {
    let digits = t.strip_prefix('-').unwrap_or(t);
    let canonical = (digits == "0" && t.len() == 1)
        || (!digits.is_empty()
            && !digits.starts_with('0')
            && digits.bytes().all(|b| b.is_ascii_digit()));
    canonical && t.parse::<i64>().is_ok()
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::format_document;
    use super::*;
    use std::path::{Path, PathBuf};

    pub(in crate::store::canonical) fn fixtures() -> Vec<(PathBuf, FileKind, String)> {
        let mut out = Vec::new();
        let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")];
        while let Some(d) = dirs.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    dirs.push(p);
                } else if let (Some(kind), Ok(text)) =
                    (FileKind::of_path(&p), std::fs::read_to_string(&p))
                {
                    out.push((p, kind, text));
                }
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    /// Each line changed by `f`.
    fn lines(text: &str, f: impl Fn(&str) -> String) -> String {
        text.split('\n').map(f).collect::<Vec<_>>().join("\n")
    }

    /// The key lines of every table in reverse order (headers and blank lines stay).
    fn reversed_keys(text: &str) -> String {
        let mut out: Vec<String> = Vec::new();
        let mut run: Vec<&str> = Vec::new();
        for line in text.split('\n') {
            if line.starts_with('[') || line.trim().is_empty() {
                out.extend(run.drain(..).rev().map(str::to_string));
                out.push(line.to_string());
            } else {
                run.push(line);
            }
        }
        out.extend(run.drain(..).rev().map(str::to_string));
        out.join("\n")
    }

    /// Forms of one file that parse the same: spacing, blank lines, key order, quoting.
    pub(in crate::store::canonical) fn variants(text: &str) -> Vec<String> {
        vec![
            text.to_string(),
            lines(text, |l| l.replacen(" = ", "=", 1)),
            lines(text, |l| l.replacen(" = ", " \t=   ", 1)),
            lines(text, |l| format!("  {l}  ")),
            lines(text, |l| format!("\n{l}")),
            lines(text, |l| {
                if l.starts_with('[') {
                    format!("{l}\n\n")
                } else {
                    l.to_string()
                }
            }),
            reversed_keys(text),
            lines(text, |l| l.replace(", ", ",").replace('"', "'")),
            lines(text, |l| l.replace("= [", "= [ ").replace(']', ", ]")),
            format!("\n\n{text}\n\n\n"),
            text.trim_end().to_string(),
        ]
    }

    #[test]
    fn writes_what_the_document_path_writes_on_every_fixture_and_variant() {
        let (mut accepted, mut declined) = (0, 0);
        for (path, kind, text) in fixtures() {
            for v in variants(&text) {
                // Only text that parses has a canonical form.
                if v.parse::<toml::Table>().is_err() {
                    continue;
                }
                let Ok(slow) = format_document(&v, kind) else {
                    continue;
                };
                match format(&v, kind) {
                    Some(fast) => {
                        accepted += 1;
                        assert_eq!(fast, slow, "{}:\n{v}", path.display());
                    }
                    None => declined += 1,
                }
            }
        }
        // Both sides of the subset are exercised (most fixtures hold comments: declined).
        assert!(accepted >= 25, "accepted {accepted}, declined {declined}");
        assert!(declined > 50, "accepted {accepted}, declined {declined}");
    }

    #[test]
    fn takes_long_arrays_and_many_tables_without_a_document() {
        let head = "schema = 1\nteam = \"Hostile\"\nversion = 1\nstatus = \"active\"\n\
                    adopted = 2026-01-05\nreview_by = 2026-12-01\n\n[[members]]\nname = \"Ana\"\n\n";
        let days = format!(
            "{head}[presence]\ndays = [{}]\n",
            vec!["\"mon\""; 2_000].join(",")
        );
        let fast = format(&days, FileKind::Agreement).expect("a plain agreement");
        assert_eq!(fast, format_document(&days, FileKind::Agreement).unwrap());
        let checkin = format!(
            "schema = 1\ndate = 2026-01-26\nfrom = 2026-01-05\nto = 2026-01-25\n\
             agreement_version = 1\n{}",
            "[[presence]]\ndate=2026-01-05\npresent=1\nexpected=1\n".repeat(500)
        );
        let fast = format(&checkin, FileKind::CheckIn).expect("a plain check-in");
        assert_eq!(fast, format_document(&checkin, FileKind::CheckIn).unwrap());
    }

    #[test]
    fn declines_what_only_the_document_path_writes_right() {
        for text in [
            "# a comment\nschema = 1\n",
            "schema = 1 # a comment\n",
            "schema = 1\nname = \"Zo\u{eb}\"\n",
            "schema = 1\nname = \"a\\tb\"\n",
            "schema = 1\n[presence]\ncore_hours = { start = 10:00:00, end = 15:00:00 }\n",
            "schema = 1\n[presence.core_hours]\nstart = 10:00:00\n",
            "schema = 1\npresence.days = [\"mon\"]\n",
            "schema = 1\n[presence]\ndays = [\n  \"mon\",\n]\n",
            "schema = 1\nversion = 0x10\n",
            "schema = 1\nversion = 1_000\n",
            "schema = 1\nadopted = 2026-01-05T10:00:00\n",
            "schema = 1\nunknown = 1\n",
            "schema = 1\r\nversion = 1\r\n",
            "[presence]\ndays = [\"mon\"]\n",
        ] {
            assert_eq!(format(text, FileKind::Agreement), None, "{text}");
        }
        let pulse = "schema = 1\ndate = 2026-01-26\n[pulse]\nscores = [3, 1]\n";
        assert_eq!(format(pulse, FileKind::CheckIn), None);
    }
}
