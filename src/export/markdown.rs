//! Markdown that renders well on a forge: headings, short tables, no raw TOML.

use std::fmt::Write as _;

use crate::describe;
use crate::model::{Agreement, PRESENCE_ITEM};

pub use crate::render::markdown::escape;

pub fn agreement(a: &Agreement) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# {} — team agreement\n", escape(&a.team));
    let mut facts = vec![format!("**Version {}**", a.version), a.status.to_string()];
    if let Some(d) = a.adopted {
        facts.push(format!("adopted {d}"));
    }
    if let Some(d) = a.review_by {
        facts.push(format!("review by {d}"));
    }
    if let Some(tz) = &a.timezone {
        facts.push(format!("times in {tz}"));
    }
    let _ = writeln!(o, "{}\n", facts.join(" · "));
    if let Some(p) = &a.purpose {
        let _ = writeln!(o, "> {}\n", escape(p));
    }
    if !a.members.is_empty() {
        let _ = writeln!(o, "## Members\n\n| Name | Role | Works |\n|---|---|---|");
        for m in &a.members {
            let _ = writeln!(
                o,
                "| {} | {} | {} |",
                escape(&m.name),
                m.role.as_deref().map(escape).unwrap_or_default(),
                m.mode.map(describe::work_mode).unwrap_or("")
            );
        }
        o.push('\n');
    }
    if let Some(p) = &a.presence {
        let _ = writeln!(o, "## Presence\n");
        let _ = writeln!(o, "- **Days:** {}", describe::days(&p.days));
        if let Some(h) = describe::core_hours(p) {
            let _ = writeln!(o, "- **Core hours:** {h}");
        }
        if !p.days.is_empty() {
            let _ = writeln!(o, "- **Attendance:** {}", describe::attendance(p));
        }
        if let Some(s) = &p.space {
            let _ = writeln!(o, "- **Space:** {}", escape(s));
        }
        if let Some(n) = &p.note {
            let _ = writeln!(o, "- **Note:** {}", escape(n));
        }
        consent(&mut o, a, PRESENCE_ITEM);
        o.push('\n');
    }
    if !a.rituals.is_empty() {
        let _ = writeln!(o, "## Rituals\n");
        for r in &a.rituals {
            let _ = writeln!(o, "### {}\n", escape(&r.name));
            let mut line = describe::schedule(r);
            if let Some(owner) = &r.owner {
                line.push_str(&format!(" · owner {}", escape(owner)));
            }
            let _ = writeln!(o, "*{line}*  ");
            let _ = writeln!(o, "`{}`\n", r.id);
            if let Some(p) = &r.purpose {
                let _ = writeln!(o, "{}\n", escape(p));
            }
            consent(&mut o, a, r.id.as_str());
            o.push('\n');
        }
    }
    if !a.norms.is_empty() {
        let _ = writeln!(
            o,
            "## Norms\n\n| Norm | Area | How we will know |\n|---|---|---|"
        );
        for n in &a.norms {
            let _ = writeln!(
                o,
                "| {} <br>`{}` | {} | {} |",
                escape(&n.text),
                n.id,
                n.area.map(|x| x.to_string()).unwrap_or_default(),
                n.signal.as_deref().map(escape).unwrap_or_default()
            );
        }
        o.push('\n');
    }
    while o.ends_with("\n\n") {
        o.pop();
    }
    o
}

fn consent(o: &mut String, a: &Agreement, item: &str) {
    if let Some(c) = a.consent_for(item) {
        // A paragraph of its own: right after a list it would read as part of the last item.
        if !o.ends_with("\n\n") {
            o.push('\n');
        }
        let _ = writeln!(o, "Consent: {}", describe::consent(c));
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Agreement;
    use crate::source::Source;

    #[test]
    fn every_consent_line_is_a_paragraph_of_its_own() {
        let text = include_str!("../../agreements/payments/agreement.toml");
        let a: Agreement = crate::parse::parse(&Source::new("agreement.toml", text)).unwrap();
        let md = super::agreement(&a);
        assert!(
            md.contains(
                "the Tuesday stand-up.\n\nConsent: 5 agree · 1 concern · 0 objections\n\n## Rituals"
            ),
            "{md}"
        );
        let lines: Vec<&str> = md.lines().collect();
        let consents = (1..lines.len()).filter(|&i| lines[i].starts_with("Consent: "));
        assert_eq!(consents.clone().count(), 5, "presence and four rituals");
        for i in consents {
            assert_eq!(lines[i - 1], "", "a blank line before {:?}", lines[i]);
        }
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            super::escape("a|b <i>x</i> *y*"),
            "a\\|b \\<i\\>x\\</i\\> \\*y\\*"
        );
    }
}
