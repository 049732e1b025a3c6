//! Arbitrary input at every parser (nothing panics) and at every output escaper (the output
//! never holds an unsafe character; JSON parses back to the very string).

use std::path::Path;
use std::str::FromStr;

use accord::checkin::Period;
use accord::diag::Diagnostic;
use accord::import::presence;
use accord::model::{
    Agreement, Cadence, CheckIn, Date, Decision, MeetingMode, NormArea, Ordinal, Rating, RitualDay,
    Settings, Slug, Status, Time, TimeZone, Weekday, WorkMode,
};
use accord::parse::parse;
use accord::render::{self, github, html, ics, json, markdown, terminal};
use accord::source::Source;
use accord::store::canonical::format;
use accord::validate::{VersionLookup, agreement_rules, checkin_rules, settings_rules};
use chrono::NaiveDate;
use proptest::prelude::*;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

const FIXTURES: [&str; 4] = [
    include_str!("../fixtures/valid/platform/agreement.toml"),
    include_str!("../fixtures/valid/platform/checkins/2026-12-03.toml"),
    include_str!("../fixtures/valid/every-cadence/agreement.toml"),
    include_str!("../fixtures/valid/accord.toml"),
];

/// The characters of the issue, and the ones TOML, Markdown, HTML and GitHub care about.
fn hostile_char() -> impl Strategy<Value = char> {
    prop::sample::select(vec![
        '\u{0}',
        '\u{7}',
        '\u{1b}',
        '\r',
        '\n',
        '\t',
        '\u{7f}',
        '\u{85}',
        '\u{9b}',
        '\u{9d}',
        '\u{ad}',
        '\u{61c}',
        '\u{200b}',
        '\u{200d}',
        '\u{200e}',
        '\u{202e}',
        '\u{2028}',
        '\u{2029}',
        '\u{2066}',
        '\u{2069}',
        '\u{feff}',
        '\u{e0001}',
        '@',
        '<',
        '>',
        '&',
        '`',
        '%',
        ',',
        ':',
        '"',
        '\'',
        '\\',
        '[',
        ']',
        '!',
        '#',
        '=',
        '|',
        '~',
        '*',
        '_',
        ';',
    ])
}

/// Strings mixing any character with many hostile ones.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![3 => any::<char>(), 5 => hostile_char(), 2 => proptest::char::range('a', 'z')],
        0..48,
    )
    .prop_map(|v| v.into_iter().collect())
}

/// A valid fixture with a random string spliced in: near-valid files reach deep into the rules.
fn spliced() -> impl Strategy<Value = String> {
    (
        0..FIXTURES.len(),
        any::<prop::sample::Index>(),
        0usize..8,
        text(),
    )
        .prop_map(|(f, at, cut, insert)| {
            let src = FIXTURES[f];
            let mut at = at.index(src.len() + 1);
            while !src.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + cut).min(src.len());
            while !src.is_char_boundary(end) {
                end -= 1;
            }
            format!("{}{insert}{}", &src[..at], &src[end..])
        })
}

/// The independent definition of unsafe: Unicode's own categories.
fn assert_safe(what: &str, s: &str) -> Result<(), TestCaseError> {
    let bad: Vec<char> = s
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(
                    c.general_category(),
                    GeneralCategory::Format
                        | GeneralCategory::LineSeparator
                        | GeneralCategory::ParagraphSeparator
                )
        })
        .collect();
    prop_assert!(bad.is_empty(), "{} holds {:?}: {:?}", what, bad, s);
    Ok(())
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

