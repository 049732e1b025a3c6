//! The agreement as plain text, safe for any terminal: its document (`doc::agreement_doc`)
//! as the text renderer draws it.

use crate::doc::agreement_doc;
use crate::model::Agreement;
use crate::render::text;

pub fn agreement(a: &Agreement) -> String {
    text::render(&agreement_doc(a, None))
}
