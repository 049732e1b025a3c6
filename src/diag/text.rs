//! rustc-style text, drawn by annotate-snippets (what rustc and cargo use): it places the
//! caret by display width, so it lands under the right columns after CJK and emoji.

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::{Diagnostic, Location, Severity};
use crate::text::sanitize;

/// `diag` as text, with ANSI colour when `styled`. Everything taken from a file is
/// sanitized first, so no control, bidi or format character reaches the terminal.
pub(super) fn render(diag: &Diagnostic, styled: bool) -> String {
    let level = match diag.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let mut group = Group::with_title(level.primary_title(sanitize(&diag.message)));
    if let Some(loc) = diag.location.as_deref() {
        group = match excerpt(loc) {
            Some(snippet) => group.element(snippet),
            None => group.element(origin(loc)),
        };
    }
    if let Some(hint) = &diag.hint {
        group = group.element(Level::HELP.message(sanitize(hint)));
    }
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = renderer.render(&[group]);
    out.push('\n');
    out
}

/// A place without an excerpt: the path, and the line and column when known.
fn origin(loc: &Location) -> Origin<'static> {
    let path = sanitize(&loc.path.display().to_string()).into_owned();
    match (loc.line, loc.column) {
        (Some(l), Some(c)) => Origin::path(path).line(l).char_column(c),
        (Some(l), None) => Origin::path(path).line(l),
        _ => Origin::path(path),
    }
}

/// The source line with the span underlined. The header's column is counted by
/// annotate-snippets from the start of the shown text, so the shown text is made to start
/// where the line does: an excerpt of a long line (or a line whose hidden characters grew
/// into visible escapes) is padded or trimmed in front until the caret sits at the column.
fn excerpt(loc: &Location) -> Option<Snippet<'static, annotate_snippets::Annotation<'static>>> {
    let (line, shown) = (loc.line?, loc.source_line.as_deref()?);
    let before: String = shown.chars().take(loc.caret).collect();
    let under: String = shown
        .chars()
        .skip(loc.caret)
        .take(loc.width.max(1))
        .collect();
    let after: String = shown.chars().skip(loc.caret + loc.width.max(1)).collect();
    let mut before = sanitize(&before).into_owned();
    let target = loc.column.unwrap_or(1).saturating_sub(1);
    let chars = before.chars().count();
    if chars < target {
        before.insert_str(0, &" ".repeat(target - chars));
    } else if chars > target {
        let keep: String = before.chars().skip(chars - target + 1).collect();
        before = if target == 0 {
            keep
        } else {
            format!("…{keep}")
        };
    }
    let under = sanitize(&under);
    let start = before.len();
    let end = start + under.len();
    let text = format!("{before}{under}{}", sanitize(&after));
    let path = sanitize(&loc.path.display().to_string()).into_owned();
    Some(
        Snippet::source(text)
            .line_start(line)
            .path(path)
            .annotation(AnnotationKind::Primary.span(start..end)),
    )
}
