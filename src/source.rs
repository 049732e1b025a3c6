//! Reading a file as text an Accord file may be, with the checks that must come
//! before any parser sees it: size, encoding, byte-order mark, conflict markers, nesting.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Location};

/// Agreement files are a few kilobytes; anything past this is not one.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// Accord's files nest three levels; the limit keeps hostile input from exhausting the stack.
pub const MAX_NESTING: usize = 32;

/// A file's text and where it came from, able to turn byte offsets into lines and columns.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
    /// Where each line starts, built once on the first lookup: a file with thousands of
    /// findings must not rescan its text from the start for each (that was quadratic).
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl Source {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        Source {
            path: path.into(),
            text: text.into(),
            line_starts: std::sync::OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1))
                .collect()
        })
    }

    /// The byte range of a 1-based line, without its line ending.
    fn line_range(&self, line: usize) -> Range<usize> {
        let starts = self.line_starts();
        let Some(&start) = starts.get(line.saturating_sub(1)) else {
            return self.text.len()..self.text.len();
        };
        let end = starts.get(line).map_or(self.text.len(), |&next| next - 1);
        let end = if self.text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        start..end
    }

    /// Reads `path`, refusing what cannot be an Accord file with a diagnostic that says why.
    /// The agreements folder the file must stay inside is found from its place
    /// ([`crate::store::workspace::root_of`]).
    pub fn read(path: &Path) -> Result<Source, Diagnostic> {
        Source::read_in(path, &crate::store::workspace::root_of(path))
    }

    /// Reads a file of the agreements folder `root`: only a regular file inside it, and never
    /// more than [`MAX_FILE_BYTES`] + 1 bytes ([`crate::store::workspace::read_into`]).
    pub fn read_in(path: &Path, root: &Path) -> Result<Source, Diagnostic> {
        let mut bytes = Vec::new();
        crate::store::workspace::read_into(path, root, &mut bytes)?;
        Source::from_bytes(path, bytes)
    }

    /// The checks of [`Source::read`] on bytes already in memory.
    pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Source, Diagnostic> {
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(Diagnostic::error(
                "too-large",
                format!("file is more than {MAX_FILE_BYTES} bytes"),
            )
            .at_file(path)
            .with_hint(
                "agreement and check-in files are a few kilobytes: is this the right file?",
            ));
        }
        if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
            let src = Source::new(path, String::from_utf8_lossy(&bytes[3..]).into_owned());
            return Err(Diagnostic::error(
                "byte-order-mark",
                "file starts with a byte-order mark (BOM)",
            )
            .at(&src, 0..0)
            .with_hint(
                "save the file as UTF-8 without BOM (`accord fmt` does not remove it for you)",
            ));
        }
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let src = Source::new(path, String::from_utf8_lossy(&bytes[..valid]).into_owned());
                let at = src.text.len();
                return Err(Diagnostic::error("invalid-utf8", "file is not valid UTF-8")
                    .at(&src, at..at)
                    .with_hint(
                        "re-save the file as UTF-8; the bytes here are in another encoding",
                    ));
            }
        };
        let src = Source::new(path, text);
        if src.text.trim().is_empty() {
            return Err(Diagnostic::error("empty-file", "file is empty")
                .at_file(path)
                .with_hint(
                    "an agreement starts with `schema = 1`; `accord new TEAM` writes one for you",
                ));
        }
        if let Some(span) = conflict_marker(&src.text) {
            return Err(Diagnostic::error("conflict-marker", "unresolved merge conflict marker")
                .at(&src, span)
                .with_hint("resolve the conflict (keep one side, delete the <<<<<<< ======= >>>>>>> lines), then run `accord validate` again"));
        }
        if let Some(span) = too_deep(&src.text) {
            return Err(Diagnostic::error(
                "too-deep",
                format!("values are nested more than {MAX_NESTING} levels deep"),
            )
            .at(&src, span)
            .with_hint("Accord files nest at most three levels; this is not an Accord file"));
        }
        Ok(src)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let starts = self.line_starts();
        let line = starts.partition_point(|&s| s <= offset);
        let line_start = starts[line - 1];
        (line, self.text[line_start..offset].chars().count() + 1)
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        &self.text[self.line_range(line)]
    }

    /// The location of a span in this file.
    pub fn location(&self, span: Range<usize>) -> Location {
        let (line, column) = self.line_col(span.start);
        let text = self.line_text(line);
        // Underline the span, but never past the end of its first line (nor past an excerpt).
        let width = if span.end > span.start {
            let end = floor_char_boundary(&self.text, span.end.min(self.text.len()));
            let start = floor_char_boundary(&self.text, span.start.min(self.text.len()));
            self.text[start..end]
                .split('\n')
                .next()
                .unwrap_or("")
                .chars()
                .take(Location::EXCERPT)
                .count()
        } else {
            0
        };
        Location::in_line(self.path.clone(), line, column, width, text)
    }
}

