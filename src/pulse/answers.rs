//! Answers pooled as they arrive, and the one function that turns them into what a file may
//! hold.
//!
//! [`Answers`] keeps counts per score per question, counts per subgroup and the comments in
//! sorted order: from the first answer on, nothing links a score to a person, to another
//! question's score or to the order of arrival. [`Answers::written`] applies the threshold;
//! it is the only way a check-in's [`Pulse`] is built from answers, so every writer (the
//! check-in file, its draft, the commit message, the CSV import) keeps the same promise.

use std::collections::BTreeMap;

use crate::model::{GroupScores, Grouping, Pulse, Question, QuestionScores, Slug};

/// Longest comment kept, in characters: a sentence or two, not an essay that identifies its author.
pub const MAX_COMMENT_CHARS: usize = 280;

/// One person's answer: a score per question (in the agreement's order), an optional
/// comment, and the subgroups they chose to name.
#[derive(Clone, Default)]
pub struct Answer {
    pub scores: Vec<u8>,
    pub comment: String,
    pub groups: Vec<(Grouping, &'static str)>,
}

// Never print answers, even in a debug log.
impl std::fmt::Debug for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Answer { .. }")
    }
}

/// Counts of the scores 1–5.
pub type Counts = [u32; 5];

/// A subgroup's share of the answers.
#[derive(Clone, Default, PartialEq, Eq)]
struct Group {
    count: u32,
    questions: Vec<Counts>,
}

/// The pooled answers of one pulse, for the questions it was opened with.
#[derive(Clone, PartialEq, Eq)]
pub struct Answers {
    ids: Vec<Slug>,
    count: u32,
    questions: Vec<Counts>,
    comments: Vec<String>,
    groups: BTreeMap<(Grouping, &'static str), Group>,
}

impl std::fmt::Debug for Answers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Answers {{ count: {} }}", self.count)
    }
}

impl Answers {
    /// No answers yet to `questions`.
    pub fn new(questions: &[Question]) -> Self {
        Answers {
            ids: questions.iter().map(|q| q.id.clone()).collect(),
            count: 0,
            questions: vec![[0; 5]; questions.len()],
            comments: Vec::new(),
            groups: BTreeMap::new(),
        }
    }

    pub fn count(&self) -> u32 {
        self.count
    }

    /// Adds one answer. Refused (with a message for the screen) when a score is missing or
    /// outside 1–5; nothing is added then.
    pub fn add(&mut self, a: &Answer) -> Result<(), String> {
        if a.scores.len() != self.ids.len() {
            return Err(format!(
                "an answer needs a score for each of the {} questions",
                self.ids.len()
            ));
        }
        if a.scores.iter().any(|s| !(1..=5).contains(s)) {
            return Err("a score runs from 1 to 5".into());
        }
        self.count += 1;
        for (q, s) in self.questions.iter_mut().zip(&a.scores) {
            q[usize::from(s - 1)] += 1;
        }
        let mut seen = Vec::new();
        for &(g, v) in &a.groups {
            // One value per grouping; a second would count the person twice.
            if seen.contains(&g) || g.value_of(v).is_none() {
                continue;
            }
            seen.push(g);
            let group = self.groups.entry((g, v)).or_insert_with(|| Group {
                count: 0,
                questions: vec![[0; 5]; self.ids.len()],
            });
            group.count += 1;
            for (q, s) in group.questions.iter_mut().zip(&a.scores) {
                q[usize::from(s - 1)] += 1;
            }
        }
        let comment = clean_comment(&a.comment);
        if !comment.is_empty() {
            let at = self.comments.partition_point(|c| *c <= comment);
            self.comments.insert(at, comment);
        }
        Ok(())
    }

