//! The agreement as one self-contained web page: its document (`doc::agreement_doc`) in the
//! page `render::html` makes. Same content as the Markdown export.

use crate::doc::agreement_doc;
use crate::model::Agreement;
use crate::render::html;

pub use crate::render::html::escape;

pub fn agreement(a: &Agreement) -> String {
    let footer = format!(
        "{} team agreement, version {} ({}). Kept with Accord.",
        a.team, a.version, a.status
    );
    html::page(&agreement_doc(a, None), &footer)
}
