//! Pulse results, withheld below the privacy threshold in one place.
//!
//! A [`PulseResult`] is either not taken, withheld (a count and nothing else), or shown
//! (count, per-question means and distributions, comments, subgroup gaps). The fields are
//! private and the only constructor applies the threshold, so no output can render a mean
//! that should have been withheld. Cross-team totals go through [`aggregate`], which pools
//! shown pulses only: a withheld pulse contributes nothing, so no subtraction across teams or
//! over time can recover it.

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::model::{Grouping, Pulse, Settings};
use crate::pulse::Counts;

/// The number of answers a pulse needs before its results are shown; never below 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MinResponses(u32);

impl MinResponses {
    /// `n`, raised to the floor of 3 when lower.
    pub fn new(n: u32) -> Self {
        MinResponses(n.max(Settings::FLOOR_MIN_RESPONSES))
    }
    pub fn of(settings: &Settings) -> Self {
        Self::new(settings.min_responses())
    }
    pub fn get(self) -> u32 {
        self.0
    }
}

impl Default for MinResponses {
    fn default() -> Self {
        Self::new(Settings::DEFAULT_MIN_RESPONSES)
    }
}

/// The pulse of one check-in, as every output may show it.
#[derive(Clone, PartialEq)]
pub enum PulseResult {
    /// No pulse was taken (no `[pulse]`, or nobody answered).
    NotTaken,
    /// Fewer answers than the threshold: only the count may be shown.
    Withheld(Withheld),
    /// Enough answers: the results may be shown.
    Shown(Figures),
}

/// A withheld pulse: its count, and nothing else.
#[derive(Clone, PartialEq)]
pub struct Withheld {
    count: u32,
}

/// One question's answers in a shown pulse.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionFigures {
    id: String,
    distribution: Counts,
}

/// A subgroup's gap to the rest of the team, per question.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    pub grouping: Grouping,
    pub value: String,
    pub count: u32,
    /// (question id, the subgroup's mean, the rest's mean).
    pub questions: Vec<(String, f64, f64)>,
}

/// A pulse that reached the threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    count: u32,
    questions: Vec<QuestionFigures>,
    comments: Vec<String>,
    gaps: Vec<Gap>,
}

// Debug output must not leak what Display would withhold (a log line is an output too).
impl std::fmt::Debug for PulseResult {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PulseResult::NotTaken => f.write_str("NotTaken"),
            PulseResult::Withheld(w) => write!(f, "Withheld {{ count: {} }}", w.count),
            PulseResult::Shown(s) => f.debug_tuple("Shown").field(s).finish(),
        }
    }
}

impl std::fmt::Debug for Withheld {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Withheld {{ count: {} }}", self.count)
    }
}

fn counts_of(scores: &[u8]) -> Counts {
    let mut c = [0u32; 5];
    for s in scores.iter().filter(|s| (1..=5).contains(*s)) {
        c[usize::from(s - 1)] += 1;
    }
    c
}

fn mean_of(c: &Counts) -> Option<f64> {
    let n: u32 = c.iter().sum();
    let sum: u32 = c.iter().zip(1u32..).map(|(n, s)| n * s).sum();
    (n > 0).then(|| f64::from(sum) / f64::from(n))
}