    /// Adds a tally of `people` answers given outside the room (paper slips, a show of
    /// hands): per question, how many gave each score. Each question's counts must add up to
    /// `people`. Nothing is added when the tally is refused.
    pub fn add_tally(&mut self, people: u32, counts: &[(Slug, Counts)]) -> Result<(), String> {
        let mut by_q = vec![None; self.ids.len()];
        for (id, c) in counts {
            let Some(i) = self.ids.iter().position(|q| q == id) else {
                return Err(format!(
                    "\"{id}\" is not a question of this pulse (questions: {})",
                    self.id_list()
                ));
            };
            if by_q[i].replace(*c).is_some() {
                return Err(format!("question \"{id}\" is tallied twice"));
            }
        }
        for (i, c) in by_q.iter().enumerate() {
            let id = &self.ids[i];
            let Some(c) = c else {
                return Err(format!("the tally has no counts for question \"{id}\""));
            };
            let sum: u32 = c.iter().sum();
            if sum != people {
                return Err(format!(
                    "the counts for \"{id}\" add up to {sum}, not to the {people} people tallied"
                ));
            }
        }
        self.count += people;
        for (q, c) in self.questions.iter_mut().zip(by_q.into_iter().flatten()) {
            for (n, m) in q.iter_mut().zip(c) {
                *n += m;
            }
        }
        Ok(())
    }

    /// Adds `other`'s answers (same questions) to these.
    pub fn merge(&mut self, other: &Answers) -> Result<(), String> {
        if other.ids != self.ids {
            return Err(format!(
                "the answers were given to other questions ({}) than this pulse asks ({})",
                other.id_list(),
                self.id_list()
            ));
        }
        self.count += other.count;
        add_counts(&mut self.questions, &other.questions);
        for (k, g) in &other.groups {
            let mine = self.groups.entry(*k).or_insert_with(|| Group {
                count: 0,
                questions: vec![[0; 5]; self.ids.len()],
            });
            mine.count += g.count;
            add_counts(&mut mine.questions, &g.questions);
        }
        for c in &other.comments {
            let at = self.comments.partition_point(|x| x <= c);
            self.comments.insert(at, c.clone());
        }
        Ok(())
    }

