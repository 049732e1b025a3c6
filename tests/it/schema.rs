//! The JSON Schemas in assets/schema/ are generated from the table of the format, must not
//! drift, and are as strict as `validate` wherever JSON Schema can say it: run through the
//! `jsonschema` crate, they accept every valid fixture, bundled file and preset, and reject
//! every invalid fixture a schema can express and the mutations of issue #12.

use std::path::{Path, PathBuf};

use accord::model::FileKind;
use serde_json::{Value as Json, json};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn schemas_match_the_table() {
    let dir = root().join("assets/schema");
    for (name, text) in accord::schema::all() {
        let on_disk = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
        assert!(
            on_disk == text,
            "assets/schema/{name} is out of date with the table of the format: run `cargo run --example write-schemas` and commit the result"
        );
    }
}

/// A TOML document as editors hand it to a JSON Schema: dates and times become strings.
fn to_json(v: toml::Value) -> Json {
    match v {
        toml::Value::String(s) => Json::String(s),
        toml::Value::Integer(i) => json!(i),
        toml::Value::Float(f) => json!(f),
        toml::Value::Boolean(b) => json!(b),
        toml::Value::Datetime(d) => Json::String(d.to_string()),
        toml::Value::Array(a) => Json::Array(a.into_iter().map(to_json).collect()),
        toml::Value::Table(t) => {
            Json::Object(t.into_iter().map(|(k, v)| (k, to_json(v))).collect())
        }
    }
}

fn read(path: &Path) -> Json {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc: toml::Table =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    to_json(toml::Value::Table(doc))
}

fn validator(kind: FileKind) -> jsonschema::Validator {
    jsonschema::validator_for(&accord::schema::of(kind)).expect("the schema is a valid JSON Schema")
}