impl PulseResult {
    /// The result of a check-in's pulse under threshold `min`. A schema 2 pulse is shown only
    /// when it was written as shown and reaches both the threshold recorded with it and `min`
    /// (raising the threshold later hides old results; lowering it reveals nothing, since a
    /// withheld pulse holds no answers). Scores outside 1–5 (which `validate` rejects) are ignored.
    pub fn of(pulse: Option<&Pulse>, min: MinResponses) -> Self {
        let Some(p) = pulse else {
            return PulseResult::NotTaken;
        };
        let questions: Vec<QuestionFigures> = p
            .question_scores()
            .into_iter()
            .map(|(id, scores)| QuestionFigures {
                id: id.to_string(),
                distribution: counts_of(scores),
            })
            .collect();
        let count = match p.count {
            Some(c) => c,
            None => questions.first().map_or(0, |q| q.distribution.iter().sum()),
        };
        let threshold = min.get().max(p.min_responses.unwrap_or(0));
        if count == 0 {
            return PulseResult::NotTaken;
        }
        if p.withheld || count < threshold || questions.is_empty() {
            return PulseResult::Withheld(Withheld { count });
        }
        let gaps = p
            .groups
            .iter()
            .filter(|g| g.count >= threshold && count.saturating_sub(g.count) >= threshold)
            .map(|g| Gap {
                grouping: g.grouping,
                value: crate::text::sanitize_line(&g.value).into_owned(),
                count: g.count,
                questions: questions
                    .iter()
                    .filter_map(|q| {
                        let mine = counts_of(g.questions.get(q.id.as_str())?);
                        let mut rest = q.distribution;
                        for (r, m) in rest.iter_mut().zip(mine) {
                            *r = r.checked_sub(m)?;
                        }
                        Some((q.id.clone(), mean_of(&mine)?, mean_of(&rest)?))
                    })
                    .collect(),
            })
            .collect();
        let mut comments = p.comments.clone();
        comments.sort();
        PulseResult::Shown(Figures {
            count,
            questions,
            comments,
            gaps,
        })
    }

    /// How many answered (public even when withheld); 0 when no pulse was taken.
    pub fn count(&self) -> u32 {
        match self {
            PulseResult::NotTaken => 0,
            PulseResult::Withheld(w) => w.count,
            PulseResult::Shown(s) => s.count,
        }
    }

    /// The mean of every question's scores pooled, only when shown.
    pub fn mean(&self) -> Option<f64> {
        self.shown().map(Figures::mean)
    }

    /// The mean of question `id`, only when shown and asked.
    pub fn question_mean(&self, id: &str) -> Option<f64> {
        self.shown()?.question(id).and_then(QuestionFigures::mean)
    }

    pub fn is_withheld(&self) -> bool {
        matches!(self, PulseResult::Withheld(_))
    }

    pub fn shown(&self) -> Option<&Figures> {
        match self {
            PulseResult::Shown(s) => Some(s),
            _ => None,
        }
    }

    /// "3.6 (6 answers)", "withheld (3 answers, fewer than 5)" or "—": the one phrase every
    /// plain-text output uses.
    pub fn describe(&self, min: MinResponses) -> String {
        match self {
            PulseResult::NotTaken => "—".into(),
            PulseResult::Withheld(w) => {
                format!("withheld ({}, fewer than {})", answers(w.count), min.get())
            }
            PulseResult::Shown(s) => format!("{:.1} ({})", s.mean(), answers(s.count)),
        }
    }
}

fn answers(n: u32) -> String {
    if n == 1 {
        "1 answer".into()
    } else {
        format!("{n} answers")
    }
}

impl QuestionFigures {
    pub fn id(&self) -> &str {
        &self.id
    }
    /// How many answered 1, 2, 3, 4 and 5.
    pub fn distribution(&self) -> Counts {
        self.distribution
    }
    pub fn mean(&self) -> Option<f64> {
        mean_of(&self.distribution)
    }
}

impl Figures {
    pub fn count(&self) -> u32 {
        self.count
    }
    /// Every question's scores pooled.
    pub fn mean(&self) -> f64 {
        mean_of(&self.distribution()).unwrap_or(0.0)
    }
    /// How many answered 1, 2, 3, 4 and 5, over every question.
    pub fn distribution(&self) -> Counts {
        let mut all = [0; 5];
        for q in &self.questions {
            for (a, n) in all.iter_mut().zip(q.distribution) {
                *a += n;
            }
        }
        all
    }
    pub fn questions(&self) -> &[QuestionFigures] {
        &self.questions
    }
    pub fn question(&self, id: &str) -> Option<&QuestionFigures> {
        self.questions.iter().find(|q| q.id == id)
    }
    /// Sorted, so their order tells nothing.
    pub fn comments(&self) -> &[String] {
        &self.comments
    }
    /// Subgroups written because they and the rest each reached the threshold.
    pub fn gaps(&self) -> &[Gap] {
        &self.gaps
    }
}

