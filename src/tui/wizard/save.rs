//! What Save hands to git. The rules of what Save writes (version, status, adoption and review
//! dates, consent) live in the library, [`accord::session::revision`], where the CLI uses them too.

use std::path::Path;

use accord::model::Agreement;
pub use accord::session::revision::{Final, count, finalise_with, fingerprint};
use accord::session::{Carried, ParkingLot};

/// Where a successful save hands off to git: commit the agreement file, and only it, with a
/// message that says what happened (`payments: adopt agreement v4`), the changes against the
/// version saved before, and the consent round as trailers. The worker decides whether there is a
/// repository and whether committing is on.
pub fn after_save(path: &Path, message: String) -> Vec<crate::tui::action::Effect> {
    vec![crate::tui::action::Effect::Commit {
        files: vec![path.to_path_buf()],
        message,
    }]
}

/// The message of the commit after a save: the changes against `previous`, the parking lot
/// kept (`lot`), and the topics parked last time that this revision took up.
pub fn commit_message(
    team: &str,
    previous: Option<&Agreement>,
    saved: &Agreement,
    lot: &ParkingLot,
    carried: &Carried,
) -> String {
    use accord::diff::{AgreementDiff, diff_agreements};
    let diff = match previous {
        Some(p) => diff_agreements(p, saved),
        None => AgreementDiff::created(saved),
    };
    accord::git::message::agreement_with(team, saved, &diff, lot, &carried.taken_up())
}
