//! Every error of a file in one run. serde stops at the first error, so the file is read once
//! into an untyped, spanned table and deserialized again after each error with the offending
//! key taken out (or, for a missing key, a stand-in put in), until the model comes out.

use std::borrow::Cow;
use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue, Deserializer};

use crate::diag::Diagnostic;
use crate::source::Source;

/// At most this many errors of a file are shown; the rest are counted in one "and K more".
pub const MAX_ERRORS: usize = 50;

/// Each retry deserializes the whole file again, so the retries are capped: a hostile file
/// with 150,000 wrong values costs a few hundred passes, not 150,000.
const MAX_PASSES: usize = 3 * MAX_ERRORS;

/// Spans from here up belong to stand-ins, never to the file (whose offsets are far smaller).
const STAND_IN: usize = usize::MAX / 2;

/// What a stand-in for a missing key is tried as, in turn, until the model takes one.
const STAND_INS: &[&str] = &[
    "\"a\"",
    "1",
    "false",
    "[]",
    "{}",
    "1.5",
    "2000-01-01",
    "00:00:00",
    "\"2000-01-01\"",
    "\"00:00\"",
    "\"UTC\"",
    "\"\"",
    "0",
];

/// Parses a source into a model type, or gives every error found, in file order: a syntax
/// error alone (nothing after it can be trusted), else each type error, unknown key, missing
/// key and wrong value. Past [`MAX_ERRORS`] the rest are counted in one "and K more".
pub fn parse_all<T: DeserializeOwned>(src: &Source) -> Result<T, Vec<Diagnostic>> {
    // The happy path parses once, as `parse` does.
    let first = match toml::from_str::<T>(&src.text) {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    if let Some(d) = super::syntax_error(src) {
        return Err(vec![d]);
    }
    let Ok(root) = DeTable::parse(&src.text) else {
        return Err(vec![super::value_error(src, &first)]);
    };
    let mut run = Run {
        root_span: root.span(),
        root: root.into_inner(),
        removed: Vec::new(),
        tries: Vec::new(),
        found: Vec::new(),
        more: 0,
    };
    let mut err = first;
    let mut complete = false;
    for _ in 0..MAX_PASSES {
        if !run.step(src, &err) {
            complete = true;
            break;
        }
        let again = Spanned::new(run.root_span.clone(), run.root.clone());
        match T::deserialize(Deserializer::from(again)) {
            // Never returned: the model is of a file with keys removed or stood in for.
            Ok(_) => {
                complete = true;
                break;
            }
            Err(e) => err = e,
        }
    }
    Err(run.finish(src, complete))
}

struct Try {
    start: usize,
    table: Range<usize>,
    /// An index into [`STAND_INS`]; past it, the value an enum named as expected.
    next: usize,
    named: bool,
}

struct Run<'i> {
    root_span: Range<usize>,
    root: DeTable<'i>,
    /// Keys taken out, with the span of their table: the model missing one is no news.
    removed: Vec<(Range<usize>, String)>,
    /// Each stand-in: where it is, the span of its table, and what it is tried as.
    tries: Vec<Try>,
    /// Each error shown, with where it starts.
    found: Vec<(usize, Diagnostic)>,
    more: usize,
}

