//! Text from files on its way to a terminal: control characters and escape
//! sequences are made visible instead of being interpreted.

use std::borrow::Cow;

/// Replaces control characters (C0 except tab and newline, DEL, C1) and bidi
/// overrides by a visible escape such as `\u{1b}`. Text without them is borrowed.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if is_unsafe(c) {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// Like [`sanitize`], but for a single line: newlines and tabs become spaces too.
pub fn sanitize_line(s: &str) -> Cow<'_, str> {
    if !s
        .chars()
        .any(|c| is_unsafe(c) || c == '\n' || c == '\t' || c == '\r')
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\t' | '\r' => out.push(' '),
            c if is_unsafe(c) => out.push_str(&c.escape_unicode().to_string()),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
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

/// Whether a character must not reach a terminal as it is.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_made_visible() {
        assert_eq!(sanitize("plain"), "plain");
        assert_eq!(sanitize("a\u{1b}[31mred"), "a\\u{1b}[31mred");
        assert_eq!(sanitize("bell\u{7}"), "bell\\u{7}");
        assert_eq!(sanitize("c1\u{9b}x"), "c1\\u{9b}x");
        assert_eq!(sanitize_line("two\nlines"), "two lines");
    }
}
