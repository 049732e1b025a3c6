//! Hostile files (issue 10): validation stays linear and its output bounded. No timing is
//! asserted (tests never depend on wall-clock speed; `scripts/bench-hostile.sh` measures):
//! what is checked is that each rule reports at most `MAX_PER_RULE` findings and one
//! "and K more", and that a hostile value is not echoed whole.

use std::collections::HashMap;
use std::path::Path;

use accord::diag::Diagnostic;
use accord::validate::{MAX_PER_RULE, NoHistory, validate_paths};

const HEAD: &str = "schema = 1\nteam = \"Hostile\"\nversion = 1\nstatus = \"active\"\nadopted = 2026-01-05\nreview_by = 2026-12-01\n\n[[members]]\nname = \"Ana\"\n\n";

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

fn validate(root: &Path) -> Vec<Diagnostic> {
    validate_paths(&[root.to_path_buf()], today(), &NoHistory)
        .unwrap()
        .diagnostics
}

fn per_code(diags: &[Diagnostic]) -> HashMap<&'static str, usize> {
    let mut m = HashMap::new();
    for d in diags {
        *m.entry(d.code).or_default() += 1;
    }
    m
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// The "and K more" diagnostic of a rule, with its K.
fn more(diags: &[Diagnostic], code: &str) -> usize {
    let d = diags
        .iter()
        .find(|d| d.code == code && d.message.starts_with("and "))
        .unwrap_or_else(|| panic!("no \"and K more\" for {code}: {diags:#?}"));
    d.message["and ".len()..]
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn a_150_000_entry_days_array_gives_twenty_findings_and_one_more() {
    let root = tempfile::tempdir().unwrap();
    let days = vec!["\"mon\""; 150_000].join(",");
    let text = format!("{HEAD}[presence]\ndays = [{days}]\n");
    assert!(text.len() < 1024 * 1024);
    write(root.path(), "hostile/agreement.toml", &text);
    let diags = validate(root.path());
    let counts = per_code(&diags);
    assert_eq!(counts["duplicate-day"], MAX_PER_RULE + 1, "{counts:?}");
    assert_eq!(more(&diags, "duplicate-day"), 150_000 - 1 - MAX_PER_RULE);
    // Each finding keeps an excerpt of the 900 KB line, not the line.
    for d in &diags {
        let line = d.location.as_ref().and_then(|l| l.source_line.as_ref());
        assert!(line.is_none_or(|l| l.chars().count() <= 102), "{}", d.code);
    }
    // And the text rendering is short.
    let rendered: usize = diags.iter().map(|d| d.render_text().len()).sum();
    assert!(rendered < 20_000, "{rendered} bytes of diagnostics");
}

#[test]
fn nineteen_thousand_duplicate_presence_entries_in_a_check_in() {
    let root = tempfile::tempdir().unwrap();
    write(
        root.path(),
        "hostile/agreement.toml",
        &format!(
            "{HEAD}[presence]\ndays = [\"mon\"]\n\n[[consent]]\nitem = \"presence\"\nagree = 1\nconcerns = 0\nobjections = 0\n"
        ),
    );
    let mut c = String::from(
        "schema = 1\ndate = 2026-01-26\nfrom = 2026-01-05\nto = 2026-01-25\nagreement_version = 1\n",
    );
    for _ in 0..19_000 {
        c.push_str("[[presence]]\ndate=2026-01-05\npresent=1\nexpected=1\n");
    }
    write(root.path(), "hostile/checkins/2026-01-26.toml", &c);
    let diags = validate(root.path());
    let counts = per_code(&diags);
    assert!(counts.contains_key("duplicate-day"), "{diags:#?}");
    assert_eq!(counts["duplicate-day"], MAX_PER_RULE + 1, "{counts:?}");
    assert_eq!(more(&diags, "duplicate-day"), 19_000 - 1 - MAX_PER_RULE);
    assert!(diags.len() < 100, "{counts:?}");
}

#[test]
fn eight_thousand_rituals_give_bounded_warnings() {
    let root = tempfile::tempdir().unwrap();
    let mut text = String::from(HEAD);
    for i in 0..8_000 {
        text.push_str(&format!(
            "[[rituals]]\nid = \"r{i}\"\nname = \"R\"\ncadence = \"weekly\"\nday = \"mon\"\n\n"
        ));
    }
    write(root.path(), "hostile/agreement.toml", &text);
    let diags = validate(root.path());
    let counts = per_code(&diags);
    for code in ["no-owner", "no-consent"] {
        assert_eq!(counts[code], MAX_PER_RULE + 1, "{counts:?}");
        assert_eq!(more(&diags, code), 8_000 - MAX_PER_RULE);
    }
}

#[test]
fn a_megabyte_time_zone_name_gets_no_suggestion_and_is_not_echoed_whole() {
    let root = tempfile::tempdir().unwrap();
    let zone = "Europe/".to_string() + &"x".repeat(1_000_000);
    write(
        root.path(),
        "hostile/agreement.toml",
        &format!(
            "schema = 1\nteam = \"T\"\nversion = 1\nstatus = \"draft\"\ntimezone = \"{zone}\"\n"
        ),
    );
    let diags = validate(root.path());
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let text = diags[0].render_text();
    assert!(text.contains("unknown time zone"), "{text}");
    assert!(!text.contains("did you mean"), "{text}");
    assert!(text.len() < 2_000, "{} bytes", text.len());
}

#[test]
fn a_plausible_typo_of_a_zone_still_gets_its_suggestion() {
    let root = tempfile::tempdir().unwrap();
    write(
        root.path(),
        "t/agreement.toml",
        "schema = 1\nteam = \"T\"\nversion = 1\nstatus = \"draft\"\ntimezone = \"Europe/Brusels\"\n",
    );
    let diags = validate(root.path());
    assert!(
        diags[0]
            .render_text()
            .contains("did you mean \"Europe/Brussels\""),
        "{}",
        diags[0].render_text()
    );
}

#[test]
fn an_escape_is_reported_even_when_the_file_does_not_parse() {
    let root = tempfile::tempdir().unwrap();
    // An escape in `team`, and a syntax error further down.
    write(
        root.path(),
        "t/agreement.toml",
        "schema = 1\nteam = \"Evil \\u001b]52;c;aGk=\\u0007\"\nversion = 1\nstatus = = \"draft\"\n",
    );
    let diags = validate(root.path());
    let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
    assert!(codes.contains(&"control-character"), "{codes:?}");
    assert!(codes.len() >= 2, "the syntax error too: {codes:?}");
    // Valid TOML that is not a valid agreement (a wrong type) is checked for escapes too.
    write(
        root.path(),
        "t/agreement.toml",
        "schema = 1\nteam = \"Evil \\u001b[2J\"\nversion = \"one\"\nstatus = \"draft\"\n",
    );
    let codes: Vec<&str> = validate(root.path()).iter().map(|d| d.code).collect();
    assert!(codes.contains(&"control-character"), "{codes:?}");
    assert!(codes.contains(&"wrong-type"), "{codes:?}");
}
