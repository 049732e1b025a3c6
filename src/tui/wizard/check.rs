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
    let mut diags = accord::validate::agreement_rules(&src, a, today);
    for d in &mut diags {
        in_the_wizard(d);
    }
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
        // A duplicate id is about both items: the file points at the second, the first needs
        // renaming just as much.
        if let (true, Some(f)) = (d.code == "duplicate-id", owner) {
            for other in twins(a, f) {
                out.by_field.entry(other).or_default().push(i);
            }
        }
    }
    out
}

/// The other id fields that hold the same id as `f` (rituals and norms share one namespace,
/// questions have their own).
fn twins(a: &Agreement, f: Field) -> Vec<Field> {
    let id = f.value(a);
    let ids = |q: bool| -> Vec<Field> {
        if q {
            (0..a.questions.len()).map(Field::QuestionId).collect()
        } else {
            (0..a.rituals.len())
                .map(Field::RitualId)
                .chain((0..a.norms.len()).map(Field::NormId))
                .collect()
        }
    };
    let candidates = match f {
        Field::RitualId(_) | Field::NormId(_) => ids(false),
        Field::QuestionId(_) => ids(true),
        _ => return Vec::new(),
    };
    candidates
        .into_iter()
        .filter(|g| *g != f && g.value(a) == id)
        .collect()
}

/// The library's advice names commands; inside the wizard the step that does it is one key away.
fn in_the_wizard(d: &mut Diagnostic) {
    let hint = match d.code {
        "no-consent" => {
            "record the room's counts in the next step, the consent round (n goes there)"
        }
        "review-overdue" => "this revision is the review: adopting it sets the next review date",
        _ => return,
    };
    d.hint = Some(hint.into());
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
        assert!(
            c.of(Field::QuestionId(0)).any(|d| d.code == "duplicate-id"),
            "the first of the two shows it too"
        );
        assert!(!c.of(Field::QuestionId(1)).any(|d| d.code == "duplicate-id"));
    }

    #[test]
    fn a_duplicate_ritual_and_norm_id_shows_on_both_items() {
        let mut a = accord::presets::Preset::find("hybrid").unwrap().agreement();
        a.norms[0].id = a.rituals[0].id.clone();
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let c = check(&a, None, Path::new("t/agreement.toml"), today);
        assert!(c.of(Field::RitualId(0)).any(|d| d.code == "duplicate-id"));
        assert!(c.of(Field::NormId(0)).any(|d| d.code == "duplicate-id"));
        assert_eq!(c.errors(), 1, "one problem, shown twice");
    }

    #[test]
    fn the_review_advice_does_not_send_the_wizard_to_accord_edit() {
        let mut a = accord::presets::Preset::find("hybrid").unwrap().agreement();
        a.status = Status::Active;
        a.consent.clear();
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let c = check(&a, None, Path::new("t/agreement.toml"), today);
        let hints: Vec<_> = c
            .diags
            .iter()
            .filter(|d| d.code == "no-consent")
            .filter_map(|d| d.hint.as_deref())
            .collect();
        assert!(!hints.is_empty());
        for h in hints {
            assert!(!h.contains("accord edit"), "{h}");
            assert!(h.contains("consent round"), "{h}");
        }
        // An overdue review, seen from the revision that is the review.
        a.review_by = Some(accord::model::Date(today.pred_opt().unwrap()));
        a.adopted = Some(accord::model::Date(today - chrono::Days::new(60)));
        let c = check(&a, None, Path::new("t/agreement.toml"), today);
        let overdue = c.diags.iter().find(|d| d.code == "review-overdue");
        let hint = overdue.and_then(|d| d.hint.as_deref()).unwrap();
        assert!(!hint.contains("accord edit"), "{hint}");
    }
}

#[cfg(test)]
mod zones {
    use super::*;
    use accord::model::{Member, TimeZone};

    /// The time-zone warnings of `agreement_rules` reach the wizard unfiltered, each on the
    /// field it concerns: the ritual's time, and the core hours.
    #[test]
    fn outside_working_hours_lands_on_the_ritual_time_and_the_core_hours() {
        let mut a = accord::presets::Preset::find("hybrid").unwrap().agreement();
        a.timezone = Some("Europe/Lisbon".parse::<TimeZone>().unwrap());
        a.members.push(Member {
            name: "Rui".into(),
            role: None,
            mode: None,
            timezone: Some("America/Toronto".parse().unwrap()),
            working_hours: None,
        });
        let at = a.rituals.iter().position(|r| r.time.is_some()).unwrap();
        a.rituals[at].time = Some(super::super::fields::parse_time("10:00").unwrap());
        a.presence.as_mut().unwrap().core_hours = Some(accord::model::CoreHours {
            start: super::super::fields::parse_time("10:00").unwrap(),
            end: super::super::fields::parse_time("15:00").unwrap(),
        });
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let c = check(&a, None, Path::new("t/agreement.toml"), today);
        let on = |f: Field| {
            c.of(f)
                .filter(|d| d.code == "outside-working-hours")
                .map(|d| d.message.clone())
                .collect::<Vec<_>>()
        };
        let ritual = on(Field::RitualTime(at));
        assert!(
            ritual
                .iter()
                .any(|m| m.contains("05:00") && m.contains("Rui")),
            "{ritual:?}"
        );
        let core = on(Field::CoreHours);
        assert!(core.iter().any(|m| m.contains("Rui")), "{core:?}");
    }
}
