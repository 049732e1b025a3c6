//! `accord pulse import` with the real header shapes of Google Forms, Microsoft Forms and
//! Typeform exports, its errors, and `accord checkin --tally`: answers given outside the room,
//! pooled into the check-in draft and checked against the team's size.

use std::path::{Path, PathBuf};

use crate::common::{date, write};
use accord::checkin::{PeriodChoice, Session};
use accord::store::Workspace;
use accord::store::drafts::{DraftKind, Drafts};
use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

const TODAY: &str = "2026-11-20";
const Q1: &str = "In the last two weeks, did you say so when you disagreed?";
const Q2: &str = "Was your work credited to you?";
const Q3: &str = "Did you have the context you needed to decide?";

/// Six members, three behaviour questions with labels, the `mode` grouping.
fn agreement() -> String {
    let mut s = String::from(
        "schema = 1\nteam = \"Crew\"\nversion = 1\nstatus = \"active\"\nadopted = 2026-09-01\nreview_by = 2027-03-01\n",
    );
    for (name, mode) in [
        ("Ana Lima", "hybrid"),
        ("Ben Okafor", "remote"),
        ("Chen Wei", "onsite"),
        ("Dara Singh", "remote"),
        ("Eli Cohen", "hybrid"),
        ("Fay Moreau", "onsite"),
    ] {
        s.push_str(&format!(
            "\n[[members]]\nname = \"{name}\"\nmode = \"{mode}\"\n"
        ));
    }
    s.push_str(
        "\n[[rituals]]\nid = \"demo\"\nname = \"Demo\"\ncadence = \"weekly\"\nday = \"thu\"\n",
    );
    for (id, text, low, high) in [
        ("speak-up", Q1, "never", "every time"),
        ("credit", Q2, "never", "always"),
        ("context", Q3, "rarely", "always"),
    ] {
        s.push_str(&format!(
            "\n[[questions]]\nid = \"{id}\"\ntext = \"{text}\"\nlow = \"{low}\"\nhigh = \"{high}\"\n"
        ));
    }
    s.push_str("\n[pulse]\ngroupings = [\"mode\"]\n");
    s
}

struct Fixture {
    tmp: tempfile::TempDir,
    root: PathBuf,
    data: PathBuf,
}

fn fixture() -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("agreements");
    write(&root, "crew/agreement.toml", &agreement());
    let data = tmp.path().join("data");
    Fixture { tmp, root, data }
}

fn form(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/forms")
            .join(name),
    )
    .unwrap()
}

fn accord(f: &Fixture) -> Command {
    let mut c = Command::cargo_bin("accord").unwrap();
    c.arg("--dir")
        .arg(&f.root)
        .env("ACCORD_TODAY", TODAY)
        .env("ACCORD_DATA_DIR", &f.data);
    c
}

/// `accord pulse import crew FILE` on a copy of `csv` outside the agreements folder.
fn import(f: &Fixture, csv: &[u8], extra: &[&str]) -> assert_cmd::assert::Assert {
    let file = f.tmp.path().join("export.csv");
    std::fs::write(&file, csv).unwrap();
    accord(f)
        .args(["pulse", "import", "crew"])
        .arg(&file)
        .args(extra)
        .assert()
}

const MS_ARGS: [&str; 8] = [
    "--ignore",
    "ID",
    "--ignore",
    "Email",
    "--ignore",
    "Name",
    "--column",
    "comment=Comments",
];
const TYPEFORM_ARGS: [&str; 8] = [
    "--ignore",
    "#",
    "--ignore",
    "Network ID",
    "--ignore",
    "Tags",
    "--column",
    "comment=Anything to add?",
];
const GOOGLE_ARGS: [&str; 2] = [
    "--column",
    "comment=Anything else you want to tell the team?",
];

fn draft(f: &Fixture) -> Option<String> {
    Drafts::new(&f.data, &f.root)
        .load("crew", DraftKind::CheckIn)
        .map(|d| d.text)
}

