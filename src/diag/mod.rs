//! Diagnostics: what is wrong, where, and what to do — rendered like rustc, as
//! GitHub workflow commands, as a GitLab code quality report, or as JSON.

pub mod gitlab;
mod text;

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::render::github;
use crate::source::Source;
use crate::text::sanitize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// Where a diagnostic points: a file, and within it a line and column when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub path: PathBuf,
    /// 1-based.
    pub line: Option<usize>,
    /// 1-based, in characters.
    pub column: Option<usize>,
    /// How many characters to underline.
    #[serde(skip)]
    pub width: usize,
    /// The source line, or for a long line an excerpt of it around the column (with `…`
    /// where it was cut): a diagnostic never holds a copy of a whole long line.
    #[serde(skip)]
    pub source_line: Option<String>,
    /// Where the caret goes in `source_line`, in characters from its start.
    #[serde(skip)]
    pub caret: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable kebab-case name for the rule, for scripts.
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub location: Option<Box<Location>>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            hint: None,
            location: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Self::error(code, message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Points at a span of a source file.
    pub fn at(mut self, src: &Source, span: Range<usize>) -> Self {
        self.location = Some(Box::new(src.location(span)));
        self
    }

    /// Points at a whole file.
    pub fn at_file(mut self, path: &Path) -> Self {
        self.location = Some(Box::new(Location {
            path: path.to_path_buf(),
            line: None,
            column: None,
            width: 0,
            source_line: None,
            caret: 0,
        }));
        self
    }

    /// A line and column of `path` with no excerpt: for places whose text must not be
    /// printed (a form export's answers).
    pub fn at_position(mut self, path: &Path, line: usize, column: usize) -> Self {
        self = self.at_file(path);
        if let Some(l) = self.location.as_deref_mut() {
            l.line = Some(line);
            l.column = Some(column);
            l.width = 1;
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// rustc-style text, without colour:
    /// ```text
    /// error: unknown key "presense" — did you mean "presence"?
    ///   --> agreements/platform/agreement.toml:12:2
    ///    |
    /// 12 | [presense]
    ///    |  ^^^^^^^^
    ///    |
    ///    = help: …
    /// ```
    pub fn render_text(&self) -> String {
        text::render(self, false)
    }

    /// As [`render_text`](Self::render_text), coloured with ANSI escapes: for a terminal
    /// that wants colour (the caller decides; the library never looks at the terminal).
    pub fn render_text_styled(&self) -> String {
        text::render(self, true)
    }

    /// A GitHub Actions workflow command, which the forge turns into an annotation on the line.
    pub fn render_github(&self) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props = Vec::new();
        if let Some(loc) = &self.location {
            props.push(format!(
                "file={}",
                github::property(&loc.path.display().to_string())
            ));
            if let Some(l) = loc.line {
                props.push(format!("line={l}"));
            }
            if let Some(c) = loc.column {
                props.push(format!("col={c}"));
            }
        }
        props.push(format!(
            "title={}",
            github::property(&format!("accord {}", self.code))
        ));
        let mut msg = self.message.clone();
        if let Some(h) = &self.hint {
            msg.push_str("\nhelp: ");
            msg.push_str(h);
        }
        format!("::{kind} {}::{}", props.join(","), github::data(&msg))
    }
}

impl Location {
    /// At most this many characters of a long source line are kept, around the column.
    pub const EXCERPT: usize = 100;

    /// A place on a line (1-based line and column, in characters), keeping only an excerpt of
    /// a long line — computed once here, so a diagnostic costs the excerpt, not the line.
    pub fn in_line(path: PathBuf, line: usize, column: usize, width: usize, text: &str) -> Self {
        let col = column.saturating_sub(1);
        let short = text.chars().nth(Self::EXCERPT).is_none();
        let start = if short {
            0
        } else {
            col.saturating_sub(Self::EXCERPT / 3)
        };
        let mut chars = text.chars().skip(start);
        let mut shown: String = chars.by_ref().take(Self::EXCERPT).collect();
        let taken = shown.chars().count();
        let mut caret = col.saturating_sub(start).min(taken);
        let cut_end = chars.next().is_some();
        if start > 0 {
            shown.insert(0, '…');
            caret += 1;
        }
        if cut_end {
            shown.push('…');
        }
        // Never underline past the excerpt.
        let room = if short {
            usize::MAX
        } else {
            (start + taken).saturating_sub(col).max(1)
        };
        Location {
            path,
            line: Some(line),
            column: Some(column),
            width: width.clamp(1, room),
            source_line: Some(shown),
            caret,
        }
    }

    pub fn display_position(&self) -> String {
        let p = sanitize(&self.path.display().to_string()).into_owned();
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{p}:{l}:{c}"),
            (Some(l), None) => format!("{p}:{l}"),
            _ => p,
        }
    }
}

