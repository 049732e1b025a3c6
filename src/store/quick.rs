//! A one-pass reader for check-in files in the canonical form Accord writes, for commands that
//! read thousands of them (`accord report`). It accepts a deliberately small subset of TOML —
//! one `key = value` per line, table headers, comment and blank lines, decimal integers, dates,
//! strings without escapes, one-line arrays — and declines (`None`) anything else, which then
//! goes through the full parser. Whatever it accepts, it reads exactly as the full parser would
//! (tests compare the two).
//!
//! Which tables and keys exist, and what kind of value each key holds, come from the format
//! table (`model::schema`): a new key is one line there. The values read are turned into a
//! [`CheckIn`] by the same serde code the full parser uses; a key of a kind this reader has no
//! rule for (a float, a time, a table of arrays such as a subgroup's scores) makes it decline,
//! so nothing in the table is ever dropped silently.

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use crate::model::schema::{self, Kind, Type};
use crate::model::{CheckIn, FileKind};
use value::{Table, Value};

/// The check-in in `text`, or `None` when the text is outside the subset.
pub fn checkin(text: &str) -> Option<CheckIn> {
    let format = schema::format(FileKind::CheckIn);
    let mut root = Table::default();
    // Where `key = value` lines go: the open table's entry in the format (its path).
    let mut spec = format.root();
    for line in crate::text::lines(text) {
        if line.is_empty() {
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            // TOML allows no control character but tab in a comment.
            if comment.chars().any(|c| c.is_control() && c != '\t') {
                return None;
            }
            continue;
        }
        if let Some(header) = line.strip_prefix('[') {
            spec = open(&mut root, format, header)?;
            continue;
        }
        let (key, value) = key_value(line)?;
        let key = spec.key(key)?;
        let value = read(&key.ty, value)?;
        // A key given twice is a TOML error, left to the full parser.
        current(&mut root, spec.path)?.insert(key.name, value)?;
    }
    CheckIn::deserialize(Value::Table(root)).ok()
}

/// Starts the table a header (after its `[`) names: `[[rituals]]` appends an entry to an
/// array of tables, `[pulse]` defines a table once. Either must be a table of the format whose
/// parent is already open, so that nothing is defined implicitly.
fn open(
    root: &mut Table,
    format: &'static schema::Format,
    header: &str,
) -> Option<&'static schema::Table> {
    let (path, many) = match header.strip_prefix('[') {
        Some(h) => (h.strip_suffix("]]")?, true),
        None => (header.strip_suffix(']')?, false),
    };
    let spec = format.table(path)?;
    let (parent, name) = path.rsplit_once('.').unwrap_or(("", path));
    let key = format.table(parent)?.key(name)?;
    let (name, kind) = (key.name, key.ty.kind);
    let parent = current(root, parent)?;
    match (kind, many, parent.get_mut(name)) {
        (Kind::ArrayOfTables, true, Some(Value::Array(entries))) => {
            entries.push(Value::Table(Table::default()));
        }
        (Kind::ArrayOfTables, true, None) => {
            parent.insert(name, Value::Array(vec![Value::Table(Table::default())]))?;
        }
        (Kind::Table, false, None) => parent.insert(name, Value::Table(Table::default()))?,
        _ => return None,
    }
    Some(spec)
}

/// The open table at `path`: for an array of tables, its last entry.
fn current<'a>(root: &'a mut Table, path: &str) -> Option<&'a mut Table> {
    let mut t = root;
    if path.is_empty() {
        return Some(t);
    }
    for seg in path.split('.') {
        t = match t.get_mut(seg)? {
            Value::Table(inner) => inner,
            Value::Array(entries) => match entries.last_mut()? {
                Value::Table(inner) => inner,
                _ => return None,
            },
            _ => return None,
        };
    }
    Some(t)
}

