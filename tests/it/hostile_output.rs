//! Hostile text in files and file names never acts on a reader: no terminal escape, no
//! invisible or reordering character, no Markdown that renders HTML, fences or notifies
//! people, no GitHub annotation property cut short, and JSON that parses back to the text.
//! The reproductions of issue 10, run against the built binary on real repositories.

use crate::support::{TestRepo, payments};
use serde_json::Value;

/// OSC 52 (write the reader's clipboard), then a screen clear.
const OSC52: &str = "\u{1b}]52;c;SGVsbG8=\u{7}";
const CLEAR: &str = "\u{1b}[2J";

/// The characters the issue found raw in every JSON output, as TOML escapes.
const HIDDEN_TOML: &str = r"\u009b\u009d\u007f\u202e\u2066\u200b\ufeff\u2028\u00ad";
const HIDDEN: &str = "\u{9b}\u{9d}\u{7f}\u{202e}\u{2066}\u{200b}\u{feff}\u{2028}\u{ad}";

/// An oracle written apart from the library's: the characters no output may hold raw.
fn unsafe_chars(s: &str) -> Vec<char> {
    s.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(c,
                    '\u{ad}' | '\u{61c}' | '\u{180e}' | '\u{200b}'..='\u{200f}'
                    | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}'
                    | '\u{fff9}'..='\u{fffb}' | '\u{e0000}'..='\u{e007f}')
        })
        .collect()
}

fn assert_safe(what: &str, out: &str) {
    let bad = unsafe_chars(out);
    assert!(bad.is_empty(), "{what} holds {bad:?}:\n{out}");
}

