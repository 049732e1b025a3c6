//! JSON for scripts and bots: the documented, stable shapes.

use serde::Serialize;

use crate::model::Agreement;

/// `accord show TEAM --format json` and `accord export TEAM --format json`.
#[derive(Serialize)]
pub struct AgreementDoc<'a> {
    /// [`crate::render::json::FORMAT`].
    pub format: u32,
    /// The team's slug (its folder name).
    pub team: &'a str,
    pub agreement: &'a Agreement,
}

pub fn agreement(slug: &str, a: &Agreement) -> String {
    crate::render::json::to_string_pretty(&AgreementDoc {
        format: crate::render::json::FORMAT,
        team: slug,
        agreement: a,
    })
}
