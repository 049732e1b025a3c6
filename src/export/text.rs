//! The plain rendering of an agreement: aligned, grouped by section, safe for any terminal.

use std::fmt::Write as _;

use crate::describe;
use crate::model::Agreement;
use crate::text::sanitize_line as clean;

const WIDTH: usize = 80;

pub fn agreement(a: &Agreement) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{} — team agreement v{} ({})",
        clean(&a.team),
        a.version,
        a.status
    );
    let mut facts = Vec::new();
    if let Some(d) = a.adopted {
        facts.push(format!("adopted {d}"));
    }
    if let Some(d) = a.review_by {
        facts.push(format!("review by {d}"));
    }
    if let Some(tz) = &a.timezone {
        facts.push(format!("times in {tz}"));
    }
    if !facts.is_empty() {
        let _ = writeln!(o, "{}", facts.join(" · "));
    }
    if let Some(p) = &a.purpose {
        section(&mut o, "Purpose");
        para(&mut o, p, "  ");
    }
    if !a.members.is_empty() {
        section(&mut o, &format!("Members ({})", a.members.len()));
        let rows: Vec<[String; 4]> = a
            .members
            .iter()
            .map(|m| {
                [
                    clean(&m.name).into_owned(),
                    m.role
                        .as_deref()
                        .map(|r| clean(r).into_owned())
                        .unwrap_or_default(),
                    m.mode.map(describe::work_mode).unwrap_or("").to_string(),
                    m.timezone
                        .as_ref()
                        .map(|t| t.to_string())
                        .unwrap_or_default(),
                ]
            })
            .collect();
        table(&mut o, &rows);
    }
    if let Some(p) = &a.presence {
        section(&mut o, "Presence");
        let mut rows = vec![["Days".to_string(), describe::days(&p.days)]];
        if let Some(h) = describe::core_hours(p) {
            rows.push(["Core hours".into(), h]);
        }
        if !p.days.is_empty() {
            rows.push(["Attendance".into(), describe::attendance(p)]);
        }
        if let Some(s) = &p.space {
            rows.push(["Space".into(), clean(s).into_owned()]);
        }
        fields(&mut o, &rows);
        if let Some(n) = &p.note {
            para(&mut o, n, "  ");
        }
        consent_line(&mut o, a, crate::model::PRESENCE_ITEM);
    }
    if !a.rituals.is_empty() {
        section(&mut o, &format!("Rituals ({})", a.rituals.len()));
        for (i, r) in a.rituals.iter().enumerate() {
            if i > 0 {
                o.push('\n');
            }
            let _ = writeln!(o, "  {}  [{}]", clean(&r.name), r.id);
            let mut rows = vec![["When".to_string(), describe::schedule(r)]];
            if let Some(owner) = &r.owner {
                rows.push(["Owner".into(), clean(owner).into_owned()]);
            }
            fields_indented(&mut o, &rows, "    ");
            if let Some(p) = &r.purpose {
                para(&mut o, p, "    ");
            }
            consent_line_indented(&mut o, a, r.id.as_str(), "    ");
        }
    }
    if !a.norms.is_empty() {
        section(&mut o, &format!("Norms ({})", a.norms.len()));
        for (i, n) in a.norms.iter().enumerate() {
            if i > 0 {
                o.push('\n');
            }
            let area = n.area.map(|x| format!(" ({x})")).unwrap_or_default();
            let _ = writeln!(o, "  [{}]{area}", n.id);
            para(&mut o, &n.text, "    ");
            if let Some(s) = &n.signal {
                para(&mut o, s, "    ");
            }
            consent_line_indented(&mut o, a, n.id.as_str(), "    ");
        }
    }
    o
}

fn section(o: &mut String, title: &str) {
    let _ = write!(o, "\n{title}\n");
}

fn para(o: &mut String, text: &str, indent: &str) {
    let text = clean(text);
    let opts = textwrap::Options::new(WIDTH)
        .initial_indent(indent)
        .subsequent_indent(indent);
    for line in textwrap::wrap(&text, opts) {
        let _ = writeln!(o, "{line}");
    }
}

fn fields(o: &mut String, rows: &[[String; 2]]) {
    fields_indented(o, rows, "  ");
}

fn fields_indented(o: &mut String, rows: &[[String; 2]], indent: &str) {
    let w = rows.iter().map(|r| r[0].chars().count()).max().unwrap_or(0);
    for [k, v] in rows {
        let _ = writeln!(o, "{indent}{k:<w$}  {v}");
    }
}

fn table(o: &mut String, rows: &[[String; 4]]) {
    let widths: Vec<usize> = (0..4)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    for r in rows {
        let mut line = String::from("  ");
        for (c, cell) in r.iter().enumerate() {
            let _ = write!(line, "{cell:<w$}  ", w = widths[c]);
        }
        let _ = writeln!(o, "{}", line.trim_end());
    }
}

fn consent_line(o: &mut String, a: &Agreement, item: &str) {
    consent_line_indented(o, a, item, "  ");
}

fn consent_line_indented(o: &mut String, a: &Agreement, item: &str, indent: &str) {
    if let Some(c) = a.consent_for(item) {
        let _ = writeln!(o, "{indent}Consent: {}", describe::consent(c));
    }
}
