//! Text from files as calendar (RFC 5545) text. The icalendar crate escapes backslashes,
//! commas, semicolons and line ends and folds long lines; this makes the rest safe.

use super::terminal::sanitize;

/// Line ends become `\n` (which the crate writes as `\n`); unsafe characters are made visible.
pub fn text(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    sanitize(&s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_made_visible_and_line_ends_kept() {
        assert_eq!(
            text("a\r\nb\rc\u{1b}[1m\u{2028}"),
            "a\nb\nc\\u{1b}[1m\\u{2028}"
        );
    }
}