    fn id_list(&self) -> String {
        self.ids
            .iter()
            .map(Slug::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// What a file may hold of these answers under threshold `min` (already floored at 3):
    /// below it, `min_responses`, `count` and `withheld = true` and nothing else; at or above
    /// it, every question's sorted scores, the sorted comments, and each subgroup that reaches
    /// `min` while the rest of the team does too. `None` when nobody answered.
    pub fn written(&self, min: u32) -> Option<Pulse> {
        if self.count == 0 {
            return None;
        }
        let mut p = Pulse {
            min_responses: Some(min),
            count: Some(self.count),
            ..Pulse::default()
        };
        if self.count < min {
            p.withheld = true;
            return Some(p);
        }
        p.questions = self
            .ids
            .iter()
            .zip(&self.questions)
            .map(|(id, c)| QuestionScores {
                id: id.clone(),
                scores: expand(c),
            })
            .collect();
        p.comments = self.comments.clone();
        p.groups = self
            .groups
            .iter()
            .filter(|(_, g)| g.count >= min && self.count - g.count >= min)
            .map(|((grouping, value), g)| GroupScores {
                grouping: *grouping,
                value: (*value).to_string(),
                count: g.count,
                questions: self
                    .ids
                    .iter()
                    .cloned()
                    .zip(g.questions.iter().map(expand))
                    .collect(),
            })
            .collect();
        Some(p)
    }

    /// The pooled counts as a compact, order-free JSON value, for a draft that holds answers
    /// given outside the room while the round is still open.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "questions": self.ids.iter().zip(&self.questions)
                .map(|(id, c)| (id.to_string(), serde_json::json!(c)))
                .collect::<serde_json::Map<_, _>>(),
            "count": self.count,
            "comments": self.comments,
            "groups": self.groups.iter().map(|((g, v), grp)| serde_json::json!({
                "grouping": g.as_str(), "value": v, "count": grp.count,
                "questions": grp.questions,
            })).collect::<Vec<_>>(),
        })
    }

    /// Reads [`Answers::to_json`] back for `questions`; `Err` says what does not fit.
    pub fn from_json(questions: &[Question], v: &serde_json::Value) -> Result<Self, String> {
        let bad = || "the answers kept in the draft are not in Accord's form".to_string();
        let mut a = Answers::new(questions);
        let qs = v
            .get("questions")
            .and_then(|q| q.as_object())
            .ok_or_else(bad)?;
        let ids: Vec<&str> = qs.keys().map(String::as_str).collect();
        let mut mine: Vec<&str> = a.ids.iter().map(Slug::as_str).collect();
        mine.sort_unstable();
        let mut theirs = ids.clone();
        theirs.sort_unstable();
        if mine != theirs {
            return Err(format!(
                "the answers kept in the draft are for other questions ({})",
                ids.join(", ")
            ));
        }
        let counts = |v: &serde_json::Value| -> Option<Counts> {
            let arr = v.as_array()?;
            let mut c = [0u32; 5];
            if arr.len() != 5 {
                return None;
            }
            for (n, x) in c.iter_mut().zip(arr) {
                *n = u32::try_from(x.as_u64()?).ok()?;
            }
            Some(c)
        };
        for (i, id) in a.ids.clone().iter().enumerate() {
            a.questions[i] = counts(&qs[id.as_str()]).ok_or_else(bad)?;
        }
        a.count = v
            .get("count")
            .and_then(|c| c.as_u64())
            .and_then(|c| u32::try_from(c).ok())
            .ok_or_else(bad)?;
        if a.questions.iter().any(|q| q.iter().sum::<u32>() != a.count) {
            return Err(bad());
        }
        for c in v
            .get("comments")
            .and_then(|c| c.as_array())
            .ok_or_else(bad)?
        {
            let c = clean_comment(c.as_str().ok_or_else(bad)?);
            if !c.is_empty() {
                let at = a.comments.partition_point(|x| *x <= c);
                a.comments.insert(at, c);
            }
        }
        for g in v.get("groups").and_then(|c| c.as_array()).ok_or_else(bad)? {
            let grouping: Grouping = g
                .get("grouping")
                .and_then(|x| x.as_str())
                .and_then(|x| x.parse().ok())
                .ok_or_else(bad)?;
            let value = g
                .get("value")
                .and_then(|x| x.as_str())
                .and_then(|x| grouping.value_of(x))
                .ok_or_else(bad)?;
            let count = g
                .get("count")
                .and_then(|c| c.as_u64())
                .and_then(|c| u32::try_from(c).ok())
                .ok_or_else(bad)?;
            let questions: Vec<Counts> = g
                .get("questions")
                .and_then(|q| q.as_array())
                .ok_or_else(bad)?
                .iter()
                .map(counts)
                .collect::<Option<_>>()
                .ok_or_else(bad)?;
            if questions.len() != a.ids.len()
                || count > a.count
                || questions.iter().any(|q| q.iter().sum::<u32>() != count)
            {
                return Err(bad());
            }
            a.groups
                .insert((grouping, value), Group { count, questions });
        }
        Ok(a)
    }
}

fn add_counts(to: &mut [Counts], from: &[Counts]) {
    for (a, b) in to.iter_mut().zip(from) {
        for (x, y) in a.iter_mut().zip(b) {
            *x += y;
        }
    }
}

/// [2, 0, 1, 0, 0] → [1, 1, 3]: sorted scores from counts.
fn expand(c: &Counts) -> Vec<u8> {
    c.iter()
        .zip(1u8..)
        .flat_map(|(n, s)| std::iter::repeat_n(s, *n as usize))
        .collect()
}