/// The first line that is a merge conflict marker (`<<<<<<<`, `|||||||`, `=======`, `>>>>>>>`).
pub(crate) fn conflict_marker(text: &str) -> Option<Range<usize>> {
    // Runs on every line of every file read (history and reports included): no allocation per line.
    let is_marker = |l: &str| {
        l == "======="
            || ["<<<<<<<", ">>>>>>>", "|||||||"].iter().any(|m| {
                l.strip_prefix(m)
                    .is_some_and(|r| r.is_empty() || r.starts_with(' '))
            })
    };
    // A marker is seven of one character: a file without any such run has none, and the
    // search for the runs is far quicker than walking the lines.
    let runs = ["<<<<<<<", ">>>>>>>", "|||||||", "======="];
    if !runs
        .iter()
        .any(|r| memchr::memmem::find(text.as_bytes(), r.as_bytes()).is_some())
    {
        return None;
    }
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let l = line.trim_end_matches(['\r', '\n']);
        if is_marker(l) {
            return Some(offset..offset + l.len());
        }
        offset += line.len();
    }
    None
}

/// The first bracket opened past [`MAX_NESTING`], skipping strings and comments.
pub(crate) fn too_deep(text: &str) -> Option<Range<usize>> {
    let b = text.as_bytes();
    // Fewer brackets than the limit cannot nest past it: the common case costs one quick count.
    if b.iter().filter(|&&c| c == b'[' || c == b'{').count() <= MAX_NESTING {
        return None;
    }
    let (mut depth, mut i) = (0usize, 0usize);
    while i < b.len() {
        match b[i] {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            q @ (b'"' | b'\'') => {
                let triple = b[i..].starts_with(&[q, q, q]);
                i += if triple { 3 } else { 1 };
                while i < b.len() {
                    if q == b'"' && b[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if triple && b[i..].starts_with(&[q, q, q]) {
                        i += 2;
                        break;
                    }
                    if !triple && (b[i] == q || b[i] == b'\n') {
                        break;
                    }
                    i += 1;
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i..i + 1);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let s = Source::new("x.toml", "a = 1\nteam = \"Zoë\" x\n");
        assert_eq!(s.line_col(0), (1, 1));
        assert_eq!(s.line_col(6), (2, 1));
        let x = s.text.find(" x").unwrap() + 1;
        assert_eq!(s.line_col(x), (2, 14));
    }

    #[test]
    fn line_index_gives_lines_and_their_text() {
        let s = Source::new("x.toml", "a = 1\r\n\nb = 2");
        assert_eq!(s.line_col(s.text.len()), (3, 6));
        assert_eq!(s.line_col(7), (2, 1));
        assert_eq!(s.line_text(1), "a = 1");
        assert_eq!(s.line_text(2), "");
        assert_eq!(s.line_text(3), "b = 2");
        assert_eq!(s.line_text(9), "");
    }

    #[test]
    fn a_long_line_is_kept_as_an_excerpt_only() {
        let text = format!("days = [{}]\n", "\"mon\", ".repeat(100_000));
        let s = Source::new("a.toml", text);
        let loc = s.location(600_000..600_005);
        let kept = loc.source_line.unwrap();
        assert!(
            kept.chars().count() <= Location::EXCERPT + 2,
            "{}",
            kept.len()
        );
        assert_eq!(loc.column, Some(600_001));
    }

    #[test]
    fn conflict_markers_are_found_only_at_the_start_of_a_line() {
        assert_eq!(conflict_marker("a = 1\n<<<<<<< HEAD\nb = 2\n"), Some(6..18));
        assert_eq!(conflict_marker("a = 1\r\n=======\r\n"), Some(7..14));
        // Seven of a kind inside a line, or followed by more than a space, are no marker.
        assert_eq!(conflict_marker("a = \"<<<<<<<\"\n=======x\n"), None);
        assert_eq!(conflict_marker("a = 1\nb = 2\n"), None);
    }

    #[test]
    fn brackets_in_strings_do_not_count() {
        let s = format!("a = \"{}\"\n", "[".repeat(100));
        assert!(Source::from_bytes(Path::new("a.toml"), s.into_bytes()).is_ok());
        let deep = format!("a = {}1{}\n", "[".repeat(40), "]".repeat(40));
        let err = Source::from_bytes(Path::new("a.toml"), deep.into_bytes()).unwrap_err();
        assert_eq!(err.code, "too-deep");
    }
}