/// Counts of errors and warnings, for the closing line of `validate`.
pub fn summary(diags: &[Diagnostic], files: usize) -> String {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    format!(
        "{} checked: {}, {}",
        plural(files, "file"),
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_rendering_points_at_the_column() {
        let src = Source::new("a/agreement.toml", "schema = 1\n[presense]\n");
        let d = Diagnostic::error("unknown-key", "unknown key \"presense\"")
            .at(&src, 12..20)
            .with_hint("fix it");
        assert_eq!(
            d.render_text(),
            "error: unknown key \"presense\"\n --> a/agreement.toml:2:2\n  |\n2 | [presense]\n  |  ^^^^^^^^\n  |\n  = help: fix it\n"
        );
    }

    #[test]
    fn the_caret_sits_under_the_span_after_wide_characters() {
        // 東, 京 and 🚀 are two columns wide each: 13 characters before "bad", 16 columns.
        let text = "schema = 1\nnote = \"東京🚀\" bad\n";
        let src = Source::new("t.toml", text);
        let at = text.find("bad").unwrap();
        let d = Diagnostic::error("syntax", "bad").at(&src, at..at + 3);
        assert_eq!(
            d.render_text(),
            "error: bad\n --> t.toml:2:14\n  |\n2 | note = \"東京🚀\" bad\n  |                 ^^^\n"
        );
    }

    #[test]
    fn the_header_keeps_the_column_of_a_long_line_and_hidden_characters_stay_escaped() {
        let long = format!("note = \"{}\" = 1\n", "x".repeat(300));
        let src = Source::new("t.toml", long.as_str());
        let at = long.find(" = 1").unwrap() + 1;
        let text = Diagnostic::error("syntax", "bad")
            .at(&src, at..at + 1)
            .render_text();
        assert!(text.contains(" --> t.toml:1:311\n"), "{text}");
        let line = text.lines().nth(3).unwrap();
        let caret = text.lines().nth(4).unwrap();
        let column = |s: &str, at: usize| s[..at].chars().count();
        assert_eq!(
            column(caret, caret.find('^').unwrap()),
            column(line, line.find("= 1").unwrap()),
            "{text}"
        );
        // A bidi override before the span is shown as an escape; the caret follows it.
        let src = Source::new("t.toml", "a = \"\u{202e}x\" y\n");
        let text = Diagnostic::error("syntax", "bad\u{1b}[2J")
            .at(&src, 11..12)
            .with_hint("h\u{7}")
            .render_text();
        assert!(!text.contains(['\u{202e}', '\u{1b}', '\u{7}']), "{text}");
        assert!(text.contains(" --> t.toml:1:10\n"), "{text}");
        let line = text.lines().nth(3).unwrap();
        let caret = text.lines().nth(4).unwrap();
        assert_eq!(
            column(caret, caret.find('^').unwrap()),
            column(line, line.find('y').unwrap()),
            "{text}"
        );
    }

    #[test]
    fn colour_is_only_there_when_asked_for() {
        let src = Source::new("t.toml", "x = 1\n");
        let d = Diagnostic::warning("w", "careful")
            .at(&src, 0..1)
            .with_hint("h");
        assert!(!d.render_text().contains('\u{1b}'));
        let styled = d.render_text_styled();
        assert!(styled.contains("\u{1b}["), "{styled:?}");
        assert!(styled.contains("careful"));
    }

    #[test]
    fn github_rendering_escapes() {
        let src = Source::new("a.toml", "x = 1\n");
        let d = Diagnostic::warning("w", "50% done\nnext").at(&src, 0..1);
        assert_eq!(
            d.render_github(),
            "::warning file=a.toml,line=1,col=1,title=accord w::50%25 done%0Anext"
        );
    }
}
