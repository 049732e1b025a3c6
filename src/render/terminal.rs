//! Plain text for a terminal (and any text output that is not a structured format).

use std::borrow::Cow;

use super::is_unsafe;

/// Replaces every [unsafe](is_unsafe) character by a visible escape such as `\u{1b}`;
/// tabs and newlines stay. Text without them is borrowed.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if super::is_safe(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push(&mut out, c);
    }
    Cow::Owned(out)
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
            c => push(&mut out, c),
        }
    }
    Cow::Owned(out)
}

/// A whole document for standard output: as [`sanitize`], except that a CR ending a line
/// (CRLF, as calendars are written) stays.
pub fn sanitize_document(s: &str) -> Cow<'_, str> {
    let safe = if memchr::memchr(b'\r', s.as_bytes()).is_some() {
        super::is_safe(&s.replace("\r\n", "\n"))
    } else {
        super::is_safe(s)
    };
    if safe {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            out.push(c);
        } else {
            push(&mut out, c);
        }
    }
    Cow::Owned(out)
}

fn push(out: &mut String, c: char) {
    if is_unsafe(c) {
        out.extend(c.escape_unicode());
    } else {
        out.push(c);
    }
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
        assert_eq!(sanitize("rtl\u{202e}cba"), "rtl\\u{202e}cba");
        assert_eq!(sanitize("zero\u{200b}width"), "zero\\u{200b}width");
        assert_eq!(sanitize("line\u{2028}sep"), "line\\u{2028}sep");
        assert_eq!(sanitize("tab\tand\nnewline"), "tab\tand\nnewline");
        assert_eq!(sanitize_line("two\nlines"), "two lines");
        assert_eq!(sanitize_line("soft\u{ad}hyphen"), "soft\\u{ad}hyphen");
        assert_eq!(
            sanitize_document("A:b\r\nC\r\u{1b}"),
            "A:b\r\nC\\u{d}\\u{1b}"
        );
    }
}
