//! The rules of DESIGN.md, checked on parsed files. Each finding points at the
//! key or value to change and says what to do.

mod agreement;
mod checkin;
mod pulse;
mod settings;
mod team;
mod walk;

use std::ops::Range;

use crate::diag::{Diagnostic, Severity};
use crate::hash::Map;
use crate::locate::{Locator, Seg};
use crate::source::Source;
use crate::text::is_unsafe;

pub use agreement::agreement_rules;
pub use checkin::{VersionLookup, checkin_rules};
pub use pulse::redact_pulse;
pub use settings::settings_rules;
pub use team::{followup_rules, open_before, trial_rules};
pub use walk::{
    Checked, HistoryLookup, NoHistory, Validation, classify, files_under, not_accord_file,
    validate_paths,
};

/// At most this many findings of one rule are reported per file; the rest are counted in one
/// "and K more". A hostile file with 150,000 duplicates gets 21 diagnostics, not 150,000.
pub const MAX_PER_RULE: usize = 20;

/// Collects diagnostics for one file, locating each by its path in the document.
pub(crate) struct Findings<'a> {
    src: &'a Source,
    /// Parsed only when a finding must be located: most files have none.
    loc: std::cell::OnceCell<Locator<'a>>,
    out: Vec<Diagnostic>,
    /// Findings reported per rule, and those left out past [`MAX_PER_RULE`] (with the
    /// severity of the rule), in the order rules first overflowed.
    counts: Map<&'static str, usize>,
    more: Vec<(&'static str, Severity, usize)>,
}

impl<'a> Findings<'a> {
    pub fn new(src: &'a Source) -> Self {
        Findings {
            src,
            loc: std::cell::OnceCell::new(),
            out: Vec::new(),
            counts: Map::default(),
            more: Vec::new(),
        }
    }

    fn loc(&self) -> &Locator<'a> {
        self.loc.get_or_init(|| Locator::new(&self.src.text))
    }

    /// Whether another finding of `code` will be reported; when not, it is counted as one
    /// more left out. Callers whose message or hint is costly to build ask first.
    pub fn room(&mut self, code: &'static str, severity: Severity) -> bool {
        if self.counts.get(code).copied().unwrap_or(0) < MAX_PER_RULE {
            return true;
        }
        match self.more.iter_mut().find(|(c, ..)| *c == code) {
            Some((.., n)) => *n += 1,
            None => self.more.push((code, severity, 1)),
        }
        false
    }

    /// The diagnostics, each capped rule closed by one "and K more".
    pub fn finish(mut self) -> Vec<Diagnostic> {
        for (code, severity, n) in std::mem::take(&mut self.more) {
            let msg = format!(
                "and {n} more \"{code}\" finding{} in this file (only the first {MAX_PER_RULE} are shown)",
                if n == 1 { "" } else { "s" }
            );
            let d = match severity {
                Severity::Error => Diagnostic::error(code, msg),
                Severity::Warning => Diagnostic::warning(code, msg),
            };
            self.out.push(
                d.at_file(&self.src.path)
                    .with_hint("fix the ones above, then run `accord validate` again"),
            );
        }
        self.out
    }

    pub fn error(
        &mut self,
        code: &'static str,
        msg: impl Into<String>,
        at: &[Seg],
        hint: impl Into<String>,
    ) {
        if !self.room(code, Severity::Error) {
            return;
        }
        let span = self.loc().value(at);
        self.push(Diagnostic::error(code, msg), span, hint.into());
    }

    pub fn warn(
        &mut self,
        code: &'static str,
        msg: impl Into<String>,
        at: &[Seg],
        hint: impl Into<String>,
    ) {
        if !self.room(code, Severity::Warning) {
            return;
        }
        let span = self.loc().value(at);
        self.push(Diagnostic::warning(code, msg), span, hint.into());
    }

    /// An error pointing at a key rather than its value.
    pub fn error_key(
        &mut self,
        code: &'static str,
        msg: impl Into<String>,
        at: &[Seg],
        hint: impl Into<String>,
    ) {
        if !self.room(code, Severity::Error) {
            return;
        }
        let span = self.loc().key(at);
        self.push(Diagnostic::error(code, msg), span, hint.into());
    }

    fn push(&mut self, d: Diagnostic, span: Range<usize>, hint: String) {
        *self.counts.entry(d.code).or_default() += 1;
        let d = d.at(self.src, span);
        self.out.push(if hint.is_empty() {
            d
        } else {
            d.with_hint(hint)
        });
    }

    /// Text containing control characters or escape sequences is refused: it can
    /// rewrite a reader's terminal and is never a legitimate part of an agreement.
    /// A file that is not TOML is scanned as text, so a syntax error never hides an escape.
    pub fn control_characters(&mut self) {
        let text = self.src.text.as_str();
        // Without a backslash or an unsafe character no string can hold one: most files
        // end here without a second parse. Printable ASCII, tab and line endings alone are
        // settled byte by byte, without decoding characters (every file of a large folder).
        let plain = |b: u8| matches!(b, b' '..=b'[' | b']'..=b'~' | b'\t' | b'\n' | b'\r');
        if crate::text::leading(text.as_bytes(), plain) == text.len() {
            return;
        }
        let raw_unsafe = |c: char| is_unsafe(c) && c != '\r';
        if !text.contains('\\') && !text.chars().any(raw_unsafe) {
            return;
        }
        let mut spans = Vec::new();
        match toml_edit::Document::parse(text) {
            Ok(doc) => collect_unsafe(doc.as_item(), &mut spans),
            Err(_) => spans = unsafe_in_text(text),
        }
        for span in spans {
            if !self.room("control-character", Severity::Error) {
                continue;
            }
            let d = Diagnostic::error(
                "control-character",
                "text contains a control character or escape sequence",
            );
            self.push(
                d,
                span,
                "remove the escape (such as \\u001b or \\e) from the text".into(),
            );
        }
    }
}

