//! `report --format json` writes each team as it is scored: the bytes must be those of the
//! report built whole, across batches of teams, with problems and unsafe characters.

use crate::common::{date, examples};
use accord::report::{self, Plan};
use accord::store::Workspace;
use accord::validate::NoHistory;

#[test]
fn streamed_json_is_the_report_built_whole() {
    let (_tmp, root) = examples();
    // More teams than one batch: copies of payments, one with a check-in that does not parse
    // and one whose name holds characters JSON must escape.
    let payments = root.join("payments");
    for i in 0..40 {
        let team = root.join(format!("copy-{i:02}"));
        std::fs::create_dir_all(team.join("checkins")).unwrap();
        std::fs::copy(payments.join("agreement.toml"), team.join("agreement.toml")).unwrap();
        for e in std::fs::read_dir(payments.join("checkins")).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(&p, team.join("checkins").join(p.file_name().unwrap())).unwrap();
        }
    }
    crate::common::write(&root, "copy-07/checkins/2026-11-24.toml", "schema = = 1\n");
    let file = root.join("copy-13/agreement.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let marked = text.replacen("team = \"", "team = \"\u{202e}\u{9b}", 1);
    assert_ne!(marked, text, "the agreement names its team");
    std::fs::write(file, marked).unwrap();

    let ws = Workspace::new(&root);
    let today = date("2026-11-26");
    let whole = report::build(&ws, None, today, &NoHistory).unwrap();
    assert!(!whole.problems.is_empty());
    let expected = report::json::render(&whole);
    assert!(expected.contains(r"\u202e\u009b"), "the name is escaped");

    let mut out = Vec::new();
    let plan = Plan::new(&ws, None, &NoHistory).unwrap();
    let (rest, written) = report::json::stream(plan, today, &mut out);
    written.unwrap();
    out.push(b'\n');
    assert_eq!(String::from_utf8(out).unwrap(), expected);
    assert!(rest.teams.is_empty(), "the streamed teams are not kept");
    assert_eq!(rest.problems.len(), whole.problems.len());
    assert_eq!(rest.across, whole.across);
    assert_eq!(rest.attention, whole.attention);
}
