//! Canonical form: comments survive, formatting is idempotent, one changed value is one changed line.

use accord::model::{Agreement, CheckIn, FileKind};
use accord::parse::parse;
use accord::source::Source;
use accord::store::canonical::{format, render};

const DESIGN_EXAMPLE: &str = include_str!("../fixtures/valid/platform/agreement.toml");

fn agreement(text: &str) -> Agreement {
    parse(&Source::new("agreement.toml", text)).unwrap()
}

#[test]
fn commented_canonical_file_is_kept_byte_for_byte() {
    assert_eq!(
        format(DESIGN_EXAMPLE, FileKind::Agreement).unwrap(),
        DESIGN_EXAMPLE
    );
    let checkin = include_str!("../fixtures/valid/platform/checkins/2026-12-03.toml");
    assert_eq!(format(checkin, FileKind::CheckIn).unwrap(), checkin);
}

#[test]
fn messy_file_becomes_canonical_and_keeps_its_comments() {
    let messy = r#"# Our agreement
status = 'active'   # adopted at the offsite
schema = 1
team = "Payments"
version = 0x2
  adopted = 2026-11-02
review_by = 2026-12-14
[[norms]]
text = "Cameras optional."
id = "cameras"


# Presence matters most.
[presence]
min_attendance = 0.80
days = [ "tue","thu" ]
[[members]]
name = "Ana"
[[rituals]]
name = "Demo"
cadence = "weekly"
id = "demo"
day = "thu"
time = 15:00:00
"#;
    let expected = r#"# Our agreement
schema = 1
team = "Payments"
version = 2
status = "active"   # adopted at the offsite
adopted = 2026-11-02
review_by = 2026-12-14

[[members]]
name = "Ana"

# Presence matters most.
[presence]
days = ["tue", "thu"]
min_attendance = 0.8

[[rituals]]
id = "demo"
name = "Demo"
cadence = "weekly"
day = "thu"
time = 15:00:00

[[norms]]
id = "cameras"
text = "Cameras optional."
"#;
    let formatted = format(messy, FileKind::Agreement).unwrap();
    assert_eq!(formatted, expected);
    assert_eq!(
        agreement(&formatted),
        agreement(messy),
        "formatting never changes meaning"
    );
    assert_eq!(
        format(&formatted, FileKind::Agreement).unwrap(),
        formatted,
        "idempotent"
    );
}

#[test]
fn inline_and_dotted_forms_become_tables() {
    let text = "schema = 1\nteam = \"T\"\nversion = 1\nstatus = \"draft\"\npresence = { days = [\"mon\"] }\nmembers = [{ name = \"A\" }, { name = \"B\", role = \"lead\" }]\n";
    let formatted = format(text, FileKind::Agreement).unwrap();
    assert_eq!(
        formatted,
        "schema = 1\nteam = \"T\"\nversion = 1\nstatus = \"draft\"\n\n[[members]]\nname = \"A\"\n\n[[members]]\nname = \"B\"\nrole = \"lead\"\n\n[presence]\ndays = [\"mon\"]\n"
    );
    assert_eq!(agreement(&formatted), agreement(text));
}

#[test]
fn changing_one_value_changes_one_line() {
    let mut a = agreement(DESIGN_EXAMPLE);
    a.rituals[0].time = Some(accord::model::Time("16:30".parse().unwrap()));
    let written = render(&a, FileKind::Agreement, Some(DESIGN_EXAMPLE));
    let diff = similar::TextDiff::from_lines(DESIGN_EXAMPLE, &written);
    let changed: Vec<String> = diff
        .iter_all_changes()
        .filter(|c| c.tag() != similar::ChangeTag::Equal)
        .map(|c| format!("{}{}", c.tag(), c.value()))
        .collect();
    assert_eq!(changed, vec!["-time = 15:00:00\n", "+time = 16:30:00\n"]);
}

#[test]
fn removing_and_adding_items_keeps_the_other_comments() {
    let mut a = agreement(DESIGN_EXAMPLE);
    a.rituals.retain(|r| r.id.as_str() != "weekly-demo");
    a.consent.retain(|c| c.item != "weekly-demo");
    a.norms.push(accord::model::Norm {
        id: "focus-time".parse().unwrap(),
        area: Some(accord::model::NormArea::Focus),
        text: "Mornings are for focus.".into(),
        signal: None,
        trial_until: None,
        dimension: None,
    });
    let written = render(&a, FileKind::Agreement, Some(DESIGN_EXAMPLE));
    assert!(
        written.contains("# Added after the first check-in.\n[[rituals]]\nid = \"retro\""),
        "{written}"
    );
    assert!(written.contains("days = [\"tue\", \"thu\"]\ncore_hours = { start = 10:00:00, end = 15:00:00 }\nmin_attendance = 0.8              # share of members"));
    assert!(written.contains(
        "[[norms]]\nid = \"focus-time\"\narea = \"focus\"\ntext = \"Mornings are for focus.\"\n"
    ));
    assert!(!written.contains("weekly-demo"));
    assert_eq!(agreement(&written), a);
}

#[test]
fn checkin_pulse_is_stored_sorted() {
    let text = "schema = 1\ndate = 2026-11-18\nfrom = 2026-11-04\nto = 2026-11-17\nagreement_version = 1\n\n[pulse]\nscores = [5, 2, 4]\ncomments = [\"b\", \"a\"]\n";
    let formatted = format(text, FileKind::CheckIn).unwrap();
    assert!(
        formatted.ends_with("[pulse]\nscores = [2, 4, 5]\ncomments = [\"a\", \"b\"]\n"),
        "{formatted}"
    );
    let c: CheckIn = parse(&Source::new("2026-11-18.toml", formatted.as_str())).unwrap();
    assert_eq!(c.pulse.unwrap().scores, vec![2, 4, 5]);
}

#[test]
fn new_file_from_a_model_is_canonical() {
    let a = agreement(DESIGN_EXAMPLE);
    let fresh = render(&a, FileKind::Agreement, None);
    assert_eq!(format(&fresh, FileKind::Agreement).unwrap(), fresh);
    assert_eq!(agreement(&fresh), a);
    assert!(fresh.starts_with(
        "schema = 1\nteam = \"Platform\"\nversion = 4\nstatus = \"active\"\nadopted = 2026-11-20\n"
    ));
}

#[test]
fn short_times_are_read_and_written_with_seconds() {
    // TOML 1.1's `15:00` is read; what Accord writes is TOML 1.0, which needs the seconds.
    let short = DESIGN_EXAMPLE
        .replace(
            "start = 10:00:00, end = 15:00:00",
            "start = 10:00, end = 15:00",
        )
        .replace("time = 15:00:00", "time = 15:00");
    assert!(
        short.contains("time = 15:00\n"),
        "the example has a 15:00 ritual"
    );
    let formatted = format(&short, FileKind::Agreement).unwrap();
    assert_eq!(
        formatted, DESIGN_EXAMPLE,
        "fmt adds the seconds, and only them"
    );
    assert_eq!(agreement(&short), agreement(DESIGN_EXAMPLE));

    // Saving a changed model over a file in the short form writes every time with seconds.
    let mut a = agreement(&short);
    a.rituals[0].time = Some(accord::model::Time("16:30".parse().unwrap()));
    let written = render(&a, FileKind::Agreement, Some(&short));
    assert!(written.contains("time = 16:30:00\n"), "{written}");
    assert_eq!(
        written,
        render(&a, FileKind::Agreement, Some(DESIGN_EXAMPLE)),
        "the same as saving over the file written with seconds"
    );
}
