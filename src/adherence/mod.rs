//! Adherence: how well a team lived by its agreement, exactly as DESIGN.md defines it —
//! per item, per category, per check-in and over time — and the anonymous pulse, withheld
//! below the privacy threshold in every output.
//!
//! "Missed" (for drifting items) means measured and below 100%: a presence period with a day
//! under `min_attendance`, a ritual held fewer times than planned (planned > 0), a norm rated
//! partly or broken. A check-in that did not measure the item is passed over.

mod pulse;
mod score;
mod team;
mod trend;
mod versions;

pub use pulse::{
    Aggregate, Figures, Gap, MinResponses, PulseResult, QuestionFigures, Withheld, aggregate,
};
pub use score::{
    Categories, CheckinScores, Detail, DimensionScore, ItemKind, ItemScore, VersionProblem,
    day_met, mean, rating_value, score,
};
pub use team::{Suggestion, TeamAdherence, item_triple, kind_of, titles};
pub use trend::{
    Category, DRIFT_RUN, Drift, REVIEW_DUE_DAYS, Review, ReviewState, change, drifting,
    item_series, pulse_series, question_series, series,
};
pub use versions::Versions;