impl Run<'_> {
    /// Records `err` and changes the table so the next pass gets past it. `false` when the
    /// error cannot be got past (it has no place, or no stand-in will do).
    fn step(&mut self, src: &Source, err: &toml::de::Error) -> bool {
        let Some(span) = err.span() else {
            self.record(src, err, 0);
            return false;
        };
        let missing = missing_key(err.message());
        if span.start >= STAND_IN && missing.is_none() {
            return self.next_stand_in(span, err.message());
        }
        if let Some(key) = missing {
            let known =
                span.start >= STAND_IN || self.removed.contains(&(span.clone(), key.clone()));
            if !known {
                self.record(src, err, span.start);
            }
            return self.stand_in(span, key);
        }
        self.record(src, err, span.start);
        remove_at(
            &mut self.root,
            self.root_span.clone(),
            &span,
            &mut self.removed,
        )
    }

    fn record(&mut self, src: &Source, err: &toml::de::Error, at: usize) {
        if self.found.len() < MAX_ERRORS {
            self.found.push((at, super::value_error(src, err)));
        } else {
            self.more += 1;
        }
    }

    /// Puts a stand-in for `key` into the table at `table`.
    fn stand_in(&mut self, table: Range<usize>, key: String) -> bool {
        let start = STAND_IN + 2 * self.tries.len();
        let Some(t) = find_table(&mut self.root, self.root_span.clone(), &table) else {
            return false;
        };
        let at = start..start + 1;
        t.insert(Spanned::new(at.clone(), Cow::Owned(key)), stand_in(0, at));
        self.tries.push(Try {
            start,
            table,
            next: 0,
            named: false,
        });
        true
    }

    /// The stand-in at `span` was refused (`message` says why): tries the value an enum
    /// names, then the next of [`STAND_INS`]; when none will do, takes its table out (the
    /// errors in it are recorded already), unless that is the document itself.
    fn next_stand_in(&mut self, span: Range<usize>, message: &str) -> bool {
        let Some(t) = self.tries.iter_mut().find(|t| t.start == span.start) else {
            return false;
        };
        let value = match expected_variant(message) {
            Some(name) if !t.named => {
                t.named = true;
                DeValue::String(Cow::Owned(name))
            }
            _ if t.next + 1 < STAND_INS.len() => {
                t.next += 1;
                stand_in(t.next, span.clone()).into_inner()
            }
            _ => {
                let table = t.table.clone();
                // A stand-in table that cannot be filled is itself a stand-in that failed.
                if table.start >= STAND_IN {
                    return self.next_stand_in(table, "");
                }
                return table != self.root_span
                    && remove_at(
                        &mut self.root,
                        self.root_span.clone(),
                        &table,
                        &mut self.removed,
                    );
            }
        };
        match find_value(&mut self.root, &span) {
            Some(v) => {
                *v = Spanned::new(span, value);
                true
            }
            None => false,
        }
    }

    /// The errors in file order, closed by "and K more" past the cap.
    fn finish(mut self, src: &Source, complete: bool) -> Vec<Diagnostic> {
        self.found.sort_by_key(|(at, _)| *at);
        let mut out: Vec<Diagnostic> = self.found.into_iter().map(|(_, d)| d).collect();
        let (n, s) = (self.more, if self.more == 1 { "" } else { "s" });
        let message = match (complete, n) {
            (true, 0) => return out,
            (true, _) => format!(
                "and {n} more error{s} in this file (only the first {MAX_ERRORS} are shown)"
            ),
            (false, 0) => format!(
                "and perhaps more errors in this file (Accord stopped looking after {MAX_PASSES} passes)"
            ),
            (false, _) => format!(
                "and at least {n} more error{s} in this file (only the first {MAX_ERRORS} are shown)"
            ),
        };
        out.push(
            Diagnostic::error("more-errors", message)
                .at_file(&src.path)
                .with_hint("fix the ones above, then run `accord validate` again"),
        );
        out
    }
}

/// The key a "missing field" error names.
fn missing_key(message: &str) -> Option<String> {
    let rest = message.trim().strip_prefix("missing field `")?;
    rest.split('`').next().map(str::to_string)
}

/// The first value an "unknown variant `x`, expected one of `a`, `b`" error names.
fn expected_variant(message: &str) -> Option<String> {
    let (_, rest) = message.split_once("expected ")?;
    let rest = rest.strip_prefix("one of ").unwrap_or(rest);
    let name = rest.strip_prefix('`')?.split('`').next()?;
    Some(name.to_string())
}

fn stand_in(i: usize, at: Range<usize>) -> Spanned<DeValue<'static>> {
    let v = DeValue::parse(STAND_INS[i]).map_or(DeValue::Boolean(false), Spanned::into_inner);
    Spanned::new(at, v)
}

/// Whether `outer` holds `inner` (and is not it).
fn holds(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end && outer != inner
}

