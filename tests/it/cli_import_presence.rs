//! `accord import-presence` with messy exports: BOM, CRLF, quoted fields, other delimiters,
//! unknown people, bad rows.

use std::path::PathBuf;

use crate::common::{agreement, date, examples, write};
use accord::checkin::{PeriodChoice, Session};
use accord::store::Workspace;
use accord::store::drafts::Drafts;
use assert_cmd::Command;
use predicates::str::contains;

struct Fixture {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    data: PathBuf,
}

fn fixture() -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("agreements");
    let data = tmp.path().join("data");
    write(
        &root,
        "crew/agreement.toml",
        &agreement(
            "Crew",
            &[
                ("Ana Lima", "hybrid"),
                ("Ben Okafor", "hybrid"),
                ("Chen Wei", "onsite"),
                ("Dara Singh", "remote"),
                ("Eli Cohen", "hybrid"),
            ],
        ),
    );
    Fixture {
        _tmp: tmp,
        root,
        data,
    }
}

fn import(f: &Fixture, csv: &[u8], extra: &[&str]) -> assert_cmd::assert::Assert {
    let file = f.root.parent().unwrap().join("export.csv");
    std::fs::write(&file, csv).unwrap();
    Command::cargo_bin("accord")
        .unwrap()
        .arg("--dir")
        .arg(&f.root)
        .args(["import-presence", "crew"])
        .arg(&file)
        .args(["--from", "2026-11-02", "--to", "2026-11-15"])
        .args(extra)
        .env("ACCORD_TODAY", "2026-11-20")
        .env("ACCORD_DATA_DIR", &f.data)
        .assert()
}

fn draft(f: &Fixture) -> Option<String> {
    let drafts = Drafts::new(&f.data, &f.root);
    drafts
        .load("crew", accord::store::drafts::DraftKind::CheckIn)
        .map(|d| d.text)
}

fn presence(text: &str) -> Vec<(String, u32, u32)> {
    let c: accord::model::CheckIn = toml::from_str(text).unwrap();
    c.presence
        .iter()
        .map(|d| (d.date.to_string(), d.present, d.expected))
        .collect()
}

const MESSY: &str = "\u{feff}\"Date\",\"Person\",\"Location\",\"Note\"\r\n\
2026-11-03,Ana Lima,office,\"arrived late, left early\"\r\n\
2026-11-03,\"Ben Okafor\",Office,\r\n\
2026-11-03,Chen Wei,onsite,\"said \"\"hi\"\"\"\r\n\
2026-11-03,Dara Singh,office,\r\n\
2026-11-03,Eli Cohen,home,\r\n\
2026-11-03,  ana  LIMA ,office,twice\r\n\
\r\n\
2026-11-10T08:55:00,Ana Lima,office,\r\n\
2026-11-10,Zed Unknown,office,\r\n\
2026-11-10,Sofie C.,office,\r\n\
2026-11-05,Ana Lima,office,\r\n\
2026-10-27,Ana Lima,office,\r\n";

#[test]
fn messy_csv_is_counted_per_presence_day_into_the_draft() {
    let f = fixture();
    import(&f, MESSY.as_bytes(), &[])
        .success()
        .stdout(contains("Tue 2026-11-03  3 of 4 present   75%  below 80%"))
        .stdout(contains("Tue 2026-11-10  1 of 4 present   25%  below 80%"))
        .stdout(contains("\"Zed Unknown\" (line 10)"))
        .stdout(contains("\"Sofie C.\" (line 11)"))
        .stdout(contains(
            "Rows not counted: 1 outside the period, 1 on other days, 1 of remote members (not expected)",
        ));
    let text = draft(&f).expect("a check-in draft");
    assert_eq!(
        presence(&text),
        [
            ("2026-11-03".to_string(), 3, 4),
            ("2026-11-10".to_string(), 1, 4)
        ]
    );
    // The check-in flow starts from it, with the import's period.
    let ws = Workspace::new(&f.root);
    let drafts = Drafts::new(&f.data, &f.root);
    let s = Session::start(
        &ws,
        "crew",
        Some(&drafts),
        date("2026-11-20"),
        PeriodChoice::default(),
    )
    .unwrap();
    assert_eq!(s.period().from, date("2026-11-02"));
    assert_eq!(s.period().to, date("2026-11-15"));
    assert!(s.is_entered(date("2026-11-03")));
    assert_eq!(s.presence_days()[0].present, 3);
}

