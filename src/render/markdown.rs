//! Markdown for a forge comment or page: text from files renders as written — no emphasis,
//! link, image, HTML, code fence or table break it did not mean — and notifies nobody.

use super::terminal::sanitize_line;

/// Escapes text from files for inline Markdown (one line: line ends become spaces).
///
/// `@name` and `@org/team` would notify those people from the bot's comment. The `@` is
/// followed by `&#8203;`, the entity of a zero-width space, as Renovate and Dependabot do in
/// the pull requests they write: GitHub shows `@name` but links and notifies nobody, and
/// the output holds only visible ASCII (a raw U+200B is itself an invisible character).
pub fn escape(s: &str) -> String {
    let s = sanitize_line(s);
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            '@' if chars.peek().is_some_and(char::is_ascii_alphanumeric) => {
                out.push_str("@&#8203;");
            }
            c => out.push(c),
        }
    }
    out
}

/// Text for inside a Markdown code span: unsafe characters visible, backticks and line
/// ends (which would close or break the span) removed.
pub fn code(s: &str) -> String {
    sanitize_line(s).replace('`', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_mentions_are_neutralised() {
        assert_eq!(escape("a *b* [c](d)"), r"a \*b\* \[c\](d)");
        assert_eq!(escape("<img src=x>"), r"\<img src=x\>");
        assert_eq!(escape("![x](http://e/x.png)"), r"!\[x\](http://e/x.png)");
        assert_eq!(escape("```"), r"\`\`\`");
        assert_eq!(
            escape("hi @ana and @org/team"),
            "hi @&#8203;ana and @&#8203;org/team"
        );
        assert_eq!(escape("a @ b"), "a @ b");
        // The visible escape's backslash is itself escaped: it renders as `\u{1b}`.
        assert_eq!(
            escape("x\u{1b}]52;c;YQ==\u{7}"),
            r"x\\u{1b}\]52;c;YQ==\\u{7}"
        );
        assert_eq!(code("a`b\nc"), "ab c");
    }
}
