//! The rules of DESIGN.md, checked on parsed files. Each finding points at the
//! key or value to change and says what to do.

mod agreement;
mod checkin;
mod pulse;
mod settings;
mod walk;

use std::ops::Range;

use crate::diag::Diagnostic;
use crate::locate::{Locator, Seg};
use crate::source::Source;
use crate::text::is_unsafe;

pub use agreement::agreement_rules;
pub use checkin::{VersionLookup, checkin_rules};
pub use pulse::redact_pulse;
pub use settings::settings_rules;
pub use walk::{
    Checked, HistoryLookup, NoHistory, Validation, classify, files_under, not_accord_file,
    validate_paths,
};

/// Collects diagnostics for one file, locating each by its path in the document.
pub(crate) struct Findings<'a> {
    src: &'a Source,
    loc: Locator,
    pub out: Vec<Diagnostic>,
}

impl<'a> Findings<'a> {
    pub fn new(src: &'a Source) -> Self {
        Findings {
            src,
            loc: Locator::new(&src.text),
            out: Vec::new(),
        }
    }

    pub fn error(
        &mut self,
        code: &'static str,
        msg: impl Into<String>,
        at: &[Seg],
        hint: impl Into<String>,
    ) {
        let span = self.loc.value(at);
        self.push(Diagnostic::error(code, msg), span, hint.into());
    }

    pub fn warn(
        &mut self,
        code: &'static str,
        msg: impl Into<String>,
        at: &[Seg],
        hint: impl Into<String>,
    ) {
        let span = self.loc.value(at);
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
        let span = self.loc.key(at);
        self.push(Diagnostic::error(code, msg), span, hint.into());
    }

    fn push(&mut self, d: Diagnostic, span: Range<usize>, hint: String) {
        let d = d.at(self.src, span);
        self.out.push(if hint.is_empty() {
            d
        } else {
            d.with_hint(hint)
        });
    }

    /// Text containing control characters or escape sequences is refused: it can
    /// rewrite a reader's terminal and is never a legitimate part of an agreement.
    pub fn control_characters(&mut self) {
        let Ok(doc) = toml_edit::Document::parse(self.src.text.as_str()) else {
            return;
        };
        let mut spans = Vec::new();
        collect_unsafe(doc.as_item(), &mut spans);
        for span in spans {
            let d = Diagnostic::error(
                "control-character",
                "text contains a control character or escape sequence",
            )
            .at(self.src, span)
            .with_hint("remove the escape (such as \\u001b or \\e) from the text");
            self.out.push(d);
        }
    }
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
