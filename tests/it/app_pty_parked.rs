//! `accord edit` in a real terminal (tmux) opens with the topics parked at the team's last
//! adoption, read from git; the lead takes one up and keeps the other, and the commit of the
//! save says so.

use std::path::Path;

use crate::common::copy_dir;
use crate::support::TestRepo;
use crate::tmux::Tmux;

#[test]
fn edit_opens_with_last_times_parked_topics_and_the_commit_says_what_became_of_them() {
    let r = TestRepo::new();
    copy_dir(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/agreements")),
        &r.file("agreements"),
    );
    r.commit_all(
        "payments: adopt agreement v3\n\nParking lot (topics to come back to)\n  - Lunch budget\n  - Desk booking\n\nAgreement-Version: 3\n",
    );
    let data = tempfile::tempdir().unwrap();
    let root = r.file("agreements");
    let t = Tmux::new("parked");
    t.start(
        &[
            ("ACCORD_DIR", root.as_path()),
            ("ACCORD_DATA_DIR", data.path()),
        ],
        "2026-11-20",
        &["edit", "payments"],
    );
    let s = t.wait_for("Parked last time (2)");
    assert!(s.contains("Lunch budget"), "{s}");
    assert!(s.contains("Desk booking"), "{s}");
    assert!(s.contains("adoption"), "{s}");
    t.keys(&["t"]);
    t.wait_for("“Lunch budget”: take up");
    t.keys(&["Down", "p"]);
    t.wait_for("“Desk booking”: keep parked");
    t.keys(&["Escape"]);
    t.wait_for("1 taken up, 1 kept parked, 0 dropped");
    for _ in 0..7 {
        t.keys(&["n"]);
    }
    let s = t.wait_for("Taken up     1 topic parked last time");
    assert!(s.contains("Parking lot  1 topic"), "{s}");
    t.keys(&["s"]);
    t.wait_for("committed");
    t.keys(&["q"]);
    t.wait_gone();

    let msg = r.git(&["log", "-1", "--format=%B"]);
    assert!(msg.starts_with("payments: "), "{msg}");
    assert!(
        msg.contains("Parking lot (topics to come back to)\n  - Desk booking\n\n"),
        "{msg}"
    );
    assert!(
        msg.contains("Taken up from the parking lot\n  - Lunch budget\n"),
        "{msg}"
    );
}
