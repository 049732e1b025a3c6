//! Pulse results, withheld below the privacy threshold in one place.
//!
//! A [`PulseResult`] is either not taken, withheld (a count and nothing else), or shown
//! (count, mean, distribution, comments). The fields are private and the only constructor
//! applies the threshold, so no output can render a mean that should have been withheld.
//! Cross-team totals go through [`aggregate`], which also withholds a total from which a
//! reader could subtract their way to a withheld result (complementary suppression).

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::model::{Pulse, Settings};

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
    /// No pulse was taken (no `[pulse]`, or no valid score in it).
    NotTaken,
    /// Fewer answers than the threshold: only the count may be shown.
    Withheld(Withheld),
    /// Enough answers: the results may be shown.
    Shown(Figures),
}

/// A withheld pulse: its count is public; its sum is kept only for cross-team totals.
#[derive(Clone, PartialEq)]
pub struct Withheld {
    count: u32,
    sum: u32,
}

/// A pulse that reached the threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    count: u32,
    sum: u32,
    distribution: [u32; 5],
    comments: Vec<String>,
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

impl PulseResult {
    /// The result of a check-in's pulse. Scores outside 1–5 (which `validate` rejects) are ignored.
    pub fn of(pulse: Option<&Pulse>, min: MinResponses) -> Self {
        let Some(p) = pulse else {
            return PulseResult::NotTaken;
        };
        let mut distribution = [0u32; 5];
        for s in &p.scores {
            if (1..=5).contains(s) {
                distribution[usize::from(*s - 1)] += 1;
            }
        }
        let count: u32 = distribution.iter().sum();
        let sum: u32 = distribution
            .iter()
            .zip(1u32..)
            .map(|(n, score)| n * score)
            .sum();
        if count == 0 {
            PulseResult::NotTaken
        } else if count < min.get() {
            PulseResult::Withheld(Withheld { count, sum })
        } else {
            let mut comments = p.comments.clone();
            comments.sort();
            PulseResult::Shown(Figures {
                count,
                sum,
                distribution,
                comments,
            })
        }
    }

    /// How many answered (public even when withheld); 0 when no pulse was taken.
    pub fn count(&self) -> u32 {
        match self {
            PulseResult::NotTaken => 0,
            PulseResult::Withheld(w) => w.count,
            PulseResult::Shown(s) => s.count,
        }
    }

    /// The mean score, only when shown.
    pub fn mean(&self) -> Option<f64> {
        match self {
            PulseResult::Shown(s) => Some(s.mean()),
            _ => None,
        }
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

    /// (count, sum, withheld) for totals; crate-private so the sum of a withheld pulse never leaves.
    fn cell(&self) -> Option<(u32, u32, bool)> {
        match self {
            PulseResult::NotTaken => None,
            PulseResult::Withheld(w) => Some((w.count, w.sum, true)),
            PulseResult::Shown(s) => Some((s.count, s.sum, false)),
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

impl Figures {
    pub fn count(&self) -> u32 {
        self.count
    }
    pub fn mean(&self) -> f64 {
        f64::from(self.sum) / f64::from(self.count)
    }
    /// How many answered 1, 2, 3, 4 and 5.
    pub fn distribution(&self) -> [u32; 5] {
        self.distribution
    }
    /// Sorted, so their order tells nothing.
    pub fn comments(&self) -> &[String] {
        &self.comments
    }
}

/// JSON: `null` when not taken; `{"count", "mean": null, "withheld": true}` when withheld;
/// `{"count", "mean", "withheld": false, "distribution": [n1..n5], "comments": [...]}` when shown.
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
                let mut m = s.serialize_map(Some(5))?;
                m.serialize_entry("count", &f.count)?;
                m.serialize_entry("mean", &f.mean())?;
                m.serialize_entry("withheld", &false)?;
                m.serialize_entry("distribution", &f.distribution)?;
                m.serialize_entry("comments", &f.comments)?;
                m.end()
            }
        }
    }
}

/// A total of several pulses (across teams).
#[derive(Debug, Clone, PartialEq)]
pub enum Aggregate {
    /// None of the pulses was taken.
    Empty,
    Withheld {
        count: u32,
        reason: WithheldReason,
    },
    Shown {
        count: u32,
        mean: f64,
    },
}

