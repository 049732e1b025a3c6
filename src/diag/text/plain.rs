//! The common diagnostic drawn without annotate-snippets: one ASCII line, a span on it, an
//! optional hint, no colour. A folder of 65,000 files gives tens of thousands of these, and
//! annotate-snippets (which lays out any number of lines, spans and widths) spent about a
//! sixth of a validation on them. What it draws is byte for byte what annotate-snippets
//! draws (a property test compares both); anything else is `None` and goes there.

use super::{Place, Shown};
use crate::diag::Severity;

/// Longest excerpt drawn here: annotate-snippets cuts long lines to fit a width.
const MAX_TEXT: usize = 100;

pub(super) fn render(
    severity: Severity,
    title: &str,
    place: Option<&Place>,
    hint: Option<&str>,
) -> Option<String> {
    let ascii = |s: &str| s.bytes().all(|b| (0x20..=0x7e).contains(&b));
    if title.is_empty() || !ascii(title) || hint.is_some_and(|h| h.is_empty() || !ascii(h)) {
        return None;
    }
    let word = match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut out = String::with_capacity(256);
    for part in [word, ": ", title] {
        out.push_str(part);
    }
    // The gutter is as wide as the line number shown, if any.
    let mut pad = String::new();
    match place {
        Some(Place::Shown(shown)) => {
            let number = shown.line.to_string();
            pad = " ".repeat(number.len());
            excerpt(shown, &number, &pad, &mut out)?;
        }
        Some(Place::Origin { path, line, column }) => {
            if path.is_empty() || !ascii(path) {
                return None;
            }
            for part in ["\n--> ", path] {
                out.push_str(part);
            }
            if let Some(l) = line {
                out.push_str(&format!(":{l}"));
                if let Some(c) = column {
                    out.push_str(&format!(":{c}"));
                }
            }
        }
        None => {}
    }
    if let Some(hint) = hint {
        // annotate-snippets draws an empty gutter line before the hint, but not after a
        // bare file name.
        if !matches!(place, Some(Place::Origin { .. })) {
            for part in ["\n", &pad, " |"] {
                out.push_str(part);
            }
        }
        for part in ["\n", &pad, " = help: ", hint] {
            out.push_str(part);
        }
    }
    out.push('\n');
    Some(out)
}

/// The header, the line and the carets under the span.
fn excerpt(shown: &Shown, number: &str, pad: &str, out: &mut String) -> Option<()> {
    let Shown {
        text,
        line,
        path,
        span,
    } = shown;
    let ascii = |s: &str| s.bytes().all(|b| (0x20..=0x7e).contains(&b));
    let fits = !path.is_empty()
        && ascii(path)
        && text.len() <= MAX_TEXT
        && ascii(text)
        && span.start < span.end
        && span.end <= text.len()
        && *line > 0;
    if !fits {
        return None;
    }
    let column = (span.start + 1).to_string();
    for part in ["\n", pad, "--> ", path, ":", number, ":", &column, "\n"] {
        out.push_str(part);
    }
    for part in [pad, " |\n", number, " | ", text, "\n", pad, " | "] {
        out.push_str(part);
    }
    out.push_str(&" ".repeat(span.start));
    out.push_str(&"^".repeat(span.len()));
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;

    fn check(severity: Severity, title: &str, place: Option<&Place>, hint: Option<&str>) -> bool {
        match render(severity, title, place, hint) {
            Some(fast) => {
                let slow = super::super::by_annotate(severity, title, place, hint, false);
                assert_eq!(fast, slow, "{title:?} {hint:?}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn warnings_of_the_folder_are_drawn_as_annotate_snippets_draws_them() {
        let shown = |line| Shown {
            text: "id = \"weekly-demo\"".into(),
            line,
            path: "sub50/team-000/agreement.toml".into(),
            span: 5..18,
        };
        let hint = "run a consent round (`accord edit`) or add [[consent]] item = \"weekly-demo\"";
        let title = "no consent recorded for \"weekly-demo\"";
        assert!(check(
            Severity::Warning,
            title,
            Some(&Place::Shown(shown(39))),
            Some(hint)
        ));
        assert!(check(
            Severity::Error,
            "x",
            Some(&Place::Shown(shown(7))),
            None
        ));
        let origin = Place::Origin {
            path: "t/checkins/2021-03-02.toml".into(),
            line: Some(60),
            column: Some(10),
        };
        assert!(check(
            Severity::Warning,
            "the pulse has 7 answers",
            Some(&origin),
            Some(hint)
        ));
        assert!(check(Severity::Warning, "no place", None, Some(hint)));
    }

    fn ascii(max: usize) -> impl Strategy<Value = String> {
        proptest::string::string_regex(&format!("([ -~]|  ?){{0,{max}}}")).unwrap()
    }

    /// Diagnostics of any ASCII text, span, line number, place and hint; each drawn here must
    /// equal annotate-snippets' drawing, and many must be drawn here (or the test proves nothing).
    #[test]
    fn whatever_it_draws_is_what_annotate_snippets_draws() {
        let case = (
            (
                ascii(40),
                proptest::option::of(ascii(40)),
                ascii(30),
                ascii(110),
            ),
            prop_oneof![1usize..12, 1usize..100_000, Just(0usize)],
            (0usize..120, 0usize..120, any::<bool>(), 0u8..5),
        );
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let (mut drawn, cases) = (0, 4000);
        for _ in 0..cases {
            let ((title, hint, path, text), line, (a, b, error, kind)) =
                case.new_tree(&mut runner).unwrap().current();
            let (start, end) = (a.min(b).min(text.len()), a.max(b).min(text.len()));
            let origin = |line, column| {
                Some(Place::Origin {
                    path: path.clone(),
                    line,
                    column,
                })
            };
            let place = match kind {
                0 | 1 => Some(Place::Shown(Shown {
                    text,
                    line,
                    path: path.clone(),
                    span: start..end,
                })),
                2 => origin(Some(line), Some(a)),
                3 => origin(Some(line), None),
                _ => [origin(None, None), None, origin(None, Some(b))][a % 3].take(),
            };
            let severity = if error {
                Severity::Error
            } else {
                Severity::Warning
            };
            drawn += usize::from(check(severity, &title, place.as_ref(), hint.as_deref()));
        }
        assert!(drawn > cases / 3, "only {drawn} of {cases} drawn here");
    }
}
