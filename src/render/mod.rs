//! The one sanitising boundary: every string that leaves Accord — to a terminal, a forge
//! comment, a CI annotation, a JSON document, a calendar, a web page or the TUI's buffer —
//! passes through one of these escapers, chosen by the format it is written in.
//!
//! What is unsafe is decided once, in [`is_unsafe`]: control characters (C0 but tab and
//! newline, DEL, C1), and every invisible character that can reorder or hide text or break a
//! layout (Unicode categories Cf, Zl and Zp: bidi overrides and isolates, zero-width
//! characters, the byte-order mark, soft hyphen, line and paragraph separators). Each
//! format writes such a character so it is seen and never acts:
//!
//! - terminal text, Markdown, HTML, ICS and the TUI: a visible escape such as `\u{202e}`.
//!   Shown rather than removed, so a reader sees that the file holds something hidden (a
//!   "Trojan Source" reordering, say) and two different texts never look the same;
//! - JSON: the standard `\u202e` escape, so the document parses back to the exact string;
//! - GitHub workflow commands: the percent-encoding GitHub documents, after the above.

pub mod github;
pub mod html;
pub mod ics;
pub mod json;
pub mod markdown;
pub mod terminal;
pub mod text;

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// Whether `c` must not reach any output as it is.
pub fn is_unsafe(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control() && c != '\n' && c != '\t';
    }
    c.is_control()
        || matches!(
            c.general_category(),
            GeneralCategory::Format
                | GeneralCategory::LineSeparator
                | GeneralCategory::ParagraphSeparator
        )
}

/// Whether `s` holds no character [`is_unsafe`] reports.
pub fn is_safe(s: &str) -> bool {
    // Printable ASCII, tab and newline are decided by the block (outputs of 14 MB are
    // checked whole); anything else by its character.
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        i += crate::text::leading(&b[i..], |c| matches!(c, b'\t' | b'\n' | 0x20..=0x7e));
        match b.get(i) {
            None => break,
            Some(0..=0x7f) => return false,
            _ => {
                let Some(c) = s[i..].chars().next() else {
                    break;
                };
                if is_unsafe(c) {
                    return false;
                }
                i += c.len_utf8();
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters() {
        for c in [
            '\u{0}',
            '\u{1b}',
            '\r',
            '\u{7f}',
            '\u{80}',
            '\u{9b}',
            '\u{9d}',
            '\u{9f}',
            '\u{ad}',
            '\u{61c}',
            '\u{180e}',
            '\u{200b}',
            '\u{200c}',
            '\u{200d}',
            '\u{200e}',
            '\u{200f}',
            '\u{202a}',
            '\u{202e}',
            '\u{2028}',
            '\u{2029}',
            '\u{2060}',
            '\u{2066}',
            '\u{2069}',
            '\u{feff}',
            '\u{fff9}',
            '\u{e0001}',
            '\u{e0041}',
        ] {
            assert!(is_unsafe(c), "{c:?}");
        }
        for c in [
            'a', ' ', '\n', '\t', 'é', '→', '—', '🙂', '\u{fe0f}', '\u{301}', '中',
        ] {
            assert!(!is_unsafe(c), "{c:?}");
        }
    }

    proptest::proptest! {
        /// The byte-at-a-time check says what a check of every character says.
        #[test]
        fn is_safe_is_no_unsafe_character(s in "(\\PC|[\u{0}-\u{a0}\u{200b}\u{202e}\u{feff}])*") {
            proptest::prop_assert_eq!(is_safe(&s), !s.chars().any(is_unsafe));
        }
    }
}
