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

/// `value` as pretty JSON, escaped as [`to_string_pretty`], written to `out` as it is
/// serialised: a large document is never held whole.
pub fn to_writer_pretty<T: Serialize + ?Sized>(
    out: impl std::io::Write,
    value: &T,
) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::new(Escaping {
        out,
        pending: Vec::new(),
    });
    serde_json::to_writer_pretty(&mut w, value).map_err(std::io::Error::from)?;
    let esc = w.into_inner().map_err(|e| e.into_error())?;
    // serde_json writes whole characters, so nothing is left pending here.
    let mut out = esc.out;
    out.write_all(&esc.pending)?;
    out.flush()
}

/// Escapes unsafe characters in the bytes of a serialised document on their way to `out`. A
/// character cut by a buffer's end waits in `pending` for the rest of its bytes.
struct Escaping<W> {
    out: W,
    pending: Vec<u8>,
}

impl<W: std::io::Write> std::io::Write for Escaping<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(s) => s.len(),
            // Invalid bytes (never from serde_json) go through as they are.
            Err(e) if e.error_len().is_some() => self.pending.len(),
            Err(e) => e.valid_up_to(),
        };
        let rest = self.pending.split_off(valid);
        let done = std::mem::replace(&mut self.pending, rest);
        match String::from_utf8(done) {
            Ok(text) => self.out.write_all(escape_unsafe(text).as_bytes())?,
            Err(e) => self.out.write_all(e.as_bytes())?,
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
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
    fn a_character_cut_between_writes_is_escaped_whole() {
        use std::io::Write;
        let mut esc = Escaping {
            out: Vec::new(),
            pending: Vec::new(),
        };
        for b in "\"é\u{9b}x\u{e0001}\"".as_bytes() {
            esc.write_all(std::slice::from_ref(b)).unwrap();
        }
        assert!(esc.pending.is_empty());
        assert_eq!(
            String::from_utf8(esc.out).unwrap(),
            r#""é\u009bx\udb40\udc01""#
        );
    }

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
