//! Text helpers. Escaping for output lives in [`crate::render`]; `sanitize` and
//! `sanitize_line` are re-exported here for the many callers that show text in a terminal.

pub use crate::render::terminal::{sanitize, sanitize_line};

/// The lines of `text`, as `text.split('\n')` gives them but for the empty one after a last
/// newline. `memchr` finds each end faster than `str::split`'s own search, which showed in
/// readers of 65,000 files.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
        let line = &rest[..end];
        rest = rest.get(end + 1..).unwrap_or("");
        Some(line)
    })
}

/// How many bytes at the start of `bytes` satisfy `ok`. Decided 32 bytes at a time without a
/// branch per byte, so the compiler can check a block at once: the byte checks run over every
/// file of a folder and over every output.
pub fn leading(bytes: &[u8], ok: impl Fn(u8) -> bool) -> usize {
    let mut done = 0;
    for block in bytes.chunks_exact(32) {
        if !block.iter().fold(true, |all, &b| all & ok(b)) {
            break;
        }
        done += 32;
    }
    done + bytes[done..]
        .iter()
        .position(|&b| !ok(b))
        .unwrap_or(bytes.len() - done)
}

/// Splits a value error of the model types ("message\nhelp: what to do") into its two parts.
pub fn split_hint(error: &str) -> (&str, Option<&str>) {
    match error.split_once("\nhelp: ") {
        Some((msg, hint)) => (msg, Some(hint)),
        None => (error, None),
    }
}

/// A value error on one line, for a field's inline message: "message; what to do".
pub fn one_line(error: &str) -> String {
    error.replace("\nhelp: ", "; ")
}

/// Whether a character may not be written in an Accord file: controls (but tab and
/// newline) and bidi overrides, which `validate` refuses. Outputs escape more than this
/// (every invisible format character): see [`crate::render::is_unsafe`].
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_may_not_hold_controls_or_bidi_overrides() {
        assert!(is_unsafe('\u{1b}') && is_unsafe('\u{9b}') && is_unsafe('\u{202e}'));
        // Zero-width joiners build emoji and are legal in a file (outputs escape them).
        assert!(!is_unsafe('\u{200d}') && !is_unsafe('\n') && !is_unsafe('é'));
    }

    proptest::proptest! {
        #[test]
        fn lines_are_those_split_gives(text in "[a\n\r=é]{0,40}") {
            let mut want: Vec<&str> = text.split('\n').collect();
            if text.is_empty() || text.ends_with('\n') {
                want.pop();
            }
            proptest::prop_assert_eq!(lines(&text).collect::<Vec<_>>(), want);
        }
    }
}