/// Why a total is withheld.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WithheldReason {
    /// Fewer answers in total than the threshold.
    TooFew,
    /// It includes withheld pulses whose answers together stay below the threshold: subtracting
    /// the shown pulses from the total would reveal them.
    WouldReveal,
}

impl WithheldReason {
    pub fn as_str(self) -> &'static str {
        match self {
            WithheldReason::TooFew => "too-few",
            WithheldReason::WouldReveal => "would-reveal",
        }
    }
    pub fn describe(self) -> &'static str {
        match self {
            WithheldReason::TooFew => "fewer answers in total than the threshold",
            WithheldReason::WouldReveal => {
                "it would reveal a withheld team's result by subtraction"
            }
        }
    }
}

/// The total of `pulses`, shown only when its count reaches the threshold AND the withheld
/// pulses it includes are none or together reach the threshold (complementary suppression).
pub fn aggregate<'a>(
    pulses: impl IntoIterator<Item = &'a PulseResult>,
    min: MinResponses,
) -> Aggregate {
    let (mut count, mut sum, mut withheld, mut any) = (0u32, 0u32, 0u32, false);
    for (c, s, w) in pulses.into_iter().filter_map(PulseResult::cell) {
        any = true;
        count += c;
        sum += s;
        if w {
            withheld += c;
        }
    }
    if !any {
        Aggregate::Empty
    } else if count < min.get() {
        Aggregate::Withheld {
            count,
            reason: WithheldReason::TooFew,
        }
    } else if withheld > 0 && withheld < min.get() {
        Aggregate::Withheld {
            count,
            reason: WithheldReason::WouldReveal,
        }
    } else {
        Aggregate::Shown {
            count,
            mean: f64::from(sum) / f64::from(count),
        }
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
            Aggregate::Withheld { count, reason } => {
                format!("withheld ({}; {})", answers(*count), reason.describe())
            }
            Aggregate::Shown { count, mean } => format!("{mean:.1} ({})", answers(*count)),
        }
    }
}

/// JSON: `null` when empty, else `{"count", "mean" (null when withheld), "withheld", "reason"?}`.
impl Serialize for Aggregate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Aggregate::Empty => s.serialize_none(),
            Aggregate::Withheld { count, reason } => {
                let mut m = s.serialize_map(Some(4))?;
                m.serialize_entry("count", count)?;
                m.serialize_entry("mean", &None::<f64>)?;
                m.serialize_entry("withheld", &true)?;
                m.serialize_entry("reason", reason.as_str())?;
                m.end()
            }
            Aggregate::Shown { count, mean } => {
                let mut m = s.serialize_map(Some(3))?;
                m.serialize_entry("count", count)?;
                m.serialize_entry("mean", mean)?;
                m.serialize_entry("withheld", &false)?;
                m.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pulse(scores: &[u8]) -> Pulse {
        Pulse {
            scores: scores.to_vec(),
            comments: vec!["b".into(), "a".into()],
        }
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
    fn totals_never_reveal_a_withheld_team() {
        let min = MinResponses::new(5);
        let shown = PulseResult::of(Some(&pulse(&[4, 4, 4, 4, 4])), min);
        let small = PulseResult::of(Some(&pulse(&[1, 1])), min);
        let small2 = PulseResult::of(Some(&pulse(&[5, 5, 5])), min);
        // 7 answers in total, but shown − total would give the 2-answer team's mean.
        assert_eq!(
            aggregate([&shown, &small], min),
            Aggregate::Withheld {
                count: 7,
                reason: WithheldReason::WouldReveal
            }
        );
        // Two withheld teams with 5 answers together: subtracting yields a group of 5, allowed.
        assert_eq!(
            aggregate([&shown, &small, &small2], min),
            Aggregate::Shown {
                count: 10,
                mean: 3.7
            }
        );
        assert_eq!(
            aggregate([&small, &PulseResult::NotTaken], min),
            Aggregate::Withheld {
                count: 2,
                reason: WithheldReason::TooFew
            }
        );
        assert_eq!(aggregate([&shown, &shown], min).mean(), Some(4.0));
        assert_eq!(aggregate([&PulseResult::NotTaken], min), Aggregate::Empty);
    }
}
