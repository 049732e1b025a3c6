//! Parse and validate any bytes as each of Accord's three files, as `accord validate` does,
//! and render every diagnostic for a terminal, GitHub and GitLab: nothing may panic.
#![no_main]

use std::path::Path;

use accord::adherence::MinResponses;
use accord::diag::{Diagnostic, gitlab};
use accord::model::{Agreement, CheckIn, Settings};
use accord::parse::parse;
use accord::source::Source;
use accord::validate::{VersionLookup, agreement_rules, checkin_rules, settings_rules};
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let mut diags: Vec<Diagnostic> = Vec::new();
    let agreement = check(
        "agreements/team/agreement.toml",
        bytes,
        &mut diags,
        |src, a: &Agreement| agreement_rules(src, a, today),
    );
    let lookup = match &agreement {
        Some(a) => VersionLookup::Found(a),
        None => VersionLookup::NoAgreement,
    };
    check(
        "agreements/team/checkins/2026-11-17.toml",
        bytes,
        &mut diags,
        |src, c: &CheckIn| {
            checkin_rules(src, c, Some("2026-11-17"), lookup, MinResponses::default())
        },
    );
    check(
        "agreements/accord.toml",
        bytes,
        &mut diags,
        |src, s: &Settings| settings_rules(src, s),
    );
    for d in &diags {
        d.render_text();
        d.render_github();
    }
    let report = gitlab::report(&diags, |p| Some(p.display().to_string()));
    serde_json::from_str::<serde_json::Value>(&report).expect("the GitLab report is JSON");
});

fn check<T: serde::de::DeserializeOwned>(
    path: &str,
    bytes: &[u8],
    diags: &mut Vec<Diagnostic>,
    rules: impl FnOnce(&Source, &T) -> Vec<Diagnostic>,
) -> Option<T> {
    let src = match Source::from_bytes(Path::new(path), bytes.to_vec()) {
        Ok(s) => s,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    match parse::<T>(&src) {
        Ok(v) => {
            diags.extend(rules(&src, &v));
            Some(v)
        }
        Err(d) => {
            diags.push(d);
            None
        }
    }
}
