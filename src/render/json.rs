//! JSON for scripts and bots. serde_json escapes only `"`, `\` and C0 controls; C1
//! controls, DEL and invisible format characters would reach a terminal that prints the
//! document (`accord … --format json | less`) raw. Here they are written as `\uXXXX`
//! escapes: the document parses back to exactly the same strings, and its bytes are safe.

use std::fmt::Write as _;

use serde::Serialize;

use super::is_unsafe;

/// The version of every `--format json` document's shape, its top-level `"format"` key
/// (docs/json.md, assets/schema/*.output.schema.json). Raised only when a key changes
/// meaning or goes away; new keys keep it.
pub const FORMAT: u32 = 1;

/// `value` as pretty JSON with every unsafe character escaped.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> String {
    let json = serde_json::to_string_pretty(value).expect("Accord's documents serialise");
    escape_unsafe(json)
}

/// `value` as pretty JSON, escaped as [`to_string_pretty`], written to `out`.
pub fn to_writer_pretty<T: Serialize + ?Sized>(
    mut out: impl std::io::Write,
    value: &T,
) -> std::io::Result<()> {
    out.write_all(to_string_pretty(value).as_bytes())
}

/// Escapes unsafe characters in serialised JSON. Outside its strings a JSON document is
/// ASCII punctuation, digits and literals, so every such character is inside a string, where
/// `\uXXXX` (a surrogate pair past U+FFFF) means the same character.
fn escape_unsafe(json: String) -> String {
    if super::is_safe(&json) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe(c) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{u:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_escaped_and_round_trip() {
        let s =
            "a\u{9b}b\u{9d}c\u{7f}d\u{202e}e\u{2066}f\u{200b}g\u{feff}h\u{2028}i\u{ad}j\u{e0001}";
        let json = to_string_pretty(&serde_json::json!({ "text": s }));
        assert!(super::super::is_safe(&json), "{json}");
        assert!(
            json.contains(r"\u009b") && json.contains(r"\udb40\udc01"),
            "{json}"
        );
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["text"], s);
    }
}
