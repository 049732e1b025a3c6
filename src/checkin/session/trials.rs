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
    /// "3.8 (12 answers)", "withheld" (questions about it, but no shown pulse), or "not asked".
    pub fn pulse_text(&self, side: &TrialSide) -> String {
        match side.pulse {
            Some(m) => format!("{m:.1} ({} answers)", side.answers),
            None if self.trial.item.questions.is_empty() => "not asked".into(),
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