/// Takes out the key or array item at `at`: the one whose key or value is `at`, else the
/// innermost whose value holds it. `false` when nothing is there.
fn remove_at(
    t: &mut DeTable<'_>,
    span: Range<usize>,
    at: &Range<usize>,
    removed: &mut Vec<(Range<usize>, String)>,
) -> bool {
    let exact = t.iter().find(|(k, v)| k.span() == *at || v.span() == *at);
    if let Some(key) = exact.map(|(k, _)| k.clone()) {
        return remove_key(t, span, &key, removed);
    }
    for (_, v) in t.iter_mut() {
        let inner = v.span();
        let done = match v.get_mut() {
            DeValue::Table(sub) => remove_at(sub, inner, at, removed),
            DeValue::Array(items) => remove_in_array(items, at, removed),
            _ => false,
        };
        if done {
            return true;
        }
    }
    let within = t.iter().find(|(_, v)| holds(&v.span(), at));
    match within.map(|(k, _)| k.clone()) {
        Some(key) => remove_key(t, span, &key, removed),
        None => false,
    }
}

fn remove_key<'i>(
    t: &mut DeTable<'i>,
    span: Range<usize>,
    key: &Spanned<Cow<'i, str>>,
    removed: &mut Vec<(Range<usize>, String)>,
) -> bool {
    // Keys compare by name, and a table holds each name once.
    t.remove(key);
    removed.push((span, key.get_ref().to_string()));
    true
}

fn remove_in_array(
    items: &mut DeArray<'_>,
    at: &Range<usize>,
    removed: &mut Vec<(Range<usize>, String)>,
) -> bool {
    if items.iter().any(|v| v.span() == *at) {
        let kept: DeArray = std::mem::replace(items, DeArray::new())
            .into_iter()
            .filter(|v| v.span() != *at)
            .collect();
        *items = kept;
        return true;
    }
    items.iter_mut().any(|v| {
        let inner = v.span();
        match v.get_mut() {
            DeValue::Table(sub) => remove_at(sub, inner, at, removed),
            DeValue::Array(sub) => remove_in_array(sub, at, removed),
            _ => false,
        }
    })
}

