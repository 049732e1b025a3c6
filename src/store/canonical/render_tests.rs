//! `render` over a plain file by the line writer writes what the document path writes.

use serde::Serialize;

use super::fast::tests::{fixtures, variants};
use super::{render, render_document};
use crate::model::{Agreement, CheckIn, FileKind, Settings};

/// Both paths of `render` on `model` over `text`; whether the line writer took it.
fn both<T: Serialize>(model: &T, kind: FileKind, text: &str, what: &str) -> bool {
    let json = serde_json::to_value(model).unwrap();
    let plain = super::render_plain(&json, kind, text).is_some();
    let slow = render_document(json, kind, Some(text));
    assert_eq!(render(model, kind, Some(text)), slow, "{what}:\n{text}");
    plain
}

/// Each model the text parses to, and changed forms: a check-in's schema upgraded (or
/// downgraded), an agreement's version raised, one nested value changed.
fn cases(kind: FileKind, text: &str, what: &str) -> (usize, usize) {
    let (mut plain, mut all) = (0, 0);
    let mut count = |p: bool| {
        all += 1;
        plain += usize::from(p);
    };
    match kind {
        FileKind::CheckIn => {
            let Ok(c) = toml::from_str::<CheckIn>(text) else {
                return (0, 0);
            };
            count(both(&c, kind, text, what));
            let mut up = c.clone();
            up.schema = if c.schema == 1 { CheckIn::SCHEMA } else { 1 };
            count(both(&up, kind, text, what));
            let mut nested = c.clone();
            if let Some(p) = nested.presence.first_mut() {
                p.present += 1;
                count(both(&nested, kind, text, what));
            }
        }
        FileKind::Agreement => {
            let Ok(a) = toml::from_str::<Agreement>(text) else {
                return (0, 0);
            };
            count(both(&a, kind, text, what));
            let mut up = a.clone();
            up.version += 1;
            count(both(&up, kind, text, what));
        }
        FileKind::Settings => {
            let Ok(s) = toml::from_str::<Settings>(text) else {
                return (0, 0);
            };
            count(both(&s, kind, text, what));
        }
    }
    (plain, all)
}

#[test]
fn the_line_writer_renders_what_the_document_path_renders_on_every_fixture_and_variant() {
    let (mut plain, mut all) = (0, 0);
    for (path, kind, text) in fixtures() {
        for v in variants(&text) {
            // The schema 1 form of every check-in too: what `fmt` upgrades.
            let old = v.replacen("schema = 2", "schema = 1", 1);
            for t in [v.clone(), old] {
                let (p, a) = cases(kind, &t, &path.display().to_string());
                plain += p;
                all += a;
            }
        }
    }
    // Both paths are exercised.
    assert!(plain >= 40, "plain {plain} of {all}");
    assert!(all - plain > 100, "plain {plain} of {all}");
}

#[test]
fn upgrades_many_duplicate_presence_days_and_declines_blank_lines_render_would_drop() {
    let head = "schema = 1\ndate = 2026-01-26\nfrom = 2026-01-05\nto = 2026-01-25\n\
                agreement_version = 1\n";
    let text = format!(
        "{head}{}",
        "[[presence]]\ndate=2026-01-05\npresent=1\n\nexpected=1\n".repeat(300)
    );
    let mut c: CheckIn = toml::from_str(&text).unwrap();
    c.schema = CheckIn::SCHEMA;
    assert!(both(&c, FileKind::CheckIn, &text, "presence"));
    // An entry without its identity key is written afresh by the document path, without the
    // blank line inside it: the line writer declines it.
    let wins = format!("{head}\n[[wins]]\ntext = \"Shipped\"\n\nitem = \"presence\"\n");
    let Ok(mut c) = toml::from_str::<CheckIn>(&wins) else {
        panic!("a check-in with a win: {wins}");
    };
    c.schema = CheckIn::SCHEMA;
    assert!(!both(&c, FileKind::CheckIn, &wins, "wins"));
    // A key the model does not write again (an empty list) is dropped by the document path.
    let empty = format!("{head}norms = []\n");
    let mut c: CheckIn = toml::from_str(&empty).unwrap();
    c.schema = CheckIn::SCHEMA;
    assert!(!both(&c, FileKind::CheckIn, &empty, "empty"));
}
