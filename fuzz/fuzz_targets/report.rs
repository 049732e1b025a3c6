//! `accord report` over a workspace of one team whose agreement and check-in are the input
//! (split at the first 0xFF byte, which no UTF-8 text holds): building it and rendering it
//! as text, Markdown and JSON never panics, no rendering holds an unsafe character (the
//! files may hold any), and the JSON parses.
#![no_main]

use std::path::PathBuf;
use std::sync::LazyLock;

use accord::render::is_safe;
use accord::report::{self, text::Options};
use accord::store::Workspace;
use accord::validate::NoHistory;
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

/// One folder for the whole run: each input overwrites the two files.
static DIR: LazyLock<tempfile::TempDir> =
    LazyLock::new(|| tempfile::tempdir().expect("a temporary folder"));

fuzz_target!(|bytes: &[u8]| {
    let (agreement, checkin) = match bytes.iter().position(|b| *b == 0xFF) {
        Some(i) => (&bytes[..i], &bytes[i + 1..]),
        None => (bytes, &[][..]),
    };
    let root: PathBuf = DIR.path().join("agreements");
    let checkins = root.join("team").join("checkins");
    std::fs::create_dir_all(&checkins).unwrap();
    std::fs::write(root.join("team").join("agreement.toml"), agreement).unwrap();
    std::fs::write(checkins.join("2026-11-17.toml"), checkin).unwrap();
    let ws = Workspace::new(&root);
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let Ok(r) = report::build(&ws, None, today, &NoHistory) else {
        return;
    };
    let text = report::text::render(&r, Options { last: None });
    let md = report::markdown::render(&r, Options { last: Some(2) });
    let json = report::json::render(&r);
    for (what, out) in [("text", &text), ("markdown", &md), ("json", &json)] {
        assert!(
            is_safe(out),
            "the {what} report holds an unsafe character:\n{out}"
        );
    }
    serde_json::from_str::<serde_json::Value>(&json).expect("the report is JSON");
});