fn stdout(c: &mut assert_cmd::Command) -> String {
    let out = c.output().unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert_safe("stderr", &String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// A line of Markdown that would open a code fence, or raw HTML, or notify someone.
fn assert_inert_markdown(md: &str) {
    assert_safe("markdown", md);
    for line in md.lines() {
        assert!(
            !line.trim_start().starts_with("```"),
            "a code fence: {line:?}\n{md}"
        );
        assert!(
            !line.trim_start().starts_with("~~~"),
            "a code fence: {line:?}\n{md}"
        );
    }
    for (i, _) in md.match_indices('<') {
        let escaped = md[..i].ends_with('\\');
        // Accord's own markup: the bot's marker, line breaks in table cells.
        let own = md[i..].starts_with("<!-- accord-diff -->") || md[i..].starts_with("<br>");
        assert!(escaped || own, "raw HTML at {i}:\n{md}");
    }
    for (i, _) in md.match_indices('@') {
        let next = md[i + 1..].chars().next();
        let mention = next.is_some_and(|c| c.is_ascii_alphanumeric());
        assert!(!mention, "a mention at {i}:\n{md}");
    }
    assert!(!md.contains("!["), "an image:\n{md}");
}

/// A folder name with everything the issue names: escapes, HTML, a fence line, a mention,
/// an image (no `/`: a folder name cannot hold one; `@org/team` is tested in agreement text).
fn hostile_name() -> String {
    format!("x{OSC52}{CLEAR}<img src=x>\n```\n@octocat ![i](https:e.png)")
}

#[test]
fn diff_all_shows_hostile_team_folders_and_checkin_names_inertly() {
    let r = TestRepo::with_payments();
    let evil = hostile_name();
    r.write(&format!("agreements/{evil}/agreement.toml"), &payments());
    r.write(
        &format!("agreements/payments/checkins/2026-11-17{OSC52}<img src=x>@octocat.toml"),
        "schema = 1\n",
    );
    r.commit_all("hostile names");
    let text = stdout(r.accord().args(["diff", "--all", "HEAD~1", "HEAD"]));
    assert_safe("diff --all", &text);
    assert!(text.contains(r"\u{1b}]52;c;SGVsbG8=\u{7}"), "{text}");
    // One line per name: a newline in a folder name cannot forge a line of the output.
    assert!(!text.lines().any(|l| l.starts_with("```")), "{text}");
    let md = stdout(
        r.accord()
            .args(["diff", "--all", "HEAD~1", "HEAD", "--format", "md"]),
    );
    assert_inert_markdown(&md);
    assert!(md.contains("@&#8203;octocat"), "{md}");
    let json = stdout(
        r.accord()
            .args(["diff", "--all", "HEAD~1", "HEAD", "--format", "json"]),
    );
    assert_safe("diff --all json", &json);
    let doc: Value = serde_json::from_str(&json).unwrap();
    let teams: Vec<&str> = doc["teams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["team"].as_str().unwrap())
        .collect();
    assert!(
        teams.contains(&evil.as_str()),
        "the name round-trips: {teams:?}"
    );
}

#[test]
fn the_overview_shows_hostile_checkin_names_inertly() {
    let r = TestRepo::with_payments();
    r.write(
        &format!("agreements/payments/checkins/2026-11-17{OSC52}{CLEAR}\u{202e}.toml"),
        "schema = 1\n",
    );
    let out = stdout(&mut r.accord());
    assert_safe("the overview", &out);
    assert!(out.contains(r"\u{1b}[2J\u{202e}"), "{out}");
}

#[test]
fn github_annotations_keep_hostile_file_names_in_their_property() {
    let r = TestRepo::with_payments();
    let evil = format!("t{OSC52},line=1::forged\r\n::error title=x");
    r.write(&format!("agreements/{evil}/agreement.toml"), &payments());
    let out = stdout(r.accord().args(["validate", "--format", "github"]));
    assert_safe("validate --format github", &out);
    let line = out
        .lines()
        .find(|l| l.contains("team-folder"))
        .unwrap_or_else(|| panic!("no team-folder finding:\n{out}"));
    let props = line
        .strip_prefix("::error ")
        .and_then(|l| l.split_once("::"))
        .map(|(p, _)| p)
        .unwrap_or_else(|| panic!("not one workflow command: {line}"));
    let names: Vec<&str> = props
        .split(',')
        .map(|p| p.split('=').next().unwrap())
        .collect();
    assert_eq!(names, ["file", "title"], "{line}");
    assert!(
        props.contains("%2Cline=1%3A%3Aforged%0D%0A%3A%3Aerror title=x"),
        "{line}"
    );
    assert_eq!(
        out.lines().filter(|l| l.starts_with("::")).count(),
        out.lines().count()
    );
}

#[test]
fn import_presence_shows_a_hostile_csv_file_name_inertly() {
    let r = TestRepo::with_payments();
    let data = tempfile::tempdir().unwrap();
    let csv = r.file(&format!("export{OSC52}{CLEAR}\u{2066}.csv"));
    std::fs::write(
        &csv,
        "date,person,location\n2026-11-17,Sofie Claes,office\n",
    )
    .unwrap();
    let out = stdout(
        r.accord()
            .args(["import-presence", "payments"])
            .arg(&csv)
            .args(["--from", "2026-11-16", "--to", "2026-11-19"])
            .env("ACCORD_DATA_DIR", data.path()),
    );
    assert_safe("import-presence", &out);
    assert!(out.contains(r"\u{1b}[2J\u{2066}.csv"), "{out}");
}

/// Every string of a JSON document, depth first.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
        Value::Object(o) => o.iter().for_each(|(k, v)| {
            out.push(k.clone());
            strings(v, out);
        }),
        _ => {}
    }
}

fn assert_json_round_trips(what: &str, json: &str, expect: &str) {
    assert_safe(what, json);
    let doc: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{what}: {e}\n{json}"));
    let mut all = Vec::new();
    strings(&doc, &mut all);
    assert!(
        all.iter().any(|s| s.contains(expect)),
        "{what} lost the text:\n{json}"
    );
}

#[test]
fn every_json_output_escapes_hidden_characters_and_round_trips() {
    let r = TestRepo::with_payments();
    let hostile = payments()
        .replace(
            "team = \"Payments\"",
            &format!("team = \"Pay{HIDDEN_TOML}ments\""),
        )
        .replace("version = 3", "version = 4");
    r.write("agreements/payments/agreement.toml", &hostile);
    r.commit_all("payments: v4");
    let team = format!("Pay{HIDDEN}ments");
    for args in [
        &["show", "payments", "--format", "json"][..],
        &["export", "payments", "--format", "json"],
        &["history", "payments", "--format", "json"],
        &["diff", "payments", "HEAD~1", "HEAD", "--format", "json"],
        &["diff", "--all", "HEAD~1", "HEAD", "--format", "json"],
        &["report", "--format", "json"],
        &["blame", "payments", "--format", "json"],
    ] {
        let out = stdout(r.accord().args(args));
        let expect = if args[0] == "blame" {
            ""
        } else {
            team.as_str()
        };
        assert_json_round_trips(&args.join(" "), &out, expect);
    }
    // Raw characters reach validate's findings through a folder name (not a slug).
    r.write(&format!("agreements/t{HIDDEN}/agreement.toml"), &payments());
    for format in ["json", "gitlab"] {
        let out = stdout(r.accord().args(["validate", "--format", format]));
        assert_json_round_trips(format, &out, &format!("t{HIDDEN}/agreement.toml"));
    }
    for format in ["text", "github"] {
        assert_safe(
            format,
            &stdout(r.accord().args(["validate", "--format", format])),
        );
    }
}

#[test]
fn text_markdown_html_and_calendar_outputs_show_hidden_characters() {
    let r = TestRepo::with_payments();
    let hostile = payments().replace(
        "team = \"Payments\"",
        &format!("team = \"Pay{HIDDEN_TOML}ments <img src=x> @octocat @octo-org/core\""),
    );
    r.write("agreements/payments/agreement.toml", &hostile);
    let ics = stdout(r.accord().args(["export", "payments", "--format", "ics"]));
    // Calendars end their lines with CRLF; no other CR may be there.
    assert_safe("ics", &ics.replace("\r\n", "\n"));
    for args in [
        &["show", "payments", "--format", "text"][..],
        &["export", "payments", "--format", "html"],
        &["report"],
        &["week", "payments"],
        &[],
    ] {
        let out = stdout(r.accord().args(args));
        assert_safe(&args.join(" "), &out);
    }
    for args in [
        &["show", "payments", "--format", "md"][..],
        &["export", "payments", "--format", "md"],
        &["report", "--format", "md"],
    ] {
        let out = stdout(r.accord().args(args));
        assert_inert_markdown(&out);
    }
    let html = stdout(r.accord().args(["export", "payments", "--format", "html"]));
    assert!(html.contains("&lt;img src=x&gt;"), "{html}");
    assert!(html.contains(r"\u{202e}"), "{html}");
}
