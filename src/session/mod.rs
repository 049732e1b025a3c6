//! Sessions that change a team's files, with no terminal code: the app's screens and the CLI
//! drive the same rules.

pub mod adopt;
pub mod autosave;
pub mod parking;
pub mod revision;

pub use parking::ParkingLot;

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