#[test]
fn semicolons_tabs_and_any_column_order() {
    let f = fixture();
    let csv = "date;person;location\n2026-11-03;Ana Lima;office\n2026-11-03;Ben Okafor;office\n";
    import(&f, csv.as_bytes(), &[]).success();
    assert_eq!(
        presence(&draft(&f).unwrap())[0],
        ("2026-11-03".into(), 2, 4)
    );
    let csv = "location\tperson\tdate\toffice id\noffice\tChen Wei\t2026-11-10\t7\n";
    import(&f, csv.as_bytes(), &[]).success();
    // A second import adds to the same draft.
    assert_eq!(
        presence(&draft(&f).unwrap()),
        [
            ("2026-11-03".to_string(), 2, 4),
            ("2026-11-10".to_string(), 1, 4)
        ]
    );
}

#[test]
fn bad_rows_stop_the_import_unless_skipped() {
    let f = fixture();
    let csv = "date,person,location\n2026-11-03,Ana Lima,office\n03/11/2026,Ben Okafor,office\n2026-11-03,Chen Wei\n2026-11-03,,office\n2026-13-03,Eli Cohen,office\n";
    import(&f, csv.as_bytes(), &[])
        .code(1)
        .stderr(contains(
            "line 3: \"03/11/2026\" is not a date; write dates as YYYY-MM-DD",
        ))
        .stderr(contains("export.csv:3:1"))
        .stderr(contains("line 4: expected at least 3 fields, found 2"))
        .stderr(contains("line 5: the person is empty"))
        .stderr(contains("line 6: \"2026-13-03\" is not a date"))
        .stderr(contains("4 bad row(s)"))
        .stderr(contains("nothing was imported"));
    assert!(draft(&f).is_none());
    import(&f, csv.as_bytes(), &["--skip-bad"])
        .success()
        .stderr(contains("warning: line 3:"))
        .stdout(contains("Tue 2026-11-03  1 of 4 present"));
    assert_eq!(presence(&draft(&f).unwrap()), [("2026-11-03".into(), 1, 4)]);
}

#[test]
fn a_file_without_the_header_could_not_run() {
    let f = fixture();
    import(&f, b"2026-11-03,Ana Lima,office\n", &[])
        .code(2)
        .stderr(contains(
            "the first line must name the columns date, person and location",
        ));
    import(&f, b"", &[]).code(2);
    assert!(draft(&f).is_none());
}

#[test]
fn days_without_rows_are_left_blank() {
    let f = fixture();
    import(
        &f,
        b"date,person,location\n2026-11-03,Ana Lima,remote\n",
        &[],
    )
    .success()
    .stdout(contains("Tue 2026-11-03  0 of 4 present"))
    .stdout(contains(
        "No rows at all for 2026-11-10: left blank for the check-in",
    ));
    assert_eq!(presence(&draft(&f).unwrap()), [("2026-11-03".into(), 0, 4)]);
}

#[test]
fn docs_show_an_import_as_it_is() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/checkins.md")).unwrap();
    let (_, csv) = crate::common::fenced_blocks(&doc)
        .into_iter()
        .find(|(info, _)| info == "csv")
        .expect("docs/checkins.md shows an export");
    let (args, expected) = crate::common::documented_runs(&doc)
        .into_iter()
        .find(|(args, _)| args[0] == "import-presence")
        .expect("docs/checkins.md shows an import");
    let (tmp, root) = examples();
    std::fs::write(tmp.path().join("badges.csv"), csv).unwrap();
    let data = tmp.path().join("data");
    let out = Command::cargo_bin("accord")
        .unwrap()
        .current_dir(tmp.path())
        .args(&args)
        .env("ACCORD_TODAY", "2026-11-22")
        .env("ACCORD_DATA_DIR", &data)
        .env_remove("ACCORD_DIR")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    // The drafts folder is named by a hash of this run's folder: the docs elide it.
    let drafts = Drafts::new(&data, &root);
    let out = String::from_utf8(out).unwrap().replace(
        &format!("{}/", drafts.dir().display()),
        "~/.local/share/accord/drafts/agreements-…/",
    );
    assert_eq!(
        out,
        expected,
        "docs/checkins.md, `accord {}`: paste the new output in",
        args.join(" ")
    );
}
