//! GitHub Actions workflow commands (`::error file=…,line=…::message`), escaped as GitHub's
//! runner unescapes them (`%`, CR and LF in the message; also `:` and `,` in properties).

use super::terminal::sanitize;

/// The message of a workflow command: percent-encoded, then the other unsafe characters
/// made visible (which adds no `%`, CR or LF).
pub fn data(s: &str) -> String {
    let encoded = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    sanitize(&encoded).into_owned()
}

/// A property value (`file=`, `title=`): as [`data`], and `:` and `,` encoded, which
/// would otherwise end the value or the property list.
pub fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_cannot_end_early_or_escape() {
        assert_eq!(property("a,b:c%d\ne"), "a%2Cb%3Ac%25d%0Ae");
        assert_eq!(data("x\u{1b}[2J\r\n"), "x\\u{1b}[2J%0D%0A");
        assert_eq!(
            property("t\u{1b}]52;c;YQ==\u{7}/agreement.toml"),
            "t\\u{1b}]52;c;YQ==\\u{7}/agreement.toml"
        );
    }
}
