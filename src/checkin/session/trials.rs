//! Trials that have come due at this check-in: each with its adherence during the trial
//! against before it, the pulse about it before against during (from shown pulses only), and
//! a proposed keep / adjust / drop that the decisions step offers.

use super::Session;
use crate::diag::Diagnostic;
use crate::follow::{Trial, TrialSide};
use crate::model::{ActionRecord, Decision};

/// Adherence at or above this during the trial proposes keeping it.
const KEEP_AT: f64 = 0.8;
/// Adherence below this during the trial proposes dropping it.
const DROP_BELOW: f64 = 0.5;
/// A pulse this much lower during the trial than before it turns a keep into an adjust.
const PULSE_FALL: f64 = 0.5;

/// A trial due, as the decisions step shows it.
#[derive(Debug, Clone, Copy)]
pub struct TrialLine<'a> {
    pub trial: &'a Trial,
    pub proposed: Decision,
    /// The decision taken on the item at this check-in, when there is one.
    pub decided: Option<&'a ActionRecord>,
}

impl TrialLine<'_> {
    /// "3.8 (12 answers)", "not asked" (no question about it), "no check-in" (nothing on that
    /// side), or "withheld" (no pulse that may be shown).
    pub fn pulse_text(&self, side: &TrialSide) -> String {
        match side.pulse {
            Some(m) => format!("{m:.1} ({} answers)", side.answers),
            None if self.trial.item.questions.is_empty() => "not asked".into(),
            None if side.checkins == 0 => "no check-in".into(),
            None => "withheld".into(),
        }
    }
}

/// Keep when the trial held up (high adherence, or no worse than before), drop when it did not
/// take, adjust otherwise or when nothing was measured; a falling pulse never proposes keep.
pub fn propose(t: &Trial) -> Decision {
    let Some(during) = t.during.adherence else {
        return Decision::Adjust;
    };
    let before = t.before.adherence;
    let pulse_fell =
        matches!((t.before.pulse, t.during.pulse), (Some(b), Some(d)) if b - d >= PULSE_FALL);
    if during >= KEEP_AT || before.is_some_and(|b| during >= b) {
        if pulse_fell {
            Decision::Adjust
        } else {
            Decision::Keep
        }
    } else if during < DROP_BELOW {
        Decision::Drop
    } else {
        Decision::Adjust
    }
}

impl Session {
    /// The trials due at this check-in (`trial_until` on or before its date, undecided).
    pub fn trials(&self) -> Vec<TrialLine<'_>> {
        self.trials
            .iter()
            .map(|t| TrialLine {
                trial: t,
                proposed: propose(t),
                decided: self.decision(&t.item.item),
            })
            .collect()
    }

    /// Takes the proposed decision on a trial due, with a note (owner and due date kept).
    pub fn accept_proposal(&mut self, item: &str, note: &str) -> Result<Decision, Diagnostic> {
        let Some(t) = self.trials.iter().find(|t| t.item.item == item) else {
            return Err(Diagnostic::error(
                "no-trial",
                format!(
                    "\"{}\" is not a trial due at this check-in",
                    crate::text::sanitize_line(item)
                ),
            )
            .with_hint("decide on it in the decisions step instead"));
        };
        let d = propose(t);
        self.decide(item, d, note)?;
        Ok(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adherence::ItemKind;
    use crate::follow::TrialItem;

    fn trial(before: Option<f64>, during: Option<f64>, pulse: (Option<f64>, Option<f64>)) -> Trial {
        let side = |adherence, pulse: Option<f64>| TrialSide {
            checkins: 1,
            adherence,
            pulse,
            answers: if pulse.is_some() { 6 } else { 0 },
        };
        Trial {
            item: TrialItem {
                item: "coffee-pairing".into(),
                kind: ItemKind::Ritual,
                title: "Coffee".into(),
                started: "2026-10-01".parse().unwrap(),
                until: "2026-10-31".parse().unwrap(),
                questions: vec!["belonging".into()],
            },
            before: side(before, pulse.0),
            during: side(during, pulse.1),
        }
    }

    #[test]
    fn the_proposal_follows_adherence_and_a_falling_pulse() {
        assert_eq!(
            propose(&trial(None, Some(0.9), (None, None))),
            Decision::Keep
        );
        assert_eq!(
            propose(&trial(Some(0.6), Some(0.7), (None, None))),
            Decision::Keep
        );
        assert_eq!(
            propose(&trial(Some(0.8), Some(0.6), (None, None))),
            Decision::Adjust
        );
        assert_eq!(
            propose(&trial(None, Some(0.3), (None, None))),
            Decision::Drop
        );
        assert_eq!(propose(&trial(None, None, (None, None))), Decision::Adjust);
        assert_eq!(
            propose(&trial(None, Some(0.9), (Some(4.2), Some(3.5)))),
            Decision::Adjust
        );
    }

    #[test]
    fn the_pulse_shows_only_what_the_rules_show() {
        let t = trial(None, Some(0.9), (None, Some(3.84)));
        let line = TrialLine {
            trial: &t,
            proposed: propose(&t),
            decided: None,
        };
        assert_eq!(line.pulse_text(&t.before), "withheld");
        assert_eq!(line.pulse_text(&t.during), "3.8 (6 answers)");
        let mut t = t.clone();
        t.before.checkins = 0;
        let line = TrialLine {
            trial: &t,
            proposed: Decision::Keep,
            decided: None,
        };
        assert_eq!(line.pulse_text(&t.before), "no check-in");
        t.item.questions.clear();
        let line = TrialLine {
            trial: &t,
            proposed: Decision::Keep,
            decided: None,
        };
        assert_eq!(line.pulse_text(&t.before), "not asked");
    }
}