/// Unsafe characters and escapes that decode to one, found in text that does not parse
/// (so strings cannot be told apart): raw characters, `\e`, `\uXXXX` and `\UXXXXXXXX`.
fn unsafe_in_text(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    for (i, c) in text.char_indices() {
        if is_unsafe(c) && c != '\r' {
            out.push(i..i + c.len_utf8());
            continue;
        }
        if c != '\\' || i + 1 >= b.len() {
            continue;
        }
        let digits = match b[i + 1] {
            b'e' => {
                out.push(i..i + 2);
                continue;
            }
            b'u' => 4,
            b'U' => 8,
            _ => continue,
        };
        let hex = text.get(i + 2..i + 2 + digits);
        let decoded = hex
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32);
        if decoded.is_some_and(|c| is_unsafe(c) && c != '\r') {
            out.push(i..i + 2 + digits);
        }
    }
    out
}

/// The control-character check alone, for a file whose rules could not run (it does not
/// parse): a syntax error and an escape are both reported.
pub(crate) fn unsafe_text(src: &Source) -> Vec<Diagnostic> {
    let mut f = Findings::new(src);
    f.control_characters();
    f.finish()
}

fn collect_unsafe(item: &toml_edit::Item, out: &mut Vec<Range<usize>>) {
    use toml_edit::{Item, Value};
    fn value(v: &Value, out: &mut Vec<Range<usize>>) {
        match v {
            Value::String(s) if s.value().chars().any(|c| is_unsafe(c) && c != '\r') => {
                out.extend(s.span());
            }
            Value::Array(a) => a.iter().for_each(|v| value(v, out)),
            Value::InlineTable(t) => t.iter().for_each(|(_, v)| value(v, out)),
            _ => {}
        }
    }
    match item {
        Item::Value(v) => value(v, out),
        Item::Table(t) => t.iter().for_each(|(_, i)| collect_unsafe(i, out)),
        Item::ArrayOfTables(a) => a
            .iter()
            .for_each(|t| t.iter().for_each(|(_, i)| collect_unsafe(i, out))),
        Item::None => {}
    }
}

/// Puts one file's diagnostics in file order: by line and column, those without a place
/// (about the whole file, and each "and K more") after the rest. The sort is stable, so
/// findings at one place keep the order the rules gave them.
pub(crate) fn in_file_order(diags: &mut [Diagnostic]) {
    fn key(d: &Diagnostic) -> (Option<&std::path::Path>, bool, Option<usize>, Option<usize>) {
        let l = d.location.as_deref();
        (
            l.map(|l| l.path.as_path()),
            l.and_then(|l| l.line).is_none(),
            l.and_then(|l| l.line),
            l.and_then(|l| l.column),
        )
    }
    diags.sort_by(|a, b| key(a).cmp(&key(b)));
}

/// The schema check every file shares.
pub(crate) fn check_schema(f: &mut Findings, schema: u32, newest: u32) {
    use crate::locate::Seg::Key as K;
    if schema == 0 {
        f.error(
            "schema",
            "schema 0 does not exist",
            &[K("schema")],
            "write `schema = 1`",
        );
    } else if schema > newest {
        f.error(
            "schema",
            format!(
                "this file uses schema {schema}, newer than this Accord understands ({newest})"
            ),
            &[K("schema")],
            "upgrade Accord to read it",
        );
    }
}