/// Every rule of the three files over `text`, as `validate` runs them, rendered three ways.
fn validate_all(text: &str) -> Result<(), TestCaseError> {
    let mut diags: Vec<Diagnostic> = Vec::new();
    let src = |p: &str| Source::from_bytes(Path::new(p), text.as_bytes().to_vec());
    let agreement = match src("t/agreement.toml") {
        Ok(s) => match parse::<Agreement>(&s) {
            Ok(a) => {
                diags.extend(agreement_rules(&s, &a, today()));
                Some(a)
            }
            Err(d) => {
                diags.push(d);
                None
            }
        },
        Err(d) => {
            diags.push(d);
            None
        }
    };
    if let Ok(s) = src("t/checkins/2026-11-17.toml") {
        match parse::<CheckIn>(&s) {
            Ok(c) => {
                let lookup = agreement
                    .as_ref()
                    .map_or(VersionLookup::NoAgreement, VersionLookup::Found);
                let min = accord::adherence::MinResponses::default();
                diags.extend(checkin_rules(&s, &c, Some("2026-11-17"), lookup, min));
            }
            Err(d) => diags.push(d),
        }
    }
    if let Ok(s) = src("accord.toml") {
        match parse::<Settings>(&s) {
            Ok(v) => diags.extend(settings_rules(&s, &v)),
            Err(d) => diags.push(d),
        }
    }
    for d in &diags {
        assert_safe("render_text", &d.render_text())?;
        let gh = d.render_github();
        assert_safe("render_github", &gh)?;
        prop_assert!(!gh.contains('\n') && !gh.contains('\r'), "{}", gh);
    }
    let gl = accord::diag::gitlab::report(&diags, |_| None);
    assert_safe("gitlab", &gl)?;
    prop_assert!(serde_json::from_str::<serde_json::Value>(&gl).is_ok());
    let vj = json::to_string_pretty(&diags);
    assert_safe("validate json", &vj)?;
    prop_assert!(serde_json::from_str::<serde_json::Value>(&vj).is_ok());
    Ok(())
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct When {
    date: Option<Date>,
    time: Option<Time>,
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn the_file_parsers_and_rules_never_panic(s in prop_oneof![any::<String>(), text(), spliced()]) {
        validate_all(&s)?;
    }

    #[test]
    fn fmt_keeps_a_parsing_file_parsing_and_its_meaning(s in spliced()) {
        let src = Source::new("t/agreement.toml", s.clone());
        if let Ok(a) = parse::<Agreement>(&src) {
            let f = format(&s, accord::model::FileKind::Agreement).unwrap();
            let b = parse::<Agreement>(&Source::new("t/agreement.toml", f.clone()));
            prop_assert!(b.is_ok(), "{}", f);
            prop_assert_eq!(
                accord::export::json::agreement("t", &a),
                accord::export::json::agreement("t", &b.unwrap())
            );
        }
    }

    #[test]
    fn the_byte_checks_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let _ = Source::from_bytes(Path::new("t/agreement.toml"), bytes);
    }

    #[test]
    fn the_presence_import_never_panics(
        head in prop::sample::select(vec!["date,person,location\n", "Location;Date;Person\r\n", "\u{feff}person\tdate\tlocation\n", ""]),
        body in prop_oneof![text(), any::<String>()],
        bytes in prop::collection::vec(any::<u8>(), 0..64),
    ) {
        let a: Agreement = parse(&Source::new("t/agreement.toml", FIXTURES[0])).unwrap();
        let period = Period::new(today() - chrono::Duration::days(60), today()).unwrap();
        for input in [format!("{head}{body}").into_bytes(), bytes] {
            match presence::read(Path::new("x.csv"), &input) {
                Ok(csv) => {
                    for b in &csv.bad {
                        assert_safe("bad row", &b.diagnostic(Path::new("x.csv"), true).render_text())?;
                    }
                    let counts = presence::count(&csv, &a, period);
                    for d in &counts.days {
                        prop_assert!(d.present as usize <= a.members.len());
                    }
                }
                Err(d) => assert_safe("csv header", &d.render_text())?,
            }
        }
    }

    #[test]
    fn the_value_parsers_never_panic(s in prop_oneof![any::<String>(), text()]) {
        let parsed = Slug::from_str(&s);
        prop_assert_eq!(parsed.is_ok(), Slug::problem(&s).is_none());
        if let Some(slug) = Slug::from_text(&s) {
            prop_assert!(Slug::problem(slug.as_str()).is_none(), "{:?}", slug);
        }
        let _ = Weekday::from_str(&s);
        let _ = RitualDay::from_str(&s);
        let _ = TimeZone::from_str(&s);
        let _ = Cadence::from_str(&s);
        let _ = Status::from_str(&s);
        let _ = WorkMode::from_str(&s);
        let _ = MeetingMode::from_str(&s);
        let _ = NormArea::from_str(&s);
        let _ = Rating::from_str(&s);
        let _ = Decision::from_str(&s);
        let _ = Ordinal::from_str(&s);
    }

    #[test]
    fn the_date_and_time_parsers_never_panic(s in prop_oneof![
        text(),
        "[0-9]{1,5}-[0-9]{1,3}-[0-9]{1,3}([T ][0-9]{1,2}:[0-9]{1,2}(:[0-9]{1,2}(\\.[0-9]{1,12})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?",
        "[0-9]{1,3}:[0-9]{1,3}(:[0-9]{1,3}(\\.[0-9]{0,12})?)?",
    ]) {
        let _ = toml::from_str::<When>(&format!("date = {s}\n"));
        let _ = toml::from_str::<When>(&format!("time = {s}\n"));
        let _ = toml::from_str::<When>(&format!("date = \"{s}\"\n"));
    }

    #[test]
    fn terminal_text_is_safe(s in prop_oneof![any::<String>(), text()]) {
        assert_safe("sanitize", &terminal::sanitize(&s))?;
        let line = terminal::sanitize_line(&s);
        assert_safe("sanitize_line", &line)?;
        prop_assert!(!line.contains('\n'));
        let doc = terminal::sanitize_document(&s);
        assert_safe("sanitize_document", &doc.replace("\r\n", "\n"))?;
        // Idempotent: escaping what is shown changes nothing.
        let once = terminal::sanitize(&s).into_owned();
        prop_assert_eq!(terminal::sanitize(&once), once.as_str());
    }

    #[test]
    fn markdown_is_inert(s in prop_oneof![any::<String>(), text()]) {
        let md = markdown::escape(&s);
        assert_safe("markdown", &md)?;
        prop_assert!(!md.contains('\n'));
        for (i, c) in md.char_indices() {
            let escaped = md[..i].ends_with('\\');
            if matches!(c, '<' | '>' | '`' | '[' | ']' | '*' | '_' | '|') {
                prop_assert!(escaped, "raw {:?} at {}: {:?}", c, i, md);
            }
            if c == '@' {
                let next = md[i + 1..].chars().next();
                prop_assert!(!next.is_some_and(|n| n.is_ascii_alphanumeric()), "a mention: {:?}", md);
            }
        }
        let code = markdown::code(&s);
        assert_safe("code span", &code)?;
        prop_assert!(!code.contains('`') && !code.contains('\n'));
    }

    #[test]
    fn html_is_inert(s in prop_oneof![any::<String>(), text()]) {
        let h = html::escape(&s);
        assert_safe("html", &h)?;
        prop_assert!(!h.contains(['<', '>', '"', '\'']), "{:?}", h);
    }

    #[test]
    fn github_properties_cannot_end_early(s in prop_oneof![any::<String>(), text()]) {
        let p = github::property(&s);
        assert_safe("github property", &p)?;
        prop_assert!(!p.contains([',', ':', '\r', '\n']), "{:?}", p);
        let d = github::data(&s);
        assert_safe("github data", &d)?;
        prop_assert!(!d.contains(['\r', '\n']), "{:?}", d);
    }

    #[test]
    fn calendar_text_is_safe(s in prop_oneof![any::<String>(), text()]) {
        assert_safe("ics", &ics::text(&s))?;
    }

    #[test]
    fn json_is_safe_and_round_trips(s in prop_oneof![any::<String>(), text()]) {
        let doc = serde_json::json!({ "text": s, s.clone(): [s.clone()] });
        let out = json::to_string_pretty(&doc);
        assert_safe("json", &out)?;
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        prop_assert_eq!(back, doc);
        prop_assert!(render::is_safe(&out));
    }
}