impl Gap {
    /// "remote 3.1 vs rest 4.2" for question `id`.
    pub fn describe(&self, id: &str) -> Option<String> {
        let (_, mine, rest) = self.questions.iter().find(|(q, ..)| q == id)?;
        Some(format!("{} {mine:.1} vs rest {rest:.1}", self.value))
    }
}

struct QuestionJson<'a>(&'a QuestionFigures);

impl Serialize for QuestionJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("id", &self.0.id)?;
        m.serialize_entry("count", &self.0.distribution.iter().sum::<u32>())?;
        m.serialize_entry("mean", &self.0.mean())?;
        m.serialize_entry("distribution", &self.0.distribution)?;
        m.end()
    }
}

struct GapJson<'a>(&'a Gap);

impl Serialize for GapJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("grouping", self.0.grouping.as_str())?;
        m.serialize_entry("value", &self.0.value)?;
        m.serialize_entry("count", &self.0.count)?;
        let qs: Vec<serde_json::Value> = self
            .0
            .questions
            .iter()
            .map(|(id, mine, rest)| {
                serde_json::json!({"id": id, "mean": mine, "rest_mean": rest, "gap": mine - rest})
            })
            .collect();
        m.serialize_entry("questions", &qs)?;
        m.end()
    }
}

/// JSON: `null` when not taken; `{"count", "mean": null, "withheld": true}` when withheld;
/// `{"count", "mean", "withheld": false, "distribution", "comments", "questions", "groups"}`
/// when shown (`mean` and `distribution` pool every question).
impl Serialize for PulseResult {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            PulseResult::NotTaken => s.serialize_none(),
            PulseResult::Withheld(w) => {
                let mut m = s.serialize_map(Some(3))?;
                m.serialize_entry("count", &w.count)?;
                m.serialize_entry("mean", &None::<f64>)?;
                m.serialize_entry("withheld", &true)?;
                m.end()
            }
            PulseResult::Shown(f) => {
                let mut m = s.serialize_map(Some(7))?;
                m.serialize_entry("count", &f.count)?;
                m.serialize_entry("mean", &f.mean())?;
                m.serialize_entry("withheld", &false)?;
                m.serialize_entry("distribution", &f.distribution())?;
                m.serialize_entry("comments", &f.comments)?;
                let qs: Vec<QuestionJson> = f.questions.iter().map(QuestionJson).collect();
                m.serialize_entry("questions", &qs)?;
                let gs: Vec<GapJson> = f.gaps.iter().map(GapJson).collect();
                m.serialize_entry("groups", &gs)?;
                m.end()
            }
        }
    }
}

/// A total of several pulses (across teams): shown pulses only.
#[derive(Debug, Clone, PartialEq)]
pub enum Aggregate {
    /// None of the pulses was taken.
    Empty,
    /// The shown pulses together have fewer answers than the threshold.
    Withheld { count: u32, left_out: u32 },
    Shown {
        count: u32,
        mean: f64,
        /// Withheld pulses not included.
        left_out: u32,
        /// Per question id (matched across teams), the pooled mean and count.
        questions: Vec<(String, f64, u32)>,
    },
}

/// The total of the shown ones among `pulses`: a withheld pulse is left out entirely (only
/// the number left out is reported), so no total, before or after, reveals anything of it.
pub fn aggregate<'a>(
    pulses: impl IntoIterator<Item = &'a PulseResult>,
    min: MinResponses,
) -> Aggregate {
    let (mut count, mut left_out, mut any) = (0u32, 0u32, false);
    let mut all = [0u32; 5];
    let mut by_q: Vec<(String, Counts)> = Vec::new();
    for p in pulses {
        match p {
            PulseResult::NotTaken => continue,
            PulseResult::Withheld(_) => left_out += 1,
            PulseResult::Shown(f) => {
                count += f.count;
                for q in &f.questions {
                    let slot = match by_q.iter().position(|(id, _)| *id == q.id) {
                        Some(i) => &mut by_q[i].1,
                        None => {
                            by_q.push((q.id.clone(), [0; 5]));
                            &mut by_q.last_mut().expect("pushed").1
                        }
                    };
                    for ((a, b), n) in slot.iter_mut().zip(all.iter_mut()).zip(q.distribution) {
                        *a += n;
                        *b += n;
                    }
                }
            }
        }
        any = true;
    }
    if !any {
        return Aggregate::Empty;
    }
    match mean_of(&all) {
        Some(mean) if count >= min.get() => Aggregate::Shown {
            count,
            mean,
            left_out,
            questions: by_q
                .iter()
                .filter_map(|(id, c)| Some((id.clone(), mean_of(c)?, c.iter().sum())))
                .collect(),
        },
        _ => Aggregate::Withheld { count, left_out },
    }
}

