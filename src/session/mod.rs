//! Sessions that change a team's files, with no terminal code: the app's screens and the CLI
//! drive the same rules.

pub mod adopt;
pub mod autosave;
pub mod carried;
pub mod parking;
pub mod revision;
pub mod trials;

pub use carried::{Carried, CarriedTopic, Choice, ParkedWhen};
pub use parking::ParkingLot;
pub use trials::{Settled, coverage, default_trial_until, end_trial, settle_trials, try_new_items};

/// The bundled payments agreement, for the tests of the sessions.
#[cfg(test)]
pub(crate) fn example_payments() -> crate::model::Agreement {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/agreements/payments/agreement.toml"
    ))
    .unwrap();
    crate::parse::parse(&crate::source::Source::new("p.toml", text)).unwrap()
}