/// One line, trimmed, without control, format or separator characters (an invisible
/// character could mark whose comment it is), at most [`MAX_COMMENT_CHARS`].
pub fn clean_comment(s: &str) -> String {
    let one_line: String = s
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !crate::render::is_unsafe(*c))
        .collect();
    let words: Vec<&str> = one_line.split(' ').filter(|w| !w.is_empty()).collect();
    words.join(" ").chars().take(MAX_COMMENT_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CheckIn, Date, FileKind};
    use crate::store::canonical::render;

    fn questions() -> Vec<Question> {
        crate::pulse::test_questions(&["speak-up", "credit"])
    }

    fn answer(scores: &[u8], comment: &str, mode: Option<&'static str>) -> Answer {
        Answer {
            scores: scores.to_vec(),
            comment: comment.into(),
            groups: mode.map(|m| (Grouping::Mode, m)).into_iter().collect(),
        }
    }

    fn checkin(pulse: Option<Pulse>) -> CheckIn {
        let d = |s: &str| Date(s.parse().unwrap());
        CheckIn {
            schema: CheckIn::SCHEMA,
            date: d("2026-11-18"),
            from: d("2026-11-04"),
            to: d("2026-11-17"),
            agreement_version: 1,
            presence: vec![],
            rituals: vec![],
            norms: vec![],
            pulse,
            followups: vec![],
            wins: vec![],
            actions: vec![],
        }
    }

    #[test]
    fn a_withheld_pulse_is_its_count_and_nothing_else() {
        let mut a = Answers::new(&questions());
        a.add(&answer(&[1, 2], "I am unhappy", Some("remote")))
            .unwrap();
        a.add(&answer(&[3, 3], "", None)).unwrap();
        let text = render(&checkin(a.written(5)), FileKind::CheckIn, None);
        assert!(
            text.ends_with("[pulse]\nmin_responses = 5\ncount = 2\nwithheld = true\n"),
            "{text}"
        );
        assert!(!text.contains("unhappy"));
    }

    #[test]
    fn a_shown_pulse_is_sorted_and_keeps_subgroups_only_when_both_sides_reach_the_threshold() {
        let mut a = Answers::new(&questions());
        for (s, m) in [
            ([5, 4], Some("remote")),
            ([2, 3], Some("remote")),
            ([3, 3], Some("remote")),
            ([4, 5], Some("onsite")),
            ([4, 4], None),
            ([5, 5], Some("onsite")),
        ] {
            a.add(&answer(&s, "", m)).unwrap();
        }
        a.add(&answer(&[4], "", None)).unwrap_err();
        a.add(&answer(&[4, 6], "", None)).unwrap_err();
        assert_eq!(a.count(), 6);
        let p = a.written(3).unwrap();
        assert_eq!(p.groups.len(), 1, "onsite has 2, below 3");
        let text = render(&checkin(Some(p.clone())), FileKind::CheckIn, None);
        insta::assert_snapshot!(text, @r#"
        schema = 2
        date = 2026-11-18
        from = 2026-11-04
        to = 2026-11-17
        agreement_version = 1

        [pulse]
        min_responses = 3
        count = 6

        [[pulse.questions]]
        id = "speak-up"
        scores = [2, 3, 4, 4, 5, 5]

        [[pulse.questions]]
        id = "credit"
        scores = [3, 3, 4, 4, 5, 5]

        [[pulse.groups]]
        grouping = "mode"
        value = "remote"
        count = 3
        questions = { credit = [3, 3, 4], speak-up = [2, 3, 5] }
        "#);
        let back: CheckIn = toml::from_str(&text).unwrap();
        assert_eq!(back.pulse, Some(p));
        let json = a.to_json();
        assert_eq!(Answers::from_json(&questions(), &json).unwrap(), a);
    }
}

#[cfg(test)]
mod comment_tests {
    use super::clean_comment;

    #[test]
    fn a_comment_keeps_no_invisible_character_that_could_mark_its_author() {
        assert_eq!(
            clean_comment(" more\u{200b} overlap\u{2028}on\ttuesdays\u{202e} \u{feff}"),
            "more overlap on tuesdays"
        );
    }
}
