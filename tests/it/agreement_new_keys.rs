//! #14's keys as `show` and `export` draw them from the bundled agreements: payments' ritual
//! on trial and its norm with a written dimension, atlas' member with working hours.

use crate::common::examples;
use assert_cmd::Command;
use serde_json::Value;

fn out(root: &std::path::Path, args: &[&str]) -> String {
    let o = Command::cargo_bin("accord")
        .unwrap()
        .arg("--dir")
        .arg(root)
        .env("ACCORD_TODAY", "2026-11-22")
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(o).unwrap()
}

#[test]
fn trials_dimensions_and_working_hours_in_text_markdown_html_and_json() {
    let (_tmp, root) = examples();
    let text = out(&root, &["show", "payments", "--format", "text"]);
    assert!(
        text.contains(
            "    On trial until 2026-11-30, then keep, adjust or drop\n    \
             Dimension: ways of working (derived from the mode)\n"
        ),
        "{text}"
    );
    assert!(text.contains("    Dimension: digital\n"), "{text}");
    assert!(
        text.contains("  Dimension: place (derived from the space)\n"),
        "{text}"
    );
    let atlas = out(&root, &["show", "atlas", "--format", "text"]);
    // `show` wraps at 80 columns: the hours hang under the member's line.
    assert!(
        atlas.contains(
            "  Katrin Vogel — product designer · remote · Europe/Berlin · works 09:00 to\n    18:00\n"
        ),
        "{atlas}"
    );
    let atlas_md = out(&root, &["export", "atlas", "--format", "md"]);
    assert!(
        atlas_md.contains(
            "- Katrin Vogel — product designer · remote · Europe/Berlin · works 09:00 to 18:00\n"
        ),
        "{atlas_md}"
    );
    // Members without working hours get no default written in.
    assert_eq!(atlas.matches("works ").count(), 1, "{atlas}");

    let md = out(&root, &["export", "payments", "--format", "md"]);
    assert!(
        md.contains("  - On trial until 2026-11-30, then keep, adjust or drop\n"),
        "{md}"
    );
    assert!(md.contains("  - Dimension: digital\n"), "{md}");
    let html = out(&root, &["export", "payments", "--format", "html"]);
    assert!(
        html.contains("<p class=\"text\">On trial until 2026-11-30, then keep, adjust or drop</p>"),
        "{html}"
    );
    assert!(
        html.contains("<dt>Dimension</dt><dd>digital</dd>"),
        "{html}"
    );
    let atlas_html = out(&root, &["export", "atlas", "--format", "html"]);
    assert!(atlas_html.contains("works 09:00 to 18:00"), "{atlas_html}");

    // JSON is the file's content: the keys as written, nothing derived added.
    let json: Value =
        serde_json::from_str(&out(&root, &["export", "payments", "--format", "json"])).unwrap();
    let a = &json["agreement"];
    let ritual = a["rituals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "belonging-check-in")
        .unwrap();
    assert_eq!(ritual["trial_until"], "2026-11-30");
    assert_eq!(ritual["dimension"], Value::Null, "derived: not written");
    let norm = a["norms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "decision-notes")
        .unwrap();
    assert_eq!(norm["dimension"], "digital");
    let atlas_json: Value =
        serde_json::from_str(&out(&root, &["export", "atlas", "--format", "json"])).unwrap();
    let a = &atlas_json["agreement"];
    let katrin = a["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "Katrin Vogel")
        .unwrap();
    assert_eq!(katrin["working_hours"]["start"], "09:00:00");
    assert_eq!(katrin["working_hours"]["end"], "18:00:00");
}
