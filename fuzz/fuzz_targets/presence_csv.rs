//! The presence CSV import: any bytes are read without panicking, counted against a real
//! agreement (no day counts more people than the team has), and every diagnostic renders
//! to terminal-safe text.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use accord::checkin::Period;
use accord::import::presence;
use accord::model::Agreement;
use accord::parse::parse;
use accord::render::is_safe;
use accord::source::Source;
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

static AGREEMENT: LazyLock<Agreement> = LazyLock::new(|| {
    let text = include_str!("../../tests/fixtures/valid/platform/agreement.toml");
    parse(&Source::new("platform/agreement.toml", text)).expect("the fixture parses")
});

fuzz_target!(|bytes: &[u8]| {
    let path = Path::new("export.csv");
    let csv = match presence::read(path, bytes) {
        Ok(csv) => csv,
        Err(d) => {
            assert!(is_safe(&d.render_text()), "{}", d.render_text());
            return;
        }
    };
    for b in &csv.bad {
        let text = b.diagnostic(path, true).render_text();
        assert!(is_safe(&text), "{text}");
    }
    let from = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    let counts = presence::count(&csv, &AGREEMENT, Period::new(from, to).unwrap());
    // Only members count, each once a day.
    for d in &counts.days {
        assert!(d.present as usize <= AGREEMENT.members.len(), "{d:?}");
    }
});