/// The first input the `fmt` fuzz target stopped on: the canonical form sorts the pulse, so
/// answer order leaks nothing. Everything else keeps its meaning, and sorting is the only change.
#[test]
fn fmt_sorts_the_pulse_and_changes_nothing_else() {
    let text = "schema = 1\ndate = 2026-11-17\nfrom = 2026-11-03\nto = 2026-11-16\nagreement_version = 2\n\n[[presence]]\ndate = 2026-11-05\npresent = 2\nexpected = 2\n\n[[rituals]]\nid = \"weekly-dem\"\nheld = 2\n\n[[norms]]\nid = \"dm-response\"\nrating = \"kept\"\n\n[pulse]\nscores = [6, 4, 4, 5, 5]\n";
    let path = "t/checkins/2026-11-17.toml";
    let before: CheckIn = parse(&Source::new(path, text)).unwrap();
    let formatted = format(text, accord::model::FileKind::CheckIn).unwrap();
    let after: CheckIn = parse(&Source::new(path, formatted.clone())).unwrap();
    assert_eq!(
        after.pulse.as_ref().unwrap().scores,
        [4, 4, 5, 5, 6],
        "{formatted}"
    );
    let mut sorted = before.clone();
    sorted.pulse.as_mut().unwrap().normalise();
    assert_eq!(after, sorted);
    assert_eq!(
        format(&formatted, accord::model::FileKind::CheckIn).unwrap(),
        formatted
    );
}