/// The errors a schema finds in `doc`, one line each.
fn errors(kind: FileKind, doc: &Json) -> Vec<String> {
    validator(kind)
        .iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn kind_of(path: &Path) -> FileKind {
    FileKind::of_path(path).unwrap_or_else(|| panic!("{} is not an Accord file", path.display()))
}

/// Every `.toml` file under `dir` that is an Accord file.
fn accord_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if FileKind::of_path(&p).is_some() {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_valid_fixture_bundled_file_and_preset_is_accepted() {
    let mut files = accord_files(&root().join("tests/fixtures/valid"));
    files.extend(accord_files(&root().join("agreements")));
    assert!(files.len() >= 10, "found {} files", files.len());
    let mut failures = Vec::new();
    for f in &files {
        let errs = errors(kind_of(f), &read(f));
        if !errs.is_empty() {
            failures.push(format!("{}:\n  {}", f.display(), errs.join("\n  ")));
        }
    }
    for p in std::fs::read_dir(root().join("assets/presets")).unwrap() {
        let p = p.unwrap().path();
        let errs = errors(FileKind::Agreement, &read(&p));
        if !errs.is_empty() {
            failures.push(format!("{}:\n  {}", p.display(), errs.join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The invalid fixtures whose fault a JSON Schema can express. The others need more than one
/// file or a comparison between values (duplicate ids, owners that are members, periods),
/// or are not TOML at all.
const EXPRESSIBLE: &[&str] = &[
    "bad-area",
    "bad-cadence",
    "bad-mode",
    "bad-ordinal",
    "bad-slug",
    "bad-status",
    "bad-timezone",
    "bad-weekday",
    "checkin-bad-decision",
    "checkin-bad-rating",
    "checkin-expected-zero",
    "checkin-missing-date",
    "checkin-pulse-range",
    "checkin-unknown-key",
    "control-character",
    "daily-with-day",
    "duplicate-day",
    "duration",
    "empty-team-name",
    "min-attendance",
    "min-attendance-zero",
    "missing-adopted",
    "missing-review-by",
    "missing-ritual-name",
    "missing-team",
    "monthly-with-weekday",
    "reserved-id",
    "schema-newer",
    "settings-min-responses",
    "settings-unknown-key",
    "time-with-date",
    "unknown-key",
    "version-zero",
    "weekly-with-ordinal",
    "weekly-without-day",
    "whitespace-only",
    "wrong-type",
];

#[test]
fn every_invalid_fixture_a_schema_can_express_is_rejected() {
    let dir = root().join("tests/fixtures/invalid");
    let mut accepted = Vec::new();
    for case in EXPRESSIBLE {
        // The `expected` file's second line is the faulty file:line:column.
        let expected = std::fs::read_to_string(dir.join(case).join("expected"))
            .unwrap_or_else(|e| panic!("{case}: {e}"));
        let at = expected.lines().nth(1).expect("a location line");
        let file = dir.join(case).join(at.split(':').next().unwrap());
        let text = std::fs::read_to_string(&file).unwrap();
        let Ok(doc) = toml::from_str::<toml::Table>(&text) else {
            accepted.push(*case);
            continue;
        };
        if errors(kind_of(&file), &to_json(toml::Value::Table(doc))).is_empty() {
            accepted.push(*case);
        }
    }
    assert!(
        accepted.is_empty(),
        "the schema accepts (or the case is not TOML) {accepted:?}"
    );
}

/// One change to a valid file that `accord validate` rejects: (what, JSON pointer, new value).
type Mutation = (&'static str, &'static str, Json);

/// Issue #12's list of what `validate` rejected and the schemas let through, and a few more.
fn agreement_mutations() -> Vec<Mutation> {
    vec![
        ("misspelt zone", "/timezone", json!("Europe/Brusels")),
        (
            "misspelt member zone",
            "/members/1/timezone",
            json!("Asia/Singapur"),
        ),
        ("min_attendance 0", "/presence/min_attendance", json!(0)),
        ("min_attendance 1.5", "/presence/min_attendance", json!(1.5)),
        (
            "duration_minutes 0",
            "/rituals/0/duration_minutes",
            json!(0),
        ),
        ("version 0", "/version", json!(0)),
        ("empty team name", "/team", json!("")),
        ("blank team name", "/team", json!("   ")),
        ("empty member name", "/members/0/name", json!("")),
        ("bad time 25:00", "/rituals/0/time", json!("25:00:00")),
        ("bad time 9:5", "/presence/core_hours/start", json!("9:5")),
        ("reserved id presence", "/rituals/0/id", json!("presence")),
        (
            "reserved norm id presence",
            "/norms/0/id",
            json!("presence"),
        ),
        (
            "control character",
            "/purpose",
            json!("Why \u{1b}[31mwe\u{1b}[0m keep it"),
        ),
        (
            "bidi override",
            "/rituals/0/name",
            json!("Demo \u{202e}omed"),
        ),
        ("weekly on first-thu", "/rituals/0/day", json!("first-thu")),
        ("biweekly on last-tue", "/rituals/1/day", json!("last-tue")),
        ("daily with a day", "/rituals/0/cadence", json!("daily")),
        (
            "monthly on a plain weekday",
            "/rituals/1/cadence",
            json!("monthly"),
        ),
        (
            "duplicate presence day",
            "/presence/days",
            json!(["tue", "tue"]),
        ),
        ("unknown key", "/rituals/0/colour", json!("blue")),
    ]
}

fn checkin_mutations() -> Vec<Mutation> {
    vec![
        (
            "pulse score 0",
            "/pulse/questions/0/scores",
            json!([0, 3, 4, 4, 4, 5]),
        ),
        (
            "pulse score 7",
            "/pulse/questions/0/scores",
            json!([2, 3, 4, 4, 4, 7]),
        ),
        ("min_responses 2", "/pulse/min_responses", json!(2)),
        ("agreement_version 0", "/agreement_version", json!(0)),
        ("bad decision", "/actions/0/decision", json!("change")),
        (
            "control character in a note",
            "/actions/0/note",
            json!("a\u{7}b"),
        ),
    ]
}

/// Sets `pointer` in `doc` (creating the last key when it is new).
fn set(doc: &mut Json, pointer: &str, v: Json) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let target = doc
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("{parent} is not in the file"));
    match target {
        Json::Object(m) => {
            m.insert(key.to_string(), v);
        }
        Json::Array(a) => a[key.parse::<usize>().unwrap()] = v,
        _ => panic!("{parent} holds no keys"),
    }
}

fn check_mutations(kind: FileKind, base: &Path, mutations: Vec<Mutation>) -> usize {
    let doc = read(base);
    assert_eq!(
        errors(kind, &doc),
        Vec::<String>::new(),
        "the base file is valid"
    );
    let mut accepted = Vec::new();
    for (what, pointer, v) in &mutations {
        let mut changed = doc.clone();
        set(&mut changed, pointer, v.clone());
        if errors(kind, &changed).is_empty() {
            accepted.push(*what);
        }
    }
    assert!(accepted.is_empty(), "the schema accepts: {accepted:?}");
    mutations.len()
}

#[test]
fn the_mutations_of_issue_12_are_rejected() {
    let platform = root().join("tests/fixtures/valid/platform");
    let n = check_mutations(
        FileKind::Agreement,
        &platform.join("agreement.toml"),
        agreement_mutations(),
    ) + check_mutations(
        FileKind::CheckIn,
        &platform.join("checkins/2026-12-03.toml"),
        checkin_mutations(),
    );
    assert!(n >= 17, "the issue lists 17 mutations; {n} here");
}

#[test]
fn a_ritual_without_its_day_is_rejected_unless_it_is_daily() {
    let mut doc = read(&root().join("tests/fixtures/valid/platform/agreement.toml"));
    doc["rituals"][0].as_object_mut().unwrap().remove("day");
    assert!(
        !errors(FileKind::Agreement, &doc).is_empty(),
        "weekly without a day"
    );
    doc["rituals"][0]["cadence"] = json!("daily");
    assert_eq!(errors(FileKind::Agreement, &doc), Vec::<String>::new());
}

/// Every property of every schema has a description, for the editor's hover.
#[test]
fn every_property_is_described() {
    fn walk(path: &str, v: &Json, missing: &mut Vec<String>) {
        match v {
            Json::Object(m) => {
                if let Some(Json::Object(props)) = m.get("properties")
                    && !path.ends_with("/if")
                    && !path.ends_with("/then")
                {
                    for (k, p) in props {
                        if p.get("description")
                            .and_then(Json::as_str)
                            .is_none_or(str::is_empty)
                        {
                            missing.push(format!("{path}/{k}"));
                        }
                    }
                }
                for (k, sub) in m {
                    walk(&format!("{path}/{k}"), sub, missing);
                }
            }
            Json::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, s)| walk(&format!("{path}/{i}"), s, missing)),
            _ => {}
        }
    }
    for kind in [FileKind::Agreement, FileKind::CheckIn, FileKind::Settings] {
        let mut missing = Vec::new();
        walk("", &accord::schema::of(kind), &mut missing);
        assert!(
            missing.is_empty(),
            "{kind:?}: no description for {missing:?}"
        );
    }
}

#[test]
fn the_zone_list_is_chrono_tz_s() {
    let s = accord::schema::of(FileKind::Agreement);
    let zones = s["$defs"]["zone"]["enum"].as_array().unwrap();
    assert_eq!(zones.len(), chrono_tz::TZ_VARIANTS.len());
    assert!(zones.contains(&json!("Europe/Brussels")));
}

#[test]
fn docs_format_md_is_generated_from_the_table() {
    let on_disk = std::fs::read_to_string(root().join("docs/format.md")).unwrap_or_default();
    assert!(
        on_disk == accord::schema::reference(),
        "docs/format.md is out of date with the table of the format: run `cargo run --example write-schemas` and commit the result"
    );
}

/// The README's annotated `agreement.toml` holds only keys of the table, with values it allows.
#[test]
fn the_readme_s_annotated_agreement_passes_the_schema() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let after = readme
        .split_once("### `agreement.toml`, annotated\n\n```toml\n")
        .expect("the README shows an annotated agreement.toml")
        .1;
    let block = after.split_once("```").unwrap().0;
    let doc: toml::Table = toml::from_str(block).expect("the README's example parses");
    let errs = errors(FileKind::Agreement, &to_json(toml::Value::Table(doc)));
    assert!(errs.is_empty(), "{errs:?}");
}

/// The closing-the-loop keys (#14): a check-in with follow-ups, wins and owned actions, and an
/// agreement with trials, dimensions and working hours, pass; each broken value is refused.
#[test]
fn followups_wins_trials_dimensions_and_working_hours_are_checked() {
    let platform = root().join("tests/fixtures/valid/platform");
    let mut checkin = read(&platform.join("checkins/2026-12-03.toml"));
    set(
        &mut checkin,
        "/followups",
        json!([
            { "action": "2026-11-19/presence", "done": true, "note": "Moved to Tuesday." },
            { "action": "2026-11-19/weekly-demo", "done": false, "dropped": true },
            { "action": "2026-11-19/retro", "done": false },
        ]),
    );
    set(
        &mut checkin,
        "/wins",
        json!([{ "text": "Ines ran her first demo.", "item": "weekly-demo" }, { "text": "A quiet win." }]),
    );
    set(&mut checkin, "/actions/0/owner", json!("Ana Lima"));
    set(&mut checkin, "/actions/0/due", json!("2026-12-17"));
    assert_eq!(errors(FileKind::CheckIn, &checkin), Vec::<String>::new());
    let checkin_bad: Vec<Mutation> = vec![
        ("done and dropped", "/followups/0/dropped", json!(true)),
        (
            "action without item",
            "/followups/0/action",
            json!("2026-11-19"),
        ),
        (
            "action with a bad date",
            "/followups/0/action",
            json!("2026-13-19/retro"),
        ),
        (
            "action with a bad item",
            "/followups/0/action",
            json!("2026-11-19/Weekly Demo"),
        ),
        ("done as text", "/followups/1/done", json!("yes")),
        (
            "unknown follow-up key",
            "/followups/2/owner",
            json!("Ana Lima"),
        ),
        ("empty win", "/wins/0/text", json!("")),
        ("blank win", "/wins/1/text", json!("  ")),
        ("bad due", "/actions/0/due", json!("next week")),
    ];
    let mut accepted = Vec::new();
    for (what, pointer, v) in &checkin_bad {
        let mut changed = checkin.clone();
        set(&mut changed, pointer, v.clone());
        if errors(FileKind::CheckIn, &changed).is_empty() {
            accepted.push(*what);
        }
    }
    let mut agreement = read(&platform.join("agreement.toml"));
    set(
        &mut agreement,
        "/rituals/0/trial_until",
        json!("2026-12-20"),
    );
    set(&mut agreement, "/rituals/0/dimension", json!("digital"));
    set(
        &mut agreement,
        "/norms/0/dimension",
        json!("ways-of-working"),
    );
    set(&mut agreement, "/presence/dimension", json!("place"));
    set(
        &mut agreement,
        "/members/0/working_hours",
        json!({ "start": "07:00:00", "end": "15:30:00" }),
    );
    assert_eq!(
        errors(FileKind::Agreement, &agreement),
        Vec::<String>::new()
    );
    let agreement_bad: Vec<Mutation> = vec![
        ("unknown dimension", "/rituals/0/dimension", json!("office")),
        (
            "bad trial date",
            "/rituals/0/trial_until",
            json!("2026-12-32"),
        ),
        (
            "trial on presence",
            "/presence/trial_until",
            json!("2026-12-20"),
        ),
        (
            "bad working hour",
            "/members/0/working_hours/start",
            json!("25:00"),
        ),
        (
            "working hours without end",
            "/members/0/working_hours",
            json!({ "start": "07:00:00" }),
        ),
    ];
    for (what, pointer, v) in &agreement_bad {
        let mut changed = agreement.clone();
        set(&mut changed, pointer, v.clone());
        if errors(FileKind::Agreement, &changed).is_empty() {
            accepted.push(*what);
        }
    }
    assert!(accepted.is_empty(), "the schema accepts: {accepted:?}");
}
