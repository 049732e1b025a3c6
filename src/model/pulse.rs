//! The pulse in the files: the questions an agreement asks (`[[questions]]`, `[pulse]`) and
//! what a check-in may keep of the answers (`[pulse]`, `[[pulse.questions]]`,
//! `[[pulse.groups]]`).
//!
//! A check-in's [`Pulse`] is only ever built by [`crate::pulse::Answers::written`], which
//! applies the threshold: a withheld pulse is its count and nothing else.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use super::types::{Slug, WorkMode, invalid_choice, string_enum};

/// One behaviour question of the pulse, asked at every check-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable slug, unique among the questions; check-ins and trends refer to it.
    pub id: Slug,
    /// The question as people read it: about a behaviour they can observe.
    pub text: String,
    /// What a score of 1 means, e.g. "never".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<String>,
    /// What a score of 5 means, e.g. "every time".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<String>,
    /// The ritual or norm whose effect the question measures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
}

impl Question {
    /// The question an agreement without `[[questions]]` asks.
    pub fn default_question() -> Question {
        Question {
            id: Slug::from_text("belonging").expect("a slug"),
            text: "In the last two weeks, did you feel you belong in this team?".into(),
            low: Some("not at all".into()),
            high: Some("fully".into()),
            about: None,
        }
    }

    /// "1 (never) to 5 (every time)", or "1 to 5" without labels.
    pub fn scale(&self) -> String {
        match (&self.low, &self.high) {
            (Some(l), Some(h)) => format!("1 ({l}) to 5 ({h})"),
            (Some(l), None) => format!("1 ({l}) to 5"),
            (None, Some(h)) => format!("1 to 5 ({h})"),
            (None, None) => "1 to 5".into(),
        }
    }
}

/// How the pulse is run (`[pulse]` in the agreement).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PulseSettings {
    /// Self-reported subgroups each answer may name, for gaps such as remote vs the rest.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groupings: Vec<Grouping>,
}

string_enum!(
    /// A self-reported subgroup of the pulse.
    Grouping, "grouping" { Mode => "mode", Tenure => "tenure" }
);

string_enum!(
    /// How long someone has been in the team: new (< 6 months), settled, long (> 2 years).
    Tenure, "tenure" { New => "new", Settled => "settled", Long => "long" }
);

impl Grouping {
    /// The values an answer may give, in the order they are offered.
    pub fn values(self) -> &'static [&'static str] {
        match self {
            Grouping::Mode => &["onsite", "hybrid", "remote"],
            Grouping::Tenure => &["new", "settled", "long"],
        }
    }
    /// What each value means, for the screen and the docs.
    pub fn describe(self, value: &str) -> &'static str {
        match (self, value) {
            (Grouping::Mode, "onsite") => "on site most days",
            (Grouping::Mode, "hybrid") => "some days on site",
            (Grouping::Mode, "remote") => "remote",
            (Grouping::Tenure, "new") => "in the team less than 6 months",
            (Grouping::Tenure, "settled") => "6 months to 2 years",
            (Grouping::Tenure, "long") => "more than 2 years",
            _ => "",
        }
    }
    /// The value `text` names, matched case-insensitively and ignoring punctuation
    /// ("On-site" is onsite), as form exports write them.
    pub fn value_of(self, text: &str) -> Option<&'static str> {
        let key: String = text
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        self.values().iter().copied().find(|v| *v == key)
    }
    pub fn question(self) -> &'static str {
        match self {
            Grouping::Mode => "Where do you work from, mostly?",
            Grouping::Tenure => "How long have you been in the team?",
        }
    }
}

// The work modes and a member's mode share their names; keep them in step.
const _: () = assert!(WorkMode::ALL.len() == 3);

/// The pulse of one check-in, as written. Schema 2: `min_responses`, `count`, then either
/// `withheld = true` and nothing else, or the sorted answers. Schema 1 (read, never written):
/// `scores` and `comments` of one unnamed question.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pulse {
    /// The threshold in force when this was written: results exist only with this many answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 3))]
    pub min_responses: Option<u32>,
    /// How many answered; never more than the members of the agreement version in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    /// Fewer answers than `min_responses`: nothing but the count is kept.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub withheld: bool,
    /// Schema 1 only: the scores of the one question, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scores: Vec<u8>,
    /// Comments, sorted, so their order tells nothing; only when shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<String>,
    /// One entry per question of the agreement, with its sorted scores; only when shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<QuestionScores>,
    /// Subgroups large enough on both sides to show; only when shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<GroupScores>,
}

/// The sorted scores one question received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionScores {
    /// A question id of the agreement.
    pub id: Slug,
    /// Scores 1–5, sorted.
    pub scores: Vec<u8>,
}

/// A self-reported subgroup: written only when it and the rest of the team each reach the
/// threshold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupScores {
    pub grouping: Grouping,
    /// mode: onsite | hybrid | remote; tenure: new | settled | long.
    pub value: String,
    /// How many of the answers named this value.
    pub count: u32,
    /// Per question id, the subgroup's sorted scores.
    pub questions: BTreeMap<Slug, Vec<u8>>,
}

impl Pulse {
    /// Sorts every list of answers, as they are stored (and as `accord fmt` writes them).
    pub fn normalise(&mut self) {
        self.scores.sort_unstable();
        self.comments.sort();
        for q in &mut self.questions {
            q.scores.sort_unstable();
        }
        for g in &mut self.groups {
            g.questions.values_mut().for_each(|s| s.sort_unstable());
        }
    }

    /// How many answered: `count`, or for schema 1 the number of scores.
    pub fn answered(&self) -> u32 {
        self.count.unwrap_or(self.scores.len() as u32)
    }

    /// Every question's scores, schema 1's as the default question.
    pub fn question_scores(&self) -> Vec<(&str, &[u8])> {
        if self.questions.is_empty() && !self.scores.is_empty() {
            return vec![(DEFAULT_ID, &self.scores[..])];
        }
        self.questions
            .iter()
            .map(|q| (q.id.as_str(), &q.scores[..]))
            .collect()
    }
}

/// The id of [`Question::default_question`].
pub const DEFAULT_ID: &str = "belonging";
