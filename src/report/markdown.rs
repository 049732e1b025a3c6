//! `accord report --format md`: [`report_doc`](crate::doc::report_doc) rendered for a forge
//! (headings, GFM tables and lists; text from files is inert).

use super::Report;
use super::text::Options;

pub fn render(r: &Report, opts: Options) -> String {
    crate::render::markdown::page(&crate::doc::report_doc(r, opts))
}