/// A value of the kind the format gives its key, in the subset read here.
fn read(ty: &Type, v: &str) -> Option<Value> {
    Some(match ty.kind {
        Kind::String => Value::String(string(v)?),
        Kind::Integer => Value::Integer(int(v)?),
        Kind::Bool => Value::Boolean(boolean(v)?),
        Kind::Date => {
            let d = date(v)?;
            Value::Datetime(toml_datetime::Datetime {
                date: Some(toml_datetime::Date {
                    year: u16::try_from(d.year()).ok()?,
                    month: u8::try_from(d.month()).ok()?,
                    day: u8::try_from(d.day()).ok()?,
                }),
                time: None,
                offset: None,
            })
        }
        Kind::Array { item, .. } => Value::Array(array(v, |s| read(item, s))?),
        Kind::Float | Kind::Time | Kind::Table | Kind::ArrayOfTables | Kind::Map(_) => {
            return None;
        }
    })
}

/// The values read, as serde reads them: the check-in's own `Deserialize` (the full parser's)
/// turns them into a [`CheckIn`]. A date is handed over as TOML's parser hands it over.
mod value {
    use serde::de::value::{Error, MapDeserializer, SeqDeserializer};
    use serde::de::{self, IntoDeserializer, Visitor};
    use toml_datetime::de::DatetimeDeserializer;

    pub enum Value {
        String(String),
        Integer(i64),
        Boolean(bool),
        Datetime(toml_datetime::Datetime),
        Array(Vec<Value>),
        Table(Table),
    }

    /// Keys in file order; a check-in's tables have a handful, so a search is enough.
    /// The keys are the format's own names: no copy of each key per line read.
    pub struct Table(Vec<(&'static str, Value)>);

    impl Default for Table {
        /// Room for the keys of most of a check-in's tables: growing one key at a time was
        /// a sixth of the reader's allocations.
        fn default() -> Self {
            Table(Vec::with_capacity(4))
        }
    }

    impl Table {
        pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
            self.0.iter_mut().find(|(k, _)| *k == key).map(|(_, v)| v)
        }

        /// `None` when `key` is there already.
        pub fn insert(&mut self, key: &'static str, v: Value) -> Option<()> {
            if self.0.iter().any(|(k, _)| *k == key) {
                return None;
            }
            self.0.push((key, v));
            Some(())
        }
    }

    impl<'de> de::Deserializer<'de> for Value {
        type Error = Error;

        fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            match self {
                Value::String(s) => v.visit_string(s),
                Value::Integer(n) => v.visit_i64(n),
                Value::Boolean(b) => v.visit_bool(b),
                Value::Datetime(d) => v.visit_map(DatetimeDeserializer::<Error>::new(d)),
                Value::Array(xs) => v.visit_seq(SeqDeserializer::new(xs.into_iter())),
                Value::Table(t) => v.visit_map(MapDeserializer::new(t.0.into_iter())),
            }
        }

        fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            v.visit_some(self)
        }

        fn deserialize_newtype_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            v: V,
        ) -> Result<V::Value, Error> {
            v.visit_newtype_struct(self)
        }

        fn deserialize_enum<V: Visitor<'de>>(
            self,
            name: &'static str,
            variants: &'static [&'static str],
            v: V,
        ) -> Result<V::Value, Error> {
            match self {
                Value::String(s) => v.visit_enum(s.into_deserializer()),
                other => other
                    .deserialize_any(v)
                    .map_err(|e| de::Error::custom(format!("{name} ({variants:?}): {e}"))),
            }
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
        }
    }

    impl IntoDeserializer<'_, Error> for Value {
        type Deserializer = Value;
        fn into_deserializer(self) -> Value {
            self
        }
    }
}