fn left_out_phrase(n: u32) -> String {
    match n {
        0 => String::new(),
        1 => "; 1 withheld pulse not included".into(),
        n => format!("; {n} withheld pulses not included"),
    }
}

impl Aggregate {
    pub fn count(&self) -> u32 {
        match self {
            Aggregate::Empty => 0,
            Aggregate::Withheld { count, .. } | Aggregate::Shown { count, .. } => *count,
        }
    }
    pub fn mean(&self) -> Option<f64> {
        match self {
            Aggregate::Shown { mean, .. } => Some(*mean),
            _ => None,
        }
    }
    pub fn describe(&self) -> String {
        match self {
            Aggregate::Empty => "—".into(),
            Aggregate::Withheld { count, left_out } => format!(
                "withheld ({} in shown pulses, fewer than the threshold{})",
                answers(*count),
                left_out_phrase(*left_out)
            ),
            Aggregate::Shown {
                count,
                mean,
                left_out,
                ..
            } => format!(
                "{mean:.1} ({}{})",
                answers(*count),
                left_out_phrase(*left_out)
            ),
        }
    }
}

/// JSON: `null` when empty, else `{"count", "mean" (null when withheld), "withheld",
/// "left_out", "questions"?}`; `count` counts the answers of shown pulses only.
impl Serialize for Aggregate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Aggregate::Empty => s.serialize_none(),
            Aggregate::Withheld { count, left_out } => {
                let mut m = s.serialize_map(Some(4))?;
                m.serialize_entry("count", count)?;
                m.serialize_entry("mean", &None::<f64>)?;
                m.serialize_entry("withheld", &true)?;
                m.serialize_entry("left_out", left_out)?;
                m.end()
            }
            Aggregate::Shown {
                count,
                mean,
                left_out,
                questions,
            } => {
                let mut m = s.serialize_map(Some(5))?;
                m.serialize_entry("count", count)?;
                m.serialize_entry("mean", mean)?;
                m.serialize_entry("withheld", &false)?;
                m.serialize_entry("left_out", left_out)?;
                let qs: Vec<serde_json::Value> = questions
                    .iter()
                    .map(|(id, mean, n)| serde_json::json!({"id": id, "mean": mean, "count": n}))
                    .collect();
                m.serialize_entry("questions", &qs)?;
                m.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{GroupScores, QuestionScores, Slug};

    fn pulse(scores: &[u8]) -> Pulse {
        Pulse {
            scores: scores.to_vec(),
            comments: vec!["b".into(), "a".into()],
            ..Pulse::default()
        }
    }

    fn slug(s: &str) -> Slug {
        s.parse().unwrap()
    }

    #[test]
    fn below_the_threshold_nothing_but_the_count() {
        let min = MinResponses::new(5);
        let r = PulseResult::of(Some(&pulse(&[1, 2, 5, 5])), min);
        assert!(r.is_withheld());
        assert_eq!(r.mean(), None);
        assert_eq!(r.count(), 4);
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, r#"{"count":4,"mean":null,"withheld":true}"#);
        assert_eq!(format!("{r:?}"), "Withheld { count: 4 }");
        assert_eq!(r.describe(min), "withheld (4 answers, fewer than 5)");
    }

    #[test]
    fn at_the_threshold_shown_with_sorted_comments() {
        let r = PulseResult::of(Some(&pulse(&[2, 3, 4, 4, 5])), MinResponses::new(5));
        let f = r.shown().unwrap();
        assert_eq!(f.mean(), 3.6);
        assert_eq!(f.distribution(), [0, 1, 1, 2, 1]);
        assert_eq!(f.comments(), ["a", "b"]);
        assert_eq!(r.question_mean("belonging"), Some(3.6));
    }

    #[test]
    fn the_threshold_recorded_with_a_pulse_still_holds_when_the_setting_is_lowered() {
        let p = Pulse {
            min_responses: Some(7),
            count: Some(6),
            questions: vec![QuestionScores {
                id: slug("speak-up"),
                scores: vec![1, 2, 3, 4, 5, 5],
            }],
            ..Pulse::default()
        };
        assert!(PulseResult::of(Some(&p), MinResponses::new(3)).is_withheld());
    }

    #[test]
    fn gaps_only_where_both_sides_reach_the_threshold() {
        let p = Pulse {
            min_responses: Some(3),
            count: Some(6),
            questions: vec![QuestionScores {
                id: slug("speak-up"),
                scores: vec![2, 3, 3, 4, 5, 5],
            }],
            groups: vec![
                GroupScores {
                    grouping: Grouping::Mode,
                    value: "remote".into(),
                    count: 3,
                    questions: [(slug("speak-up"), vec![2, 3, 3])].into(),
                },
                GroupScores {
                    grouping: Grouping::Tenure,
                    value: "new".into(),
                    count: 2,
                    questions: [(slug("speak-up"), vec![2, 3])].into(),
                },
            ],
            ..Pulse::default()
        };
        let r = PulseResult::of(Some(&p), MinResponses::new(3));
        let gaps = r.shown().unwrap().gaps();
        assert_eq!(gaps.len(), 1);
        assert_eq!(
            gaps[0].describe("speak-up").unwrap(),
            "remote 2.7 vs rest 4.7"
        );
    }

    #[test]
    fn threshold_never_below_three() {
        assert_eq!(MinResponses::new(1).get(), 3);
        assert!(PulseResult::of(Some(&pulse(&[4, 4])), MinResponses::new(1)).is_withheld());
    }

    #[test]
    fn out_of_range_scores_and_empty_pulses() {
        let min = MinResponses::new(3);
        assert_eq!(
            PulseResult::of(Some(&pulse(&[])), min),
            PulseResult::NotTaken
        );
        assert_eq!(PulseResult::of(None, min), PulseResult::NotTaken);
        assert_eq!(
            PulseResult::of(Some(&pulse(&[0, 6, 3, 3, 3])), min).count(),
            3
        );
    }

    #[test]
    fn totals_pool_shown_pulses_only() {
        let min = MinResponses::new(5);
        let shown = PulseResult::of(Some(&pulse(&[4, 4, 4, 4, 4])), min);
        let small = PulseResult::of(Some(&pulse(&[1, 1])), min);
        let small2 = PulseResult::of(Some(&pulse(&[5, 5, 5])), min);
        // The withheld teams add nothing: the total is the shown team's alone.
        assert_eq!(
            aggregate([&shown, &small], min),
            aggregate([&shown], min).with_left_out(1)
        );
        assert_eq!(aggregate([&shown, &small, &small2], min).mean(), Some(4.0));
        assert_eq!(aggregate([&shown, &small, &small2], min).count(), 5);
        assert_eq!(
            aggregate([&small, &PulseResult::NotTaken], min),
            Aggregate::Withheld {
                count: 0,
                left_out: 1
            }
        );
        assert_eq!(aggregate([&shown, &shown], min).mean(), Some(4.0));
        assert_eq!(aggregate([&PulseResult::NotTaken], min), Aggregate::Empty);
    }

    impl Aggregate {
        fn with_left_out(mut self, n: u32) -> Self {
            if let Aggregate::Shown { left_out, .. } | Aggregate::Withheld { left_out, .. } =
                &mut self
            {
                *left_out = n;
            }
            self
        }
    }
}
