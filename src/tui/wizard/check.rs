//! Validation as you type: the rules of `accord validate`, run on the agreement as it would be
//! saved, with each message placed next to the field it is about.

use std::collections::HashMap;
use std::path::Path;

use accord::diag::Diagnostic;
use accord::locate::Locator;
use accord::model::{Agreement, FileKind};
use accord::source::Source;
use accord::store::canonical::render;
use chrono::NaiveDate;

use super::fields::{Field, all_fields};

#[derive(Debug, Clone, Default)]
pub struct Check {
    pub diags: Vec<Diagnostic>,
    /// Indices into `diags` per field.
    pub by_field: HashMap<Field, Vec<usize>>,
    /// Indices of messages no single field owns.
    pub general: Vec<usize>,
}

impl Check {
    pub fn errors(&self) -> usize {
        self.diags.iter().filter(|d| d.is_error()).count()
    }
    pub fn warnings(&self) -> usize {
        self.diags.len() - self.errors()
    }
    pub fn of(&self, f: Field) -> impl Iterator<Item = &Diagnostic> {
        self.by_field
            .get(&f)
            .into_iter()
            .flatten()
            .map(|i| &self.diags[*i])
    }
    /// The field a message belongs to, if any.
    pub fn field_of(&self, index: usize) -> Option<Field> {
        self.by_field
            .iter()
            .find(|(_, v)| v.contains(&index))
            .map(|(f, _)| *f)
    }
}

pub fn check(a: &Agreement, base: Option<&str>, path: &Path, today: NaiveDate) -> Check {
    let text = render(a, FileKind::Agreement, base);
    let src = Source::new(path, text);
    let diags = accord::validate::agreement_rules(&src, a, today);
    let loc = Locator::new(&src.text);
    // Where each set field's value (and key) sits: line and column range.
    let mut places: Vec<(Field, usize, usize, usize)> = Vec::new();
    for f in all_fields(a) {
        // An optional field that is not set has no place in the file to point at.
        if f.value(a).is_empty() && !f.always_written() {
            continue;
        }
        let path = f.path();
        for span in [loc.value(&path), loc.key(&path)] {
            if span.is_empty() {
                continue;
            }
            let (line, col) = src.line_col(span.start);
            let (end_line, end_col) = src.line_col(span.end);
            let end = if end_line == line {
                end_col
            } else {
                usize::MAX
            };
            places.push((f, line, col, end));
        }
    }
    let mut out = Check {
        diags,
        ..Check::default()
    };
    for (i, d) in out.diags.iter().enumerate() {
        let at = d.location.as_ref().and_then(|l| Some((l.line?, l.column?)));
        let owner = at.and_then(|(line, col)| {
            places
                .iter()
                .find(|(_, l, c, e)| *l == line && col >= *c && col < (*e).max(*c + 1))
                .or_else(|| places.iter().find(|(_, l, _, _)| *l == line))
                .map(|p| p.0)
        });
        // A missing owner is about the owner field, though the file can only point at the id.
        let owner = match (d.code, owner) {
            ("no-owner", Some(Field::RitualId(r))) => Some(Field::RitualOwner(r)),
            (_, o) => o,
        };
        match owner {
            Some(f) => out.by_field.entry(f).or_default().push(i),
            None => out.general.push(i),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use accord::model::Status;

    #[test]
    fn messages_land_on_their_fields() {
        let mut a = accord::presets::Preset::find("hybrid").unwrap().agreement();
        a.status = Status::Proposed;
        a.rituals[1].owner = Some("Nobody".into());
        a.norms[0].text = String::new();
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let c = check(&a, None, Path::new("t/agreement.toml"), today);
        let owner: Vec<_> = c.of(Field::RitualOwner(1)).map(|d| d.code).collect();
        assert_eq!(owner, vec!["owner-not-member"]);
        assert!(c.of(Field::NormText(0)).any(|d| d.code == "norm-text"));
        // Rituals without owner warn next to the owner field.
        assert!(c.of(Field::RitualOwner(0)).any(|d| d.code == "no-owner"));
    }

    #[test]
    fn question_messages_land_on_the_pulse_fields() {
        let mut a = accord::presets::Preset::find("hybrid").unwrap().agreement();
        a.questions[1].text = String::new();
        a.questions[0].about = Some("gone".into());
        a.questions[2].id = a.questions[0].id.clone();
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let c = check(&a, None, Path::new("t/agreement.toml"), today);
        assert!(
            c.of(Field::QuestionText(1))
                .any(|d| d.code == "question-text")
        );
        assert!(
            c.of(Field::QuestionAbout(0))
                .any(|d| d.code == "question-about")
        );
        assert!(c.of(Field::QuestionId(2)).any(|d| d.code == "duplicate-id"));
    }
}
