//! The agreement as Markdown that renders well on a forge: its document
//! (`doc::agreement_doc`) as a page of headings and lists, no raw TOML.

use crate::doc::agreement_doc;
use crate::model::Agreement;
use crate::render::markdown;

pub use crate::render::markdown::escape;

pub fn agreement(a: &Agreement) -> String {
    markdown::page(&agreement_doc(a, None))
}

#[cfg(test)]
mod tests {
    use crate::model::Agreement;
    use crate::source::Source;

    /// The presence note and its consent are list items of their own: the consent never
    /// renders inside the note's bullet (issue 12's defect), nor any other item's.
    #[test]
    fn every_consent_line_is_an_item_of_its_own() {
        let text = include_str!("../../agreements/payments/agreement.toml");
        let a: Agreement = crate::parse::parse(&Source::new("agreement.toml", text)).unwrap();
        let md = super::agreement(&a);
        assert!(
            md.contains(
                "agreed at the Tuesday stand-up.\n- Dimension: place (derived from the space)\n\
                 - Consent: 5 agree · 1 concern · 0 objections\n\n## Rituals"
            ),
            "{md}"
        );
        let lines: Vec<&str> = md.lines().collect();
        let consents: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].trim_start().starts_with("- Consent: "))
            .collect();
        assert_eq!(consents.len(), 9, "presence, four rituals, four norms");
        for i in consents {
            assert!(
                lines[i - 1].trim_start().starts_with("- "),
                "{:?}",
                lines[i - 1]
            );
        }
        assert!(
            !md.lines()
                .any(|l| l.contains("Consent:") && !l.trim_start().starts_with("- Consent:"))
        );
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            super::escape("a|b <i>x</i> *y*"),
            "a\\|b \\<i\\>x\\</i\\> \\*y\\*"
        );
    }
}
