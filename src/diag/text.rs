//! rustc-style text, drawn by annotate-snippets (what rustc and cargo use): it places the
//! caret by display width, so it lands under the right columns after CJK and emoji. The
//! common plain ASCII case is drawn the same way without it ([`plain`]).

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::{Diagnostic, Location, Severity};
use crate::text::sanitize;

mod plain;

/// `diag` as text, with ANSI colour when `styled`. Everything taken from a file is
/// sanitized first, so no control, bidi or format character reaches the terminal.
pub(super) fn render(diag: &Diagnostic, styled: bool) -> String {
    let title = sanitize(&diag.message);
    let hint = diag.hint.as_deref().map(sanitize);
    let place = diag.location.as_deref().map(place);
    if !styled
        && let Some(out) = plain::render(diag.severity, &title, place.as_ref(), hint.as_deref())
    {
        return out;
    }
    by_annotate(
        diag.severity,
        &title,
        place.as_ref(),
        hint.as_deref(),
        styled,
    )
}

/// The drawing by annotate-snippets, for any diagnostic.
fn by_annotate(
    severity: Severity,
    title: &str,
    place: Option<&Place>,
    hint: Option<&str>,
    styled: bool,
) -> String {
    let level = match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let mut group = Group::with_title(level.primary_title(title));
    group = match place {
        Some(Place::Shown(e)) => group.element(
            Snippet::source(e.text.as_str())
                .line_start(e.line)
                .path(e.path.as_str())
                .annotation(AnnotationKind::Primary.span(e.span.clone())),
        ),
        Some(Place::Origin { path, line, column }) => {
            let origin = Origin::path(path.as_str());
            group.element(match (line, column) {
                (Some(l), Some(c)) => origin.line(*l).char_column(*c),
                (Some(l), None) => origin.line(*l),
                _ => origin,
            })
        }
        None => group,
    };
    if let Some(hint) = hint {
        group = group.element(Level::HELP.message(hint));
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

/// Where a diagnostic points, as drawn: a line shown with its span underlined, or only the
/// file (with the line and column when known).
pub(super) enum Place {
    Shown(Shown),
    Origin {
        path: String,
        line: Option<usize>,
        column: Option<usize>,
    },
}

/// What the excerpt shows: a line of text, its number, the file, and the span underlined.
pub(super) struct Shown {
    pub text: String,
    pub line: usize,
    pub path: String,
    pub span: std::ops::Range<usize>,
}

fn place(loc: &Location) -> Place {
    match excerpt(loc) {
        Some(shown) => Place::Shown(shown),
        None => Place::Origin {
            path: sanitize(&loc.path.display().to_string()).into_owned(),
            line: loc.line,
            column: loc.column,
        },
    }
}

/// The source line with the span underlined. The header's column is counted by
/// annotate-snippets from the start of the shown text, so the shown text is made to start
/// where the line does: an excerpt of a long line (or a line whose hidden characters grew
/// into visible escapes) is padded or trimmed in front until the caret sits at the column.
fn excerpt(loc: &Location) -> Option<Shown> {
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
    Some(Shown {
        text,
        line,
        path,
        span: start..end,
    })
}
