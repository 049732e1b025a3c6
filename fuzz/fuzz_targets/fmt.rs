//! `accord fmt` on any valid file: the canonical form still parses, is still valid, means
//! the same (the same `show --format json` document, or the same serialised check-in or
//! settings) and is a fixed point of the formatter.
#![no_main]

use std::path::Path;

use accord::adherence::MinResponses;
use accord::diag::Diagnostic;
use accord::export;
use accord::model::{Agreement, CheckIn, FileKind, Settings};
use accord::parse::parse;
use accord::source::Source;
use accord::store::canonical::format;
use accord::validate::{VersionLookup, agreement_rules, checkin_rules, settings_rules};
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

const AGREEMENT: &str = "agreements/team/agreement.toml";
const CHECKIN: &str = "agreements/team/checkins/2026-11-17.toml";
const SETTINGS: &str = "agreements/accord.toml";

fuzz_target!(|bytes: &[u8]| {
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    roundtrip::<Agreement>(
        AGREEMENT,
        FileKind::Agreement,
        bytes,
        |src, a| agreement_rules(src, a, today),
        |a| export::json::agreement("team", a),
    );
    roundtrip::<CheckIn>(
        CHECKIN,
        FileKind::CheckIn,
        bytes,
        |src, c| {
            // The agreement is not known here: a version warning, then the check-in's own rules.
            checkin_rules(
                src,
                c,
                Some("2026-11-17"),
                VersionLookup::Missing { current: u32::MAX },
                MinResponses::default(),
            )
        },
        // The canonical form sorts the pulse (answer order must leak nothing): order is not meaning.
        |c| {
            let mut c = c.clone();
            if let Some(p) = &mut c.pulse {
                p.normalise();
            }
            serde_json::to_string(&c).unwrap()
        },
    );
    roundtrip::<Settings>(SETTINGS, FileKind::Settings, bytes, settings_rules, |s| {
        serde_json::to_string(s).unwrap()
    });
});

fn roundtrip<T: serde::de::DeserializeOwned>(
    path: &str,
    kind: FileKind,
    bytes: &[u8],
    rules: impl Fn(&Source, &T) -> Vec<Diagnostic>,
    meaning: impl Fn(&T) -> String,
) {
    let Ok(src) = Source::from_bytes(Path::new(path), bytes.to_vec()) else {
        return;
    };
    let Ok(before) = parse::<T>(&src) else {
        return;
    };
    let errors = |src: &Source, v: &T| -> Vec<String> {
        rules(src, v)
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.render_text())
            .collect()
    };
    let errors_before = errors(&src, &before);
    let formatted = format(&src.text, kind).expect("a file that parses has a canonical form");
    let out = Source::new(path, formatted.clone());
    let after = parse::<T>(&out).unwrap_or_else(|d| {
        panic!(
            "the canonical form no longer parses:\n{}\n{formatted}",
            d.render_text()
        )
    });
    assert_eq!(
        meaning(&before),
        meaning(&after),
        "fmt changed the meaning:\n{formatted}"
    );
    if errors_before.is_empty() {
        let errors_after = errors(&out, &after);
        assert!(
            errors_after.is_empty(),
            "a valid file is invalid after fmt:\n{}\n{formatted}",
            errors_after.join("")
        );
    }
    let again = format(&formatted, kind).expect("the canonical form formats");
    assert_eq!(again, formatted, "fmt is not idempotent");
}
