//! Diagnostics: what is wrong, where, and what to do — rendered like rustc, as
//! GitHub workflow commands, as a GitLab code quality report, or as JSON.

pub mod gitlab;

use std::fmt::Write as _;
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
    #[serde(skip)]
    pub source_line: Option<String>,
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
        }));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// rustc-style text:
    /// ```text
    /// error: unknown key "presense" — did you mean "presence"?
    ///   --> agreements/platform/agreement.toml:12:2
    ///    |
    /// 12 | [presense]
    ///    |  ^^^^^^^^
    ///    = help: …
    /// ```
    pub fn render_text(&self) -> String {
        let mut out = String::new();
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(out, "{label}: {}", sanitize(&self.message));
        let gutter = self
            .location
            .as_ref()
            .and_then(|l| l.line)
            .map_or(1, |l| l.to_string().len());
        let pad = " ".repeat(gutter);
        if let Some(loc) = &self.location {
            let _ = writeln!(out, "{pad}--> {}", loc.display_position());
            if let (Some(line), Some(col), Some(text)) = (loc.line, loc.column, &loc.source_line) {
                let (shown, caret_at, width) = excerpt(text, col - 1, loc.width);
                // The caret counts the characters as shown: a hidden one is shown as `\u{…}`.
                let before: String = shown.chars().take(caret_at).collect();
                let under: String = shown.chars().skip(caret_at).take(width).collect();
                let prefix: String = sanitize(&before)
                    .chars()
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let width = width + sanitize(&under).chars().count() - under.chars().count();
                let _ = writeln!(out, "{pad} |");
                let _ = writeln!(out, "{line} | {}", sanitize(&shown));
                let _ = writeln!(out, "{pad} | {prefix}{}", "^".repeat(width));
            }
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "{pad} = help: {}", sanitize(hint));
        }
        out
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
    pub fn display_position(&self) -> String {
        let p = sanitize(&self.path.display().to_string()).into_owned();
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{p}:{l}:{c}"),
            (Some(l), None) => format!("{p}:{l}"),
            _ => p,
        }
    }
}

/// At most 100 characters of a long source line around the column, with the caret
/// position and width adjusted: (text, caret column, caret width).
fn excerpt(text: &str, col: usize, width: usize) -> (String, usize, usize) {
    const EXCERPT: usize = 100;
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= EXCERPT {
        return (text.to_string(), col, width.max(1));
    }
    let start = col.saturating_sub(EXCERPT / 3).min(chars.len());
    let end = (start + EXCERPT).min(chars.len());
    let mut shown: String = chars[start..end].iter().collect();
    let mut caret = col - start;
    if start > 0 {
        shown.insert(0, '…');
        caret += 1;
    }
    if end < chars.len() {
        shown.push('…');
    }
    (shown, caret, width.clamp(1, end.saturating_sub(col).max(1)))
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
            "error: unknown key \"presense\"\n --> a/agreement.toml:2:2\n  |\n2 | [presense]\n  |  ^^^^^^^^\n  = help: fix it\n"
        );
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
