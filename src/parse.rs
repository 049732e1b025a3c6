//! Turning checked text into the model, with errors that say what to write instead.

use serde::de::DeserializeOwned;

use crate::diag::Diagnostic;
use crate::source::Source;
use crate::suggest::closest;

mod all;

pub use all::{MAX_ERRORS, parse_all};

/// Parses a source into a model type; the error names the line and column and says what to do.
/// It is the first error serde met; [`parse_all`] finds every one, in file order.
pub fn parse<T: DeserializeOwned>(src: &Source) -> Result<T, Diagnostic> {
    // The happy path parses once; only a failure is parsed again for its syntax, so a
    // parser's complaint is never mistaken for a value's.
    toml::from_str::<T>(&src.text)
        .map_err(|e| syntax_error(src).unwrap_or_else(|| value_error(src, &e)))
}

/// The file's TOML syntax error, if it has one (worded by toml_edit, as Accord always has).
fn syntax_error(src: &Source) -> Option<Diagnostic> {
    let syntax = toml_edit::Document::parse(src.text.as_str()).err()?;
    let span = syntax.span().unwrap_or(0..0);
    let (code, message, hint) = explain_syntax(syntax.message(), &src.text[span.clone()]);
    Some(
        Diagnostic::error(code, message)
            .at(src, span)
            .with_hint(hint),
    )
}

/// A value the model refused (a type, a key, a value), in Accord's words.
fn value_error(src: &Source, e: &toml::de::Error) -> Diagnostic {
    let span = e.span().unwrap_or(0..0);
    let (code, message, hint) = explain(e.message());
    let mut d = Diagnostic::error(code, message).at(src, span);
    if let Some(h) = hint {
        d = d.with_hint(h);
    }
    d
}

/// Rewrites serde's and the TOML parser's wording into Accord's: (code, message, hint).
fn explain(raw: &str) -> (&'static str, String, Option<String>) {
    let raw = raw.trim();
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let (key, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let expected = backticked(tail);
        let message = match closest(key, expected.iter().map(String::as_str)) {
            Some(best) => format!("unknown key \"{key}\" — did you mean \"{best}\"?"),
            None => format!("unknown key \"{key}\""),
        };
        let hint = if expected.is_empty() {
            "this table takes no keys; remove it".to_string()
        } else {
            format!("keys allowed here: {}", expected.join(", "))
        };
        return ("unknown-key", message, Some(hint));
    }
    if let Some(rest) = raw.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or(rest);
        return (
            "missing-key",
            format!("missing required key \"{key}\""),
            Some(format!(
                "add `{key} = …` to this table (see the format in the README)"
            )),
        );
    }
    for (prefix, code) in [
        ("invalid type: ", "wrong-type"),
        ("invalid value: ", "wrong-value"),
    ] {
        if let Some(rest) = raw.strip_prefix(prefix) {
            let (found, expected) = rest
                .split_once(", expected ")
                .unwrap_or((rest, "another value"));
            let expected = describe_type(expected);
            let hint = if found.starts_with("string") && expected.contains("number") {
                "remove the quotes around the number".to_string()
            } else {
                format!("write {expected} here")
            };
            return (
                code,
                format!("expected {expected}, found {}", found.replace('`', "")),
                Some(hint),
            );
        }
    }
    // Accord's own value types speak plainly and carry their hint after "\nhelp: ".
    match raw.split_once("\nhelp: ") {
        Some((msg, hint)) => ("invalid-value", msg.to_string(), Some(hint.to_string())),
        None if raw.starts_with("invalid date") || raw.starts_with("invalid time") => (
            "invalid-value",
            raw.to_string(),
            Some("check the value: dates are YYYY-MM-DD, times HH:MM".into()),
        ),
        None => (
            "invalid-value",
            raw.to_string(),
            Some("see the file format in the README".into()),
        ),
    }
}

/// A parser error: (code, message, hint).
fn explain_syntax(raw: &str, at: &str) -> (&'static str, String, String) {
    let raw = raw.trim();
    if raw.starts_with("duplicate key") {
        return (
            "duplicate-key",
            raw.replace('`', "\""),
            "each key appears once per table; remove one".into(),
        );
    }
    let first = raw.lines().next().unwrap_or(raw);
    let detail: Vec<&str> = raw.lines().skip(1).collect();
    let mut hint = String::from("this is not valid TOML");
    if !detail.is_empty() {
        hint = format!("{hint}: {}", detail.join("; "));
    }
    if at.starts_with('"') && at.len() > 1 && !at[1..].contains('"') {
        hint.push_str(" (is a closing quote missing?)");
    }
    ("syntax", first.to_string(), hint)
}

fn backticked(s: &str) -> Vec<String> {
    s.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

fn describe_type(expected: &str) -> String {
    match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number of 0 or more".into(),
        "i8" | "i16" | "i32" | "i64" => "a whole number".into(),
        "f32" | "f64" => "a number".into(),
        "a string" => "text in double quotes".into(),
        "a sequence" => "a list in [ ]".into(),
        "a boolean" => "true or false".into(),
        other => other.replace('`', "\""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_gets_a_suggestion() {
        let (code, msg, hint) =
            explain("unknown field `presense`, expected one of `team`, `presence`");
        assert_eq!(code, "unknown-key");
        assert_eq!(msg, "unknown key \"presense\" — did you mean \"presence\"?");
        assert_eq!(hint.unwrap(), "keys allowed here: team, presence");
    }
}
