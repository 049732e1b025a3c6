//! Recording a check-in: the default period, a check-in pre-filled from the agreement, the
//! draft `accord import-presence` writes, the anonymous pulse round, and saving. The app's
//! check-in screens draw a [`Session`] and edit it through its methods.

mod in_force;
mod prepare;
mod session;

pub use crate::pulse::{HiddenEntry, HiddenView, MAX_COMMENT_CHARS, PulseRound};
pub use in_force::{InForce, Revisions};
pub use prepare::{
    Period, default_period, derived_planned, expected_on_presence_day, prefill, resolve_period,
};
pub use session::{
    DecisionError, FollowupLine, PeriodChoice, RitualLine, Session, Step, ToSave, TrialLine,
    Unanswered, propose,
};