/// `key = value`, split at the first `=` (a fixed-string search per line costs more than the
/// rest of the reading), with any spaces or tabs around it as TOML allows: a hand-edited
/// `date=2026-01-05` took the full parser for a whole file of them. The key must then be one
/// of the format's names, so the first `=` is the one after it.
fn key_value(line: &str) -> Option<(&str, &str)> {
    let eq = memchr::memchr(b'=', line.as_bytes())?;
    let key = line[..eq].trim_end_matches([' ', '\t']);
    let value = line[eq + 1..].trim_start_matches([' ', '\t']);
    Some((key, value))
}

fn boolean(v: &str) -> Option<bool> {
    match v {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// A decimal integer without sign, underscore or leading zero (at most 18 digits: it fits
/// TOML's 64 bits; the check-in's types then say how large it may be).
fn int(v: &str) -> Option<i64> {
    let b = v.as_bytes();
    if b.is_empty() || b.len() > 18 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    if b.len() > 1 && b[0] == b'0' {
        return None;
    }
    v.parse().ok()
}

/// `YYYY-MM-DD`, a real calendar date.
fn date(v: &str) -> Option<NaiveDate> {
    let b = v.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    let n = |r: std::ops::Range<usize>| v[r].parse::<u32>().ok();
    NaiveDate::from_ymd_opt(i32::try_from(n(0..4)?).ok()?, n(5..7)?, n(8..10)?)
}

/// `"…"` with no backslash, no quote and no control character but tab inside.
fn string(v: &str) -> Option<String> {
    let inner = v.strip_prefix('"')?.strip_suffix('"')?;
    plain(inner).then(|| inner.to_string())
}

fn plain(s: &str) -> bool {
    !s.chars()
        .any(|c| c == '"' || c == '\\' || (c.is_control() && c != '\t'))
}

/// `[]` or `[a, b, c]` on one line, each element read by `item`.
fn array<T>(v: &str, item: impl Fn(&str) -> Option<T>) -> Option<Vec<T>> {
    let inner = v.strip_prefix('[')?.strip_suffix(']')?;
    if inner.is_empty() {
        return Some(Vec::new());
    }
    let mut out = Vec::new();
    let mut rest = inner;
    loop {
        // Strings may hold ", ": find the element's end by its closing quote.
        let end = if let Some(after) = rest.strip_prefix('"') {
            after.find('"')? + 2
        } else {
            rest.find(", ").unwrap_or(rest.len())
        };
        out.push(item(&rest[..end])?);
        rest = &rest[end..];
        if rest.is_empty() {
            return Some(out);
        }
        rest = rest.strip_prefix(", ")?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(text: &str) -> Option<CheckIn> {
        toml::from_str(text).ok()
    }

    #[test]
    fn the_examples_read_the_same() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("agreements");
        let mut n = 0;
        for team in std::fs::read_dir(root).unwrap() {
            let dir = team.unwrap().path().join("checkins");
            for f in std::fs::read_dir(dir).into_iter().flatten() {
                let text = std::fs::read_to_string(f.unwrap().path()).unwrap();
                assert_eq!(checkin(&text), full(&text));
                assert!(checkin(&text).is_some());
                n += 1;
            }
        }
        assert!(n >= 10);
    }

    #[test]
    fn declines_what_it_does_not_read() {
        let base = "schema = 1\ndate = 2026-11-18\nfrom = 2026-11-04\nto = 2026-11-17\nagreement_version = 4\n";
        assert!(checkin(base).is_some());
        for extra in [
            "\n[[rituals]]\nid = \"a\"\nheld = -1\n",
            "\n[[rituals]]\nid = \"a\"\nheld = 01\n",
            "\n[[rituals]]\nid = \"a\"\nheld = 1_0\n",
            "\n[[rituals]]\nid = \"a\"\nheld = 1 # note\n",
            "\n[[rituals]]\nid = \"a\"\nheld = 1\nnote = \"say \\\"hi\\\"\"\n",
            "\n[[rituals]]\nid = \"a\"\nheld = 1\nnote = 'literal'\n",
            "\n[[rituals]]\nid = \"A b\"\nheld = 1\n",
            "\n[[rituals]]\nid = \"a\"\n",
            "\n[[rituals]]\nid = \"a\"\nheld = 1\nheld = 2\n",
            "\n[[rituals]]\nid = \"a\"\nhled = 1\n",
            "\n[[norms]]\nid = \"a\"\nrating = \"great\"\n",
            "\n[pulse]\nscores = [1, 2, 300]\n",
            "\n[pulse]\nscores = [1,2]\n",
            "\n[pulse]\n\n[pulse]\n",
            "\n[[presence]]\ndate = 2026-02-30\npresent = 1\nexpected = 1\n",
            "\n[[presence]]\ndate = 2026-11-05T10:00:00\npresent = 1\nexpected = 1\n",
            "  \n",
            "<<<<<<< HEAD\n",
            "# a \u{7} bell\n",
            "\n[presence]\n",
            "\r\n",
            "date = 2026-11-19\n",
            "\n[[rituals]]\n id = \"a\"\nheld = 1\n",
            "\n[[rituals]]\nid = \"a\"\nheld = 1 \n",
            "\n[[rituals]]\nid = \"a\"\nheld =\n",
        ] {
            let text = format!("{base}{extra}");
            assert_eq!(checkin(&text), None, "{text:?}");
        }
        assert!(checkin(&base.replace("schema = 1\n", "")).is_none());
        assert!(checkin(&format!("\u{feff}{base}")).is_none());
    }

    /// A subgroup's `questions` is a table of arrays, a kind this reader has no rule for: the
    /// file is declined (and read by the full parser), never read without it.
    #[test]
    fn a_key_of_the_format_it_does_not_read_declines() {
        let text = "schema = 2\ndate = 2026-11-18\nfrom = 2026-11-04\nto = 2026-11-17\nagreement_version = 4\n\n[pulse]\nmin_responses = 3\ncount = 6\n\n[[pulse.questions]]\nid = \"belonging\"\nscores = [2, 3, 3, 4, 4, 5]\n\n[[pulse.groups]]\ngrouping = \"mode\"\nvalue = \"remote\"\ncount = 3\n\n[pulse.groups.questions]\nbelonging = [3, 4, 5]\n";
        let parsed = full(text).expect("the full parser reads it");
        assert_eq!(parsed.pulse.as_ref().unwrap().groups.len(), 1);
        assert_eq!(checkin(text), None);
        // Without the subgroup, the same file is read, and read as the full parser reads it.
        let cut = &text[..text.find("\n[[pulse.groups]]").unwrap() + 1];
        assert!(checkin(cut).is_some());
        assert_eq!(checkin(cut), full(cut));
        // Every key whose kind has no rule here is declined whatever its value.
        for t in schema::format(FileKind::CheckIn).tables {
            for k in t.keys {
                if matches!(
                    k.ty.kind,
                    Kind::Map(_) | Kind::Float | Kind::Time | Kind::Table | Kind::ArrayOfTables
                ) {
                    for v in ["1", "\"x\"", "[]", "{}", "10:00:00"] {
                        assert!(read(&k.ty, v).is_none(), "{}.{} = {v}", t.path, k.name);
                    }
                }
            }
        }
    }

    #[test]
    fn reads_strings_arrays_and_comments_like_toml() {
        let text = "# written by hand\nschema = 1\ndate = 2026-11-18\nfrom = 2026-11-04\nto = 2026-11-17\nagreement_version = 4\n\n[pulse]\nscores = [2, 3, 5]\ncomments = [\"a, b\", \"\", \"Zoë\tsaid: ok\"]\n\n[[actions]]\nitem = \"presence\"\ndecision = \"adjust\"\nnote = \"\"\n";
        let quick = checkin(text).unwrap();
        assert_eq!(Some(quick.clone()), full(text));
        assert_eq!(quick.pulse.unwrap().comments, ["a, b", "", "Zoë\tsaid: ok"]);
    }
}