/// The table whose span is `at` (the document's own, or any inside it, stand-ins too).
fn find_table<'a, 'i>(
    t: &'a mut DeTable<'i>,
    span: Range<usize>,
    at: &Range<usize>,
) -> Option<&'a mut DeTable<'i>> {
    if span == *at {
        return Some(t);
    }
    for (_, v) in t.iter_mut() {
        let inner = v.span();
        let found = match v.get_mut() {
            DeValue::Table(sub) => find_table(sub, inner, at),
            DeValue::Array(items) => items.iter_mut().find_map(|item| {
                let s = item.span();
                match item.get_mut() {
                    DeValue::Table(sub) => find_table(sub, s, at),
                    _ => None,
                }
            }),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// The value whose span is `at`.
fn find_value<'a, 'i>(
    t: &'a mut DeTable<'i>,
    at: &Range<usize>,
) -> Option<&'a mut Spanned<DeValue<'i>>> {
    for (_, v) in t.iter_mut() {
        if v.span() == *at {
            return Some(v);
        }
        let found = match v.get_mut() {
            DeValue::Table(sub) => find_value(sub, at),
            DeValue::Array(items) => items.iter_mut().find_map(|item| match item.get_mut() {
                DeValue::Table(sub) => find_value(sub, at),
                _ => None,
            }),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Agreement;

    /// A valid agreement with one ritual, to break in several places.
    const GOOD: &str = "schema = 1\nteam = \"Minimal\"\nversion = 1\nstatus = \"draft\"\n\n[[rituals]]\nid = \"demo\"\nname = \"Demo\"\ncadence = \"weekly\"\nday = \"thu\"\ntime = 15:00:00\nduration_minutes = 30\nmode = \"remote\"\n";

    fn errors(text: &str) -> Vec<Diagnostic> {
        parse_all::<Agreement>(&Source::new("t/agreement.toml", text)).unwrap_err()
    }

    fn places(diags: &[Diagnostic]) -> Vec<(&str, usize, usize)> {
        diags
            .iter()
            .map(|d| {
                let l = d.location.as_deref().unwrap();
                (d.code, l.line.unwrap(), l.column.unwrap())
            })
            .collect()
    }

    #[test]
    fn the_good_file_parses() {
        assert!(parse_all::<Agreement>(&Source::new("t/agreement.toml", GOOD)).is_ok());
    }

    #[test]
    fn four_errors_of_four_kinds_come_in_file_order() {
        // Listed here out of file order: the missing key is in the ritual, near the end.
        let text = GOOD
            .replace("name = \"Demo\"\n", "")
            .replace("version = 1", "version = \"one\"")
            .replace("status = \"draft\"", "status = \"drafty\"")
            .replace("duration_minutes = ", "duration = ");
        let d = errors(&text);
        assert_eq!(
            places(&d),
            [
                ("wrong-type", 3, 11),
                ("invalid-value", 4, 10),
                ("missing-key", 6, 1),
                ("unknown-key", 11, 1),
            ],
            "{d:#?}"
        );
        assert_eq!(
            d[0].message,
            "expected a whole number of 0 or more, found string \"one\""
        );
        assert_eq!(d[2].message, "missing required key \"name\"");
        assert_eq!(
            d[3].message,
            "unknown key \"duration\" — did you mean \"duration_minutes\"?"
        );
    }

    #[test]
    fn a_misspelt_required_key_is_unknown_and_missing_and_the_rest_is_still_read() {
        // The stand-in for the missing `cadence` must be a variant the enum names; the
        // errors after it (in the document's key order) are still found.
        let text = GOOD
            .replace("cadence = ", "cadense = ")
            .replace("version = 1", "version = \"one\"");
        let d = errors(&text);
        assert_eq!(
            places(&d),
            [
                ("wrong-type", 3, 11),
                ("missing-key", 6, 1),
                ("unknown-key", 9, 1)
            ],
            "{d:#?}"
        );
        assert_eq!(d[1].message, "missing required key \"cadence\"");
    }

    #[test]
    fn a_missing_time_gets_a_stand_in_and_later_errors_are_still_found() {
        // Keys are read in name order: `presence` (missing `start`) before `status`.
        let text = format!(
            "{}\n[presence]\ndays = [\"tue\"]\ncore_hours = {{ end = 15:00:00 }}\n",
            GOOD.replace("status = \"draft\"", "status = 3")
        );
        let d = errors(&text);
        let codes: Vec<&str> = d.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["wrong-type", "missing-key"], "{d:#?}");
        assert_eq!(d[1].message, "missing required key \"start\"");
    }

    /// Takes only the string "exactly this": no stand-in will do.
    #[derive(Debug)]
    struct Picky;

    impl<'de> serde::Deserialize<'de> for Picky {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let s = String::deserialize(d)?;
            if s == "exactly this" {
                Ok(Picky)
            } else {
                Err(serde::de::Error::custom("not it"))
            }
        }
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        a: Inner,
        b: u32,
        z: u32,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        picky: Picky,
        n: u32,
    }

    #[test]
    fn a_table_no_stand_in_fits_is_left_out_and_the_rest_still_read() {
        let src = Source::new("t.toml", "b = \"x\"\nz = \"y\"\n[a]\nn = \"no\"\n");
        let d = parse_all::<Doc>(&src).unwrap_err();
        assert_eq!(
            places(&d),
            [
                ("wrong-type", 1, 5),
                ("wrong-type", 2, 5),
                ("missing-key", 3, 1),
                ("wrong-type", 4, 5)
            ],
            "{d:#?}"
        );
        // `a` itself, taken out once no stand-in fitted, is not reported missing.
        assert_eq!(d[2].message, "missing required key \"picky\"");
    }

    #[test]
    fn a_syntax_error_is_the_only_error() {
        let text = GOOD
            .replace("version = 1", "version = \"one\"")
            .replace("status = \"draft\"", "status = = \"draft\"");
        let d = errors(&text);
        assert_eq!(places(&d), [("syntax", 4, 10)], "{d:#?}");
    }

    #[test]
    fn past_the_cap_the_rest_are_counted() {
        let extra: String = (0..MAX_ERRORS + 7)
            .map(|i| format!("extra{i} = 1\n"))
            .collect();
        let text = GOOD.replacen(
            "status = \"draft\"\n",
            &format!("status = \"draft\"\n{extra}"),
            1,
        );
        let d = errors(&text);
        assert_eq!(d.len(), MAX_ERRORS + 1);
        assert!(d[..MAX_ERRORS].iter().all(|d| d.code == "unknown-key"));
        let lines: Vec<usize> = d[..MAX_ERRORS]
            .iter()
            .map(|d| d.location.as_deref().unwrap().line.unwrap())
            .collect();
        assert!(lines.is_sorted(), "{lines:?}");
        assert_eq!(
            d[MAX_ERRORS].message,
            "and 7 more errors in this file (only the first 50 are shown)"
        );
    }
}
