//! The anonymous pulse: pooled answers, write-time suppression, the shared-screen round, the
//! tally and the import of an anonymous form's export.

mod answers;
pub mod import;
mod round;
mod tally;

pub use answers::{Answer, Answers, Counts, MAX_COMMENT_CHARS, clean_comment};
pub use round::{EntryStep, HiddenEntry, HiddenView, Page, PulseRound};
pub use tally::parse_tally;

use std::path::Path;

use crate::adherence::MinResponses;
use crate::model::{CheckIn, FileKind, Pulse, Question, Settings};

/// The privacy threshold for a check-in at `TEAM/checkins/DATE.toml`: the `accord.toml` of
/// the folder the team folder sits in, else the default.
pub fn folder_threshold(checkin: &Path) -> MinResponses {
    checkin
        .ancestors()
        .nth(3)
        .map_or_else(MinResponses::default, threshold_of)
}

/// The privacy threshold of an agreements folder: its `accord.toml`, else the default.
pub fn threshold_of(folder: &Path) -> MinResponses {
    crate::source::Source::read(&folder.join("accord.toml"))
        .ok()
        .and_then(|s| crate::parse::parse::<Settings>(&s).ok())
        .map(|s| MinResponses::of(&s))
        .unwrap_or_default()
}

/// A schema 1 check-in's text rewritten as schema 2 (comments and layout kept), its pulse
/// written again under threshold `min` so raw answers of a withheld pulse are dropped;
/// `None` when the text is not a schema 1 check-in.
pub fn upgrade_checkin_text(text: &str, min: MinResponses) -> Option<String> {
    let mut c: CheckIn = toml::from_str(text).ok()?;
    if c.schema != 1 {
        return None;
    }
    c.schema = CheckIn::SCHEMA;
    c.pulse = c.pulse.as_ref().and_then(|p| upgrade(p, min.get()));
    Some(crate::store::canonical::render(
        &c,
        FileKind::CheckIn,
        Some(text),
    ))
}

/// A pulse as a schema 2 file may hold it: a schema 1 pulse (raw `scores` of the one unnamed
/// question) pooled and written again under threshold `min`, so raw answers of a withheld
/// pulse are dropped; a schema 2 pulse as it is. `None` for a pulse nobody answered.
pub fn upgrade(p: &Pulse, min: u32) -> Option<Pulse> {
    if p.scores.is_empty() && p.count.is_some() {
        return Some(p.clone());
    }
    let q = Question::default_question();
    let mut counts = [0u32; 5];
    for s in p.scores.iter().filter(|s| (1..=5).contains(*s)) {
        counts[usize::from(s - 1)] += 1;
    }
    let people = counts.iter().sum();
    let mut a = Answers::new(std::slice::from_ref(&q));
    a.add_tally(people, &[(q.id.clone(), counts)])
        .expect("the counts add up by construction");
    let mut written = a.written(min)?;
    if !written.withheld {
        written.comments = p.comments.iter().map(|c| clean_comment(c)).collect();
        written.comments.retain(|c| !c.is_empty());
        written.comments.sort();
    }
    Some(written)
}

/// Questions with these ids and no labels, for tests.
#[cfg(test)]
pub(crate) fn test_questions(ids: &[&str]) -> Vec<Question> {
    ids.iter()
        .map(|id| Question {
            id: id.parse().expect("a slug"),
            text: format!("{id}?"),
            low: None,
            high: None,
            about: None,
        })
        .collect()
}
