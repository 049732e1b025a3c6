//! The agreement as plain text, safe for any terminal: its document (`doc::agreement_doc`)
//! as the text renderer draws it.

use crate::doc::agreement_doc;
use crate::model::Agreement;
use crate::render::text;

/// Wide enough for any terminal, narrow enough to read.
const WIDTH: usize = 80;

pub fn agreement(a: &Agreement) -> String {
    text::wrapped(&agreement_doc(a, None), WIDTH)
}