/// The pooled answers the draft holds for the round: `outside` on its state line.
fn outside(f: &Fixture) -> serde_json::Value {
    let text = draft(f).expect("a draft");
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("# accord-draft "))
        .expect("a state line in the draft");
    let state: serde_json::Value = serde_json::from_str(line).unwrap();
    state["outside"].clone()
}

fn counts(v: &serde_json::Value, id: &str) -> Vec<u64> {
    v["questions"][id]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect()
}

fn groups(v: &serde_json::Value) -> Vec<(String, u64)> {
    v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                format!(
                    "{}={}",
                    g["grouping"].as_str().unwrap(),
                    g["value"].as_str().unwrap()
                ),
                g["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn session(f: &Fixture) -> Session {
    let drafts = Drafts::new(&f.data, &f.root);
    Session::start(
        &Workspace::new(f.root.clone()),
        "crew",
        Some(&drafts),
        date(TODAY),
        PeriodChoice::default(),
    )
    .unwrap()
}

/// Nothing of a row but its pooled counts: no time of any form, no id, no row order.
fn assert_no_row_traces(text: &str) {
    for trace in [
        "2026/11/16",
        "11/16/26",
        "2026-11-16 0",
        "GMT",
        "k3j2l1a9x0",
        "3f2a9c1b7d",
        "anonymous",
    ] {
        assert!(!text.contains(trace), "{trace} in:\n{text}");
    }
}

#[test]
fn a_google_forms_export_is_pooled_into_the_draft() {
    let f = fixture();
    import(&f, &form("google.csv"), &GOOGLE_ARGS)
        .success()
        .stdout(contains("Imported 4 answer(s) to 3 question(s) for crew"))
        .stdout(contains("Time columns dropped: Timestamp"))
        .stdout(contains("4 answer(s) now wait for the round, of 6 members"))
        .stdout(contains(
            "it holds every answer with its time; Accord kept only the pooled counts",
        ))
        .stdout(contains("More overlap").not());
    let v = outside(&f);
    assert_eq!(v["count"], 4);
    assert_eq!(counts(&v, "speak-up"), [1, 0, 1, 1, 1]);
    assert_eq!(counts(&v, "credit"), [0, 0, 1, 2, 1]);
    assert_eq!(counts(&v, "context"), [0, 1, 1, 1, 1]);
    // "Where do you work from, mostly?" is the mode grouping's own question: mapped by text.
    assert_eq!(
        groups(&v),
        [
            ("mode=hybrid".into(), 1),
            ("mode=onsite".into(), 1),
            ("mode=remote".into(), 1)
        ]
    );
    // Sorted, not in the order of the rows.
    assert_eq!(
        v["comments"],
        serde_json::json!(["Demos run long", "More overlap on Tuesdays, please."])
    );
    assert_no_row_traces(&draft(&f).unwrap());
    assert_eq!(session(&f).outside_answers(), 4);
}

#[test]
fn a_microsoft_forms_export_with_a_bom_and_anonymous_emails_is_pooled() {
    let f = fixture();
    import(&f, &form("microsoft.csv"), &MS_ARGS)
        .success()
        .stdout(contains("Imported 3 answer(s)"))
        .stdout(contains(
            "Time columns dropped: Start time, Completion time",
        ))
        .stdout(contains("Columns left out: ID, Email, Name"));
    let v = outside(&f);
    assert_eq!(v["count"], 3);
    assert_eq!(counts(&v, "speak-up"), [0, 1, 0, 1, 1]);
    assert_eq!(counts(&v, "credit"), [0, 1, 1, 0, 1]);
    assert_eq!(counts(&v, "context"), [1, 0, 1, 1, 0]);
    assert_eq!(groups(&v), [("mode=remote".into(), 2)]);
    assert_eq!(v["comments"], serde_json::json!(["Quiet in planning."]));
    assert_no_row_traces(&draft(&f).unwrap());
    assert_eq!(session(&f).outside_answers(), 3);
}

#[test]
fn a_typeform_export_is_pooled_and_shown_once_the_round_closes() {
    let f = fixture();
    import(&f, &form("typeform.csv"), &TYPEFORM_ARGS)
        .success()
        .stdout(contains("Imported 5 answer(s)"))
        .stdout(contains(
            "Time columns dropped: Start Date (UTC), Submit Date (UTC)",
        ))
        .stdout(contains("Columns left out: #, Network ID, Tags"));
    let v = outside(&f);
    assert_eq!(v["count"], 5);
    assert_eq!(counts(&v, "speak-up"), [1, 1, 1, 1, 1]);
    assert_eq!(counts(&v, "credit"), [1, 0, 1, 2, 1]);
    assert_eq!(counts(&v, "context"), [0, 1, 1, 1, 2]);
    assert_eq!(
        groups(&v),
        [
            ("mode=hybrid".into(), 1),
            ("mode=onsite".into(), 1),
            ("mode=remote".into(), 2)
        ]
    );
    assert_no_row_traces(&draft(&f).unwrap());
    // Five answers reach the threshold: the closed round keeps the sorted answers.
    let mut s = session(&f);
    assert_eq!(s.outside_answers(), 5);
    s.open_pulse().unwrap();
    s.close_pulse();
    let ws = Workspace::new(f.root.clone());
    let path = s.save(&ws, Some(&Drafts::new(&f.data, &f.root))).unwrap();
    let file = std::fs::read_to_string(path).unwrap();
    assert!(file.contains("count = 5\n"), "{file}");
    assert!(
        file.contains("id = \"credit\"\nscores = [1, 3, 4, 4, 5]"),
        "{file}"
    );
    assert!(
        file.contains(
            "comments = [\"Ask before deciding, not after.\", \"Credit goes to the loudest.\"]"
        ),
        "{file}"
    );
    // Remote has 2 of 5: below the threshold, so no subgroup is written.
    assert!(!file.contains("pulse.groups"), "{file}");
    assert_no_row_traces(&file);
}

#[test]
fn a_withheld_import_leaves_nothing_but_its_count_once_the_round_closes() {
    let f = fixture();
    import(&f, &form("google.csv"), &GOOGLE_ARGS).success();
    let mut s = session(&f);
    s.open_pulse().unwrap();
    let result = s.close_pulse();
    assert!(
        matches!(result, accord::adherence::PulseResult::Withheld(_)),
        "4 answers, threshold 5"
    );
    let ws = Workspace::new(f.root.clone());
    let drafts = Drafts::new(&f.data, &f.root);
    // The draft written after the round closed holds the count and nothing else.
    s.save_draft(&drafts).unwrap();
    let kept = draft(&f).unwrap();
    let path = s.save(&ws, Some(&drafts)).unwrap();
    let file = std::fs::read_to_string(path).unwrap();
    for text in [&kept, &file] {
        assert!(
            text.ends_with("[pulse]\nmin_responses = 5\ncount = 4\nwithheld = true\n"),
            "{text}"
        );
        for secret in [
            "overlap",
            "Demos",
            "scores",
            "remote",
            "accord-draft",
            "outside",
        ] {
            assert!(!text.contains(secret), "{secret} in:\n{text}");
        }
    }
    assert!(draft(&f).is_none(), "saving forgets the draft");
}

#[test]
fn columns_map_by_key_and_a_date_time_column_of_any_header_is_dropped() {
    let f = fixture();
    let csv = "Submitted at,speak-up,Q2,Q3,Where from?,comment\n\
               2026-11-16T09:14:02Z,1 - never,5 (always),3,remote,\n\
               2026-11-16T10:14:02Z,2,2,2,,Fine\n";
    import(
        &f,
        csv.as_bytes(),
        &[
            "--column",
            "credit=q2",
            "--column",
            "context= Q3",
            "--column",
            "mode=Where  from?",
        ],
    )
    .success()
    .stdout(contains("Time columns dropped: Submitted at"));
    let v = outside(&f);
    assert_eq!(counts(&v, "speak-up"), [1, 1, 0, 0, 0]);
    assert_eq!(counts(&v, "credit"), [0, 1, 0, 0, 1]);
    assert_eq!(groups(&v), [("mode=remote".into(), 1)]);
}

/// Imports `csv`, expects `code`, that every message is on stderr, and that no draft was written.
fn refused(f: &Fixture, csv: &[u8], extra: &[&str], code: i32) -> String {
    let out = import(f, csv, extra)
        .code(code)
        .stdout("")
        .get_output()
        .clone();
    assert!(draft(f).is_none(), "nothing imported");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn form_columns_that_are_not_answers_need_ignore_and_email_or_name_warn_about_anonymity() {
    let f = fixture();
    let e = refused(&f, &form("typeform.csv"), &[], 1);
    assert!(e.contains("the column \"#\" is not a question"), "{e}");
    assert!(e.contains("--ignore \"#\""), "{e}");
    assert!(e.contains("export.csv:1:1"), "{e}");
    let e = refused(&f, &form("microsoft.csv"), &["--ignore", "ID"], 1);
    assert!(e.contains("the column \"Email\""), "{e}");
    assert!(e.contains("the form may not be anonymous"), "{e}");
    assert!(e.contains("nothing was imported"), "{e}");
}

#[test]
fn every_question_needs_a_column() {
    let f = fixture();
    let csv = format!("Timestamp,\"{Q1}\",\"{Q2}\"\n2026-11-16 09:14:02,3,4\n");
    let e = refused(&f, csv.as_bytes(), &[], 1);
    assert!(
        e.contains("no column holds the answers to question \"context\""),
        "{e}"
    );
    assert!(e.contains("--column context=\"HEADER\""), "{e}");
}

#[test]
fn a_bad_score_names_its_line_and_column_and_never_the_answers() {
    let f = fixture();
    let csv = format!(
        "Timestamp,\"{Q1}\",\"{Q2}\",\"{Q3}\",Mode,comment\r\n\
         2026-11-16 09:14:02,3,4,5,remote,\"My secret, with a comma\"\r\n\
         2026-11-16 09:15:02,7,4,5,remote,\"Another secret\nover two lines\"\r\n\
         2026-11-16 09:16:02,3,,5,Mars,Third secret\r\n"
    );
    let e = refused(&f, csv.as_bytes(), &[], 1);
    assert!(e.contains("line 3, column \"In the last two weeks, did you say so when you disagreed?\" (speak-up): the answer is not a score from 1 to 5"), "{e}");
    assert!(e.contains("export.csv:3:21"), "{e}");
    assert!(
        e.contains("line 5, column \"Was your work credited to you?\" (credit): the cell is blank"),
        "{e}"
    );
    assert!(e.contains("export.csv:5:23"), "{e}");
    assert!(
        e.contains(
            "line 5, column \"Mode\" (mode): the answer is not one of onsite, hybrid, remote"
        ),
        "{e}"
    );
    assert!(
        e.contains("\"never\" for 1 and \"every time\" for 5"),
        "{e}"
    );
    for secret in ["secret", "Mars"] {
        assert!(!e.contains(secret), "{secret} in:\n{e}");
    }
}

#[test]
fn hostile_files_get_clear_errors() {
    let f = fixture();
    let header = format!("\"{Q1}\",\"{Q2}\",\"{Q3}\"\n");
    // Not UTF-8 (a Latin-1 export), with the place of the first bad byte.
    let mut latin1 = header.clone().into_bytes();
    latin1.extend_from_slice(b"3,4,5\n3,4,\xe9\n");
    let e = refused(&f, &latin1, &[], 1);
    assert!(
        e.contains("the file is not UTF-8 text") && e.contains("export.csv:3:5"),
        "{e}"
    );
    // Ragged rows.
    let e = refused(&f, format!("{header}3,4,5\n3,4\n").as_bytes(), &[], 1);
    assert!(
        e.contains("line 3 has 2 fields, the header row has 3"),
        "{e}"
    );
    // A header row only, and an empty file.
    let e = refused(&f, header.as_bytes(), &[], 1);
    assert!(e.contains("a header row and no answers"), "{e}");
    let e = refused(&f, b"", &[], 1);
    assert!(e.contains("the file is empty"), "{e}");
    // Control and format characters in a header reach the terminal escaped.
    let e = refused(
        &f,
        format!("\u{1b}[31mX\u{202e},\"{Q2}\",\"{Q3}\",\"{Q1}\"\n1,3,4,5\n").as_bytes(),
        &[],
        1,
    );
    assert!(
        e.contains("\\u{1b}[31mX\\u{202e}") && !e.contains('\u{1b}'),
        "{e}"
    );
    // Larger than an export of one team's form: refused without being read (exit 2).
    let mut big = header.into_bytes();
    big.extend(std::iter::repeat_n(b"3,4,5\n".as_slice(), 800_000).flatten());
    let e = refused(&f, &big, &[], 2);
    assert!(e.contains("larger than 4 MB"), "{e}");
}

#[test]
fn a_bom_is_stripped_before_the_first_header() {
    let f = fixture();
    import(
        &f,
        "\u{feff}speak-up,credit,context\n3,4,5\n".as_bytes(),
        &[],
    )
    .success();
    assert_eq!(outside(&f)["count"], 1);
}

#[test]
fn bad_arguments_cannot_run() {
    let f = fixture();
    let e = refused(
        &f,
        &form("google.csv"),
        &["--column", "belonging=Timestamp"],
        2,
    );
    assert!(
        e.contains("\"belonging\" is not a question id, comment or grouping"),
        "{e}"
    );
    assert!(
        e.contains("speak-up, credit, context, comment, mode"),
        "{e}"
    );
    let e = refused(&f, &form("google.csv"), &["--ignore", "Email"], 2);
    assert!(
        e.contains("--ignore \"Email\": the file has no column with this header"),
        "{e}"
    );
    accord(&f)
        .args(["pulse", "import", "crew", "missing.csv"])
        .assert()
        .code(2)
        .stderr(contains("cannot read"));
    accord(&f)
        .args(["pulse", "import", "nobody"])
        .arg(f.tmp.path().join("x.csv"))
        .assert()
        .code(2);
}

#[test]
fn more_rows_than_the_team_can_still_answer_are_refused() {
    let f = fixture();
    let mut csv = String::from("speak-up,credit,context\n");
    for _ in 0..7 {
        csv.push_str("3,4,5\n");
    }
    let e = refused(&f, csv.as_bytes(), &[], 1);
    assert!(
        e.contains("the file has 7 answers, but crew has 6 members"),
        "{e}"
    );
    // 5 waiting, then 4 more: over the 6 members; the draft keeps the first 5 only.
    import(&f, &form("typeform.csv"), &TYPEFORM_ARGS).success();
    import(&f, &form("google.csv"), &GOOGLE_ARGS)
        .code(1)
        .stderr(contains(
            "5 answer(s) already wait in the check-in draft: at most 1 more",
        ));
    assert_eq!(outside(&f)["count"], 5);
}

#[test]
fn a_tally_without_a_terminal_goes_into_the_draft() {
    let f = fixture();
    accord(&f)
        .args(["checkin", "crew"])
        .args([
            "--tally",
            "speak-up=0,1,1,0,0",
            "--tally",
            "credit=0,0,0,2,0 context=1,0,0,0,1",
        ])
        .assert()
        .success()
        .stdout(contains("Tallied 2 answer(s) to 3 question(s) for crew"))
        .stdout(contains("2 answer(s) now wait for the round, of 6 members"));
    let v = outside(&f);
    assert_eq!(counts(&v, "speak-up"), [0, 1, 1, 0, 0]);
    assert_eq!(counts(&v, "context"), [1, 0, 0, 0, 1]);
    assert_eq!(session(&f).outside_answers(), 2);
    // A round closed in an earlier session: later answers wait for a new round, and say so.
    let mut s = session(&f);
    s.open_pulse().unwrap();
    s.close_pulse();
    s.save_draft(&Drafts::new(&f.data, &f.root)).unwrap();
    accord(&f)
        .args([
            "checkin",
            "crew",
            "--tally",
            "speak-up=0,0,1,0,0 credit=0,0,1,0,0 context=0,0,1,0,0",
        ])
        .assert()
        .success()
        .stderr(contains("already holds a closed pulse round"))
        .stdout(contains("1 answer(s) now wait for the round"));
    // Without --tally and without a terminal the flow still cannot run.
    accord(&f)
        .args(["checkin", "crew"])
        .assert()
        .code(2)
        .stderr(contains("needs an interactive terminal"));
}

#[test]
fn a_tally_is_checked_and_refused_over_the_cap() {
    let f = fixture();
    let tally = |t: &[&str]| {
        let mut c = accord(&f);
        c.args(["checkin", "crew"]);
        for x in t {
            c.args(["--tally", x]);
        }
        c.assert()
    };
    tally(&["speak-up=0,1,1,0,0 credit=0,0,0,2,0"])
        .code(2)
        .stderr(contains("no counts for question \"context\""));
    tally(&[
        "speak-up=1,1,1,1,3",
        "credit=0,0,0,7,0",
        "context=7,0,0,0,0",
    ])
    .code(2)
    .stderr(contains(
        "7 more answers would make 7, more than the 6 members",
    ));
    assert!(draft(&f).is_none());
    // An import and a tally together: 4 + 3 is over the 6 members; 4 + 2 fits.
    import(&f, &form("google.csv"), &GOOGLE_ARGS).success();
    tally(&[
        "speak-up=0,0,3,0,0",
        "credit=0,0,3,0,0",
        "context=0,0,3,0,0",
    ])
    .code(2)
    .stderr(contains("3 more answers would make 7"))
    .stderr(contains("4 answer(s) already wait"));
    assert_eq!(outside(&f)["count"], 4);
    tally(&[
        "speak-up=0,0,2,0,0",
        "credit=0,0,2,0,0",
        "context=0,0,2,0,0",
    ])
    .success()
    .stdout(contains("6 answer(s) now wait for the round, of 6 members"));
    let v = outside(&f);
    assert_eq!(counts(&v, "speak-up"), [1, 0, 3, 1, 1]);
    // The team is complete: no import takes another answer.
    import(&f, b"speak-up,credit,context\n3,3,3\n", &[])
        .code(1)
        .stderr(contains("at most 0 more can be taken"));
}

#[test]
fn a_tally_in_a_terminal_opens_the_flow_with_the_answers_waiting_for_the_round() {
    let f = fixture();
    let t = crate::tmux::Tmux::new("tally");
    let data = f.data.display().to_string();
    let root = f.root.display().to_string();
    t.start_in(
        None,
        &[("ACCORD_TODAY", TODAY), ("ACCORD_DATA_DIR", &data)],
        &[
            "--dir",
            &root,
            "checkin",
            "crew",
            "--tally",
            "speak-up=0,0,1,1,0 credit=0,0,2,0,0 context=0,1,1,0,0",
        ],
    );
    t.wait_for("Check-in: Crew");
    t.keys(&["n"]);
    t.wait_for("Demo");
    t.keys(&["n"]);
    t.wait_for("No pulse taken yet");
    t.keys(&["Enter"]);
    t.wait_for("2 of at most 6 answered");
    t.keys(&["Escape"]);
    t.wait_for("Nobody is answering");
    t.keys(&["c"]);
    t.wait_for("Results withheld: 2 of 5 answers needed");
}
